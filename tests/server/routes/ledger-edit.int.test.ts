/**
 * Editing projects and PV stations over the API, on both backends: own county only, optimistic
 * versions with a 409 that names the other person's changes, audit rows with before and after.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects, pvStations, settings } from '../../../server/db/schema.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import { Client, Clock, auditRows, loggedIn, makeApp, seedFixtures, type App } from '../auth/fixtures.ts';

let database: TestDatabase;
let app: App;
let minquan: Client;
let yongcheng: Client;
let admin: Client;

const base = {
  year: 2020,
  category: 'infrastructure' as const,
  responsibleLevel: 'county' as const,
  responsibleUnit: '县交通局',
  status: 'started' as const,
};

beforeAll(async () => {
  database = await openTestDatabase();
  await seedFixtures(database);
  await database.db.insert(projects).values([
    {
      ...base,
      code: 'MQ-E1',
      name: '东村道路',
      countyCode: '411421',
      totalInvestmentWan: 100,
      householdsReached: 10,
      poorHouseholdsReached: 5,
    },
    { ...base, code: 'YC-E1', name: '南村道路', countyCode: '411481', totalInvestmentWan: 50 },
  ]);
  await database.db
    .insert(pvStations)
    .values({ code: 'PV-E1', name: '东村电站', type: 'village', capacityKw: 300, countyCode: '411421', status: 'building' });
  app = makeApp(database, new Clock());
  minquan = await loggedIn(app, 'minquan');
  yongcheng = await loggedIn(app, 'yongcheng');
  admin = await loggedIn(app, 'admin');
});
afterAll(() => database?.dispose());

describe(`ledger editing (${testBackend})`, () => {
  it('a county editor edits a project of its county; the version goes up; the audit row has before and after', async () => {
    const dataVersion = async () => {
      const rows = await database.db.select().from(settings).where(eq(settings.key, 'data_version'));
      return Number(rows[0]?.value ?? 0);
    };
    const versionBefore = await dataVersion();
    const read = (await minquan.get('/api/ledger/projects/MQ-E1')).json();
    expect(read).toMatchObject({ code: 'MQ-E1', version: 1, values: { name: '东村道路', spentWan: 0, status: 'started' } });
    const res = await minquan.patch('/api/ledger/projects/MQ-E1', {
      version: 1,
      set: { spentWan: 42.5, status: 'completed', actualCompletion: '2020-06-01' },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json().row).toMatchObject({ version: 2, values: { spentWan: 42.5, status: 'completed', actualCompletion: '2020-06-01' } });
    // The map's cached answers must not outlive the edit (server/http/cache.ts).
    expect(await dataVersion()).toBe(versionBefore + 1);
    const row = (await auditRows(database, sql`action = 'projects.edit'`)).at(-1);
    expect(row).toMatchObject({ username: 'minquan', target: 'project:MQ-E1', result: 'ok' });
    expect(row?.detail).toMatchObject({
      before: { spentWan: 0, status: 'started', actualCompletion: null },
      after: { spentWan: 42.5, status: 'completed' },
    });
  });

  it('a stale save answers 409 with the current row and what the other person changed; nothing saved', async () => {
    // Tab A read version 2; tab B saves first.
    const a = (await minquan.get('/api/ledger/projects/MQ-E1')).json();
    expect((await admin.patch('/api/ledger/projects/MQ-E1', { version: a.version, set: { name: '东村道路硬化' } })).status).toBe(200);
    const res = await minquan.patch('/api/ledger/projects/MQ-E1', {
      version: a.version,
      set: { spentWan: 50 },
      base: { spentWan: 42.5, name: '东村道路' },
    });
    expect(res.status).toBe(409);
    const body = res.json();
    expect(body.error.message).toMatch(/保存冲突/);
    expect(body.current).toMatchObject({ version: 3, values: { name: '东村道路硬化', spentWan: 42.5 } });
    expect(body.theirChanges).toEqual([{ field: 'name', base: '东村道路', current: '东村道路硬化' }]);
    const [{ spent }] = await database.rows<{ spent: number }>(sql`SELECT spent_wan::float8 AS spent FROM projects WHERE code = 'MQ-E1'`);
    expect(spent).toBe(42.5);
  });

  it('another county, other roles and anonymous visitors are refused; bad values answer 400/422', async () => {
    const foreign = await yongcheng.patch('/api/ledger/projects/MQ-E1', { version: 3, set: { spentWan: 1 } });
    expect(foreign.status).toBe(403);
    expect((await auditRows(database, sql`action = 'projects.edit' AND result = 'denied'`)).at(-1)).toMatchObject({
      username: 'yongcheng',
    });
    expect((await (await loggedIn(app, 'leader')).patch('/api/ledger/projects/MQ-E1', { version: 3, set: { spentWan: 1 } })).status).toBe(
      403,
    );
    expect((await new Client(app).patch('/api/ledger/projects/MQ-E1', { version: 3, set: { spentWan: 1 } })).status).toBe(401);
    expect((await minquan.patch('/api/ledger/projects/MQ-E1', { version: 3, set: { spentWan: -1 } })).status).toBe(400);
    expect((await minquan.patch('/api/ledger/projects/MQ-E1', { version: 3, set: { countyCode: '411481' } })).status).toBe(400);
    const check = await minquan.patch('/api/ledger/projects/MQ-E1', { version: 3, set: { poorHouseholdsReached: 50 } });
    expect(check.status).toBe(422);
    expect(check.json().error.message).toMatch(/带动贫困户数不能多于带动户数/);
    expect((await minquan.patch('/api/ledger/projects/NOPE', { version: 1, set: { spentWan: 1 } })).status).toBe(404);
  });

  it('PV stations are edited the same way', async () => {
    const res = await minquan.patch('/api/ledger/pv-stations/PV-E1', {
      version: 1,
      set: { status: 'grid_connected', gridDate: '2020-06-30', registered: true },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json().row).toMatchObject({ version: 2, values: { status: 'grid_connected', registered: true } });
    expect((await minquan.patch('/api/ledger/pv-stations/PV-E1', { version: 1, set: { name: 'x' } })).status).toBe(409);
  });
});
