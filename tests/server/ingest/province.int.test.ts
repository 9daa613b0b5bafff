/**
 * The province dataset (npm run demo:province), scaled down to three county-level units: the shape of
 * what the generator makes and what the loader writes, and the level-of-detail rule of the regions route.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createApp } from '../../../server/app.ts';
import type { RegionCollection } from '../../../server/contracts/regions.ts';
import { readDemoInputs } from '../../../server/ingest/demo/index.ts';
import { parseDivisionsCsv } from '../../../server/ingest/demo/boundaries.ts';
import { generateProvinceData, type ProvinceOptions } from '../../../server/ingest/demo/province.ts';
import { loadProvinceData } from '../../../server/ingest/load-province.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';

// 民权县 (商丘市), 中牟县 (郑州市) and 长垣市 (新乡市, no polygon in the boundary file).
const options: ProvinceOptions = { countyCodes: ['411421', '410122', '410783'], households: 2000, projects: 300 };
const inputs = readDemoInputs();
const divisions = parseDivisionsCsv(inputs.divisionsCsv);
const listed = new Map(divisions.map((d) => [d.code, d]));
const hash = (value: unknown) => crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex');

let database: TestDatabase;
let app: ReturnType<typeof createApp>;
let loaded: Awaited<ReturnType<typeof loadProvinceData>>;

beforeAll(async () => {
  database = await openTestDatabase();
  loaded = await loadProvinceData(database, { ...options, log: () => {} });
  app = createApp({ database });
});
afterAll(() => database?.dispose());

describe('province generator (scaled down)', () => {
  const data = generateProvinceData(inputs, options);
  const byLevel = (level: string) => data.regions.filter((r) => r.level === level);

  it('has the province, the cities of the chosen units, and every township and village of the list under them', () => {
    const counties = new Set(options.countyCodes);
    const townships = divisions.filter((d) => d.level === 'township' && counties.has(d.parentCode)).map((d) => d.code);
    const townshipSet = new Set(townships);
    const villages = divisions.filter((d) => d.level === 'village' && townshipSet.has(d.parentCode));
    expect(byLevel('province').map((r) => [r.code, r.name, r.parentCode])).toEqual([['41', '河南省', null]]);
    expect(byLevel('city').map((r) => r.code)).toEqual(['4101', '4107', '4114']);
    expect(byLevel('city').every((r) => r.parentCode === '41')).toBe(true);
    expect(byLevel('county').map((r) => r.code)).toEqual(['410122', '410783', '411421']);
    expect(
      byLevel('township')
        .map((r) => r.code)
        .sort(),
    ).toEqual(townships.sort());
    expect(byLevel('village')).toHaveLength(villages.length);
    // Codes, names and parents straight from the division list.
    for (const r of data.regions.slice(1)) {
      expect(listed.get(r.code)?.name).toBe(r.name);
      expect(listed.get(r.code)?.parentCode).toBe(r.parentCode);
    }
  });

  it('marks synthesized boundaries and reports the unit without a polygon', () => {
    expect(data.withoutPolygon).toEqual([{ code: '410783', name: '长垣市' }]);
    expect(data.retiredCodes).toContain('410306');
    for (const r of byLevel('county')) expect(r.synthesized).toBe(false);
    for (const r of [...byLevel('township'), ...byLevel('village')]) {
      // With a polygon: synthesized (Voronoi); under 长垣市: listed without one.
      if (r.countyCode === '410783') expect([r.geom, r.synthesized]).toEqual([null, false]);
      else expect([r.geom?.type, r.synthesized]).toEqual(['MultiPolygon', true]);
    }
  });

  it('scales the ledger to the options and is deterministic', () => {
    expect(data.ledger.projects).toHaveLength(300);
    expect(data.ledger.projectProgress).toHaveLength(300 * 9);
    const households = [...data.households()];
    expect(households).toHaveLength(2000);
    expect(data.householdCount).toBe(2000);
    expect(new Set(data.ledger.projects.map((p) => p.countyCode))).toEqual(new Set(['410122', '411421']));
    const again = generateProvinceData(inputs, options);
    expect(hash(again.regions)).toBe(hash(data.regions));
    expect(hash(again.ledger)).toBe(hash(data.ledger));
    expect(hash([...again.households()])).toBe(hash(households));
    expect(hash(generateProvinceData(inputs, { ...options, seed: 7 }).ledger.projects)).not.toBe(hash(data.ledger.projects));
  });
});

describe(`province load and level of detail (${testBackend})`, () => {
  it('writes every row in one load', async () => {
    const [counts] = await database.rows<Record<string, number>>(sql`
      SELECT (SELECT count(*)::int FROM regions) AS regions, (SELECT count(*)::int FROM households) AS households,
             (SELECT count(*)::int FROM projects) AS projects, (SELECT count(*)::int FROM project_progress) AS progress,
             (SELECT count(*)::int FROM regions WHERE label_point IS NOT NULL) AS labelled,
             (SELECT count(*)::int FROM regions WHERE geom IS NOT NULL) AS drawn,
             (SELECT ST_IsValid(geom) FROM regions WHERE code = '41')::int AS province_valid`);
    expect(counts).toMatchObject({ households: 2000, projects: 300, progress: 2700, province_valid: 1 });
    expect(counts.regions).toBe(loaded.counts.regions);
    expect(counts.labelled).toBe(counts.drawn);
    expect(loaded.withoutPolygon.map((u) => u.code)).toEqual(['410783']);
    // The server does not add the demo city on top.
    const [seeded] = await database.rows<{ dataset: string }>(
      sql`SELECT value->>'dataset' AS dataset FROM settings WHERE key = 'demo_seeded'`,
    );
    expect(seeded.dataset).toBe('province');
    // The province is the root the client opens on.
    const meta = await (await app.request('/api/meta')).json();
    expect([meta.root.code, meta.root.level, meta.root.name]).toEqual(['41', 'province', '河南省']);
  });

  it('sends the counties of the province, and its townships and villages only per county', async () => {
    const counties = (await (await app.request('/api/regions?level=county&parent=41')).json()) as RegionCollection;
    expect(counties.features.map((f) => [f.properties.code, f.geometry === null])).toEqual([
      ['410122', false],
      ['410783', true],
      ['411421', false],
    ]);
    for (const level of ['village', 'township']) {
      const refused = await app.request(`/api/regions?level=${level}&parent=41`);
      expect(refused.status).toBe(400);
      expect((await refused.json()).error.message).toMatch(/per county/);
    }
    const chunk = (await (await app.request('/api/regions?level=village&parent=411421')).json()) as RegionCollection;
    const [{ n }] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM regions WHERE level = 'village' AND county_code = '411421'`,
    );
    expect(chunk.features).toHaveLength(n);
    expect(chunk.features.every((f) => f.properties.countyCode === '411421')).toBe(true);
  });

  it('answers the measures of the province at every level (values are one small answer)', async () => {
    for (const level of ['county', 'township', 'village']) {
      const res = await app.request(`/api/measures/spend_rate?level=${level}&parent=41`);
      expect(res.status).toBe(200);
      const body = await res.json();
      const [{ n }] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM regions WHERE level = ${level}`);
      expect(body.rows).toHaveLength(n);
    }
  });

  it('evaluates an OGC items page of villages for that page only, with the values of the whole-level answer', async () => {
    // A page that starts at the first village with projects.
    const [{ at }] = await database.rows<{ at: number }>(
      sql`SELECT count(*)::int AS at FROM regions WHERE level = 'village' AND code < (SELECT min(village_code) FROM projects)`,
    );
    const page = await (await app.request(`/ogc/collections/villages/items?limit=5&offset=${at}`)).json();
    expect(page.features).toHaveLength(5);
    const all = await (await app.request('/api/measures/spend_rate?level=village&parent=41')).json();
    const byCode = new Map<string, number | null>(all.rows.map((r: { code: string; value: number | null }) => [r.code, r.value]));
    const withValue = page.features.filter((f: { properties: { spend_rate: number | null } }) => f.properties.spend_rate !== null);
    for (const f of page.features) expect(f.properties.spend_rate).toBe(byCode.get(f.properties.code));
    expect(page.numberMatched).toBe(all.rows.length);
    expect(withValue.length).toBeGreaterThan(0);
  });
});
