/**
 * Boundary and layer downloads as GeoJSON and GeoPackage, on both backends, read back by GDAL's ogrinfo
 * (an independent reader): feature counts, Chinese field names and values, EPSG:4326; the values are the
 * API's own (household counts 1–4 withheld for anonymous readers); no household layer exists.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';

let database: TestDatabase;
let app: ReturnType<typeof createApp>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geo-export-'));

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  app = createApp({ database });
});
afterAll(async () => {
  await database?.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function download(url: string, file: string) {
  const res = await app.request(url);
  expect(
    res.status,
    await res
      .clone()
      .text()
      .then((t) => t.slice(0, 300)),
  ).toBe(200);
  const target = path.join(dir, file);
  fs.writeFileSync(target, new Uint8Array(await res.arrayBuffer()));
  return { res, target };
}

/** `ogrinfo -ro -al -so`: the layer summary (feature count, SRS, fields). */
const summary = (file: string) => execFileSync('ogrinfo', ['-ro', '-al', '-so', file], { encoding: 'utf8' });
/** All features as ogrinfo prints them. */
const features = (file: string) => execFileSync('ogrinfo', ['-ro', '-al', '-q', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
const featureCount = (info: string) => Number(info.match(/Feature Count: (\d+)/)?.[1]);

describe(`geo exports (${testBackend})`, () => {
  it('exports the 11 counties of 商丘市 with 资金支出进度 as a GeoPackage that GDAL reads: EPSG:4326, Chinese fields', async () => {
    const { res, target } = await download('/api/exports/geo/boundaries?format=gpkg&measure=spend_rate', 'counties.gpkg');
    expect(res.headers.get('content-type')).toBe('application/geopackage+sqlite3');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('商丘市')}`);
    const info = summary(target);
    expect(featureCount(info)).toBe(11);
    expect(info).toMatch(/Geometry: Multi Polygon/);
    expect(info).toMatch(/ID\["EPSG",4326\]/);
    for (const field of ['区划代码', '名称', '指标', '数值（%）', '序时进度（%）', '状态']) expect(info).toContain(`${field}: `);
    const all = features(target);
    expect(all).toContain('名称 (String) = 民权县');
    // The values are the API's.
    const api = (await (await app.request('/api/measures/spend_rate?level=county&parent=4114')).json()) as {
      rows: { code: string; value: number }[];
    };
    const minquan = api.rows.find((r) => r.code === '411421')!.value;
    const block = all.split('OGRFeature').find((b) => b.includes('区划代码 (String) = 411421\n'))!;
    expect(Number(block.match(/数值（%） \(Real\) = ([\d.]+)/)![1])).toBeCloseTo(minquan, 6);
  });

  it('exports village boundaries as GeoJSON (EPSG:4326 by the format) with the withheld household counts of the API', async () => {
    const url = '/api/exports/geo/boundaries?format=geojson&level=village&parent=411421&measure=measure_coverage';
    const { res, target } = await download(url, 'villages.geojson');
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const [{ n }] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM regions WHERE level = 'village' AND county_code = '411421'`,
    );
    const info = summary(target);
    expect(featureCount(info)).toBe(n);
    expect(info).toMatch(/ID\["EPSG",4326\]/);
    const fc = JSON.parse(fs.readFileSync(target, 'utf8')) as { features: { properties: Record<string, unknown> }[] };
    const api = (await (await app.request('/api/measures/measure_coverage?level=village&parent=411421')).json()) as {
      rows: { code: string; numerator: number | null; denominator: number | null; value: number | null }[];
    };
    const byCode = new Map(api.rows.map((r) => [r.code, r]));
    for (const f of fc.features) {
      const r = byCode.get(f.properties['区划代码'] as string)!;
      expect([f.properties['分子'], f.properties['分母'], f.properties['数值（%）']]).toEqual([r.numerator, r.denominator, r.value]);
    }
    // Anonymous readers never get a count of 1–4.
    const counts = fc.features
      .flatMap((f) => [f.properties['分子'], f.properties['分母']])
      .filter((v) => typeof v === 'number') as number[];
    expect(counts.some((v) => v >= 1 && v <= 4)).toBe(false);
    expect(fc.features.some((f) => f.properties['分子'] === null)).toBe(true);
  });

  it('exports the project and PV-station layers (located features) as GeoPackage and GeoJSON', async () => {
    const layer = (await (await app.request('/api/layers/projects?limit=50000')).json()) as { meta: { located: number; asOf: string } };
    const { target } = await download('/api/exports/geo/layers/projects?format=gpkg', 'projects.gpkg');
    const info = summary(target);
    expect(featureCount(info)).toBe(layer.meta.located);
    expect(info).toMatch(/ID\["EPSG",4326\]/);
    for (const field of ['项目编号', '项目名称', '项目类别', '项目状态', '总投资（万元）']) expect(info).toContain(`${field}: `);
    const pv = (await (await app.request('/api/layers/pv-stations?limit=50000')).json()) as { features: unknown[] };
    const { target: pvFile } = await download('/api/exports/geo/layers/pv_stations?format=geojson&area=411421', 'pv.geojson');
    const pvMinquan = (await (await app.request('/api/layers/pv-stations?limit=50000&area=411421')).json()) as { features: unknown[] };
    expect(featureCount(summary(pvFile))).toBe(pvMinquan.features.length);
    expect(pvMinquan.features.length).toBeLessThan(pv.features.length);
    expect(features(pvFile)).toMatch(/电站类型 \(String\) = (村级电站|集中式电站|户用电站)/);
  });

  it('has no household layer and checks its parameters', async () => {
    expect((await app.request('/api/exports/geo/layers/households')).status).toBe(400);
    expect((await app.request('/api/exports/geo/boundaries?format=shp')).status).toBe(400);
    expect((await app.request('/api/exports/geo/boundaries?parent=419999')).status).toBe(404);
  });
});
