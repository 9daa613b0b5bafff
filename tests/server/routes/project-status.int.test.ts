/**
 * Project statuses in the project measures, on a hand-made county with one project in each status
 * (a suspended project was started once, then stopped): 暂停 counts neither as started nor as completed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { projectStatuses, type ProjectStatus } from '../../../server/contracts/enums.ts';
import * as s from '../../../server/db/schema.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';

let database: TestDatabase;
let app: ReturnType<typeof createApp>;
const county = '411423';
const square: GeoJSON.MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [115, 34],
        [115.1, 34],
        [115.1, 34.1],
        [115, 34.1],
        [115, 34],
      ],
    ],
  ],
};

beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  await db.insert(s.regions).values([
    { code: '4114', level: 'city', name: '商丘市', geom: square },
    { code: county, level: 'county', name: '宁陵县', parentCode: '4114', countyCode: county, geom: square },
  ]);
  // One project per status; all planned to be complete by 2020-05-31, so every one not completed is overdue on 2020-06-20.
  await db.insert(s.projects).values(
    projectStatuses.map((status, i) => ({
      code: `S${i}`,
      name: `项目${status}`,
      year: 2020,
      countyCode: county,
      category: 'infrastructure' as const,
      responsibleLevel: 'county' as const,
      responsibleUnit: '县直部门',
      totalInvestmentWan: 100,
      arrangedWan: 100,
      status,
      plannedCompletion: '2020-05-31',
    })),
  );
  await db.insert(s.projectProgress).values([
    // The suspended project had started in March.
    {
      projectCode: `S${projectStatuses.indexOf('suspended')}`,
      countyCode: county,
      asOf: '2020-03-31',
      status: 'started' as const,
      arrangedWan: 100,
      disbursedWan: 10,
      spentWan: 10,
      physicalProgressPct: 20,
    },
    ...projectStatuses.map((status, i) => ({
      projectCode: `S${i}`,
      countyCode: county,
      asOf: '2020-06-20',
      status,
      arrangedWan: 100,
      disbursedWan: 10,
      spentWan: 10,
      physicalProgressPct: 50,
    })),
  ]);
  await db.insert(s.meetings).values([
    { year: 2020, number: 1, meetingDate: '2020-04-05', cutOff: '2020-03-31' },
    { year: 2020, number: 4, meetingDate: '2020-06-22', cutOff: '2020-06-20' },
  ]);
  await db
    .insert(s.targets)
    .values([{ year: 2020, measureId: '*', windowStart: '2020-01-01', basicCompletion: '2020-09-30', fullCompletion: '2020-11-30' }]);
  app = createApp({ database });
});
afterAll(() => database?.dispose());

async function countyRow(id: string, asOf: string) {
  const res = await app.request(`/api/measures/${id}?level=county&parent=4114&asOf=${asOf}`);
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as { rows: { code: string; numerator: number; denominator: number }[] };
  return body.rows.find((r) => r.code === county)!;
}

const counted = (statuses: ProjectStatus[]) => projectStatuses.filter((st) => statuses.includes(st)).length;

describe(`project statuses in the measures (${testBackend})`, () => {
  it.each([
    {
      id: 'start_rate',
      title: '开工: started, completed, accepted, operating — not planned, approved or suspended',
      numerator: counted(['started', 'completed', 'accepted', 'operating']),
    },
    { id: 'completion_rate', title: '完工: completed, accepted, operating', numerator: counted(['completed', 'accepted', 'operating']) },
    {
      id: 'overdue',
      title: '逾期: past planned completion and not completed, suspended included',
      numerator: counted(['planned', 'approved', 'started', 'suspended']),
    },
  ])('$id — $title', async ({ id, numerator }) => {
    expect(await countyRow(id, '2020-06-20')).toMatchObject({ numerator, denominator: projectStatuses.length });
  });

  it('the suspended project counted as started while it ran (report of 2020-03-31)', async () => {
    // On 2020-03-31 only the suspended project had a report, and it said 开工.
    expect(await countyRow('start_rate', '2020-03-31')).toMatchObject({ numerator: 1, denominator: projectStatuses.length });
  });
});
