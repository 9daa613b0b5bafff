/**
 * The project ledger as a list (台账): filters, sort, search and server-side paging; and a project's
 * change log (its audited edits, before and after) for those entitled to read it.
 */
import { z } from '@hono/zod-openapi';
import { projectCategories, projectStatuses } from './enums.ts';
import { IsoDate } from './layers.ts';
import { RegionCode } from './regions.ts';

export const ledgerSortKeys = ['code', 'name', 'total', 'spent', 'spendRate', 'plannedCompletion', 'status', 'updatedAt'] as const;
export type LedgerSortKey = (typeof ledgerSortKeys)[number];
export const maxLedgerPageSize = 200;

const q = (name: string) => ({ param: { name, in: 'query' as const } });

export const ProjectListQuery = z.object({
  area: RegionCode.optional().openapi({ ...q('area'), description: 'City, county, township or village code (default: every project).' }),
  q: z
    .string()
    .trim()
    .max(100, 'must be at most 100 characters')
    .optional()
    .openapi({ ...q('q'), description: 'Search in code, name and responsible unit.', example: '道路' }),
  status: z
    .enum(projectStatuses, { error: `must be one of ${projectStatuses.join(', ')}` })
    .optional()
    .openapi(q('status')),
  category: z
    .enum(projectCategories, { error: `must be one of ${projectCategories.join(', ')}` })
    .optional()
    .openapi(q('category')),
  year: z.coerce
    .number({ error: 'must be a year, e.g. 2020' })
    .int()
    .min(2000, 'must be 2000 or later')
    .max(2100, 'must be 2100 or earlier')
    .optional()
    .openapi(q('year')),
  overdue: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((v) => v === 'true')
    .optional()
    .openapi({ ...q('overdue'), description: 'Planned completion before asOf and not completed.' }),
  asOf: IsoDate.optional().openapi({ ...q('asOf'), description: 'The date "overdue" is judged on (default: latest cut-off).' }),
  sort: z
    .enum(ledgerSortKeys, { error: `must be one of ${ledgerSortKeys.join(', ')}` })
    .default('code')
    .openapi(q('sort')),
  order: z.enum(['asc', 'desc'], { error: 'must be asc or desc' }).default('asc').openapi(q('order')),
  page: z.coerce.number({ error: 'must be a number' }).int().min(1, 'must be at least 1').max(1_000_000).default(1).openapi(q('page')),
  pageSize: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(1, 'must be at least 1')
    .max(maxLedgerPageSize, `must be at most ${maxLedgerPageSize}`)
    .default(20)
    .openapi(q('pageSize')),
});
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;

export const ProjectListItem = z
  .object({
    code: z.string(),
    name: z.string(),
    year: z.number().int(),
    countyCode: z.string(),
    countyName: z.string().nullable(),
    townshipCode: z.string().nullable(),
    townshipName: z.string().nullable(),
    villageCode: z.string().nullable(),
    villageName: z.string().nullable(),
    category: z.enum(projectCategories),
    status: z.enum(projectStatuses),
    responsibleUnit: z.string(),
    totalInvestmentWan: z.number().openapi({ description: '万元' }),
    arrangedWan: z.number(),
    spentWan: z.number(),
    spendRatePct: z.number().nullable().openapi({ description: 'spent ÷ total investment, percent; null when the total is 0' }),
    plannedCompletion: z.string().nullable(),
    actualCompletion: z.string().nullable(),
    overdue: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string(),
    /** Where to look on the map: the label point of its village (or township, county); never the exact point. */
    anchor: z.tuple([z.number(), z.number()]).nullable(),
  })
  .openapi('ProjectListItem');
export type ProjectListItem = z.infer<typeof ProjectListItem>;

export const ProjectListPage = z
  .object({
    items: z.array(ProjectListItem),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    asOf: z.string(),
    sums: z.object({ totalInvestmentWan: z.number(), spentWan: z.number(), overdue: z.number().int() }),
  })
  .openapi('ProjectListPage');
export type ProjectListPage = z.infer<typeof ProjectListPage>;

const Value = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ProjectChange = z
  .object({
    at: z.string(),
    username: z.string().nullable(),
    action: z.enum(['create', 'edit']),
    /** A monthly report's change: its as-of date (null: the project's own row). */
    asOf: z.string().nullable(),
    version: z.number().int().nullable(),
    changes: z.array(z.object({ field: z.string(), before: Value, after: Value })),
  })
  .openapi('ProjectChange');
export type ProjectChange = z.infer<typeof ProjectChange>;

export const ProjectChangeLog = z.object({ code: z.string(), items: z.array(ProjectChange) }).openapi('ProjectChangeLog');
export type ProjectChangeLog = z.infer<typeof ProjectChangeLog>;
