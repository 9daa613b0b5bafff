/**
 * Editing projects and PV stations over the API, on both backends: own county only, optimistic
 * versions with a 409 that names the other person's changes, audit rows with before and after.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects, pvStations, settings } from '../../../server/db/schema.ts';
import { writePlan } from '../../../server/db/queries/imports.ts';
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

/** The data version (server/http/cache.ts): every write bumps it so cached answers refresh. */
const dataVersion = async () => {
  const rows = await database.db.select().from(settings).where(eq(settings.key, 'data_version'));
  return Number(rows[0]?.value ?? 0);
};

describe(`ledger editing (${testBackend})`, () => {
  it('a county editor edits a project of its county; the version goes up; the audit row has before and after', async () => {
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

describe(`monthly progress reports (${testBackend})`, () => {
  const report = { status: 'started', arrangedWan: 80, disbursedWan: 60, spentWan: 30.5, physicalProgressPct: 40 };

  it('a county editor adds a report of its project: 201, version 1, audited under the project, data version bumped', async () => {
    const before = await dataVersion();
    const res = await minquan.post('/api/ledger/projects/YC-E1/progress', { asOf: '2020-05-31', ...report });
    expect(res.status, 'another county').toBe(403);
    const ok = await minquan.post('/api/ledger/projects/MQ-E1/progress', { asOf: '2020-05-31', ...report });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.json()).toMatchObject({ code: 'MQ-E1', asOf: '2020-05-31', version: 1, countyCode: '411421', values: report });
    expect(await dataVersion()).toBe(before + 1);
    const [row] = await database.rows<{ county: string; version: number; spent: number }>(
      sql`SELECT county_code AS county, version, spent_wan::float8 AS spent FROM project_progress WHERE project_code = 'MQ-E1' AND as_of = '2020-05-31'`,
    );
    expect(row).toEqual({ county: '411421', version: 1, spent: 30.5 });
    const audit = (await auditRows(database, sql`action = 'progress.create' AND result = 'ok'`)).at(-1);
    expect(audit).toMatchObject({ username: 'minquan', target: 'project:MQ-E1' });
    expect(audit?.detail).toMatchObject({ asOf: '2020-05-31', version: 1, before: {}, after: report });
    expect((await auditRows(database, sql`action = 'progress.create' AND result = 'denied'`)).at(-1)).toMatchObject({
      username: 'minquan',
      target: 'project:YC-E1',
    });
    // The project's page shows the report in its history.
    const detail = (await minquan.get('/api/projects/MQ-E1')).json();
    expect(detail.history).toEqual([
      { asOf: '2020-05-31', status: 'started', arrangedWan: 80, disbursedWan: 60, spentWan: 30.5, physicalProgressPct: 40 },
    ]);
  });

  it('a second report of the same date answers 409 with the stored one; dates outside the span or in the future answer 400', async () => {
    const dup = await admin.post('/api/ledger/projects/MQ-E1/progress', { asOf: '2020-05-31', ...report, spentWan: 1 });
    expect(dup.status).toBe(409);
    expect(dup.json()).toMatchObject({
      error: { message: expect.stringMatching(/月报已经存在/) },
      current: { version: 1, values: { spentWan: 30.5 } },
    });
    for (const [asOf, reason] of [
      ['2019-12-31', /早于项目年度/],
      ['2020-06-23', /晚于今天（2020-06-22）/],
    ] as const) {
      const res = await minquan.post('/api/ledger/projects/MQ-E1/progress', { asOf, ...report });
      expect(res.status, asOf).toBe(400);
      expect(res.json().error.issues).toEqual([{ path: 'asOf', message: expect.stringMatching(reason) }]);
    }
    // Today itself is allowed (the clock of the tests: 2020-06-22, Asia/Shanghai).
    expect((await minquan.post('/api/ledger/projects/MQ-E1/progress', { asOf: '2020-06-22', ...report })).status).toBe(201);
    for (const bad of [
      { asOf: '2020-04-30', ...report, spentWan: -1 },
      { asOf: '2020-04-30', ...report, physicalProgressPct: 100.5 },
      { asOf: '2020-04-30', ...report, status: 'finished' },
      { asOf: '2020-4-30', ...report },
      { asOf: '2020-04-30', ...report, countyCode: '411481' },
      { asOf: '2020-04-30', status: 'started' },
    ]) {
      expect((await minquan.post('/api/ledger/projects/MQ-E1/progress', bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await minquan.post('/api/ledger/projects/NOPE/progress', { asOf: '2020-04-30', ...report })).status).toBe(404);
    expect(
      (await (await loggedIn(app, 'leader')).post('/api/ledger/projects/MQ-E1/progress', { asOf: '2020-04-30', ...report })).status,
    ).toBe(403);
    expect((await new Client(app).post('/api/ledger/projects/MQ-E1/progress', { asOf: '2020-04-30', ...report })).status).toBe(401);
    const [{ n }] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM project_progress WHERE as_of = '2020-04-30'`);
    expect(n).toBe(0);
  });

  it('a report is edited with its version; a stale save answers 409 with their changes; another county is refused', async () => {
    const path = '/api/ledger/projects/MQ-E1/progress/2020-05-31';
    const read = (await minquan.get(path)).json();
    expect(read).toMatchObject({ code: 'MQ-E1', asOf: '2020-05-31', version: 1, values: { spentWan: 30.5, physicalProgressPct: 40 } });
    const res = await minquan.patch(path, {
      version: 1,
      set: { spentWan: 45, physicalProgressPct: 55 },
      base: { spentWan: 30.5, physicalProgressPct: 40 },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json()).toMatchObject({
      row: { version: 2, values: { spentWan: 45, physicalProgressPct: 55 } },
      changed: [
        { field: 'spentWan', before: 30.5, after: 45 },
        { field: 'physicalProgressPct', before: 40, after: 55 },
      ],
    });
    const audit = (await auditRows(database, sql`action = 'progress.edit' AND result = 'ok'`)).at(-1);
    expect(audit).toMatchObject({ username: 'minquan', target: 'project:MQ-E1' });
    expect(audit?.detail).toMatchObject({ asOf: '2020-05-31', version: 2, before: { spentWan: 30.5 }, after: { spentWan: 45 } });

    // Tab B (the city office) saved version 2 first; tab A, still on version 1, gets the merge answer.
    expect((await admin.patch(path, { version: 2, set: { status: 'completed' } })).status).toBe(200);
    const stale = await minquan.patch(path, { version: 2, set: { arrangedWan: 90 }, base: { arrangedWan: 80, status: 'started' } });
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({
      error: { message: expect.stringMatching(/保存冲突：这条月报/) },
      current: { version: 3, asOf: '2020-05-31', values: { status: 'completed', arrangedWan: 80 } },
      theirChanges: [{ field: 'status', base: 'started', current: 'completed' }],
    });
    expect((await auditRows(database, sql`action = 'progress.edit' AND result = 'rejected'`)).at(-1)?.detail).toMatchObject({
      asOf: '2020-05-31',
      reason: 'stale version',
    });

    expect((await yongcheng.patch(path, { version: 3, set: { spentWan: 1 } })).status).toBe(403);
    expect((await minquan.patch(path, { version: 3, set: { physicalProgressPct: -5 } })).status).toBe(400);
    expect((await minquan.patch(path, { version: 3, set: { asOf: '2020-05-30' } })).status).toBe(400);
    expect((await minquan.patch(path, { version: 3, set: {} })).status).toBe(400);
    expect((await minquan.patch('/api/ledger/projects/MQ-E1/progress/2020-01-31', { version: 1, set: { spentWan: 1 } })).status).toBe(404);
    expect((await minquan.get('/api/ledger/projects/MQ-E1/progress/2020-13-01')).status).toBe(400);

    // The project's change log lists the report's creation and edits.
    const log = (await minquan.get('/api/ledger/projects/MQ-E1/changes')).json().items;
    expect(
      log
        .filter((i: { asOf: string | null }) => i.asOf === '2020-05-31')
        .map((i: { action: string; version: number }) => [i.action, i.version]),
    ).toEqual([
      ['edit', 3],
      ['edit', 2],
      ['create', 1],
    ]);
  });

  it('an import that changes a report raises its version, so an edit based on the old one is stale', async () => {
    const path = '/api/ledger/projects/MQ-E1/progress/2020-06-22';
    const read = (await minquan.get(path)).json();
    // What a committed import writes for a changed report (server/db/queries/imports.ts).
    const record = { row: 2, projectCode: 'MQ-E1', asOf: '2020-06-22', spentWan: 31 };
    await writePlan(database.db, 'progress', [
      {
        key: 'MQ-E1 / 2020-06-22',
        row: 2,
        action: 'change',
        changes: [{ field: 'spentWan', label: '已支出', before: 30.5, after: 31 }],
        record,
      },
    ]);
    expect((await minquan.get(path)).json()).toMatchObject({ version: read.version + 1, values: { spentWan: 31 } });
    expect((await minquan.patch(path, { version: read.version, set: { spentWan: 32 } })).status).toBe(409);
  });
});

describe(`creating projects (${testBackend})`, () => {
  const fresh = {
    code: 'MQ-N1',
    name: '西村光伏大棚',
    year: 2020,
    countyCode: '411421',
    villageCode: '411421100202',
    category: 'industry',
    industryMode: 'planting',
    responsibleLevel: 'village',
    responsibleUnit: '西村村两委',
    totalInvestmentWan: 120,
    plannedStart: '2020-07-01',
    householdsReached: 30,
    poorHouseholdsReached: 12,
    lng: 115.1,
    lat: 34.6,
  };

  it('a county editor adds a project in a village of its county: 201, township from the division list, audited, data version bumped', async () => {
    const before = await dataVersion();
    const res = await minquan.post('/api/ledger/projects', fresh);
    expect(res.status, res.text).toBe(201);
    expect(res.json()).toMatchObject({
      code: 'MQ-N1',
      version: 1,
      countyCode: '411421',
      values: { name: '西村光伏大棚', status: 'planned', totalInvestmentWan: 120, spentWan: 0, plannedStart: '2020-07-01' },
    });
    const [row] = await database.rows<{ township: string; village: string; mode: string; point: string }>(sql`
      SELECT township_code AS township, village_code AS village, industry_mode::text AS mode, ST_AsText(geom) AS point FROM projects WHERE code = 'MQ-N1'`);
    expect(row).toEqual({ township: '411421100', village: '411421100202', mode: 'planting', point: 'POINT(115.1 34.6)' });
    expect(await dataVersion()).toBe(before + 1);
    const audit = (await auditRows(database, sql`action = 'projects.create' AND result = 'ok'`)).at(-1);
    expect(audit).toMatchObject({ username: 'minquan', target: 'project:MQ-N1' });
    expect(audit?.detail).toMatchObject({
      version: 1,
      before: {},
      after: { code: 'MQ-N1', villageCode: '411421100202', category: 'industry', totalInvestmentWan: 120 },
    });
    // Listed in the project ledger and editable at once.
    expect((await minquan.get('/api/ledger/projects?area=411421&q=MQ-N1')).json().items.map((i: { code: string }) => i.code)).toContain(
      'MQ-N1',
    );
    expect((await minquan.patch('/api/ledger/projects/MQ-N1', { version: 1, set: { spentWan: 5 } })).status).toBe(200);
  });

  it('a taken code answers 409; another county or its village 403/400; missing or contradictory fields 400', async () => {
    const dup = await admin.post('/api/ledger/projects', { ...fresh, name: '别的项目' });
    expect(dup.status).toBe(409);
    expect(dup.json()).toMatchObject({ error: { message: expect.stringMatching(/项目编号 MQ-N1 已经存在/) }, current: { code: 'MQ-N1' } });

    const foreign = await minquan.post('/api/ledger/projects', {
      ...fresh,
      code: 'YC-N1',
      countyCode: '411481',
      villageCode: '411481100201',
    });
    expect(foreign.status).toBe(403);
    expect((await auditRows(database, sql`action = 'projects.create' AND result = 'denied'`)).at(-1)).toMatchObject({
      username: 'minquan',
      target: 'project:YC-N1',
    });
    const village = await minquan.post('/api/ledger/projects', { ...fresh, code: 'MQ-N2', villageCode: '411481100201' });
    expect(village.status).toBe(400);
    expect(village.json().error.issues).toEqual([{ path: 'villageCode', message: expect.stringMatching(/不属于县（市、区）411421/) }]);
    const unknown = await admin.post('/api/ledger/projects', { ...fresh, code: 'MQ-N2', villageCode: '411421100999' });
    expect(unknown.status).toBe(400);
    expect((await admin.post('/api/ledger/projects', { ...fresh, code: 'MQ-N2', countyCode: '411422', villageCode: null })).status).toBe(
      400,
    );

    const { category: _c, ...noCategory } = fresh;
    for (const bad of [
      noCategory,
      { ...fresh, code: '' },
      { ...fresh, code: 'MQ N2' },
      { ...fresh, code: 'MQ/N2' },
      { ...fresh, industryMode: null },
      { ...fresh, category: 'infrastructure' },
      { ...fresh, lat: null },
      { ...fresh, poorHouseholdsReached: 31 },
      { ...fresh, totalInvestmentWan: -1 },
      { ...fresh, year: 1999 },
      { ...fresh, countyCode: '4114' },
      { ...fresh, geom: 'POINT(0 0)' },
    ]) {
      expect(
        (await minquan.post('/api/ledger/projects', { ...bad, code: (bad as { code?: string }).code ?? 'MQ-N3' })).status,
        JSON.stringify(bad),
      ).toBe(400);
    }
    expect((await (await loggedIn(app, 'leader')).post('/api/ledger/projects', { ...fresh, code: 'MQ-N4' })).status).toBe(403);
    expect((await new Client(app).post('/api/ledger/projects', { ...fresh, code: 'MQ-N4' })).status).toBe(401);
    const [{ n }] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM projects WHERE code LIKE 'MQ-N%' OR code LIKE 'YC-N%'`,
    );
    expect(n).toBe(1);
  });

  it('a project without village or location is added at county level, unlocated', async () => {
    const res = await admin.post('/api/ledger/projects', {
      code: 'YC-N5',
      name: '县级公益岗位',
      year: 2020,
      countyCode: '411481',
      category: 'welfare_job',
      responsibleLevel: 'county',
      responsibleUnit: '县人社局',
      totalInvestmentWan: 10,
    });
    expect(res.status, res.text).toBe(201);
    const [row] = await database.rows<{ county: string; township: string | null; village: string | null; geom: string | null }>(
      sql`SELECT county_code AS county, township_code AS township, village_code AS village, geom::text AS geom FROM projects WHERE code = 'YC-N5'`,
    );
    expect(row).toEqual({ county: '411481', township: null, village: null, geom: null });
  });
});
