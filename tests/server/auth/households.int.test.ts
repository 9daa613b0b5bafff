import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { householdRefOf } from '../../../server/auth/audit.ts';
import { keyedHash, serverSecret } from '../../../server/auth/secret.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import {
  Client,
  Clock,
  auditRows,
  captureConsole,
  householdDigest,
  loggedIn,
  makeApp,
  scanForPersonalData,
  seedFixtures,
  type App,
} from './fixtures.ts';

let database: TestDatabase;
let app: App;
let logLines: string[];
const clock = new Clock();
let minquan: Client;
let yongcheng: Client;

beforeAll(async () => {
  logLines = captureConsole();
  database = await openTestDatabase();
  await seedFixtures(database);
  app = makeApp(database, clock);
  minquan = await loggedIn(app, 'minquan');
  yongcheng = await loggedIn(app, 'yongcheng');
});
afterAll(() => database?.dispose());

const versionOf = async (id: string) =>
  (await database.rows<{ version: number }>(sql`SELECT version FROM households WHERE id = ${id}`))[0].version;

describe(`household-level data (${testBackend})`, () => {
  it('lists a village of its own county to a county editor, names and ID numbers masked, not cached', async () => {
    const res = await minquan.get('/api/households?village=411421100201');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const body = res.json();
    expect(body.villageName).toBe('东村');
    expect(body.items.map((h: { id: string; holderName: string; idNumber: string }) => [h.id, h.holderName, h.idNumber])).toEqual([
      ['HHMQ0001', '张*明', '4114**********1234'],
      ['HHMQ0002', '欧**明', '4114**********456X'],
    ]);
    expect(res.text).not.toMatch(/geom|coordinates|115\.14/);
    expect((await auditRows(database, sql`action = 'households.list'`)).at(-1)).toMatchObject({
      username: 'minquan',
      target: 'village:411421100201',
      result: 'ok',
    });
  });

  it('refuses another county’s village with 403 and an audit row', async () => {
    const res = await yongcheng.get('/api/households?village=411421100201');
    expect(res.status).toBe(403);
    expect(res.text).not.toMatch(/HHMQ/);
    expect((await auditRows(database, sql`action = 'households.list'`)).at(-1)).toMatchObject({
      username: 'yongcheng',
      target: 'village:411421100201',
      result: 'denied',
    });
  });

  it.each([
    { title: 'a township code', query: 'village=411421100', status: 400 },
    { title: 'an unknown village', query: 'village=411421999999', status: 404 },
    { title: 'no village', query: '', status: 400 },
  ])('answers $status to $title', async ({ query, status }) => {
    expect((await minquan.get(`/api/households?${query}`)).status).toBe(status);
  });

  it.each(['admin', 'leader', 'planner'] as const)('gives no household rows to the %s role, even of any county', async (who) => {
    const c = await loggedIn(app, who);
    for (const v of ['411421100201', '411481100201']) {
      const res = await c.get(`/api/households?village=${v}`);
      expect(res.status).toBe(403);
    }
    expect((await c.post('/api/households/HHMQ0001/unmask', { reason: '核对' })).status).toBe(403);
    expect((await auditRows(database, sql`action = 'access.denied'`)).at(-1)).toMatchObject({
      username: who,
      target: 'POST /api/households/:id/unmask',
      detail: { permission: 'households:unmask' },
    });
  });

  it('unmasks one household of its own county, with the audit row written first', async () => {
    const res = await minquan.post('/api/households/HHMQ0001/unmask', { reason: '核对低保材料' });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ id: 'HHMQ0001', holderName: '张三明', idNumber: '411421198001011234' });
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const row = (await auditRows(database, sql`action = 'households.unmask'`)).at(-1)!;
    expect(row).toMatchObject({
      username: 'minquan',
      result: 'ok',
      target: await householdRefOf(database, 'HHMQ0001'),
      detail: { reason: '核对低保材料' },
    });
    expect(row.target).not.toContain('HHMQ0001');
    expect(row.request_id).toBe(res.headers.get('x-request-id'));
  });

  it('names households in the audit by a keyed pseudonym (HMAC-SHA-256 under the server secret), not a plain hash', async () => {
    await minquan.post('/api/households/HHMQ0002/unmask', { reason: '核对低保材料' });
    const row = (await auditRows(database, sql`action = 'households.unmask'`)).at(-1)!;
    const secret = await serverSecret(database);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(row.target).toBe(`household:#${keyedHash(secret, 'household:HHMQ0002').slice(0, 16)}`);
    // Anyone could recompute an unkeyed hash of a guessable id; the keyed one needs the secret.
    const unkeyed = crypto.createHash('sha256').update('household:HHMQ0002').digest('hex').slice(0, 16);
    expect(row.target).not.toContain(unkeyed);
  });

  it('requires a reason to unmask', async () => {
    expect((await minquan.post('/api/households/HHMQ0001/unmask', {})).status).toBe(400);
  });

  it.each([
    { title: 'another county’s household id', id: 'HHYC0001' },
    { title: 'an unknown household id (same answer)', id: 'HH-NOPE' },
  ])('refuses to unmask $title with 403 and an audit row', async ({ id }) => {
    const res = await minquan.post(`/api/households/${id}/unmask`, { reason: '核对' });
    expect(res.status).toBe(403);
    expect(res.text).not.toMatch(/王五福|411481197704047890/);
    expect((await auditRows(database, sql`action = 'households.unmask'`)).at(-1)).toMatchObject({
      username: 'minquan',
      result: 'denied',
      target: await householdRefOf(database, id),
    });
  });

  it('edits own households all at once and bumps their version', async () => {
    const before = await householdDigest(database);
    const res = await minquan.patch('/api/households', {
      updates: [
        { id: 'HHMQ0001', version: await versionOf('HHMQ0001'), industryMeasures: 2, dividend: true },
        { id: 'HHMQ0003', version: await versionOf('HHMQ0003'), wageEmployment: true },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ updated: 2 });
    const after = await householdDigest(database);
    expect(after['411421']).not.toBe(before['411421']);
    expect(after['411481']).toBe(before['411481']);
    expect(await versionOf('HHMQ0001')).toBe(2);
    expect((await auditRows(database, sql`action = 'households.edit'`)).at(-1)).toMatchObject({ result: 'ok', target: 'households:2' });
  });

  it('refuses a bulk edit mixing own and foreign rows: 403, nothing changed, audited', async () => {
    const before = await householdDigest(database);
    const res = await minquan.patch('/api/households', {
      updates: [
        { id: 'HHMQ0002', version: await versionOf('HHMQ0002'), industryMeasures: 3 },
        { id: 'HHYC0001', version: await versionOf('HHYC0001'), industryMeasures: 3 },
      ],
    });
    expect(res.status).toBe(403);
    expect(await householdDigest(database)).toEqual(before);
    const row = (await auditRows(database, sql`action = 'households.edit'`)).at(-1)!;
    expect(row).toMatchObject({ result: 'denied', detail: { foreignOrUnknown: 1 } });
    expect(JSON.stringify(row)).not.toMatch(/HHYC0001|HHMQ0002/);
  });

  it('refuses a stale version with 409: nothing changed, audited', async () => {
    const before = await householdDigest(database);
    const res = await minquan.patch('/api/households', {
      updates: [
        { id: 'HHMQ0002', version: await versionOf('HHMQ0002'), industryMeasures: 4 },
        { id: 'HHMQ0001', version: 1, industryMeasures: 4 },
      ],
    });
    expect(res.status).toBe(409);
    expect(await householdDigest(database)).toEqual(before);
    expect((await auditRows(database)).at(-1)).toMatchObject({
      action: 'request.rejected',
      result: 'rejected',
      target: 'PATCH /api/households',
      detail: { status: 409 },
    });
  });

  describe('cross-site requests', () => {
    const attempts = [
      {
        title: 'an HTML form post from another site (urlencoded)',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
        body: 'reason=x',
        status: 415,
      },
      {
        title: 'a text/plain no-cors fetch',
        headers: { 'Content-Type': 'text/plain', Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
        body: '{"reason":"xx"}',
        status: 415,
      },
      {
        title: 'a multipart form from another site',
        headers: { 'Content-Type': 'multipart/form-data; boundary=b', Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
        body: '--b\r\nContent-Disposition: form-data; name="reason"\r\n\r\nxx\r\n--b--\r\n',
        status: 403,
      },
      {
        title: 'JSON with a foreign Origin',
        headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example', 'Sec-Fetch-Site': '' },
        body: '{"reason":"xx"}',
        status: 403,
      },
      {
        title: 'JSON from a sibling site',
        headers: { 'Content-Type': 'application/json', Origin: '', 'Sec-Fetch-Site': 'same-site' },
        body: '{"reason":"xx"}',
        status: 403,
      },
    ];
    it.each(attempts)('refuses $title with $status, changes nothing and audits it', async ({ headers, body, status }) => {
      const before = await householdDigest(database);
      const unmask = await minquan.request('POST', '/api/households/HHMQ0001/unmask', { headers, body });
      expect(unmask.status).toBe(status);
      expect(unmask.text).not.toContain('张三明');
      expect((await auditRows(database)).at(-1)).toMatchObject({
        action: 'csrf.blocked',
        result: 'denied',
        username: 'minquan',
        target: 'POST /api/households/:id/unmask',
        detail: { status },
      });
      const edit = await minquan.request('PATCH', '/api/households', {
        headers,
        body: body.replace('"reason":"xx"', '"updates":[{"id":"HHMQ0002","version":1,"dividend":true}]'),
      });
      expect(edit.status).toBe(status);
      expect(await householdDigest(database)).toEqual(before);
      const logout = await minquan.request('POST', '/api/auth/logout', { headers, body });
      expect(logout.status).toBe(status);
      expect((await minquan.get('/api/auth/me')).json().user?.username).toBe('minquan');
    });
  });

  it('limits unmasking per user and hour: 429 in Chinese with Retry-After, the refusal audited, one alert row', async () => {
    const limited = makeApp(database, clock, { unmaskPerHour: 2 });
    const yc = await new Client(limited, 'yongcheng').login('yongcheng');
    const unmask = (id: string) => yc.post(`/api/households/${id}/unmask`, { reason: '核对低保材料' });
    expect((await unmask('HHYC0001')).status).toBe(200);
    expect((await unmask('HHYC0002')).status).toBe(200);
    clock.advanceMinutes(10);
    for (let i = 0; i < 2; i++) {
      const refused = await unmask('HHYC0001');
      expect(refused.status).toBe(429);
      expect(refused.json().error.message).toMatch(
        /^查看完整信息过于频繁：每小时最多 2 次，请 50 分钟后再试；如需批量核对，请联系市扶贫办管理员/,
      );
      expect(refused.headers.get('retry-after')).toBe('3000');
      expect(refused.text).not.toMatch(/王五福|411481197704047890/);
    }
    const alerts = await auditRows(database, sql`action = 'security.alert'`);
    expect(alerts).toHaveLength(1); // once per hour, not per refusal
    expect(alerts[0]).toMatchObject({ username: 'yongcheng', result: 'denied', target: 'user:yongcheng' });
    expect(alerts[0].detail).toMatchObject({ kind: 'unmask_rate_limit', limit: 2, windowMinutes: 60, countyCode: '411481' });
    const refusals = await auditRows(database, sql`action = 'households.unmask' AND detail->>'reason' = 'rate_limited'`);
    expect(refusals.map((r) => [r.username, r.target])).toEqual([
      ['yongcheng', await householdRefOf(database, 'HHYC0001')],
      ['yongcheng', await householdRefOf(database, 'HHYC0001')],
    ]);
    // An hour after the first look, it works again.
    clock.advanceMinutes(51);
    const again = await new Client(limited, 'yongcheng').login('yongcheng');
    expect((await again.post('/api/households/HHYC0001/unmask', { reason: '核对低保材料' })).status).toBe(200);
  });

  it('no response or log line holds personal data', () => {
    expect(scanForPersonalData(logLines)).toEqual([]);
  });
});
