/** The layer endpoints on the demo data: filters against direct SQL counts, privacy of household layers, detail cards. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createApp } from '../../../server/app.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';

let database: TestDatabase;
let app: ReturnType<typeof createApp>;
let asOf: string;

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  app = createApp({ database });
  const [row] = await database.rows<{ d: string }>(sql`SELECT max(cut_off)::text AS d FROM meetings`);
  asOf = row.d;
});
afterAll(() => database?.dispose());

const get = async (url: string) => {
  const res = await app.request(url);
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) };
};
const count = async (where: ReturnType<typeof sql>) =>
  (await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM projects p WHERE ${where}`))[0].n;

describe(`layers API (${testBackend})`, () => {
  it('returns every located project, and counts and lists the unlocated ones', async () => {
    const { status, body } = await get('/api/layers/projects');
    expect(status).toBe(200);
    const total = await count(sql`true`);
    const unlocated = await count(sql`p.geom IS NULL`);
    expect(unlocated).toBeGreaterThan(0);
    expect(body.meta.matched).toBe(total);
    expect(body.meta.unlocatedCount).toBe(unlocated);
    expect(body.meta.unlocated.length).toBe(Math.min(unlocated, 500));
    expect(body.features.length).toBe(total - unlocated);
    expect(body.meta.asOf).toBe(asOf);
  });

  it.each([
    { title: 'category=industry', query: 'category=industry', where: sql`p.category = 'industry'` },
    { title: 'mode=pv,breeding', query: 'mode=pv,breeding', where: sql`p.industry_mode IN ('pv', 'breeding')` },
    { title: 'one county', query: 'area=411421', where: sql`p.county_code = '411421'` },
    { title: 'one township', query: 'area=411421101', where: sql`p.township_code = '411421101'` },
    {
      title: 'a township and a category',
      query: 'area=411421101&category=industry',
      where: sql`p.township_code = '411421101' AND p.category = 'industry'`,
    },
    { title: 'responsible township', query: 'responsibleLevel=township', where: sql`p.responsible_level = 'township'` },
    { title: 'funded by bonds', query: 'fundingSource=bond', where: sql`p.fund_bond_wan > 0` },
    { title: 'not signed', query: 'signed=false', where: sql`NOT (p.sign_main_date IS NOT NULL AND p.sign_deputy_date IS NOT NULL)` },
  ])('filters by $title as the database counts', async ({ query, where }) => {
    const { body } = await get(`/api/layers/projects?${query}`);
    expect(body.meta.matched).toBe(await count(where));
    expect(body.meta.matched).toBeGreaterThan(0);
    expect(body.meta.matched).toBeLessThan(await count(sql`true`));
  });

  it("lists the plan years of the area's projects, whatever the other filters (the year filter's choices)", async () => {
    // The demo plans every project in 2020: move one project outside 民权县 (411421) to 2019 for this test.
    const [p] = await database.rows<{ code: string }>(sql`SELECT code FROM projects WHERE county_code <> '411421' ORDER BY code LIMIT 1`);
    await database.rows(sql`UPDATE projects SET year = 2019 WHERE code = ${p.code}`);
    try {
      const city = await get('/api/layers/projects?year=2015');
      expect(city.body.meta.matched).toBe(0);
      expect(city.body.meta.years).toEqual([2019, 2020]);
      expect((await get('/api/layers/projects?year=2019')).body.meta.matched).toBe(1);
      expect((await get('/api/layers/projects?area=411421')).body.meta.years).toEqual([2020]);
      expect((await get('/api/layers/projects?area=411421101&category=industry')).body.meta.years).toEqual([2020]);
    } finally {
      await database.rows(sql`UPDATE projects SET year = 2020 WHERE code = ${p.code}`);
    }
  });

  it('filters by status and overdue as of the date', async () => {
    const snapshot = sql`(SELECT pp.status FROM project_progress pp WHERE pp.project_code = p.code AND pp.as_of <= ${asOf}::date ORDER BY pp.as_of DESC LIMIT 1)`;
    const started = await get('/api/layers/projects?status=started');
    expect(started.body.meta.matched).toBe(await count(sql`${snapshot} = 'started'`));
    const overdue = await get('/api/layers/projects?overdue=true');
    const want = await count(
      sql`p.planned_completion < ${asOf}::date AND coalesce(${snapshot}::text, 'planned') NOT IN ('completed', 'accepted', 'operating')`,
    );
    expect(overdue.body.meta.matched).toBe(want);
    expect(want).toBeGreaterThan(0);
    expect(overdue.body.features.every((f: { properties: { overdue: boolean } }) => f.properties.overdue)).toBe(true);
  });

  it('limits by bbox and pages with limit/offset', async () => {
    const all = await get('/api/layers/projects');
    const bbox = '115.5,34.2,115.9,34.6';
    const inBox = await get(`/api/layers/projects?bbox=${bbox}`);
    expect(inBox.body.features.length).toBeGreaterThan(0);
    expect(inBox.body.features.length).toBeLessThan(all.body.features.length);
    const page = await get('/api/layers/projects?limit=10&offset=5');
    expect(page.body.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual(
      all.body.features.slice(5, 15).map((f: { properties: { code: string } }) => f.properties.code),
    );
  });

  it('serves PV stations with registration as of the date', async () => {
    const { body } = await get('/api/layers/pv-stations?registered=false');
    const [{ n }] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM pv_stations WHERE NOT (registered AND registered_date <= ${asOf}::date)`,
    );
    expect(body.meta.matched).toBe(n);
    const types = await get('/api/layers/pv-stations?type=centralized');
    expect(types.body.features.every((f: { properties: { type: string } }) => f.properties.type === 'centralized')).toBe(true);
  });

  it('household layers carry aggregates only: no ids, no household coordinates', async () => {
    const areas = await get('/api/layers/households/areas?level=village&parent=4114');
    const hex = await get('/api/layers/households/hexagons?parent=4114&size=2000');
    expect(areas.status).toBe(200);
    expect(hex.status).toBe(200);
    const [{ n }] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM households`);
    // Published counts are protected (docs/security.md): multiples of 5 within 4 of the truth.
    expect(Math.abs(areas.body.total - n)).toBeLessThan(5);
    expect(areas.body.total % 5).toBe(0);
    expect(Math.abs(hex.body.meta.households - n)).toBeLessThan(5);
    const cells = hex.body.features.length;
    const shown = hex.body.features.reduce((s: number, f: { properties: { total: number } }) => s + f.properties.total, 0);
    expect(Math.abs(shown + hex.body.meta.suppressedHouseholds - n)).toBeLessThan(5 * (cells + 2));
    expect(hex.body.features.every((f: { properties: { total: number } }) => f.properties.total >= 5)).toBe(true);
    // Scan: no household id, and no household's coordinates (to 5 decimals) anywhere in the answers.
    const hh = await database.rows<{ id: string; x: string; y: string }>(sql`
      SELECT id, round(ST_X(geom)::numeric, 5)::text AS x, round(ST_Y(geom)::numeric, 5)::text AS y FROM households WHERE geom IS NOT NULL LIMIT 3000`);
    const ids = new Set(hh.map((h) => h.id));
    const coords = new Set(hh.map((h) => `${Number(h.x)},${Number(h.y)}`));
    for (const text of [areas.text, hex.text]) {
      expect(text).not.toMatch(/"id"/);
      for (const m of text.matchAll(/"(H[0-9A-Za-z-]+)"/g)) expect(ids.has(m[1])).toBe(false);
      for (const m of text.matchAll(/\[(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)\]/g))
        expect(coords.has(`${Number(m[1])},${Number(m[2])}`)).toBe(false);
    }
    expect(hh.length).toBeGreaterThan(1000);
  });

  it('filters household aggregates by category and labour', async () => {
    const { body } = await get('/api/layers/households/areas?level=county&parent=4114&category=not_lifted&labour=full');
    const [{ n }] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM households WHERE category = 'not_lifted' AND labour = 'full'`,
    );
    expect(Math.abs(body.total - n)).toBeLessThan(5);
    expect(body.rows.every((r: { edge: number }) => r.edge === 0)).toBe(true);
  });

  it.each([
    { query: '', where: sql`true` },
    { query: 'category=edge', where: sql`category = 'edge'` },
    { query: 'category=not_lifted,monitored', where: sql`category IN ('not_lifted', 'monitored')` },
    { query: 'labour=none', where: sql`labour = 'none'` },
    { query: 'labour=weak,full', where: sql`labour IN ('weak', 'full')` },
    { query: 'category=not_lifted&labour=full', where: sql`category = 'not_lifted' AND labour = 'full'` },
    { query: 'parent=411421&category=monitored', where: sql`county_code = '411421' AND category = 'monitored'` },
  ])('household hexagons follow their filters: $query', async ({ query, where }) => {
    const { status, body } = await get(`/api/layers/households/hexagons?size=5000&${query}`);
    expect(status).toBe(200);
    const [n] = await database.rows<{ all: number; not_lifted: number; edge: number; monitored: number; lifted: number }>(sql`
      SELECT count(*)::int AS all, count(*) FILTER (WHERE category = 'not_lifted')::int AS not_lifted,
        count(*) FILTER (WHERE category = 'edge')::int AS edge, count(*) FILTER (WHERE category = 'monitored')::int AS monitored,
        count(*) FILTER (WHERE category = 'lifted')::int AS lifted
      FROM households WHERE geom IS NOT NULL AND ${where}`);
    expect(n.all).toBeGreaterThan(100);
    // Published counts are protected (multiples of 5 within 4 of the truth), so a filter that is ignored still shows.
    expect(Math.abs(body.meta.households - n.all)).toBeLessThan(5);
    type Cell = { properties: Record<'total' | 'notLifted' | 'edge' | 'monitored' | 'lifted', number | null> };
    // Categories outside the filter are 0 in every cell (0 is published as 0; 1–4 would come out as null).
    for (const [k, col] of [
      ['notLifted', 'not_lifted'],
      ['edge', 'edge'],
      ['monitored', 'monitored'],
      ['lifted', 'lifted'],
    ] as const) {
      if (n[col] === 0) expect(body.features.filter((f: Cell) => f.properties[k] !== 0).length, k).toBe(0);
      else
        expect(
          body.features.some((f: Cell) => (f.properties[k] ?? 0) > 0),
          k,
        ).toBe(true);
    }
  });

  it('coverage counts the households the household layer shows with labour weak and full (有劳动能力（含弱劳动能力）)', async () => {
    const m = await get('/api/measures/measure_coverage?level=county&parent=4114');
    const layer = await get('/api/layers/households/areas?level=county&parent=4114&category=not_lifted,edge,monitored&labour=weak,full');
    expect([m.status, layer.status]).toEqual([200, 200]);
    const direct = await database.rows<{ code: string; n: number }>(sql`
      SELECT county_code AS code, count(*)::int AS n FROM households
      WHERE category IN ('not_lifted', 'edge', 'monitored') AND labour IN ('weak', 'full') GROUP BY 1`);
    const byCode = new Map<string, number>(m.body.rows.map((r: { code: string; denominator: number }) => [r.code, r.denominator]));
    expect(direct.length).toBe(11);
    for (const { code, n } of direct) {
      const shown = layer.body.rows.find((r: { code: string }) => r.code === code);
      // The same households, so the same published (protected) count on both, within 4 of the truth.
      expect({ code, coverageBase: byCode.get(code) }).toEqual({ code, coverageBase: shown.total });
      expect(Math.abs(shown.total - n)).toBeLessThan(5);
    }
  });

  it('gives a project detail card with the ledger figures and history', async () => {
    const [p] = await database.rows<{ code: string; total: number; spent: number; n: number }>(sql`
      SELECT p.code, p.total_investment_wan::float8 AS total, p.spent_wan::float8 AS spent,
        (SELECT count(*)::int FROM project_progress pp WHERE pp.project_code = p.code) AS n
      FROM projects p WHERE p.category = 'industry' AND EXISTS (SELECT 1 FROM project_beneficiaries b WHERE b.project_code = p.code)
      ORDER BY p.code LIMIT 1`);
    const { status, body } = await get(`/api/projects/${p.code}`);
    expect(status).toBe(200);
    expect(body.funds.totalWan).toBeCloseTo(p.total, 4);
    expect(body.funds.spentWan).toBeCloseTo(p.spent, 4);
    expect(body.history).toHaveLength(p.n);
    expect(body.beneficiaries.length).toBeGreaterThan(0);
    const links = await get(`/api/projects/${p.code}/benefit-links`);
    expect(links.body.features.length).toBe(body.beneficiaries.length);
    expect(links.body.features[0].geometry.type).toBe('LineString');
    expect(links.body.features[0].properties.households).toBe(body.beneficiaries[0].households);
  });

  it.each([
    { url: '/api/layers/projects?category=farm', msg: /category: unknown category "farm" \(allowed: industry/ },
    { url: '/api/layers/projects?bbox=116,34,115,35', msg: /bbox: is inverted/ },
    { url: '/api/layers/projects?bbox=200,34,210,35', msg: /bbox: is outside the world/ },
    { url: '/api/layers/projects?bbox=1,2,3', msg: /bbox: must be four numbers/ },
    { url: '/api/layers/projects?limit=1000000', msg: /limit: must be at most 50000/ },
    { url: '/api/layers/projects?overdue=yes', msg: /overdue: must be true or false/ },
    { url: '/api/layers/pv-stations?type=roof', msg: /type: unknown type "roof"/ },
    { url: '/api/layers/households/hexagons?size=123', msg: /size: must be one of 1000, 2000, 5000/ },
  ])('rejects $url with 400', async ({ url, msg }) => {
    const { status, body } = await get(url);
    expect(status).toBe(400);
    expect(body.error.message).toMatch(msg);
  });

  it('answers 404 for unknown codes', async () => {
    expect((await get('/api/projects/NOPE')).status).toBe(404);
    expect((await get('/api/pv-stations/NOPE')).status).toBe(404);
    expect((await get('/api/layers/projects?area=411499')).status).toBe(404);
  });
});
