/** The audit log for the city administrator: GET /api/audit (paged, filtered) and /api/audit/export.csv. */
import { createRoute } from '@hono/zod-openapi';
import { and, count, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { AppDeps } from '../app.ts';
import { audit } from '../auth/audit.ts';
import { requires } from '../auth/context.ts';
import { AuditCsv, AuditExportQuery, AuditPage, AuditQuery, type AuditEntry } from '../contracts/auth.ts';
import type { Database } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';
import { ErrorBody, jsonContent, newRouter } from '../http.ts';
import { csvField, neutralise } from '../domain/table-file.ts';

const errors = {
  400: { description: 'Invalid filter', ...jsonContent(ErrorBody) },
  401: { description: 'Not logged in', ...jsonContent(ErrorBody) },
  403: { description: 'Not a city administrator', ...jsonContent(ErrorBody) },
};

/** Most rows one export holds (newest first). */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

const list = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['audit'],
  summary: 'Audit log entries, newest first, with filters and paging',
  ...requires('audit:read'),
  request: { query: AuditQuery },
  responses: { 200: { description: 'One page', ...jsonContent(AuditPage) }, ...errors },
});

const exportCsv = createRoute({
  method: 'get',
  path: '/audit/export.csv',
  tags: ['audit'],
  summary: `The filtered audit log as CSV (UTF-8 with BOM for Excel; at most ${AUDIT_EXPORT_MAX_ROWS} rows, newest first); the export is itself audited`,
  ...requires('audit:read'),
  request: { query: AuditExportQuery },
  responses: { 200: { description: 'CSV file', ...jsonContent(AuditCsv, 'text/csv') }, ...errors },
});

function filters(q: AuditExportQuery): SQL | undefined {
  const conds: SQL[] = [];
  if (q.action) conds.push(eq(auditLog.action, q.action));
  if (q.username) conds.push(eq(auditLog.username, q.username.toLowerCase()));
  if (q.result) conds.push(eq(auditLog.result, q.result));
  if (q.from) conds.push(gte(auditLog.at, new Date(q.from)));
  if (q.to) conds.push(lte(auditLog.at, new Date(q.to)));
  return conds.length ? and(...conds) : undefined;
}

async function readEntries(database: Database, where: SQL | undefined, limit: number, offset: number): Promise<AuditEntry[]> {
  const rows = await database.db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => ({ ...r, at: r.at.toISOString(), result: r.result as AuditEntry['result'], detail: r.detail ?? null }));
}

/** One CSV cell: quoted when needed, and formula-looking text defused (CSV injection into Excel). */
export function csvCell(value: unknown): string {
  return csvField(neutralise(value == null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)));
}

const csvColumns: (keyof AuditEntry)[] = [
  'id',
  'at',
  'userId',
  'username',
  'role',
  'action',
  'target',
  'result',
  'ip',
  'requestId',
  'detail',
];

export const auditRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      const where = filters(q);
      const [{ total }] = await database.db.select({ total: count() }).from(auditLog).where(where);
      const items = await readEntries(database, where, q.pageSize, (q.page - 1) * q.pageSize);
      return c.json({ items, total: Number(total), page: q.page, pageSize: q.pageSize }, 200);
    })
    .openapi(exportCsv, async (c) => {
      const q = c.req.valid('query');
      const entries = await readEntries(database, filters(q), AUDIT_EXPORT_MAX_ROWS, 0);
      const lines = [csvColumns.join(','), ...entries.map((e) => csvColumns.map((k) => csvCell(e[k])).join(','))];
      await audit(c, { action: 'audit.export', target: 'audit_log', result: 'ok', detail: { rows: entries.length, filters: q } });
      const stamp = new Date().toISOString().slice(0, 10);
      return c.body(`\uFEFF${lines.join('\r\n')}\r\n`, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="audit-${stamp}.csv"`,
      });
    });
