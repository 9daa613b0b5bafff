/**
 * Editing ledger rows (projects, PV stations): the fields a county editor may change, the optimistic
 * version, and the 409 answer that says what changed since the row was read.
 */
import { z } from '@hono/zod-openapi';
import { projectStatuses, pvStatuses, responsibleLevels } from './enums.ts';

const Money = z.number().min(0, '金额不能为负数').max(1e9).openapi({ description: '万元' });
const IsoDate = z.iso.date('必须是 YYYY-MM-DD 日期').nullable();
const Count = z.number().int().min(0).max(10_000_000);

export const ProjectEditFields = z
  .object({
    name: z.string().trim().min(1, '项目名称不能为空').max(200),
    status: z.enum(projectStatuses),
    responsibleLevel: z.enum(responsibleLevels),
    responsibleUnit: z.string().trim().min(1).max(200),
    totalInvestmentWan: Money,
    arrangedWan: Money,
    disbursedWan: Money,
    spentWan: Money,
    plannedStart: IsoDate,
    plannedCompletion: IsoDate,
    actualStart: IsoDate,
    actualCompletion: IsoDate,
    householdsReached: Count,
    poorHouseholdsReached: Count,
    dividendRatePct: z.number().min(0).max(100).nullable(),
  })
  .partial()
  .strict()
  .openapi('ProjectEditFields');
export type ProjectEditFields = z.infer<typeof ProjectEditFields>;

export const PvEditFields = z
  .object({
    name: z.string().trim().min(1).max(200),
    status: z.enum(pvStatuses),
    capacityKw: z.number().positive('装机容量应大于 0').max(1e7),
    gridDate: IsoDate,
    registered: z.boolean(),
    registeredDate: IsoDate,
    yearlyGenerationKwh: z.number().min(0).max(1e12),
    yearlyIncomeWan: Money,
    incomeWelfareJobsWan: Money,
    incomeCollectiveWan: Money,
    householdsReached: Count,
  })
  .partial()
  .strict()
  .openapi('PvEditFields');
export type PvEditFields = z.infer<typeof PvEditFields>;

const editBody = <T extends z.ZodType>(fields: T, name: string) =>
  z
    .object({
      version: z.number().int().min(1).openapi({ description: 'The version the edit is based on (from the row as read).' }),
      set: fields,
      base: fields.optional().openapi({ description: 'The values as read, to say on 409 which fields someone else changed.' }),
    })
    .openapi(name);

export const ProjectEditBody = editBody(ProjectEditFields, 'ProjectEditBody');
export type ProjectEditBody = z.infer<typeof ProjectEditBody>;
export const PvEditBody = editBody(PvEditFields, 'PvEditBody');
export type PvEditBody = z.infer<typeof PvEditBody>;

const Value = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** A row's editable values with its version. */
export const EditableRow = z
  .object({ code: z.string(), version: z.number().int(), countyCode: z.string(), values: z.record(z.string(), Value) })
  .openapi('EditableRow');
export type EditableRow = z.infer<typeof EditableRow>;

export const EditResult = z
  .object({ row: EditableRow, changed: z.array(z.object({ field: z.string(), before: Value, after: Value })) })
  .openapi('EditResult');
export type EditResult = z.infer<typeof EditResult>;

export const EditConflict = z
  .object({
    error: z.object({ message: z.string() }),
    current: EditableRow,
    /** Fields whose stored value differs from `base` (or from `set` when no base was sent). */
    theirChanges: z.array(z.object({ field: z.string(), base: Value, current: Value })),
  })
  .openapi('EditConflict');
export type EditConflict = z.infer<typeof EditConflict>;
