/**
 * Real GIS clients against the OGC API – Features service, over HTTP: the app listens on an
 * ephemeral port and Debian's GDAL (`ogrinfo`, `ogr2ogr` to GeoPackage with a -spat box) and OWSLib
 * (python3-owslib) read it as QGIS would. Counts and Chinese names are checked against the database.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { createApp } from '../../../server/app.ts';
import { ogcCollectionIds } from '../../../server/contracts/ogc.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
/** The -spat box (minx miny maxx maxy): part of the city, so the GeoPackage holds some projects, not all. */
const box = [115.0, 34.0, 115.6, 34.6] as const;

let database: TestDatabase;
let app: ReturnType<typeof createApp>;
let server: ServerType;
let base: string;
let tmp: string;
/** Every URL the clients asked for. */
const requested: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  app = createApp({ database });
  const port = await new Promise<number>((resolve) => {
    server = serve(
      {
        fetch: (req) => {
          requested.push(req.url);
          return app.fetch(req);
        },
        port: 0,
        hostname: '127.0.0.1',
      },
      (info: AddressInfo) => resolve(info.port),
    );
  });
  base = `http://127.0.0.1:${port}/ogc`;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fupin-ogc-'));
}, 600_000);
afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await database?.dispose();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Run a client program; the local server is never reached through a proxy. */
const client = async (file: string, args: string[]) => {
  const env = { ...process.env, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost', CPL_DEBUG: 'OFF' };
  const { stdout } = await run(file, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 150_000 });
  return stdout;
};

/** Codes of the projects whose published geometry meets the box (the service's answer, checked exactly by PostGIS). */
async function projectsInBox(): Promise<string[]> {
  const res = await app.request(`/ogc/collections/projects/items?bbox=${box.join(',')}&limit=10000`);
  const body = (await res.json()) as { features: { id: string; geometry: object }[]; numberMatched: number };
  expect(body.numberMatched).toBe(body.features.length);
  const rows = await database.rows<{ code: string }>(sql`
    SELECT f->>'id' AS code FROM json_array_elements(${JSON.stringify(body.features)}::json) f
    WHERE ST_Intersects(ST_SetSRID(ST_GeomFromGeoJSON((f->'geometry')::text), 4326),
                        ST_MakeEnvelope(${box[0]}, ${box[1]}, ${box[2]}, ${box[3]}, 4326))
    ORDER BY 1`);
  return rows.map((r) => r.code);
}

describe(`GIS clients read /ogc (${testBackend})`, () => {
  it('ogrinfo -so lists the projects layer with its feature count, Chinese title and fields', async () => {
    const out = await client('ogrinfo', ['-ro', '-al', '-so', `OAPIF:${base}`, 'projects']);
    const [{ n }] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM projects WHERE geom IS NOT NULL`);
    expect(out).toMatch(/^Layer name: projects$/m);
    expect(out).toMatch(new RegExp(`^Feature Count: ${n}$`, 'm'));
    expect(out).toMatch(/^ {2}TITLE=扶贫项目$/m);
    expect(out).toMatch(/^name: String/m);
    expect(out).toMatch(/^Extent: \(114\.\d+, 33\.\d+\) - \(116\.\d+, 34\.\d+\)$/m);
    // Every collection is a layer; the boundaries carry measure values as numbers.
    const counties = await client('ogrinfo', ['-ro', '-al', '-so', `OAPIF:${base}`, 'counties']);
    expect(counties).toMatch(/^Feature Count: 11$/m);
    expect(counties).toMatch(/^ {2}TITLE=县（市、区）$/m);
    expect(counties).toMatch(/^spend_rate: Real/m);
    const layers = await client('ogrinfo', ['-ro', '-q', `OAPIF:${base}`]);
    for (const id of ogcCollectionIds) expect(layers).toMatch(new RegExp(`^\\d: ${id} \\(title: `, 'm'));
  }, 180_000);

  it('ogr2ogr copies the projects in a -spat box to a GeoPackage, page by page, with their Chinese names', async () => {
    const gpkg = path.join(tmp, 'projects.gpkg');
    const before = requested.length;
    await client('ogr2ogr', ['-f', 'GPKG', gpkg, `OAPIF:${base}`, 'projects', '-spat', ...box.map(String), '-oo', 'PAGE_SIZE=300']);
    // GDAL sent the box and followed the next links.
    const pages = requested.slice(before).filter((u) => u.includes('/collections/projects/items') && u.includes('offset='));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const u of pages) {
      const sent = (new URL(u).searchParams.get('bbox') ?? '').split(',').map(Number);
      expect(sent.map((x, i) => Math.abs(x - box[i]) < 1e-9)).toEqual([true, true, true, true]);
    }

    const info = await client('ogrinfo', ['-ro', '-so', gpkg, 'projects']);
    const want = await projectsInBox();
    expect(want.length).toBeGreaterThan(300);
    expect(info).toMatch(new RegExp(`^Feature Count: ${want.length}$`, 'm'));
    // Read the GeoPackage back (its table is plain SQLite): the codes, and the names as the ledger has them.
    const read = await client('/usr/bin/python3', [
      '-c',
      'import json, sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print(json.dumps(c.execute("SELECT code, name FROM projects ORDER BY code").fetchall(), ensure_ascii=False))',
      gpkg,
    ]);
    const rows = JSON.parse(read) as [string, string][];
    expect(rows.map((r) => r[0])).toEqual(want);
    const names = await database.rows<{ code: string; name: string }>(sql`SELECT code, name FROM projects ORDER BY code`);
    const nameOf = new Map(names.map((r) => [r.code, r.name]));
    for (const [code, name] of rows) expect(name, code).toBe(nameOf.get(code));
    expect(rows.every(([, name]) => /[\u4e00-\u9fff]/.test(name))).toBe(true);
  }, 180_000);

  it('OWSLib lists the collections and reads items, a box and one feature', async () => {
    const [project] = await database.rows<{ code: string; name: string }>(
      sql`SELECT code, name FROM projects WHERE geom IS NOT NULL ORDER BY code DESC LIMIT 1`,
    );
    const out = JSON.parse(await client('/usr/bin/python3', ['tests/fixtures/ogc_owslib.py', base, box.join(','), project.code]));
    expect(out.collections).toEqual([
      { id: 'projects', title: '扶贫项目' },
      { id: 'pv-stations', title: '光伏扶贫电站' },
      { id: 'counties', title: '县（市、区）' },
      { id: 'townships', title: '乡镇' },
      { id: 'villages', title: '行政村' },
    ]);
    expect(out.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson');
    expect(out.apiPaths).toContain('/collections/{collectionId}/items');
    const villages = await database.rows<{ name: string }>(sql`SELECT name FROM regions WHERE level = 'village' ORDER BY code`);
    expect(out.villages).toEqual({ numberMatched: villages.length, numberReturned: 50, names: villages.slice(0, 50).map((v) => v.name) });
    const res = await app.request(`/ogc/collections/projects/items?bbox=${box.join(',')}&limit=10000`);
    const { numberMatched, features } = (await res.json()) as { numberMatched: number; features: { id: string }[] };
    expect(out.projectsInBox).toEqual({ numberMatched, ids: features.map((f) => f.id) });
    expect(out.project).toEqual({ id: project.code, name: project.name });
  }, 180_000);
});
