import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createApp } from '../../../server/app.ts';
import type { RegionCollection } from '../../../server/contracts/regions.ts';
import { bbox } from '@turf/turf';
import { answerCacheOf, bumpDataVersion } from '../../../server/http/cache.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';

let database: TestDatabase;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  app = createApp({ database });
});
afterAll(() => database?.dispose());

describe(`regions API (${testBackend})`, () => {
  it('health reports the backend, PostGIS and the demo data', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', db: testBackend, demo: true });
    expect(body.postgis).toMatch(/^3\.\d+/);
    expect(body.counts.regions).toBe(1 + 11 + 199 + 4834);
  });

  it('lists the 11 county-level units of 商丘市 with valid polygons', async () => {
    const res = await app.request('/api/regions?level=county&parent=4114');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const fc = (await res.json()) as RegionCollection;
    expect(fc.features.map((f) => f.properties.code)).toEqual([
      '411402',
      '411403',
      '411421',
      '411422',
      '411423',
      '411424',
      '411425',
      '411426',
      '411471',
      '411472',
      '411481',
    ]);
    const names = Object.fromEntries(fc.features.map((f) => [f.properties.code, f.properties.name]));
    expect(names['411421']).toBe('民权县');
    for (const f of fc.features) {
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry?.type);
      expect(f.properties.label).toHaveLength(2);
    }
    // The two development zones have no surveyed polygon: theirs are carved and marked synthesized.
    const synth = fc.features.filter((f) => f.properties.synthesized).map((f) => f.properties.code);
    expect(synth).toEqual(['411471', '411472']);
    // The simplified geometry the API sends is still valid in PostGIS.
    const [{ invalid }] = await database.rows<{ invalid: number }>(sql`
      SELECT count(*)::int AS invalid FROM json_array_elements(${JSON.stringify(fc.features.map((f) => f.geometry))}::json) g
      WHERE NOT ST_IsValid(ST_GeomFromGeoJSON(g::text))`);
    expect(invalid).toBe(0);
  });

  it('gives all 4,834 villages under the city and a county subset under a county', async () => {
    const all = (await (await app.request('/api/regions?level=village&parent=4114')).json()) as RegionCollection;
    expect(all.features).toHaveLength(4834);
    expect(all.features.every((f) => f.properties.synthesized && f.properties.level === 'village')).toBe(true);
    const minquan = (await (await app.request('/api/regions?level=township&parent=411421')).json()) as RegionCollection;
    const [{ n }] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM regions WHERE level = 'township' AND parent_code = '411421'`,
    );
    expect(minquan.features).toHaveLength(n);
    expect(n).toBeGreaterThan(5);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await app.request('/api/regions?level=county&parent=4114');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toContain('max-age');
    const again = await app.request('/api/regions?level=county&parent=4114', { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
  });

  it.each([
    { title: 'unknown level', query: 'level=town&parent=4114', status: 400, message: /level/ },
    { title: 'missing parent', query: 'level=county', status: 400, message: /parent/ },
    { title: 'malformed parent', query: 'level=county&parent=41x4', status: 400, message: /parent: must be a division code/ },
    { title: 'parent not above level', query: 'level=county&parent=411421', status: 400, message: /must be above level "county"/ },
    { title: 'unknown parent', query: 'level=county&parent=9999', status: 404, message: /no division with code 9999/ },
  ])('rejects $title with $status and a readable message', async ({ query, status, message }) => {
    const res = await app.request(`/api/regions?${query}`);
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.error.message).toMatch(message);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it.each(['4114', '411421', '411421001'])('gives the outline of %s, which covers its children as drawn', async (code) => {
    const res = await app.request(`/api/regions/outline?code=${code}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const outline = await res.json();
    expect(outline.properties.code).toBe(code);
    expect(['Polygon', 'MultiPolygon']).toContain(outline.geometry.type);
    // The outline has the area and the extent of the union of the children it surrounds (within 1 %).
    const level = code.length === 4 ? 'county' : code.length === 6 ? 'township' : 'village';
    const [row] = await database.rows<{ area: number; outline: number; dx: number; dy: number }>(sql`
      WITH o AS (SELECT ST_GeomFromGeoJSON(${JSON.stringify(outline.geometry)}) AS g),
           c AS (SELECT ST_Union(geom) AS g FROM regions WHERE parent_code = ${code} AND level = ${level})
      SELECT ST_Area(c.g) AS area, ST_Area(o.g) AS outline,
             abs(ST_XMax(o.g) - ST_XMax(c.g)) + abs(ST_XMin(o.g) - ST_XMin(c.g)) AS dx,
             abs(ST_YMax(o.g) - ST_YMax(c.g)) + abs(ST_YMin(o.g) - ST_YMin(c.g)) AS dy
      FROM o, c`);
    expect(row.area).toBeGreaterThan(0);
    expect(Math.abs(row.outline / row.area - 1)).toBeLessThan(0.01);
    expect(row.dx + row.dy).toBeLessThan(0.01);
    const again = await app.request(`/api/regions/outline?code=${code}`, { headers: { 'If-None-Match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it.each(['/api/regions?level=township&parent=411421', '/api/regions/outline?code=411421'])(
    'answers 304 to a browser revalidating %s after the answer cache lost it (a miss with If-None-Match)',
    async (url) => {
      const first = await app.request(url);
      const etag = first.headers.get('etag')!;
      expect(etag).toBeTruthy();
      // Another reader's key, a restart or an eviction: the browser's ETag arrives at a cache miss.
      answerCacheOf(database).clear();
      const again = await app.request(url, { headers: { 'If-None-Match': etag } });
      expect(again.status, await again.clone().text()).toBe(304);
      // And a request without it, at the same moment, still gets the body.
      answerCacheOf(database).clear();
      const [withTag, without] = await Promise.all([app.request(url, { headers: { 'If-None-Match': etag } }), app.request(url)]);
      expect(withTag.status).toBe(304);
      expect(without.status).toBe(200);
      expect((await without.json()).type).toMatch(/Feature/);
    },
  );

  it('serves a moved boundary at once after the import that moved it (outline and children)', async () => {
    const township = '411421001';
    const get = async (url: string) => {
      const res = await app.request(url);
      expect(res.status).toBe(200);
      return { etag: res.headers.get('etag'), west: bbox((await res.json()) as never)[0] };
    };
    const outlineUrl = `/api/regions/outline?code=${township}`;
    const childrenUrl = `/api/regions?level=township&parent=411421`;
    const before = { outline: await get(outlineUrl), children: await get(childrenUrl) };
    // An import moves the township 0.05° east, in one transaction that bumps the data version.
    const move = (dx: number) =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`UPDATE regions SET geom = ST_Translate(geom, ${dx}, 0) WHERE code = ${township}`);
        await bumpDataVersion(tx);
      });
    await move(0.05);
    try {
      const after = { outline: await get(outlineUrl), children: await get(childrenUrl) };
      expect(after.outline.etag).not.toBe(before.outline.etag);
      expect(after.outline.west - before.outline.west).toBeCloseTo(0.05, 2);
      expect(after.children.etag).not.toBe(before.children.etag);
    } finally {
      await move(-0.05);
    }
  });

  it.each([
    { query: 'code=41x4', status: 400, message: /code: must be a division code/ },
    { query: 'code=9999', status: 404, message: /no division with code 9999/ },
  ])('rejects the outline of $query with $status', async ({ query, status, message }) => {
    const res = await app.request(`/api/regions/outline?${query}`);
    expect(res.status).toBe(status);
    expect((await res.json()).error.message).toMatch(message);
  });

  it('describes every route in the OpenAPI document', async () => {
    const doc = await (await app.request('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/regions']));
  });
});
