/**
 * Ledger imports and exports: the upload form, the validation report, the commit result.
 */
import { z } from '@hono/zod-openapi';
import { geoImportKinds } from '../ingest/geo-kinds.ts';
import { importKinds } from '../ingest/kinds.ts';

export const ImportKindParam = z.object({
  kind: z.enum(importKinds).openapi({
    param: { name: 'kind', in: 'path' },
    example: 'projects',
    description: 'projects | progress | pv_stations | households (county editors of their own county; never exported)',
  }),
});
export type ImportKindParam = z.infer<typeof ImportKindParam>;

export const BatchIdParam = z.object({
  id: z.uuid('must be the batchId of a validation report').openapi({ param: { name: 'id', in: 'path' } }),
});
export type BatchIdParam = z.infer<typeof BatchIdParam>;

export const UploadForm = z
  .object({
    file: z
      .instanceof(File, { message: '请选择要上传的文件（表单字段 file）' })
      .openapi({ type: 'string', format: 'binary', description: '.xlsx or .csv (UTF-8, UTF-8 with BOM or GBK/GB18030)' }),
  })
  .openapi('ImportUpload');
export type UploadForm = z.infer<typeof UploadForm>;

export const ImportIssue = z.object({
  row: z.number().int().openapi({ description: 'Excel row number (1-based); 0 for the whole file.' }),
  column: z.string().openapi({ example: 'F列「总投资（万元）」' }),
  value: z.string(),
  reason: z.string().openapi({ example: '应为金额（数字，单位万元或元）' }),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

export const ImportReport = z
  .object({
    batchId: z
      .string()
      .nullable()
      .openapi({ description: 'Commit this batch with POST /imports/{batchId}/commit; null when the file has problems.' }),
    kind: z.enum(importKinds),
    fileName: z.string(),
    format: z.enum(['xlsx', 'csv']),
    encoding: z.string().nullable(),
    sheetName: z.string().nullable(),
    date1904: z.boolean(),
    ok: z.boolean(),
    counts: z.object({
      dataRows: z.number().int(),
      add: z.number().int(),
      change: z.number().int(),
      unchanged: z.number().int(),
      skip: z.number().int(),
      errors: z.number().int().openapi({ description: 'Rows with at least one problem.' }),
    }),
    issues: z.array(ImportIssue),
    issuesTotal: z.number().int(),
    notices: z.array(z.object({ row: z.number().int().optional(), message: z.string() })),
    columns: z.array(z.object({ index: z.number().int(), letter: z.string(), header: z.string(), field: z.string().nullable() })),
    preview: z.array(
      z.object({
        key: z.string(),
        row: z.number().int(),
        action: z.enum(['add', 'change']),
        changes: z.array(z.object({ field: z.string(), label: z.string(), before: Scalar, after: Scalar })),
      }),
    ),
  })
  .openapi('ImportReport');
export type ImportReport = z.infer<typeof ImportReport>;

export const CommitResult = z
  .object({
    batchId: z.string(),
    kind: z.enum([...importKinds, ...geoImportKinds]),
    added: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    replayed: z.boolean().openapi({ description: 'True when a retried commit answered the stored result (counted once).' }),
    committedAt: z.string(),
  })
  .openapi('ImportCommitResult');
export type CommitResult = z.infer<typeof CommitResult>;

export const ExportQuery = z.object({
  format: z
    .enum(['xlsx', 'csv'])
    .default('xlsx')
    .openapi({ param: { name: 'format', in: 'query' }, example: 'xlsx' }),
  county: z
    .string()
    .regex(/^\d{6}$/, 'must be a 6-digit county code')
    .optional()
    .openapi({ param: { name: 'county', in: 'query' }, example: '411421', description: 'Only this county (default: every county).' }),
});
export type ExportQuery = z.infer<typeof ExportQuery>;

export const TemplateQuery = ExportQuery.pick({ format: true });
export type TemplateQuery = z.infer<typeof TemplateQuery>;

/** A file download (.xlsx or .csv). */
export const FileBody = z.string().openapi({ type: 'string', format: 'binary' });
export type FileBody = z.infer<typeof FileBody>;
