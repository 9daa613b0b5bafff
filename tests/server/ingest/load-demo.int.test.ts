import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings } from '../../../server/db/schema.ts';
import { loadDemoData, type LoadDemoResult } from '../../../server/ingest/load-demo.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';

// The demo load itself is what is tested: a minute or two alone, several on a busy two-core machine.
const LOAD_TIMEOUT = 480_000;

let database: TestDatabase;
let first: LoadDemoResult;
let loadMs = 0;
const notices: string[] = [];

const one = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => (await database.rows<T>(query))[0];

beforeAll(async () => {
  database = await openTestDatabase(); // migrated, empty
  const t = Date.now();
  first = await loadDemoData(database, { log: (m) => notices.push(m) });
  loadMs = Date.now() - t;
  console.log(`loadDemoData on ${testBackend}: ${(loadMs / 1000).toFixed(1)} s (generation + insert)`);
}, LOAD_TIMEOUT);
afterAll(() => database?.dispose());

describe(`loadDemoData (${testBackend})`, () => {
  it('inserts every table and reports the counts', async () => {
    expect(first.seeded).toBe(true);
    expect(first.counts.regions).toBe(1 + 11 + 199 + 4834);
    const counts = await one<Record<string, number>>(sql`
      SELECT (SELECT count(*)::int FROM regions) AS regions,
             (SELECT count(*)::int FROM projects) AS projects,
             (SELECT count(*)::int FROM project_progress) AS project_progress,
             (SELECT count(*)::int FROM project_beneficiaries) AS project_beneficiaries,
             (SELECT count(*)::int FROM pv_stations) AS pv_stations,
             (SELECT count(*)::int FROM households) AS households,
             (SELECT count(*)::int FROM meetings) AS meetings,
             (SELECT count(*)::int FROM targets) AS targets,
             (SELECT count(*)::int FROM followups WHERE demo) AS followups,
             (SELECT count(*)::int FROM settings) AS settings`);
    expect(counts).toEqual(first.counts);
    expect(counts.projects).toBeGreaterThan(2000);
    expect(counts.households).toBeGreaterThanOrEqual(30_000);
    expect(counts.households).toBeLessThanOrEqual(45_000);
    expect(counts.meetings).toBe(4);
    // The 4th meeting's follow-up items (督办), one of them closed by the city office.
    expect(counts.followups).toBe(5);
    const [f] = await database.rows<{ closed: number; answers: number }>(sql`
      SELECT (SELECT count(*)::int FROM followups WHERE closed_at IS NOT NULL) AS closed,
             (SELECT count(*)::int FROM followup_responses) AS answers`);
    expect(f).toEqual({ closed: 1, answers: 3 });
  });

  it('reports the county codes of the older vintage once', () => {
    expect(notices).toHaveLength(1);
    for (const code of ['410306', '410322', '410381', '410728', '411023', '411626']) expect(notices[0]).toContain(code);
  });

  it('stores only valid region geometry, every region with a polygon and a label point inside it', async () => {
    const r = await one<{ invalid: number; missing: number; nolabel: number; outside: number; notmulti: number }>(sql`
      SELECT count(*) FILTER (WHERE NOT ST_IsValid(geom))::int AS invalid,
             count(*) FILTER (WHERE geom IS NULL)::int AS missing,
             count(*) FILTER (WHERE label_point IS NULL)::int AS nolabel,
             count(*) FILTER (WHERE NOT ST_Intersects(label_point, geom))::int AS outside,
             count(*) FILTER (WHERE GeometryType(geom) <> 'MULTIPOLYGON')::int AS notmulti
      FROM regions`);
    expect(r).toEqual({ invalid: 0, missing: 0, nolabel: 0, outside: 0, notmulti: 0 });
    const [{ invalid }] = await database.rows<{ invalid: number }>(
      sql`SELECT count(*)::int AS invalid FROM regions WHERE NOT ST_IsValid(geom)`,
    );
    expect(invalid).toBe(0);
  });

  it('keeps villages inside their township and townships inside their county (10 m tolerance)', async () => {
    const r = await one<{ villages: number; townships: number; checked: number }>(sql`
      SELECT count(*) FILTER (WHERE c.level = 'village' AND NOT ST_CoveredBy(ST_Buffer(c.geom, -0.0001), p.geom))::int AS villages,
             count(*) FILTER (WHERE c.level = 'township' AND NOT ST_CoveredBy(ST_Buffer(c.geom, -0.0001), p.geom))::int AS townships,
             count(*)::int AS checked
      FROM regions c JOIN regions p ON p.code = c.parent_code
      WHERE c.level IN ('village', 'township')`);
    expect(r).toEqual({ villages: 0, townships: 0, checked: 199 + 4834 });
  });

  it('fills each township with its villages: no gaps, no overlaps (areas agree within 0.1 %)', async () => {
    const [{ off }] = await database.rows<{ off: number }>(sql`
      SELECT count(*)::int AS off FROM (
        SELECT p.code, ST_Area(p.geom) AS parent, sum(ST_Area(c.geom)) AS children, ST_Area(ST_Union(c.geom)) AS covered
        FROM regions c JOIN regions p ON p.code = c.parent_code
        WHERE c.level = 'village'
        GROUP BY p.code, p.geom) x
      WHERE abs(children - parent) > 0.001 * parent OR abs(covered - parent) > 0.001 * parent`);
    expect(off).toBe(0);
  });

  it('places project points, PV stations and households inside their village', async () => {
    const r = await one<{ projects: number; pv: number; households: number }>(sql`
      SELECT
        (SELECT count(*)::int FROM projects p JOIN regions v ON v.code = p.village_code
          WHERE GeometryType(p.geom) = 'POINT' AND NOT ST_Intersects(ST_Buffer(v.geom, 0.00001), p.geom)) AS projects,
        (SELECT count(*)::int FROM pv_stations s JOIN regions v ON v.code = s.village_code
          WHERE NOT ST_Intersects(ST_Buffer(v.geom, 0.00001), s.geom)) AS pv,
        (SELECT count(*)::int FROM households h JOIN regions v ON v.code = h.village_code
          WHERE NOT ST_Intersects(ST_Buffer(v.geom, 0.00001), h.geom)) AS households`);
    expect(r).toEqual({ projects: 0, pv: 0, households: 0 });
  });

  it('shows the speech in SQL aggregates: arranged = total exactly in 梁园区, 睢阳区, 示范区 and 永城市', async () => {
    const rows = await database.rows<{ county_code: string }>(sql`
      SELECT county_code FROM projects GROUP BY county_code
      HAVING bool_and(arranged_wan = total_investment_wan) ORDER BY county_code`);
    expect(rows.map((r) => r.county_code)).toEqual(['411402', '411403', '411472', '411481']);
    const pv = await database.rows<{ county_code: string; pct: number }>(sql`
      SELECT county_code, round(100.0 * count(*) FILTER (WHERE registered AND registered_date <= '2020-06-20') / count(*), 1)::float8 AS pct
      FROM pv_stations GROUP BY county_code ORDER BY pct, county_code`);
    expect(pv.filter((r) => r.pct === 100).map((r) => r.county_code)).toEqual(['411402', '411403', '411423', '411472']);
    expect(pv.slice(0, 4).map((r) => r.county_code)).toContain('411481');
  });

  it('keeps holder names and ID numbers empty', async () => {
    const [{ named }] = await database.rows<{ named: number }>(
      sql`SELECT count(*)::int AS named FROM households WHERE holder_name IS NOT NULL OR id_number IS NOT NULL`,
    );
    expect(named).toBe(0);
  });

  it('does nothing on a second call', async () => {
    const again = await loadDemoData(database, { log: (m) => notices.push(m) });
    expect(again).toEqual({ seeded: false, counts: {} });
    const [{ n }] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM regions`);
    expect(n).toBe(first.counts.regions);
    expect(notices).toHaveLength(1);
  });
});

describe(`loadDemoData all-or-nothing (${testBackend})`, () => {
  let other: TestDatabase;
  beforeAll(async () => {
    other = await openTestDatabase();
  }, LOAD_TIMEOUT);
  afterAll(() => other?.dispose());

  it(
    'rolls everything back when the very last insert fails',
    async () => {
      // A setting that already exists makes the final settings insert fail, after every other table.
      await other.db.insert(settings).values({ key: 'dividend_min_rate_pct', value: 7 });
      await expect(loadDemoData(other, { log: () => {} })).rejects.toThrow();
      const [r] = await other.rows<{ regions: number; projects: number; households: number; settings: number }>(sql`
      SELECT (SELECT count(*)::int FROM regions) AS regions, (SELECT count(*)::int FROM projects) AS projects,
             (SELECT count(*)::int FROM households) AS households, (SELECT count(*)::int FROM settings) AS settings`);
      expect(r).toEqual({ regions: 0, projects: 0, households: 0, settings: 1 });
    },
    LOAD_TIMEOUT,
  );
});
