/** Target rules per measure on the demo data: PV registration is a fixed 100 %, the administrator changes rules. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/auth/password.ts';
import { users } from '../../../server/db/schema.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import { Client, Clock, auditRows, cheapScrypt, fixtureUsers, makeApp, passwordOf, type App } from '../auth/fixtures.ts';

let database: TestDatabase;
let app: App;

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  for (const [username, u] of Object.entries(fixtureUsers)) {
    await database.db.insert(users).values({
      username: `t_${username}`,
      displayName: username,
      passwordHash: await hashPassword(passwordOf(`t_${username}`), cheapScrypt),
      ...u,
    });
  }
  app = makeApp(database, new Clock());
}, 180_000);
afterAll(async () => database?.dispose());

const login = (who: keyof typeof fixtureUsers) => new Client(app, who).login(`t_${who}`);
const pvCounties = (rows: { name: string; status: string; value: number | null }[], value: number) =>
  rows.filter((r) => r.value === value).map((r) => r.status);

describe(`target rules (${testBackend})`, () => {
  it('lists every measure’s rule; PV registration is a fixed 100 % due from 1 January', async () => {
    const res = await (await login('leader')).get('/api/targets?year=2020');
    expect(res.status).toBe(200);
    const items = res.json().items as { measureId: string; method: string; own: boolean; milestones: unknown[] }[];
    expect(items.find((i) => i.measureId === 'pv_registration')).toMatchObject({
      method: 'fixed',
      own: true,
      milestones: [{ date: '2020-01-01', valuePct: 100 }],
    });
    expect(items.find((i) => i.measureId === 'spend_rate')).toMatchObject({ method: 'linear', own: false });
  });

  it('shows the speech’s 50 % units as lagging against the fixed target, and the briefing says so', async () => {
    const res = await app.request('/api/measures/pv_registration?level=county&parent=4114&asOf=2020-06-20');
    const body = (await res.json()) as { expected: number; rows: { name: string; status: string; value: number | null }[] };
    expect(body.expected).toBe(100);
    expect(pvCounties(body.rows, 50)).toEqual(['lagging', 'lagging', 'lagging', 'lagging']);
    expect(pvCounties(body.rows, 100)).toEqual(['on_track', 'on_track', 'on_track', 'on_track']);
    const b = (await (await app.request('/api/measures/pv_registration/briefing?level=county&parent=4114&asOf=2020-06-20')).json()) as {
      expectedKind: string;
      sentences: string[];
    };
    expect(b.expectedKind).toBe('fixed');
    expect(b.sentences[0]).toMatch(/，目标为100\.0%，落后\d+\.\d个百分点。$/);
    expect(b.sentences[2]).toMatch(/^落后目标超过5个百分点的县（市、区）有\d+个：/);
    for (const name of ['永城市', '民权县', '柘城县', '夏邑县']) expect(b.sentences[2]).toContain(`${name}（落后50.0个百分点）`);
  });

  it('lets only the city administrator change a rule, with a clear message for a bad one, audited', async () => {
    const leader = await login('leader');
    const put = (client: Awaited<ReturnType<typeof login>>, id: string, json: unknown) =>
      client.request('PUT', `/api/targets/${id}`, { json });
    expect((await put(leader, 'spend_rate', { year: 2020, method: 'none' })).status).toBe(403);
    const admin = await login('admin');
    const bad = await put(admin, 'pv_registration', { year: 2020, method: 'fixed', milestones: [] });
    expect(bad.status).toBe(400);
    expect(bad.json().error.message).toMatch(/milestones: a fixed target needs exactly one milestone/);
    expect((await put(admin, 'pv_registration', { year: 2019, method: 'none' })).status).toBe(404);

    // A cached answer from before the change must not be served after it (the write bumps the data version).
    const cached = (await (await app.request('/api/measures/spend_rate?level=county&parent=4114&asOf=2020-06-20')).json()) as {
      expected: number | null;
    };
    expect(cached.expected).toBeGreaterThan(0);
    const none = await put(admin, 'overdue', { year: 2020, method: 'none' });
    expect(none.status).toBe(200);
    const ok = await put(admin, 'spend_rate', { year: 2020, method: 'none' });
    expect(ok.json()).toMatchObject({ measureId: 'spend_rate', method: 'none', own: true });
    const spend = (await (await app.request('/api/measures/spend_rate?level=county&parent=4114&asOf=2020-06-20')).json()) as {
      expected: number | null;
      rows: { status: string }[];
    };
    expect(spend.expected).toBeNull();
    expect(new Set(spend.rows.map((r) => r.status))).toEqual(new Set(['none']));

    const milestone = await put(admin, 'spend_rate', {
      year: 2020,
      method: 'milestone',
      milestones: [
        { date: '2020-06-30', valuePct: 60 },
        { date: '2020-03-31', valuePct: 20 },
      ],
    });
    expect(milestone.json().milestones).toEqual([
      { date: '2020-03-31', valuePct: 20 },
      { date: '2020-06-30', valuePct: 60 },
    ]);
    const after = (await (await app.request('/api/measures/spend_rate?level=county&parent=4114&asOf=2020-06-20')).json()) as {
      expected: number | null;
    };
    expect(after.expected).toBe(20);
    const rows = await auditRows(database);
    expect(rows.filter((r) => r.action === 'targets.update').length).toBe(3);
  });
});
