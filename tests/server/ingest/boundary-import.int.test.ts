/**
 * Boundary import over the API, on both backends, against the demo's division list (商丘市): the real
 * Henan county file lists exactly its 6 retired codes; the same outlines as a GBK Shapefile in
 * CGCS2000, a GeoPackage in Web Mercator (both written by GDAL's ogr2ogr, an independent writer) and a
 * GeoJSON in latitude/longitude order import to the same boundaries; an invalid polygon is reported
 * and repaired only on request; a county editor may not import boundaries.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeoImportReport } from '../../../server/contracts/geo-imports.ts';
import { users } from '../../../server/db/schema.ts';
import { hashPassword } from '../../../server/auth/password.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import { Client, Clock, cheapScrypt, makeApp, passwordOf, type App } from '../auth/fixtures.ts';

let database: TestDatabase;
let app: App;
let admin: Client;
let editor: Client;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boundary-fixtures-'));
const henan = JSON.parse(fs.readFileSync('data/henan-counties.geojson', 'utf8')) as GeoJSON.FeatureCollection;
const shangqiu: GeoJSON.FeatureCollection = {
  type: 'FeatureCollection',
  features: henan.features.filter((f) => f.properties!.cityCode === '4114'),
};
const retired = ['410306', '410322', '410381', '410728', '411023', '411626'];

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  for (const [username, role, countyCode] of [
    ['admin', 'city_admin', null],
    ['minquan', 'county_editor', '411421'],
  ] as const) {
    await database.db.insert(users).values({
      username,
      displayName: username,
      role,
      countyCode,
      leader: false,
      passwordHash: await hashPassword(passwordOf(username), cheapScrypt),
    });
  }
  app = makeApp(database, new Clock());
  admin = await new Client(app, 'admin').login('admin');
  editor = await new Client(app, 'minquan').login('minquan');
}, 120_000);
afterAll(async () => {
  await database?.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function validate(client: Client, name: string, bytes: Uint8Array | string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append('file', new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return client.request('POST', '/api/imports/boundaries/validate', { body: form });
}

/** The 9 county outlines of 商丘市 as stored, as text (to compare two imports). */
async function outlines() {
  return database.rows<{ code: string; area: number; valid: boolean }>(sql`
    SELECT code, round((ST_Area(geom::geography) / 1e6)::numeric, 0)::float8 AS area, ST_IsValid(geom) AS valid
    FROM regions WHERE level = 'county' AND geom IS NOT NULL ORDER BY code`);
}

function ogr(args: string[]) {
  execFileSync('ogr2ogr', args, { stdio: 'pipe' });
}

describe(`boundary import (${testBackend})`, () => {
  it('lists exactly the 6 retired codes of the Henan county file, and the other cities’ codes as unknown', async () => {
    const res = await validate(admin, 'henan-counties.geojson', fs.readFileSync('data/henan-counties.geojson'));
    expect(res.status, res.text).toBe(200);
    const r = res.json() as GeoImportReport;
    expect(r.ok).toBe(false);
    expect(r.batchId).toBeNull();
    expect(r.format).toBe('geojson');
    expect(r.boundaries!.retiredCodes.map((c) => c.code).sort()).toEqual(retired);
    expect(r.boundaries!.unknownCodes).toHaveLength(158 - 9 - 6);
    expect(r.boundaries!.unknownCodes.every((c) => !c.code.startsWith('4114'))).toBe(true);
    expect(r.issues.find((i) => i.value === '410306')?.reason).toContain('已撤销');
  });

  it('with skipUnknown the file imports the 9 outlines of 商丘市 (invalid ones only after the ST_MakeValid offer)', async () => {
    const before = await outlines();
    const first = (
      await validate(admin, 'henan-counties.geojson', fs.readFileSync('data/henan-counties.geojson'), { skipUnknown: 'true' })
    ).json() as GeoImportReport;
    expect(first.counts.skip).toBe(149);
    expect(first.boundaries!.retiredCodes).toHaveLength(6);
    if (first.boundaries!.invalid.length) {
      expect(first.ok).toBe(false);
      expect(first.boundaries!.makeValidOffered).toBe(true);
    }
    const res = await validate(admin, 'henan-counties.geojson', fs.readFileSync('data/henan-counties.geojson'), {
      skipUnknown: 'true',
      makeValid: 'true',
    });
    const r = res.json() as GeoImportReport;
    expect(r.ok, JSON.stringify(r.issues.slice(0, 3))).toBe(true);
    expect(r.boundaries!.repaired).toBe(first.boundaries!.invalid.length);
    expect(r.counts.add + r.counts.change + r.counts.unchanged).toBe(9);
    const commit = await admin.request('POST', `/api/imports/${r.batchId}/commit`);
    expect(commit.status, commit.text).toBe(200);
    expect(commit.json()).toMatchObject({ kind: 'boundaries', added: 0, changed: r.counts.change, unchanged: r.counts.unchanged });
    // The demo loader repaired the outlines its own way (same areas); only the two districts it carved
    // the development zones (411471, 411472) out of get their full outline back.
    const after = await outlines();
    expect(after.every((o) => o.valid)).toBe(true);
    const moved = after.filter((o, i) => o.area !== before[i].area).map((o) => o.code);
    expect(moved).toEqual(['411402', '411403']);
    expect(r.preview.every((p) => p.action === 'change' && p.changes[0].label === '边界')).toBe(true);
  });

  it('reads a GBK Shapefile in CGCS2000, a GeoPackage in Web Mercator and a lat/lon GeoJSON to the same outlines', async () => {
    const src = path.join(dir, 'shangqiu.geojson');
    fs.writeFileSync(src, JSON.stringify(shangqiu));
    // Shapefile: attributes in GBK with a .cpg, coordinates declared CGCS2000 (EPSG:4490).
    ogr(['-f', 'ESRI Shapefile', '-a_srs', 'EPSG:4490', '-lco', 'ENCODING=GBK', '-nlt', 'MULTIPOLYGON', path.join(dir, 'shp'), src]);
    const zip = new JSZip();
    for (const f of fs.readdirSync(path.join(dir, 'shp'))) zip.file(`县界/${f}`, fs.readFileSync(path.join(dir, 'shp', f)));
    const shpZip = await zip.generateAsync({ type: 'uint8array' });
    const dbf = fs.readFileSync(path.join(dir, 'shp', 'shangqiu.dbf'));
    expect(dbf.includes(Buffer.from([0xc3, 0xf1, 0xc8, 0xa8]))).toBe(true); // 民权 in GBK
    // GeoPackage: Web Mercator metres.
    const gpkg = path.join(dir, 'shangqiu.gpkg');
    ogr(['-f', 'GPKG', '-s_srs', 'EPSG:4326', '-t_srs', 'EPSG:3857', gpkg, src]);
    // GeoJSON with the URN of EPSG:4326 and latitude first.
    const flip = (c: unknown): unknown =>
      typeof (c as number[])[0] === 'number' ? [(c as number[])[1], (c as number[])[0]] : (c as unknown[]).map(flip);
    const latLon = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4326' } },
      features: shangqiu.features.map((f) => ({
        ...f,
        geometry: { ...f.geometry, coordinates: flip((f.geometry as GeoJSON.Polygon).coordinates) },
      })),
    };
    const reports: GeoImportReport[] = [];
    for (const [name, bytes] of [
      ['县界.zip', shpZip],
      ['县界.gpkg', fs.readFileSync(gpkg)],
      ['县界.json', JSON.stringify(latLon)],
    ] as const) {
      const res = await validate(admin, name, bytes, { makeValid: 'true' });
      expect(res.status, res.text).toBe(200);
      reports.push(res.json() as GeoImportReport);
    }
    const [shp, pkg, json] = reports;
    expect([shp.format, pkg.format, json.format]).toEqual(['shapefile', 'geopackage', 'geojson']);
    expect([shp.boundaries!.srid, pkg.boundaries!.srid, json.boundaries!.srid]).toEqual([4490, 3857, 4326]);
    expect(json.boundaries!.axisSwapped).toBe(true);
    expect(shp.encoding).toMatch(/GB/);
    for (const r of reports) {
      expect(r.ok, `${r.format}: ${JSON.stringify(r.issues.slice(0, 2))}`).toBe(true);
      expect(r.counts.dataRows).toBe(9);
      expect(r.boundaries!.unknownCodes).toEqual([]);
    }
    // Shapefile and GeoJSON carry the same coordinates: unchanged; Web Mercator round trips move them by < 1 m.
    expect(shp.counts.unchanged + shp.counts.change).toBe(9);
    expect(json.counts.unchanged).toBe(9);
    // The display outlines have self-touching rings: every one needs ST_MakeValid, as in the demo loader.
    expect(json.boundaries!.repaired).toBe(json.boundaries!.invalid.length);
    const areas = Object.fromEntries((await outlines()).map((o) => [o.code, o.area]));
    const before = { ...areas };
    const res = await admin.request('POST', `/api/imports/${pkg.batchId}/commit`);
    expect(res.status, res.text).toBe(200);
    for (const o of await outlines()) {
      expect(o.valid).toBe(true);
      expect(Math.abs(o.area - before[o.code])).toBeLessThanOrEqual(1);
    }
  });

  it('reports an invalid polygon with PostGIS’s reason and offers ST_MakeValid', async () => {
    const bowtie: GeoJSON.FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { 代码: '411421', 名称: '民权县' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [115.0, 34.5],
                [115.2, 34.7],
                [115.2, 34.5],
                [115.0, 34.7],
                [115.0, 34.5],
              ],
            ],
          },
        },
      ],
    };
    const r = (await validate(admin, 'bowtie.geojson', JSON.stringify(bowtie))).json() as GeoImportReport;
    expect(r.ok).toBe(false);
    expect(r.boundaries!.codeField).toBe('代码');
    expect(r.boundaries!.invalid).toMatchObject([{ code: '411421', name: '民权县', reason: expect.stringMatching(/Self-intersection/i) }]);
    expect(r.boundaries!.makeValidOffered).toBe(true);
    const fixed = (await validate(admin, 'bowtie.geojson', JSON.stringify(bowtie), { makeValid: 'true' })).json() as GeoImportReport;
    expect(fixed.ok).toBe(true);
    expect(fixed.boundaries!.repaired).toBe(1);
    expect(fixed.counts.change).toBe(1);
  });

  it('refuses a county editor, a file without features and content that is no boundary file', async () => {
    expect((await validate(editor, 'a.geojson', JSON.stringify(shangqiu))).status).toBe(403);
    const empty = await validate(admin, 'a.geojson', JSON.stringify({ type: 'FeatureCollection', features: [] }));
    expect(empty.status).toBe(422);
    expect(empty.json().error.message).toContain('没有任何要素');
    const pdf = await validate(admin, 'a.zip', new Uint8Array([0x25, 0x50, 0x44, 0x46, 1, 2, 3]));
    expect(pdf.status).toBe(422);
    const noShp = new JSZip();
    noShp.file('readme.txt', 'hello');
    const zipRes = await validate(admin, 'a.zip', await noShp.generateAsync({ type: 'uint8array' }));
    expect(zipRes.status).toBe(422);
    expect(zipRes.json().error.message).toContain('.shp');
  });
});
