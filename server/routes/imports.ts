/**
 * Ledger imports in two steps: upload a file to validate it (report + preview; nothing written but the
 * batch), then commit the batch (one transaction, idempotent). A county editor imports its own county
 * only; the city administrator every county. Both steps are audited.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { audit } from '../auth/audit.ts';
import { deny, grantFor, requires, routeTarget, userOf } from '../auth/context.ts';
import {
  BatchIdParam,
  CommitResult,
  ExportQuery,
  FileBody,
  ImportKindParam,
  ImportReport,
  TemplateQuery,
  UploadForm,
} from '../contracts/imports.ts';
import { exportRows } from '../db/queries/ledger-export.ts';
import { importKindLabels, personalKinds, type ImportKind } from '../ingest/kinds.ts';
import { exampleRow, toCsv, toXlsx } from '../ingest/ledger-export.ts';
import { HttpError } from '../errors.ts';
import { attachment, ErrorBody, newRouter } from '../http.ts';
import { auditedValidation } from './import-audit.ts';
import { XLSX_TYPE } from '../contracts/ledger-export.ts';
import { commitImport, validateImport } from '../ingest/ledger-import.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const errors = {
  400: { description: 'Invalid request', ...json(ErrorBody) },
  401: { description: 'Not logged in', ...json(ErrorBody) },
  403: { description: 'May not import', ...json(ErrorBody) },
  413: { description: 'File too large', ...json(ErrorBody) },
};

const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(128)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, _ . : - only')
    .optional()
    .openapi({ param: { name: 'idempotency-key', in: 'header' }, description: 'A retried commit with the same key counts once.' }),
});

const validate = createRoute({
  method: 'post',
  path: '/imports/{kind}/validate',
  tags: ['imports'],
  summary: 'Validate an .xlsx or .csv ledger file: report (row, column, value, reason) and preview; nothing is written',
  ...requires('import:run'),
  request: { params: ImportKindParam, body: { required: true, content: { 'multipart/form-data': { schema: UploadForm } } } },
  responses: {
    200: { description: 'The report; `batchId` is set when the file can be committed', ...json(ImportReport) },
    422: { description: 'The file cannot be read as a ledger (wrong content, zip bomb, no header, no data rows)', ...json(ErrorBody) },
    ...errors,
  },
});

const commit = createRoute({
  method: 'post',
  path: '/imports/{id}/commit',
  tags: ['imports'],
  summary: 'Commit a validated batch: all rows in one transaction or none; a retry answers the stored result',
  ...requires('import:run'),
  request: { params: BatchIdParam, headers: IdempotencyHeader },
  responses: {
    200: { description: 'Committed (or the stored result of an earlier commit)', ...json(CommitResult) },
    404: { description: 'No such batch of this account', ...json(ErrorBody) },
    409: { description: 'The ledger changed since validation, or the key was used for another batch', ...json(ErrorBody) },
    422: { description: 'The database refused a row; nothing written', ...json(ErrorBody) },
    ...errors,
  },
});

const files = { content: { [XLSX_TYPE]: { schema: FileBody }, 'text/csv': { schema: FileBody } } };

const exportLedger = createRoute({
  method: 'get',
  path: '/exports/{kind}',
  tags: ['imports'],
  summary: 'The ledger (projects, monthly progress or PV stations) as .xlsx or .csv, in the columns the import reads; audited',
  ...requires('ledger:read'),
  request: { params: ImportKindParam, query: ExportQuery },
  responses: { 200: { description: 'The file', ...files }, ...errors },
});

const template = createRoute({
  method: 'get',
  path: '/imports/{kind}/template',
  tags: ['imports'],
  summary: 'An empty import file with the Chinese headers (units) and one example row',
  ...requires('aggregates:read'),
  request: { params: ImportKindParam, query: TemplateQuery },
  responses: { 200: { description: 'The template', ...files }, ...errors },
});

/**
 * The county an account may import `kind` into (null: every county). Households hold personal data:
 * only a county editor of its own county (households:write) imports them, never the city office.
 */
async function importScope(c: Context, kind: ImportKind): Promise<string | null> {
  if (personalKinds.includes(kind)) {
    const grant = grantFor(c, 'households:write');
    if (!grant) return deny(c, 'households:write', routeTarget(c), { kind });
    return grant.scope === 'county' ? grant.countyCode : null;
  }
  const grant = grantFor(c, 'import:run');
  return grant?.scope === 'county' ? grant.countyCode : null;
}

export const importRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(validate, async (c) => {
      const user = userOf(c);
      const { kind } = c.req.valid('param');
      const { file } = c.req.valid('form');
      const scopeCounty = await importScope(c, kind);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const now = c.get('security').options.now();
      const report = await auditedValidation(c, kind, file, bytes, () =>
        validateImport(database, { kind, bytes, fileName: file.name, scopeCounty, userId: user.id, now }),
      );
      return c.json(report, 200);
    })
    .openapi(commit, async (c) => {
      const user = userOf(c);
      const { id } = c.req.valid('param');
      const key = c.req.valid('header')['idempotency-key'] ?? null;
      const now = c.get('security').options.now();
      try {
        const result = await commitImport(database, {
          batchId: id,
          idempotencyKey: key,
          userId: user.id,
          now,
          mayCommit: (kind) => importScope(c, kind).then(() => undefined),
        });
        await audit(c, { action: 'import.commit', target: `import:${result.kind}`, result: 'ok', detail: { ...result } });
        return c.json(result, 200);
      } catch (err) {
        if (err instanceof HttpError)
          await audit(c, {
            action: 'import.commit',
            target: `import:${id}`,
            result: 'rejected',
            detail: { reason: err.message.slice(0, 200) },
          });
        throw err;
      }
    })
    .openapi(exportLedger, async (c) => {
      const { kind } = c.req.valid('param');
      const { format, county } = c.req.valid('query');
      if (personalKinds.includes(kind))
        throw new HttpError(400, '农户台账含个人信息，不提供导出；请在地图的区域卡片中按村查看（姓名和身份证号已脱敏）。');
      const rows = await exportRows(database, kind, county ?? null);
      const name = `${importKindLabels[kind]}${county ? `-${county}` : ''}`;
      const body = format === 'csv' ? toCsv(kind, rows) : await toXlsx(kind, rows, importKindLabels[kind]);
      await audit(c, {
        action: 'ledger.export',
        target: `export:${kind}`,
        result: 'ok',
        detail: { format, county: county ?? null, rows: rows.length },
      });
      c.header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE);
      c.header('Content-Disposition', attachment(`${name}.${format}`, `${kind}${county ? `-${county}` : ''}.${format}`));
      c.header('Cache-Control', 'private, no-store');
      return c.body(new Uint8Array(body), 200) as never;
    })
    .openapi(template, async (c) => {
      const { kind } = c.req.valid('param');
      const { format } = c.req.valid('query');
      const rows = [exampleRow(kind)];
      const body = format === 'csv' ? toCsv(kind, rows) : await toXlsx(kind, rows, `${importKindLabels[kind]}模板`);
      c.header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE);
      c.header('Content-Disposition', attachment(`${importKindLabels[kind]}导入模板.${format}`, `template-${kind}.${format}`));
      return c.body(new Uint8Array(body), 200) as never;
    });
