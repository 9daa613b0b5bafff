/**
 * Siting catchment on the demo data: the county editor's exact counts equal an independent count
 * with turf over the same households; others never see 1–4; bad input answers 400; the geography
 * index is used.
 */
import { distance, point } from '@turf/turf';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/auth/password.ts';
import { catchmentHouseholdSql } from '../../../server/db/queries/siting.ts';
import { users } from '../../../server/db/schema.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import { Client, Clock, cheapScrypt, makeApp, passwordOf, type App } from '../auth/fixtures.ts';

let database: TestDatabase;
let app: App;
let editor: Client;
let planner: Client;
let leader: Client;

interface Hh {
  lng: number;
  lat: number;
  county: string;
  category: string;
  labour: string;
  measures: number;
}
let households: Hh[];

const minquan = '411421';

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  const accounts = [
    { username: 'site_editor', role: 'county_editor' as const, countyCode: minquan },
    { username: 'site_planner', role: 'planner' as const, countyCode: null },
    { username: 'site_leader', role: 'leader' as const, countyCode: null },
  ];
  for (const a of accounts) {
    await database.db
      .insert(users)
      .values({ ...a, displayName: a.username, passwordHash: await hashPassword(passwordOf(a.username), cheapScrypt) });
  }
  app = makeApp(database, new Clock());
  editor = await new Client(app, 'site_editor').login('site_editor');
  planner = await new Client(app, 'site_planner').login('site_planner');
  leader = await new Client(app, 'site_leader').login('site_leader');
  households = await database.rows<Hh & Record<string, unknown>>(sql`
    SELECT ST_X(geom) AS lng, ST_Y(geom) AS lat, county_code AS county, category::text AS category, labour::text AS labour,
      industry_measures AS measures
    FROM households WHERE category IN ('not_lifted', 'edge', 'monitored') AND geom IS NOT NULL`);
});
afterAll(() => database?.dispose());

/** Households within `km` of `centre` by turf (haversine on a sphere). */
const within = (centre: [number, number], km: number) => households.filter((h) => distance(point(centre), point([h.lng, h.lat])) <= km);

/**
 * A radius near `near` where no household lies within ±0.5 % of the boundary, so a sphere (turf)
 * and the ellipsoid (PostGIS geography) must agree on every household.
 */
function unambiguousRadius(centre: [number, number], near: number): number {
  for (let r = near; r < near * 2; r += 0.05) {
    if (within(centre, r * 0.995).length === within(centre, r * 1.005).length) return Number(r.toFixed(2));
  }
  throw new Error('no unambiguous radius');
}

function turfCells(inside: Hh[]) {
  const cells = new Map<string, { total: number; fewerThanTwo: number }>();
  for (const h of inside) {
    const k = `${h.category}:${h.labour}`;
    const c = cells.get(k) ?? { total: 0, fewerThanTwo: 0 };
    c.total += 1;
    if (h.measures < 2) c.fewerThanTwo += 1;
    cells.set(k, c);
  }
  return cells;
}

type Cell = { category: string; labour: string; total: number | null; fewerThanTwo: number | null };

describe(`siting catchment (${testBackend})`, () => {
  it('gives the county editor exact counts equal to an independent turf count (point and village sites)', async () => {
    const [v] = await database.rows<{ code: string; lng: number; lat: number }>(sql`
      SELECT code, ST_X(label_point) AS lng, ST_Y(label_point) AS lat FROM regions
      WHERE level = 'village' AND county_code = ${minquan} AND label_point IS NOT NULL ORDER BY code LIMIT 1 OFFSET 40`);
    const sites = [
      { site: { kind: 'point', point: [115.15, 34.65] }, centre: [115.15, 34.65] as [number, number] },
      { site: { kind: 'village', village: v.code }, centre: [v.lng, v.lat] as [number, number] },
    ];
    for (const { site, centre } of sites) {
      const radiusKm = unambiguousRadius(centre, 4);
      const inside = within(centre, radiusKm);
      expect(new Set(inside.map((h) => h.county))).toEqual(new Set([minquan]));
      expect(inside.length).toBeGreaterThan(20);
      const res = await editor.post('/api/siting/catchment', { site, radiusKm });
      expect(res.status, res.text).toBe(200);
      const body = res.json();
      expect(body.households.exact).toBe(true);
      const expected = turfCells(inside);
      for (const cell of body.households.cells as Cell[]) {
        const e = expected.get(`${cell.category}:${cell.labour}`) ?? { total: 0, fewerThanTwo: 0 };
        expect([cell.category, cell.labour, cell.total, cell.fewerThanTwo]).toEqual([cell.category, cell.labour, e.total, e.fewerThanTwo]);
      }
      expect(body.households.total).toBe(inside.length);
      expect(body.households.target).toBe(inside.filter((h) => h.labour !== 'none' && h.measures < 2).length);
    }
  });

  it('shows a planner or a leader only published counts: 0, withheld (1–4) or multiples of 5 within 4 of the exact count', async () => {
    const request = { site: { kind: 'point', point: [115.15, 34.65] }, radiusKm: 5 };
    const exact = (await editor.post('/api/siting/catchment', request)).json().households;
    const flat = (h: {
      total: number | null;
      withLabour: number | null;
      target: number | null;
      targetServed: number | null;
      cells: Cell[];
    }) => [h.total, h.withLabour, h.target, h.targetServed, ...h.cells.flatMap((c) => [c.total, c.fewerThanTwo])];
    for (const who of [planner, leader]) {
      const res = await who.post('/api/siting/catchment', request);
      expect(res.status, res.text).toBe(200);
      const h = res.json().households;
      expect(h.exact).toBe(false);
      const truth = flat(exact);
      flat(h).forEach((n, i) => {
        if (n === null) expect(truth[i]! > 0 && truth[i]! < 5).toBe(true);
        else expect(n % 5 === 0 && Math.abs(n - truth[i]!) <= 4, `${n} vs ${truth[i]}`).toBe(true);
      });
      expect(flat(h).some((n, i) => n !== truth[i])).toBe(true);
    }
  });

  it('lists villages (poor ones marked), industry projects and PV stations inside with distances, and the overlap', async () => {
    const radiusKm = 10;
    const res = await planner.post('/api/siting/catchment', { site: { kind: 'point', point: [115.15, 34.65] }, radiusKm });
    const body = res.json();
    expect(body.villages.length).toBeGreaterThan(10);
    expect(body.villages.some((v: { poorVillage: boolean }) => v.poorVillage)).toBe(true);
    const [n] = await database.rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM projects WHERE category = 'industry' AND geom IS NOT NULL
        AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(115.15, 34.65), 4326)::geography, ${radiusKm * 1000}::float8)`);
    expect(body.projects.length).toBe(n.n);
    for (const list of [body.projects, body.pvStations]) {
      for (const p of list) {
        expect(p.distanceKm).toBeLessThanOrEqual(radiusKm);
        expect(Math.abs(p.distanceKm - distance(point([115.15, 34.65]), point(p.location)))).toBeLessThan(0.05);
      }
    }
    expect(body.overlap.projects.length).toBeGreaterThanOrEqual(
      body.projects.filter((p: { status: string }) => p.status !== 'suspended').length,
    );
    expect(body.overlap.areaSharePct).toBeGreaterThan(0);
    expect(body.overlap.areaSharePct).toBeLessThanOrEqual(100);
    expect(body.catchment.areaKm2).toBeGreaterThan(Math.PI * radiusKm ** 2 * 0.97);
    expect(body.catchment.areaKm2).toBeLessThan(Math.PI * radiusKm ** 2 * 1.01);
    expect(body.site.label).toMatch(/^民权县/);
  });

  it('counts a drawn range: households inside it or within the radius of it', async () => {
    const ring = [
      [115.1, 34.6],
      [115.2, 34.6],
      [115.2, 34.7],
      [115.1, 34.7],
    ];
    const res = await editor.post('/api/siting/catchment', { site: { kind: 'polygon', ring }, radiusKm: 0.001 });
    expect(res.status, res.text).toBe(200);
    const inside = households.filter((h) => h.lng > 115.1 && h.lng < 115.2 && h.lat > 34.6 && h.lat < 34.7);
    expect(res.json().households.total).toBe(inside.length);
  });

  it.each([
    {
      title: 'radius 0',
      body: { site: { kind: 'point', point: [115.15, 34.65] }, radiusKm: 0 },
      message: /radiusKm: must be greater than 0/,
    },
    { title: 'radius −1', body: { site: { kind: 'point', point: [115.15, 34.65] }, radiusKm: -1 }, message: /radiusKm/ },
    { title: 'radius 51', body: { site: { kind: 'point', point: [115.15, 34.65] }, radiusKm: 51 }, message: /at most 50 km/ },
    { title: 'radius as text', body: { site: { kind: 'point', point: [115.15, 34.65] }, radiusKm: '5' }, message: /radiusKm/ },
    {
      title: 'a point outside the city',
      body: { site: { kind: 'point', point: [113.6, 34.75] }, radiusKm: 5 },
      message: /outside the city/,
    },
    { title: 'a point off the world', body: { site: { kind: 'point', point: [215, 34] }, radiusKm: 5 }, message: /site\.point/ },
    {
      title: 'a self-intersecting range',
      body: {
        site: {
          kind: 'polygon',
          ring: [
            [115.1, 34.6],
            [115.2, 34.7],
            [115.2, 34.6],
            [115.1, 34.7],
          ],
        },
        radiusKm: 5,
      },
      message: /self-intersection/,
    },
    {
      title: 'an empty range',
      body: {
        site: {
          kind: 'polygon',
          ring: [
            [115.1, 34.6],
            [115.1, 34.6],
            [115.1, 34.6],
          ],
        },
        radiusKm: 5,
      },
      message: /empty/,
    },
    {
      title: 'a range of two corners',
      body: {
        site: {
          kind: 'polygon',
          ring: [
            [115.1, 34.6],
            [115.2, 34.6],
          ],
        },
        radiusKm: 5,
      },
      message: /at least 3/,
    },
    { title: 'an unknown village', body: { site: { kind: 'village', village: '411421999999' }, radiusKm: 5 }, message: /no village/ },
    { title: 'no site', body: { radiusKm: 5 }, message: /site/ },
    { title: 'an unknown kind', body: { site: { kind: 'circle' }, radiusKm: 5 }, message: /site/ },
  ])('answers 400 for $title', async ({ body, message }) => {
    const res = await planner.post('/api/siting/catchment', body);
    expect(res.status, res.text).toBe(400);
    expect(res.json().error.message).toMatch(message);
    expect(res.text).not.toMatch(/at \w+ \(|stack/i);
  });

  it('refuses anonymous visitors', async () => {
    const res = await new Client(app).post('/api/siting/catchment', { site: { kind: 'point', point: [115.15, 34.65] }, radiusKm: 5 });
    expect(res.status).toBe(401);
  });

  it('finds the households through the geography GiST index', async () => {
    const g = sql`ST_SetSRID(ST_MakePoint(115.15, 34.65), 4326)`;
    const plan = await database.rows<{ 'QUERY PLAN': string }>(sql`EXPLAIN ${catchmentHouseholdSql(g, 5000, 'secret')}`);
    const text = plan.map((r) => Object.values(r)[0]).join('\n');
    expect(text).toMatch(/households_geog_idx/);
  });

  it('ranks the villages of a county with score parts that add up, and never shows a target count of 1–4', async () => {
    const res = await planner.get('/api/siting/suggestions?area=411421&radiusKm=5&top=600');
    expect(res.status, res.text).toBe(200);
    const body = res.json();
    const [n] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM regions WHERE level = 'village' AND county_code = ${minquan}`,
    );
    expect(body.villages).toBe(n.n);
    expect(body.items.map((v: { rank: number }) => v.rank)).toEqual(body.items.map((_: unknown, i: number) => i + 1));
    for (const v of body.items) {
      expect(v.parts.target + v.parts.distance + v.parts.poor + v.parts.pv).toBeCloseTo(v.score, 1);
      expect(v.targetHouseholds === null || v.targetHouseholds % 5 === 0).toBe(true);
    }
    const scores = body.items.map((v: { score: number }) => v.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // The top village's reach, counted independently with turf.
    const top = body.items[0];
    const turfCount = within(top.location, 5).filter((h) => h.labour !== 'none' && h.measures < 2).length;
    expect(Math.abs(top.targetHouseholds - turfCount)).toBeLessThanOrEqual(4);
    // Only the poor-village weight: every poor village ranks above every other.
    const poorOnly = (await planner.get('/api/siting/suggestions?area=411421&top=600&wTarget=0&wDistance=0&wPv=0&wPoor=1')).json();
    const flags = poorOnly.items.map((v: { poorVillage: boolean }) => v.poorVillage);
    expect(flags.indexOf(false)).toBeGreaterThan(flags.lastIndexOf(true));
  });

  it.each([
    { q: 'area=411421&radiusKm=0', status: 400, message: /radiusKm/ },
    { q: 'area=411421&radiusKm=21', status: 400, message: /at most 20 km/ },
    { q: 'area=411421&wTarget=-1', status: 400, message: /wTarget/ },
    { q: 'area=411421&wTarget=0&wDistance=0&wPoor=0&wPv=0', status: 400, message: /at least one weight/ },
    { q: 'area=411421100', status: 400, message: /area/ },
    { q: 'area=411499', status: 404, message: /no city or county/ },
  ])('suggestions answer $status for $q', async ({ q, status, message }) => {
    const res = await planner.get(`/api/siting/suggestions?${q}`);
    expect(res.status, res.text).toBe(status);
    expect(res.json().error.message).toMatch(message);
  });

  it('shows before → after with the same before as the measures route', async () => {
    const res = await planner.get('/api/siting/effect?county=411421&households=150&investmentWan=400');
    expect(res.status, res.text).toBe(200);
    const e = res.json();
    const m = (await planner.get('/api/measures/measure_coverage?level=county&parent=4114')).json();
    const row = m.rows.find((r: { code: string }) => r.code === minquan);
    expect(e.county.coverage.before).toBe(row.value);
    expect(e.city.coverage.before).toBe(m.total.value);
    expect(e.county.coverage.numeratorAfter).toBe(row.numerator + 150);
    expect(e.county.coverage.after).toBeCloseTo((100 * (row.numerator + 150)) / row.denominator, 9);
    const r = (await planner.get('/api/measures/reach_per_10k?level=county&parent=4114')).json();
    expect(e.county.reach.before).toBe(r.rows.find((x: { code: string }) => x.code === minquan).value);
    expect(e.county.reach.denominatorAfter).toBeCloseTo(e.county.reach.denominatorBefore + 400, 6);
    expect((await planner.get('/api/siting/effect?county=411421&households=-3')).status).toBe(400);
    expect((await planner.get('/api/siting/effect?county=411499&households=3')).status).toBe(404);
  });
});
