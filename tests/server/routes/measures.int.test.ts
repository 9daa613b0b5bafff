/**
 * The measures API on hand-made fixtures: four counties — one ahead, one on track, one lagging, one
 * with no projects — with every figure computed by hand below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import * as s from '../../../server/db/schema.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';

let database: TestDatabase;
let app: ReturnType<typeof createApp>;

const square = (x: number, y: number): GeoJSON.MultiPolygon => ({
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [x, y],
        [x + 0.1, y],
        [x + 0.1, y + 0.1],
        [x, y + 0.1],
        [x, y],
      ],
    ],
  ],
});
const A = '411402'; // ahead
const B = '411403'; // on track
const C = '411421'; // lagging
const D = '411422'; // no projects
// 序时进度 on 2020-06-20, linear from 2020-01-01 to 2020-11-30, both ends counted: 172 / 335.
const expected = (172 / 335) * 100;

const project = (
  code: string,
  county: string,
  totalWan: number,
  arrangedWan: number,
  extra: Partial<typeof s.projects.$inferInsert> = {},
) => ({
  code,
  name: `项目${code}`,
  year: 2020,
  countyCode: county,
  category: 'infrastructure' as const,
  responsibleLevel: 'county' as const,
  responsibleUnit: '县直部门',
  totalInvestmentWan: totalWan,
  arrangedWan,
  status: 'started' as const,
  plannedCompletion: '2020-10-31',
  ...extra,
});
const progress = (
  projectCode: string,
  county: string,
  asOf: string,
  status: 'approved' | 'started' | 'completed',
  arrangedWan: number,
  spentWan: number,
) => ({
  projectCode,
  countyCode: county,
  asOf,
  status,
  arrangedWan,
  disbursedWan: spentWan,
  spentWan,
  physicalProgressPct: 50,
});
const household = (
  id: string,
  county: string,
  category: 'not_lifted' | 'edge' | 'monitored' | 'lifted',
  labour: 'none' | 'weak' | 'full',
  industryMeasures: number,
) => ({
  id,
  countyCode: county,
  townshipCode: `${county}001`,
  villageCode: `${county}001001`,
  category,
  labour,
  members: 3,
  industryMeasures,
  incomePerCapitaYuan: 6000,
});

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  await db.insert(s.regions).values([
    { code: '4114', level: 'city', name: '商丘市', geom: square(115, 34) },
    ...[A, B, C, D].map((code, i) => ({
      code,
      level: 'county' as const,
      name: `县${i}`,
      parentCode: '4114',
      countyCode: code,
      geom: square(115 + i * 0.1, 34),
    })),
  ]);
  await db
    .insert(s.regions)
    .values([A, B, C, D].map((c) => ({ code: `${c}001`, level: 'township' as const, name: `乡${c}`, parentCode: c, countyCode: c })));
  await db
    .insert(s.regions)
    .values(
      [A, B, C, D].map((c) => ({ code: `${c}001001`, level: 'village' as const, name: `村${c}`, parentCode: `${c}001`, countyCode: c })),
    );
  await db.insert(s.projects).values([
    project('P1', A, 100, 100, {
      category: 'industry',
      industryMode: 'breeding',
      householdsReached: 50,
      linkages: ['dividend'],
      dividendRatePct: 8,
    }),
    project('P2', A, 100, 100, { linkages: ['dividend'], dividendRatePct: 3 }),
    project('P3', B, 200, 150),
    project('P4', C, 100, 50, { status: 'approved', plannedCompletion: '2020-05-31' }),
  ]);
  await db
    .insert(s.projectProgress)
    .values([
      progress('P1', A, '2020-03-31', 'started', 100, 30),
      progress('P2', A, '2020-03-31', 'started', 100, 10),
      progress('P1', A, '2020-06-20', 'completed', 100, 80),
      progress('P2', A, '2020-06-20', 'started', 100, 40),
      progress('P3', B, '2020-06-20', 'started', 150, 100),
      progress('P4', C, '2020-06-20', 'approved', 50, 20),
    ]);
  await db.insert(s.pvStations).values([
    {
      code: 'PV1',
      name: '站1',
      type: 'village',
      capacityKw: 100,
      countyCode: A,
      status: 'grid_connected',
      registered: true,
      registeredDate: '2020-03-01',
    },
    {
      code: 'PV2',
      name: '站2',
      type: 'village',
      capacityKw: 100,
      countyCode: A,
      status: 'grid_connected',
      registered: true,
      registeredDate: '2020-03-01',
    },
    {
      code: 'PV3',
      name: '站3',
      type: 'village',
      capacityKw: 100,
      countyCode: B,
      status: 'grid_connected',
      registered: true,
      registeredDate: '2020-05-01',
    },
    { code: 'PV4', name: '站4', type: 'centralized', capacityKw: 900, countyCode: B, status: 'grid_connected', registered: false },
    {
      code: 'PV5',
      name: '站5',
      type: 'village',
      capacityKw: 100,
      countyCode: C,
      status: 'grid_connected',
      registered: true,
      registeredDate: '2020-07-01',
    },
  ]);
  await db
    .insert(s.households)
    .values([
      household('H1', A, 'not_lifted', 'full', 2),
      household('H2', A, 'edge', 'weak', 3),
      household('H3', A, 'monitored', 'full', 1),
      household('H4', A, 'lifted', 'full', 0),
      household('H5', A, 'not_lifted', 'none', 0),
    ]);
  await db.insert(s.meetings).values([
    { year: 2020, number: 3, meetingDate: '2020-05-25', cutOff: '2020-03-31' },
    { year: 2020, number: 4, meetingDate: '2020-06-22', cutOff: '2020-06-20' },
  ]);
  await db
    .insert(s.targets)
    .values([{ year: 2020, measureId: '*', windowStart: '2020-01-01', basicCompletion: '2020-09-30', fullCompletion: '2020-11-30' }]);
  await db.insert(s.settings).values([{ key: 'dividend_min_rate_pct', value: 5 }]);
  app = createApp({ database });
});
afterAll(() => database?.dispose());

type Row = {
  code: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  expected: number | null;
  lag: number | null;
  status: string;
  rank: number | null;
  change?: number | null;
};
async function measure(id: string, query = 'level=county&parent=4114') {
  const res = await app.request(`/api/measures/${id}?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as { rows: Row[]; expected: number | null; asOf: string; total: { value: number | null } };
  return { ...body, byCode: Object.fromEntries(body.rows.map((r) => [r.code, r])) };
}

describe(`measures API on fixtures (${testBackend})`, () => {
  it('computes spend_rate against 序时进度 with ahead / on track / lagging / no data', async () => {
    const m = await measure('spend_rate');
    expect(m.asOf).toBe('2020-06-20');
    expect(m.expected).toBeCloseTo(expected, 9);
    expect(m.byCode[A]).toMatchObject({ numerator: 120, denominator: 200, status: 'ahead', rank: 1 });
    expect(m.byCode[A].value).toBeCloseTo(60, 9);
    expect(m.byCode[A].lag).toBeCloseTo(60 - expected, 9);
    expect(m.byCode[B]).toMatchObject({ value: 50, status: 'on_track', rank: 2 });
    expect(m.byCode[C]).toMatchObject({ value: 20, status: 'lagging', rank: 3 });
    expect(m.byCode[D]).toMatchObject({ value: null, numerator: 0, denominator: 0, status: 'no_data', rank: null, lag: null });
    expect(m.total).toMatchObject({ numerator: 240, denominator: 500 }); // D has no projects: 0 of 0
    expect(m.total.value).toBeCloseTo(48, 9);
  });

  it.each([
    { id: 'spend_rate_arranged', want: { [A]: 60, [B]: (100 / 150) * 100, [C]: 40, [D]: null } },
    { id: 'funds_in_place', want: { [A]: 100, [B]: 75, [C]: 50, [D]: null } },
    { id: 'start_rate', want: { [A]: 100, [B]: 100, [C]: 0, [D]: null } },
    { id: 'completion_rate', want: { [A]: 50, [B]: 0, [C]: 0, [D]: null } },
    { id: 'overdue', want: { [A]: 0, [B]: 0, [C]: 100, [D]: null } },
    { id: 'pv_registration', want: { [A]: 100, [B]: 50, [C]: 0, [D]: null } },
    // Household measures: 2 of 3 and 4 households are counts under 5, suppressed for everyone but A's editor.
    { id: 'measure_coverage', want: { [A]: null, [B]: null, [C]: null, [D]: null } },
    { id: 'industry_share', want: { [A]: 50, [B]: 0, [C]: 0, [D]: null } },
    { id: 'reach_per_10k', want: { [A]: 0.5, [B]: null, [C]: null, [D]: null } },
    { id: 'dividend_compliance', want: { [A]: 50, [B]: null, [C]: null, [D]: null } },
    { id: 'households', want: { [A]: null, [B]: 0, [C]: 0, [D]: 0 } },
  ])('computes $id per county', async ({ id, want }) => {
    const m = await measure(id);
    for (const [code, value] of Object.entries(want)) {
      if (value === null) expect(m.byCode[code].value, `${id} ${code}`).toBeNull();
      else expect(m.byCode[code].value, `${id} ${code}`).toBeCloseTo(value, 9);
    }
  });

  it('shows the arranged basis looking better where arranged < total', async () => {
    const fair = await measure('spend_rate');
    const arranged = await measure('spend_rate_arranged');
    expect(arranged.byCode[A].value).toBeCloseTo(fair.byCode[A].value!, 9); // arranged == total
    expect(arranged.byCode[B].value!).toBeGreaterThan(fair.byCode[B].value!);
    expect(arranged.byCode[C].value!).toBeGreaterThan(fair.byCode[C].value!);
  });

  it('compares with an earlier cut-off in percentage points', async () => {
    const m = await measure('spend_rate', 'level=county&parent=4114&compareTo=2020-03-31');
    expect(m.byCode[A].change).toBeCloseTo(60 - 20, 9);
    expect(m.byCode[B].change).toBeCloseTo(50, 9); // no report by 2020-03-31: 0 spent of 200 万元 is 0 %
    expect(m.byCode[D].change).toBeNull(); // no data on either date
  });

  it('evaluates an earlier as-of date from the history', async () => {
    const m = await measure('spend_rate', 'level=county&parent=4114&asOf=2020-03-31');
    expect(m.byCode[A].value).toBeCloseTo(20, 9);
    expect(m.expected).toBeCloseTo((91 / 335) * 100, 9);
  });

  it('lists the catalogue and the dates', async () => {
    const cat = await (await app.request('/api/measures')).json();
    expect(cat.measures.map((m: { id: string }) => m.id)).toContain('dividend_compliance');
    const dates = await (await app.request('/api/dates')).json();
    expect(dates.defaultAsOf).toBe('2020-06-20');
    expect(dates.historyDates).toEqual(['2020-03-31', '2020-06-20']);
  });

  it.each([
    { title: 'unknown measure', url: '/api/measures/speed?level=county&parent=4114', status: 400, msg: /id: must be one of spend_rate/ },
    {
      title: 'unknown level',
      url: '/api/measures/spend_rate?level=town&parent=4114',
      status: 400,
      msg: /level: must be one of county, township, village/,
    },
    {
      title: 'unknown area',
      url: '/api/measures/spend_rate?level=county&parent=9999',
      status: 404,
      msg: /parent: no division with code 9999/,
    },
    {
      title: 'parent not above level',
      url: `/api/measures/spend_rate?level=county&parent=${A}`,
      status: 400,
      msg: /must be above level "county"/,
    },
    {
      title: 'date outside the data',
      url: '/api/measures/spend_rate?level=county&parent=4114&asOf=2019-12-31',
      status: 400,
      msg: /asOf: 2019-12-31 is outside the data; choose a date from 2020-03-31 to 2020-06-20/,
    },
    {
      title: 'impossible date',
      url: '/api/measures/spend_rate?level=county&parent=4114&asOf=2020-02-31',
      status: 400,
      msg: /asOf: is not a real calendar date/,
    },
    {
      title: 'compareTo after asOf',
      url: '/api/measures/spend_rate?level=county&parent=4114&asOf=2020-03-31&compareTo=2020-06-20',
      status: 400,
      msg: /compareTo: 2020-06-20 must be before asOf/,
    },
  ])('rejects $title', async ({ url, status, msg }) => {
    const res = await app.request(url);
    expect(res.status).toBe(status);
    expect((await res.json()).error.message).toMatch(msg);
  });

  it('gives a history series with the expected value at each date', async () => {
    const h = await (await app.request(`/api/measures/spend_rate/history?area=${A}`)).json();
    expect(h.series.map((p: { asOf: string; value: number }) => [p.asOf, Math.round(p.value)])).toEqual([
      ['2020-03-31', 20],
      ['2020-06-20', 60],
    ]);
  });
});
