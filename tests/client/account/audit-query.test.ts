import { describe, expect, it } from 'vitest';
import {
  auditExportHref,
  auditFilterParams,
  auditSearch,
  formatAuditDetail,
  knownAuditActions,
} from '../../../client/features/admin/audit-query.ts';
import { AuditQuery } from '../../../server/contracts/auth.ts';

const query = (s: string) => Object.fromEntries(new URLSearchParams(s));

describe('audit filters as query', () => {
  it.each([
    { name: 'nothing', filters: {}, page: 1, pageSize: 20, expected: { page: '1', pageSize: '20' } },
    {
      name: 'every filter',
      filters: { action: 'auth.login', username: ' Admin ', result: 'failed' as const, fromDate: '2020年6月20日', toDate: '2020-06-21' },
      page: 3,
      pageSize: 50,
      expected: {
        action: 'auth.login',
        username: 'admin',
        result: 'failed',
        from: '2020-06-20T00:00:00+08:00',
        to: '2020-06-21T23:59:59.999+08:00',
        page: '3',
        pageSize: '50',
      },
    },
    {
      name: 'blank filters left out',
      filters: { action: '  ', username: '', result: null, fromDate: '', toDate: null },
      page: 1,
      pageSize: 20,
      expected: { page: '1', pageSize: '20' },
    },
    { name: 'page and size kept in range', filters: {}, page: 0, pageSize: 10_000, expected: { page: '1', pageSize: '500' } },
  ])('$name', ({ filters, page, pageSize, expected }) => {
    const s = auditSearch(filters, page, pageSize);
    expect(query(s)).toEqual(expected);
    expect(AuditQuery.safeParse(query(s)).success).toBe(true);
  });

  it('the export link carries the same filters and no paging', () => {
    const filters = { action: 'households.unmask', result: 'ok' as const, fromDate: '2020-06-20' };
    const href = auditExportHref(filters);
    expect(href.startsWith('/api/audit/export.csv?')).toBe(true);
    expect(query(href.split('?')[1])).toEqual(Object.fromEntries(auditFilterParams(filters)));
    expect(href).not.toMatch(/page/);
    expect(auditExportHref({})).toBe('/api/audit/export.csv');
  });

  it('offers each action the server writes', () => {
    expect(knownAuditActions).toEqual(
      expect.arrayContaining(['auth.login', 'auth.logout', 'users.disable', 'users.password_reset', 'households.unmask', 'audit.export']),
    );
  });
});

describe('formatAuditDetail', () => {
  it.each([
    { detail: null, expected: '' },
    { detail: { reason: 'wrong_password', failures: 1, locked: false }, expected: 'reason=wrong_password, failures=1, locked=false' },
    { detail: { filters: { action: 'auth.login' } }, expected: 'filters={"action":"auth.login"}' },
  ])('$expected', ({ detail, expected }) => {
    expect(formatAuditDetail(detail)).toBe(expected);
  });
});
