/**
 * The project ledger list and a project's change log over the API, on both backends: filters, search
 * (literal, not a pattern), sort, paging with sums over every match, 400 for bad parameters, and the
 * change log only for the city office and the project's own county.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects } from '../../../server/db/schema.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import { Client, Clock, loggedIn, makeApp, seedFixtures, type App } from '../auth/fixtures.ts';

let database: TestDatabase;
let app: App;
let anonymous: Client;
let minquan: Client;
let yongcheng: Client;
let admin: Client;
let planner: Client;

const base = { year: 2020, category: 'infrastructure' as const, responsibleLevel: 'county' as const, responsibleUnit: '县交通局' };

beforeAll(async () => {
  database = await openTestDatabase();
  await seedFixtures(database);
  await database.db.insert(projects).values([
    {
      ...base,
      code: 'MQ-L1',
      name: '东村道路',
      countyCode: '411421',
      townshipCode: '411421100',
      villageCode: '411421100201',
      status: 'started',
      totalInvestmentWan: 100,
      spentWan: 25,
      plannedCompletion: '2020-05-31',
    },
    {
      ...base,
      code: 'MQ-L2',
      name: '西村100%_水渠',
      countyCode: '411421',
      status: 'completed',
      totalInvestmentWan: 40,
      spentWan: 40,
      plannedCompletion: '2020-05-31',
    },
    {
      ...base,
      code: 'MQ-L3',
      name: '城关镇养殖场',
      countyCode: '411421',
      category: 'industry',
      industryMode: 'breeding',
      status: 'planned',
      totalInvestmentWan: 0,
    },
    {
      ...base,
      code: 'YC-L1',
      name: '南村道路',
      countyCode: '411481',
      status: 'started',
      totalInvestmentWan: 50,
      spentWan: 40,
      responsibleUnit: '永城市交通局',
    },
  ]);
  app = makeApp(database, new Clock());
  anonymous = new Client(app);
  minquan = await loggedIn(app, 'minquan');
  yongcheng = await loggedIn(app, 'yongcheng');
  admin = await loggedIn(app, 'admin');
  planner = await loggedIn(app, 'planner');
});
afterAll(() => database?.dispose());

const codes = (body: { items: { code: string }[] }) => body.items.map((i) => i.code);

describe(`the project ledger list (${testBackend})`, () => {
  it('lists every project with paging, the number of matches and sums over all of them', async () => {
    const res = await anonymous.get('/api/ledger/projects?pageSize=2&asOf=2020-06-20');
    expect(res.status, res.text).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      total: 4,
      page: 1,
      pageSize: 2,
      asOf: '2020-06-20',
      sums: { totalInvestmentWan: 190, spentWan: 105, overdue: 1 },
    });
    expect(codes(body)).toEqual(['MQ-L1', 'MQ-L2']);
    expect(body.items[0]).toMatchObject({
      name: '东村道路',
      countyName: '民权县',
      townshipName: '城关镇',
      villageName: '东村',
      spendRatePct: 25,
      overdue: true,
      version: 1,
    });
    expect(codes((await anonymous.get('/api/ledger/projects?pageSize=2&page=2')).json())).toEqual(['MQ-L3', 'YC-L1']);
  });

  it('filters by area, status, category and overdue, and searches code, name and unit literally', async () => {
    const get = async (qs: string) => codes((await anonymous.get(`/api/ledger/projects?asOf=2020-06-20&${qs}`)).json());
    expect(await get('area=411481')).toEqual(['YC-L1']);
    expect(await get('area=411421100')).toEqual(['MQ-L1']);
    expect(await get('status=completed')).toEqual(['MQ-L2']);
    expect(await get('category=industry')).toEqual(['MQ-L3']);
    expect(await get('overdue=true')).toEqual(['MQ-L1']);
    expect(await get('overdue=false')).toEqual(['MQ-L2', 'MQ-L3', 'YC-L1']);
    expect(await get(`q=${encodeURIComponent('道路')}`)).toEqual(['MQ-L1', 'YC-L1']);
    expect(await get(`q=${encodeURIComponent('永城市交通')}`)).toEqual(['YC-L1']);
    // % and _ are letters to search for, not patterns.
    expect(await get(`q=${encodeURIComponent('100%_')}`)).toEqual(['MQ-L2']);
    expect(await get(`q=${encodeURIComponent('%')}`)).toEqual(['MQ-L2']);
  });

  it('sorts by the chosen column in either direction; a zero total has no spend rate and sorts last', async () => {
    const get = async (qs: string) => (await anonymous.get(`/api/ledger/projects?${qs}`)).json();
    expect(codes(await get('sort=total&order=desc'))).toEqual(['MQ-L1', 'YC-L1', 'MQ-L2', 'MQ-L3']);
    const byRate = await get('sort=spendRate&order=desc');
    expect(codes(byRate)).toEqual(['MQ-L2', 'YC-L1', 'MQ-L1', 'MQ-L3']);
    expect(byRate.items.map((i: { spendRatePct: number | null }) => i.spendRatePct)).toEqual([100, 80, 25, null]);
    expect(codes(await get('sort=code&order=desc'))).toEqual(['YC-L1', 'MQ-L3', 'MQ-L2', 'MQ-L1']);
  });

  it('answers 400 with the parameter named for bad filters and 404 for an unknown area', async () => {
    for (const [qs, word] of [
      ['pageSize=1000', 'pageSize'],
      ['sort=evil', 'sort'],
      ['status=done', 'status'],
      ['overdue=yes', 'overdue'],
      ['page=0', 'page'],
    ]) {
      const res = await anonymous.get(`/api/ledger/projects?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(res.json().error.message).toContain(word);
    }
    const res = await anonymous.get('/api/ledger/projects?area=411499');
    expect(res.status).toBe(404);
    expect(res.json().error.message).toContain('411499');
  });
});

describe(`a project's change log (${testBackend})`, () => {
  it('lists the edits with before and after, newest first, for the county editor and the city office', async () => {
    const read = (await minquan.get('/api/ledger/projects/MQ-L1')).json();
    expect((await minquan.patch('/api/ledger/projects/MQ-L1', { version: read.version, set: { spentWan: 30 } })).status).toBe(200);
    expect((await admin.patch('/api/ledger/projects/MQ-L1', { version: read.version + 1, set: { name: '东村道路硬化' } })).status).toBe(
      200,
    );
    for (const client of [minquan, admin]) {
      const res = await client.get('/api/ledger/projects/MQ-L1/changes');
      expect(res.status, res.text).toBe(200);
      expect(res.json().items).toMatchObject([
        { username: 'admin', version: 3, changes: [{ field: 'name', before: '东村道路', after: '东村道路硬化' }] },
        { username: 'minquan', version: 2, changes: [{ field: 'spentWan', before: 25, after: 30 }] },
      ]);
    }
  });

  it('is refused to anonymous visitors, other counties and roles without an editing grant', async () => {
    expect((await anonymous.get('/api/ledger/projects/MQ-L1/changes')).status).toBe(401);
    for (const client of [yongcheng, planner]) {
      const res = await client.get('/api/ledger/projects/MQ-L1/changes');
      expect(res.status).toBe(403);
      expect(res.json().error.message).toContain('无权查看');
    }
    expect((await admin.get('/api/ledger/projects/NOPE/changes')).status).toBe(404);
  });
});
