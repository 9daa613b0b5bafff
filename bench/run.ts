/**
 * Benchmarks (npm run bench): server time of the API against the same SQL run directly, in one run,
 * on the embedded database and — when BENCH_DATABASE_URL is set — on a PostgreSQL server.
 * Reports medians and p95 and the ratio endpoint ÷ direct SQL; then (unless BENCH_FRAME=off) the
 * browser frame benchmark (bench/frame/run.ts); with BENCH_PROVINCE=1 and BENCH_PROVINCE_URL also the
 * province benchmarks (bench/province.ts). Writes bench/results/latest.json.
  }
 * Reports medians and p95 and the ratio endpoint ÷ direct SQL; then (unless BENCH_IMPORT=off) the import
 * of a generated 100,000-row ledger (bench/import.ts); then (unless BENCH_FRAME=off) the browser frame
 * benchmark (bench/frame/run.ts). Writes bench/results/latest.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { createApp } from '../server/app.ts';
import { openDatabase, type Database } from '../server/db/client.ts';
import { areaFactsSql } from '../server/db/queries/area-facts.ts';
import { findRegion } from '../server/db/queries/regions.ts';
import { projectLayerJson } from '../server/db/queries/layers.ts';
import { ProjectLayerQuery } from '../server/contracts/layers.ts';
import { loadDemoData } from '../server/ingest/load-demo.ts';

const iterations = Number(process.env.BENCH_ITERATIONS ?? 25);

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p95: q(0.95), n: s.length };
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn(); // warm
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** Interleave two measurements so machine noise hits both alike. */
async function paired(a: () => Promise<unknown>, b: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) {
    await a();
    await b();
  }
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < iterations; i++) {
    let t = performance.now();
    await a();
    sa.push(performance.now() - t);
    t = performance.now();
    await b();
    sb.push(performance.now() - t);
  }
  return { a: stats(sa), b: stats(sb) };
}

async function benchBackend(database: Database) {
  const app = createApp({ database });
  const [{ d: asOf }] = await database.rows<{ d: string }>(sql`SELECT max(cut_off)::text AS d FROM meetings`);
  const city = (await findRegion(database, '4114'))!;
  const results: Record<string, unknown> = {};

  // 1. Measure values for all 4,834 villages: endpoint vs the same aggregate SQL run directly.
  for (const id of ['spend_rate', 'pv_registration', 'measure_coverage'] as const) {
    const family = id === 'pv_registration' ? 'pv' : id === 'measure_coverage' ? 'households' : 'projects';
    const url = `/api/measures/${id}?level=village&parent=4114&asOf=${asOf}`;
    const bytes = (await (await app.request(url)).arrayBuffer()).byteLength;
    const gzipBytes = (await (await app.request(url, { headers: { 'Accept-Encoding': 'gzip' } })).arrayBuffer()).byteLength;
    const query = areaFactsSql({ level: 'village', parent: city, asOf, dividendMinPct: 5, families: [family] });
    const { a, b } = await paired(
      async () => (await app.request(url)).arrayBuffer(),
      () => database.rows(query),
    );
    results[`measures/${id} village`] = { endpoint: a, directSql: b, ratio: +(a.median / b.median).toFixed(2), bytes, gzipBytes };
  }

  // 2. Boundaries: village polygons once (cached after the first call) and county polygons.
  for (const level of ['county', 'village']) {
    const url = `/api/regions?level=${level}&parent=4114`;
    const bytes = (await (await app.request(url)).arrayBuffer()).byteLength;
    const gzipBytes = (await (await app.request(url, { headers: { 'Accept-Encoding': 'gzip' } })).arrayBuffer()).byteLength;
    results[`regions ${level}`] = { endpoint: stats(await time(async () => (await app.request(url)).arrayBuffer())), bytes, gzipBytes };
  }

  // 3. Points layer for all demo projects of the city, as the client asks for it (area + as-of date):
  //    endpoint (raw and gzip) vs the very SQL the endpoint runs, captured from the query function.
  {
    const url = `/api/layers/projects?area=4114&asOf=${asOf}`;
    const body = await (await app.request(url)).arrayBuffer();
    const bytes = body.byteLength;
    const gzipBytes = (await (await app.request(url, { headers: { 'Accept-Encoding': 'gzip' } })).arrayBuffer()).byteLength;
    const { meta } = JSON.parse(new TextDecoder().decode(body)) as { meta: { returned: number; matched: number } };
    let query: SQL | undefined;
    const recorder: Database = {
      ...database,
      rows: async (q: SQL) => {
        query = q;
        return [{ json: '' }] as never;
      },
    };
    await projectLayerJson(recorder, { ...ProjectLayerQuery.parse({}), area: city, asOf });
    const captured = query!;
    const { a, b } = await paired(
      async () => (await app.request(url)).arrayBuffer(),
      () => database.rows(captured),
    );
    const endpointGzip = stats(await time(async () => (await app.request(url, { headers: { 'Accept-Encoding': 'gzip' } })).arrayBuffer()));
    results['layers/projects city'] = {
      endpoint: a,
      directSql: b,
      ratio: +(a.median / b.median).toFixed(2),
      endpointGzip,
      features: meta.returned,
      matched: meta.matched,
      bytes,
      gzipBytes,
    };
  }
  return results;
}

async function main() {
  // The frame benchmark (headless Chromium) loads deck.gl and Vite: imported only when it runs, its
  // settings checked before the long server part.
  const frameBench = process.env.BENCH_FRAME === 'off' ? null : await import('./frame/run.ts');
  const frameOptions = frameBench?.frameOptionsFromEnv();
  const out: Record<string, unknown> = { date: new Date().toISOString(), iterations, cpus: (await import('node:os')).cpus().length };
  const dataDir = path.resolve('.data/bench/pglite');
  const embedded = await openDatabase({ dataDir });
  await loadDemoData(embedded);
  out.embedded = await benchBackend(embedded);
  await embedded.close();
  if (process.env.BENCH_DATABASE_URL) {
    const server = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL });
    await loadDemoData(server);
    out.postgres = await benchBackend(server);
    await server.close();
  }
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync('bench/results/latest.json', JSON.stringify(out, null, 2));
  printServer(out);
  // The province (issue 14): BENCH_PROVINCE=1 with BENCH_PROVINCE_URL, a database loaded by `npm run demo:province`.
  if (process.env.BENCH_PROVINCE === '1') {
    if (!process.env.BENCH_PROVINCE_URL)
      throw new Error('BENCH_PROVINCE=1 needs BENCH_PROVINCE_URL (a database loaded by npm run demo:province).');
    const { runProvinceBench } = await import('./province.ts');
    out.province = await runProvinceBench(process.env.BENCH_PROVINCE_URL);
    fs.writeFileSync('bench/results/latest.json', JSON.stringify(out, null, 2));
  }
  if (process.env.BENCH_IMPORT !== 'off') {
    const importBench = await import('./import.ts');
    out.import = await importBench.runImportBench();
    fs.writeFileSync('bench/results/latest.json', JSON.stringify(out, null, 2));
    console.log(importBench.formatImportBench(out.import as Awaited<ReturnType<typeof importBench.runImportBench>>));
  }
  if (!frameBench) return;
  const frame = await frameBench.runFrameBench(frameOptions);
  out.frame = frame;
  fs.writeFileSync('bench/results/frame-latest.json', JSON.stringify(frame, null, 2));
  fs.writeFileSync('bench/results/latest.json', JSON.stringify(out, null, 2));
  console.log(frameBench.formatFrameResults(frame));
  // The real app: measure switch to new colours on screen.
  const switchBench = await import('./measure-switch.ts');
  const switches = await switchBench.runMeasureSwitchBench(frameOptions!.iterations);
  out.measureSwitch = switches;
  fs.writeFileSync('bench/results/latest.json', JSON.stringify(out, null, 2));
  console.log(switchBench.formatMeasureSwitch(switches));
  // The first screen, app ÷ a bare MapLibre page, cold and warm HTTP cache.
  const firstScreen = await import('./first-screen.ts');
  const first = await firstScreen.runFirstScreenBench();
  out.firstScreen = first;
  fs.writeFileSync('bench/results/latest.json', JSON.stringify(out, null, 2));
  console.log(firstScreen.formatFirstScreen(first));
}

function printServer(out: Record<string, unknown>) {
  for (const backend of ['embedded', 'postgres']) {
    type Row = { median: number; p95: number };
    const r = out[backend] as
      Record<string, { endpoint: Row; endpointGzip?: Row; directSql?: Row; ratio?: number; bytes: number; gzipBytes: number }> | undefined;
    if (!r) continue;
    console.log(`\n${backend}`);
    console.log(
      'case'.padEnd(34),
      'median ms'.padStart(10),
      'p95 ms'.padStart(9),
      'SQL ms'.padStart(8),
      'ratio'.padStart(6),
      'KB'.padStart(8),
      'gzip KB'.padStart(8),
    );
    for (const [name, v] of Object.entries(r)) {
      console.log(
        name.padEnd(34),
        v.endpoint.median.toFixed(1).padStart(10),
        v.endpoint.p95.toFixed(1).padStart(9),
        (v.directSql ? v.directSql.median.toFixed(1) : '').padStart(8),
        (v.ratio ? v.ratio.toFixed(2) : '').padStart(6),
        (v.bytes / 1024).toFixed(0).padStart(8),
        (v.gzipBytes / 1024).toFixed(0).padStart(8),
      );
      if (v.endpointGzip)
        console.log(`${name} (gzip)`.padEnd(34), v.endpointGzip.median.toFixed(1).padStart(10), v.endpointGzip.p95.toFixed(1).padStart(9));
    }
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
