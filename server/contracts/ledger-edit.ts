/**
 * Editing ledger rows (projects, monthly progress reports, PV stations) and creating projects and
 * reports: the fields a county editor may change, the optimistic version, and the 409 answer that
 * says what changed since the row was read.
 */
import { z } from '@hono/zod-openapi';
import { industryModes, projectCategories, projectStatuses, pvStatuses, responsibleLevels } from './enums.ts';

const Money = z.number().min(0, '金额不能为负数').max(1e9).openapi({ description: '万元' });
const IsoDate = z.iso.date('必须是 YYYY-MM-DD 日期').nullable();
const Count = z.number().int().min(0).max(10_000_000);

const projectFieldShape = z.object({
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
});
export const ProjectEditFields = projectFieldShape.partial().strict().openapi('ProjectEditFields');
export type ProjectEditFields = z.infer<typeof ProjectEditFields>;

/** 月报: a project's state as of a date (money cumulative, in 万元; 形象进度 in percent). */
const progressFieldShape = z.object({
  status: z.enum(projectStatuses),
  arrangedWan: Money,
  disbursedWan: Money,
  spentWan: Money,
  physicalProgressPct: z.number().min(0, '形象进度应在 0–100 之间').max(100, '形象进度应在 0–100 之间'),
});
export const ProgressEditFields = progressFieldShape.partial().strict().openapi('ProgressEditFields');
export type ProgressEditFields = z.infer<typeof ProgressEditFields>;

export const ProgressCreateBody = progressFieldShape
  .extend({ asOf: z.iso.date('必须是 YYYY-MM-DD 日期').openapi({ description: '截止日期 (the report is as of this date)' }) })
  .strict()
  .openapi('ProgressCreateBody');
export type ProgressCreateBody = z.infer<typeof ProgressCreateBody>;

/**
 * A new project: code, name, year, county (and optionally its village), category (with the industry
 * mode for industry projects), responsible level and unit, total investment; the other ledger fields
 * as in an edit, optional. The location is a point (longitude, latitude, EPSG:4326) or none (未定位).
 */
export const ProjectCreateBody = projectFieldShape
  .partial()
  .extend({
    code: z
      .string()
      .trim()
      .min(1, '项目编号不能为空')
      .max(32, '项目编号最长 32 个字符')
      .regex(/^[^\s/?#%\\]+$/, '项目编号不能含空格和 / ? # % \\'),
    name: projectFieldShape.shape.name,
    year: z.number().int().min(2000, '年度应在 2000–2100 之间').max(2100, '年度应在 2000–2100 之间'),
    countyCode: z.string().regex(/^[0-9]{6}$/, '县级区划代码为 6 位数字'),
    villageCode: z
      .string()
      .regex(/^[0-9]{12}$/, '村级区划代码为 12 位数字')
      .nullable()
      .optional(),
    category: z.enum(projectCategories),
    industryMode: z.enum(industryModes).nullable().optional(),
    responsibleLevel: projectFieldShape.shape.responsibleLevel,
    responsibleUnit: projectFieldShape.shape.responsibleUnit,
    totalInvestmentWan: Money,
    lng: z.number().min(-180).max(180).nullable().optional().openapi({ description: 'Longitude, EPSG:4326' }),
    lat: z.number().min(-90).max(90).nullable().optional().openapi({ description: 'Latitude, EPSG:4326' }),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.category === 'industry' && !b.industryMode)
      ctx.addIssue({ code: 'custom', path: ['industryMode'], message: '产业项目须填写产业模式' });
    if (b.category !== 'industry' && b.industryMode)
      ctx.addIssue({ code: 'custom', path: ['industryMode'], message: '非产业项目不填产业模式' });
    if ((b.lng == null) !== (b.lat == null)) ctx.addIssue({ code: 'custom', path: ['lat'], message: '经度和纬度须同时填写或同时留空' });
    if ((b.poorHouseholdsReached ?? 0) > (b.householdsReached ?? 0))
      ctx.addIssue({ code: 'custom', path: ['poorHouseholdsReached'], message: '带动贫困户数不能多于带动户数' });
  })
  .openapi('ProjectCreateBody');
export type ProjectCreateBody = z.infer<typeof ProjectCreateBody>;

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
export const ProgressEditBody = editBody(ProgressEditFields, 'ProgressEditBody');
export type ProgressEditBody = z.infer<typeof ProgressEditBody>;

const Value = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** A row's editable values with its version. */
export const EditableRow = z
  .object({
    code: z.string().openapi({ description: 'The project or station code (of a report: its project)' }),
    asOf: z.string().optional().openapi({ description: 'A monthly report: its as-of date' }),
    version: z.number().int(),
    countyCode: z.string(),
    values: z.record(z.string(), Value),
  })
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

/** 409 of a create: the row with that key exists (a report of that date, a project of that code). */
export const CreateConflict = z
  .object({ error: z.object({ message: z.string() }), current: EditableRow.nullable() })
  .openapi('CreateConflict');
export type CreateConflict = z.infer<typeof CreateConflict>;
