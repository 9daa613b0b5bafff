/**
 * Exports of the ledger views as they are on the screen (.xlsx or .csv): the area ledger of a level
 * under a parent, the project list with the list's filters and sort (every page), and a month's
 * sign-off (层层签字) of every county.
 */
import { z } from '@hono/zod-openapi';
import { measureIds, type MeasureId } from '../domain/measures.ts';
import { areaMeasureIds } from '../domain/area-ledger.ts';
import { ProjectListQuery } from './ledger-list.ts';
import { MeasureQuery } from './measures.ts';
import { SignoffQuery } from './signoffs.ts';

/** Most projects one export holds; narrow the filters beyond that. */
export const maxProjectExportRows = 50_000;

const q = (name: string) => ({ param: { name, in: 'query' as const } });

export const ExportFormat = z
  .enum(['xlsx', 'csv'], { error: 'must be xlsx or csv' })
  .default('xlsx')
  .openapi({ ...q('format'), description: '.xlsx (frozen header row, number formats) or .csv (UTF-8 with BOM).' });

const MeasureList = z
  .string()
  .max(400, 'must be at most 400 characters')
  .transform((s, ctx) => {
    const ids = [...new Set(s.split(',').map((x) => x.trim()))].filter(Boolean);
    const unknown = ids.filter((id) => !(measureIds as readonly string[]).includes(id));
    if (unknown.length || ids.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: unknown.length
          ? `unknown measure ${unknown.join(', ')}; use comma-separated ids of ${measureIds.join(', ')}`
          : 'must name at least one measure',
      });
      return z.NEVER;
    }
    return ids as MeasureId[];
  })
  .openapi({
    ...q('measures'),
    type: 'string',
    description: `Comma-separated measure ids, in column order (default: the area ledger's ${areaMeasureIds.join(', ')}).`,
    example: 'spend_rate,start_rate',
  });

export const AreaLedgerExportQuery = MeasureQuery.pick({ level: true, parent: true, asOf: true }).extend({
  measures: MeasureList.optional(),
  format: ExportFormat,
});
export type AreaLedgerExportQuery = z.infer<typeof AreaLedgerExportQuery>;

export const ProjectLedgerExportQuery = ProjectListQuery.omit({ page: true, pageSize: true }).extend({ format: ExportFormat });
export type ProjectLedgerExportQuery = z.infer<typeof ProjectLedgerExportQuery>;

export const SignoffExportQuery = SignoffQuery.extend({ format: ExportFormat });
export type SignoffExportQuery = z.infer<typeof SignoffExportQuery>;

/** The file of an export. */
export const ExportFile = z.string().openapi({ type: 'string', format: 'binary' });

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The 200 response of an export, .xlsx or .csv, described for the OpenAPI document. */
export const exportFileResponse = (what: string) => ({
  description:
    `${what}. .xlsx: one sheet, Chinese headers with units (万元, %, 户), header row frozen, column widths, ` +
    'percentages with one decimal, money in 万元 with two; .csv: the same columns in UTF-8 with a BOM, CRLF. Text that ' +
    'begins with = + - @ or a tab is written with a leading apostrophe. Notes below the table: the as-of date, ' +
    'the filters and 演示数据 when the database holds the demo data. Content-Disposition names the file.',
  content: { [XLSX_TYPE]: { schema: ExportFile }, 'text/csv': { schema: ExportFile } },
});
export const exportContentType = (format: 'xlsx' | 'csv') => (format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE);
