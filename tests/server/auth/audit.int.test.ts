import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../../../server/routes/audit.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import { flushDenials } from '../../../server/auth/denials.ts';
import { Client, Clock, auditRows, captureConsole, loggedIn, makeApp, scanForPersonalData, seedFixtures, type App } from './fixtures.ts';

let database: TestDatabase;
let app: App;
let logLines: string[];
const clock = new Clock();

beforeAll(async () => {
  logLines = captureConsole();
  database = await openTestDatabase();
  await seedFixtures(database);
  app = makeApp(database, clock);
  // Some history: logins, a failure, an unmasking, a denial.
  const minquan = await loggedIn(app, 'minquan');
  await minquan.post('/api/households/HHMQ0001/unmask', { reason: '核对' });
  await new Client(app).post('/api/auth/login', { username: 'admin', password: 'wrong-password-1' });
  await (await loggedIn(app, 'planner')).get('/api/audit');
});
afterAll(() => database?.dispose());

describe(`audit log (${testBackend})`, () => {
  it.each([
    { title: 'UPDATE', stmt: sql`UPDATE audit_log SET result = 'ok'` },
    { title: 'UPDATE of one row', stmt: sql`UPDATE audit_log SET target = NULL WHERE id = (SELECT min(id) FROM audit_log)` },
    { title: 'DELETE', stmt: sql`DELETE FROM audit_log` },
    { title: 'TRUNCATE', stmt: sql`TRUNCATE audit_log` },
  ])('cannot be changed by the application: $title raises', async ({ stmt }) => {
    const before = await auditRows(database);
    expect(before.length).toBeGreaterThan(3);
    const error = await database.rows(stmt).then(
      () => undefined,
      (e: Error & { cause?: { message?: string; code?: string } }) => e.cause ?? e,
    );
    expect(error?.message).toMatch(/audit_log is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed/);
    expect((error as { code?: string }).code).toBe('42501'); // insufficient_privilege
    expect(await auditRows(database)).toEqual(before);
  });

  it('records user, time, action, target, result, IP and request id', async () => {
    const [row] = await database.rows<{ at: Date; username: string; action: string; result: string; request_id: string }>(
      sql`SELECT at, username, action, result, request_id FROM audit_log WHERE action = 'households.unmask'`,
    );
    expect(row).toMatchObject({ username: 'minquan', action: 'households.unmask', result: 'ok' });
    expect(new Date(row.at).getTime()).toBe(clock.t);
    expect(row.request_id).toMatch(/^[\w-]{8,}$/);
  });

  it('is listed to the administrator, newest first, with filters and paging', async () => {
    const admin = await loggedIn(app, 'admin');
    const page = (await admin.get('/api/audit?pageSize=2&page=1')).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(4);
    expect(page.items[0].id).toBeGreaterThan(page.items[1].id);
    const page2 = (await admin.get('/api/audit?pageSize=2&page=2')).json();
    expect(page2.items[0].id).toBeLessThan(page.items[1].id);
    const failed = (await admin.get('/api/audit?action=auth.login&result=failed')).json();
    expect(failed.items.map((e: { username: string }) => e.username)).toEqual(['admin']);
    const denied = (await admin.get('/api/audit?username=planner&result=denied')).json();
    expect(denied.items[0]).toMatchObject({ action: 'access.denied', target: 'GET /api/audit' });
    expect((await admin.get('/api/audit?result=bogus')).status).toBe(400);
    expect((await admin.get('/api/audit?pageSize=100000')).status).toBe(400);
  });

  it('is exported as CSV by the administrator, and the export is audited', async () => {
    const admin = await loggedIn(app, 'admin');
    const res = await admin.get('/api/audit/export.csv?action=households.unmask');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('id,at,userId,username,role,action,target,result,ip,requestId,detail');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/,minquan,county_editor,households.unmask,household:#[0-9a-f]{16},ok,/);
    expect(res.text).not.toContain('HHMQ0001');
    expect((await auditRows(database, sql`action = 'audit.export'`)).at(-1)).toMatchObject({
      username: 'admin',
      result: 'ok',
      detail: { rows: 1 },
    });
  });

  it.each(['minquan', 'leader', 'planner'] as const)('is not shown to the %s role', async (who) => {
    const c = await loggedIn(app, who);
    expect((await c.get('/api/audit')).status).toBe(403);
    expect((await c.get('/api/audit/export.csv')).status).toBe(403);
    expect((await new Client(app).get('/api/audit')).status).toBe(401);
  });

  it.each([
    { value: '=HYPERLINK("http://x")', expected: `"'=HYPERLINK(""http://x"")"` },
    { value: '+1', expected: "'+1" },
    { value: '-1', expected: "'-1" },
    { value: '@SUM(A1)', expected: "'@SUM(A1)" },
    { value: 'a,b', expected: '"a,b"' },
    { value: null, expected: '' },
    { value: { reason: 'x' }, expected: '"{""reason"":""x""}"' },
    { value: 42, expected: '42' },
  ])('CSV cell $value → $expected (no formula injection)', ({ value, expected }) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('aggregates repeated anonymous denials: one row per client, route and 10-minute window with a count', async () => {
    const proxied = makeApp(database, clock, { trustProxy: true });
    const from = { 'X-Forwarded-For': '203.0.113.77' };
    const anon = new Client(proxied);
    const probes = [
      () => anon.request('OPTIONS', '/api/regions', { headers: from }),
      () => anon.get('/api/households?village=411421100201', from),
      () => anon.post('/api/users', { username: 'x' }, from),
      () =>
        anon.request('POST', '/api/auth/logout', {
          body: 'x=1',
          headers: { ...from, 'Content-Type': 'application/x-www-form-urlencoded' },
        }),
    ];
    const statuses = new Set<number>();
    for (const probe of probes) for (let i = 0; i < 200; i++) statuses.add((await probe()).status);
    expect([...statuses].sort()).toEqual([401, 403, 415]);
    const rowsOf = () => auditRows(database, sql`ip = '203.0.113.77'`);
    // Until the window ends: only the first denial of each route is written.
    expect((await rowsOf()).map((r) => [r.action, r.target, r.detail?.count])).toEqual([
      ['access.denied', 'OPTIONS (no route)', 1],
      ['access.denied', 'GET /api/households', 1],
      ['access.denied', 'POST /api/users', 1],
      ['csrf.blocked', 'POST /api/auth/logout', 1],
    ]);
    // The next denial after the window writes the repeats of the ended windows, then starts a new one.
    clock.advanceMinutes(11);
    await probes[0]();
    const rows = await rowsOf();
    expect(rows).toHaveLength(9);
    const total = new Map<string, number>();
    for (const r of rows) total.set(`${r.action} ${r.target}`, (total.get(`${r.action} ${r.target}`) ?? 0) + Number(r.detail?.count));
    expect(Object.fromEntries(total)).toEqual({
      'access.denied OPTIONS (no route)': 201,
      'access.denied GET /api/households': 200,
      'access.denied POST /api/users': 200,
      'csrf.blocked POST /api/auth/logout': 200,
    });
    const repeats = rows.filter((r) => r.detail?.repeats);
    expect(repeats).toHaveLength(4);
    for (const r of repeats)
      expect(r.detail).toMatchObject({ count: 199, aggregated: true, from: expect.any(String), to: expect.any(String) });
    // Another client is counted on its own; a logged-in user's denials stay one row each.
    const other = await new Client(proxied).request('OPTIONS', '/api/regions', { headers: { 'X-Forwarded-For': '198.51.100.1' } });
    expect(other.status).toBe(403);
    expect(await auditRows(database, sql`ip = '198.51.100.1'`)).toHaveLength(1);
    const leader = await loggedIn(app, 'leader');
    const before = (await auditRows(database, sql`username = 'leader' AND action = 'access.denied'`)).length;
    for (let i = 0; i < 5; i++) expect((await leader.get('/api/audit')).status).toBe(403);
    expect((await auditRows(database, sql`username = 'leader' AND action = 'access.denied'`)).length).toBe(before + 5);
  });

  it('writes the pending repeats at shutdown (flushDenials)', async () => {
    const anon = new Client(makeApp(database, clock, { trustProxy: true }));
    for (let i = 0; i < 30; i++) await anon.request('OPTIONS', '/api/measures', { headers: { 'X-Forwarded-For': '203.0.113.78' } });
    expect(await auditRows(database, sql`ip = '203.0.113.78'`)).toHaveLength(1);
    await flushDenials(database);
    expect((await auditRows(database, sql`ip = '203.0.113.78'`)).map((r) => r.detail?.count)).toEqual([1, 29]);
  });

  it('no response or log line holds personal data', () => {
    expect(scanForPersonalData(logLines)).toEqual([]);
  });
});
