/** The audit log's filters as the API's query string (GET /api/audit and its CSV export), and labels. */
import type { AuditResult } from '../../api/auth-api.ts';
import { dayRangeToInstants } from './time-format.ts';

export interface AuditFilters {
  action?: string | null;
  username?: string | null;
  result?: AuditResult | null;
  /** Beijing dates, inclusive, as typed or picked (`2020-06-20`, `2020年6月20日`). */
  fromDate?: string | null;
  toDate?: string | null;
}

export const auditResultOrder: readonly AuditResult[] = ['ok', 'denied', 'failed', 'rejected'];

/** The actions the server records (server/routes, server/auth), offered in the filter. */
export const knownAuditActions = [
  'auth.login',
  'auth.logout',
  'auth.password',
  'auth.session',
  'auth.unlock',
  'users.create',
  'users.update',
  'users.disable',
  'users.enable',
  'users.password_reset',
  'users.grant_unmask',
  'households.list',
  'households.unmask',
  'households.edit',
  'audit.export',
  'access.denied',
  'csrf.blocked',
  'request.rejected',
  'security.alert',
] as const;

/** The filter part of the query (no paging), with empty filters left out. */
export function auditFilterParams(f: AuditFilters): URLSearchParams {
  const p = new URLSearchParams();
  const action = f.action?.trim();
  const username = f.username?.trim().toLowerCase();
  if (action) p.set('action', action);
  if (username) p.set('username', username);
  if (f.result) p.set('result', f.result);
  const { from, to } = dayRangeToInstants(f.fromDate ?? null, f.toDate ?? null);
  if (from) p.set('from', from);
  if (to) p.set('to', to);
  return p;
}

/** Query string of one page of the list. */
export function auditSearch(f: AuditFilters, page: number, pageSize: number): string {
  const p = auditFilterParams(f);
  p.set('page', String(Math.max(1, Math.floor(page))));
  p.set('pageSize', String(Math.min(500, Math.max(1, Math.floor(pageSize)))));
  return p.toString();
}

/** The link of the CSV export with the same filters (a plain GET: the browser downloads it with the session cookie). */
export function auditExportHref(f: AuditFilters): string {
  const q = auditFilterParams(f).toString();
  return `/api/audit/export.csv${q ? `?${q}` : ''}`;
}

/** A compact one-line rendering of an entry's detail (`reason=wrong_password, failures=1`). */
export function formatAuditDetail(detail: Record<string, unknown> | null | undefined): string {
  if (!detail) return '';
  return Object.entries(detail)
    .map(([k, v]) => `${k}=${v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}
