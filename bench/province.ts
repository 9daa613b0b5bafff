/**
 * Province-scale benchmarks (issue 14) on a database holding the province dataset (`npm run demo:province`):
 * - the measure endpoint at each level of the province (181 counties, 2,586 townships, 52,378 villages)
 *   against the same facts SQL run directly, interleaved call by call, medians;
 * - the boundaries the province view fetches (counties of the province; one county's village chunk);
 * - an OGC API items page of the villages at province scale (first and a deep page);
 * - in headless Chromium (software GL), the first province view against a bare MapLibre page drawing the
 *   same county polygons, as stored, from a static GeoJSON file (bytes and time to the first choropleth
 *   frame), and the measure switch at village level of a county (bytes and time to the new colours).
 *
 * Run: `BENCH_PROVINCE_URL=postgres://…/fupin_province npx tsx bench/province.ts`, or `npm run bench` with
 * BENCH_PROVINCE=1 and BENCH_PROVINCE_URL. BENCH_PROVINCE_ITERATIONS (server part, default 9),
 * BENCH_PROVINCE_MEASURES (e.g. measure_coverage: only those), BENCH_FIRST_SCREEN_ITERATIONS (default 3 here),
 * BENCH_FRAME_ITERATIONS (default 5), BENCH_FRAME=off skips
 * the browser part. Writes bench/results/province-latest.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { createApp } from '../server/app.ts';
import { openDatabase, type Database } from '../server/db/client.ts';
import { areaFactsSql } from '../server/db/queries/area-facts.ts';
import { findRegion } from '../server/db/queries/regions.ts';
import { answerCacheOf } from '../server/http/cache.ts';
import { serverSecret } from '../server/auth/secret.ts';
import { stats, type Stats } from './frame/run.ts';

const iterations = Number(process.env.BENCH_PROVINCE_ITERATIONS ?? 9);
/** The county whose villages the switch and chunk cases use: 民权县 (商丘市). */
const county = '411421';

async function paired(a: () => Promise<unknown>, b: () => Promise<unknown>, n = iterations) {
  await a();
  await b();
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < n; i++) {
    let t = performance.now();
    await a();
    sa.push(performance.now() - t);
    t = performance.now();
    await b();
    sb.push(performance.now() - t);
  }
  return { a: stats(sa), b: stats(sb) };
}

async function timed(fn: () => Promise<unknown>, n = iterations): Promise<Stats> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return stats(out);
}

async function sizes(app: ReturnType<typeof createApp>, url: string) {
  const bytes = (await (await app.request(url)).arrayBuffer()).byteLength;
  const gzipBytes = (await (await app.request(url, { headers: { 'Accept-Encoding': 'gzip' } })).arrayBuffer()).byteLength;
  return { bytes, gzipBytes };
}

export async function runProvinceServerBench(database: Database, log: (s: string) => void = console.log) {
  const app = createApp({ database });
  const province = await findRegion(database, '41');
  if (!province) throw new Error('No province (code 41) in this database: load it with `npm run demo:province`.');
  const [{ d: asOf }] = await database.rows<{ d: string }>(sql`SELECT max(cut_off)::text AS d FROM meetings`);
  const [counts] = await database.rows<Record<string, number>>(sql`
    SELECT (SELECT count(*)::int FROM households) AS households, (SELECT count(*)::int FROM projects) AS projects,
           (SELECT count(*)::int FROM project_progress) AS progress, (SELECT count(*)::int FROM pv_stations) AS pv`);
  const results: Record<string, unknown> = { dataset: counts };
  const secret = await serverSecret(database);

  const only = process.env.BENCH_PROVINCE_MEASURES?.split(',');
  for (const [id, family] of [
    ['spend_rate', 'projects'],
    ['measure_coverage', 'households'],
  ] as const) {
    if (only && !only.includes(id)) continue;
    for (const level of ['county', 'township', 'village'] as const) {
      const url = `/api/measures/${id}?level=${level}&parent=41&asOf=${asOf}`;
      const size = await sizes(app, url);
      // The very SQL of an anonymous request: household facts carry the keyed record sums (small-count protection).
      const query = areaFactsSql({ level, parent: province, asOf, dividendMinPct: 5, families: [family], secret });
      // Every endpoint call a miss of the answer cache (it would answer repeats in ≈ 2 ms).
      const { a, b } = await paired(
        async () => {
          answerCacheOf(database).clear();
          return (await app.request(url)).arrayBuffer();
        },
        () => database.rows(query),
      );
      const cached = await timed(async () => (await app.request(url)).arrayBuffer());
      const r = { endpoint: a, directSql: b, ratio: +(a.median / b.median).toFixed(2), cached, ...size };
      results[`measures/${id} ${level}`] = r;
      log(
        `  measures/${id} ${level}: ${a.median} ms (SQL ${b.median} ms, ×${r.ratio}; cached ${cached.median} ms), ${(size.gzipBytes / 1024).toFixed(0)} KB gzip`,
      );
    }
  }

  for (const [name, url] of [
    ['regions counties of the province', '/api/regions?level=county&parent=41'],
    [`regions villages of ${county} (one chunk)`, `/api/regions?level=village&parent=${county}`],
    ['regions villages of the province (refused)', '/api/regions?level=village&parent=41'],
  ] as const) {
    const status = (await app.request(url)).status;
    const size = await sizes(app, url);
    results[name] = { status, endpoint: await timed(async () => (await app.request(url)).arrayBuffer()), ...size };
    log(`  ${name}: ${status}, ${(size.gzipBytes / 1024).toFixed(0)} KB gzip`);
  }

  // OGC items: a page of 100 villages, first and deep (offset 50,000); the measure values are computed per
  // data version for the whole level, so the first request of a version pays for all of them.
  for (const offset of [0, 50_000]) {
    const url = `/ogc/collections/villages/items?limit=100&offset=${offset}`;
    answerCacheOf(database).clear();
    const t0 = performance.now();
    const first = await app.request(url);
    const firstMs = performance.now() - t0;
    const size = await sizes(app, url);
    const name = `ogc villages items limit=100 offset=${offset}`;
    results[name] = {
      status: first.status,
      firstMs: Math.round(firstMs),
      endpoint: await timed(async () => (await app.request(url)).arrayBuffer()),
      ...size,
    };
    log(`  ${name}: first ${firstMs.toFixed(0)} ms, then ${(results[name] as { endpoint: Stats }).endpoint.median} ms`);
  }
  return results;
}

export async function runProvinceBench(url: string, log: (s: string) => void = console.log) {
  const out: Record<string, unknown> = {
    date: new Date().toISOString(),
    iterations,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os.loadavg()[0].toFixed(1)}`,
  };
  const database = await openDatabase({ databaseUrl: url });
  const write = () => {
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync('bench/results/province-latest.json', JSON.stringify(out, null, 2));
  };
  try {
    log('province: server part');
    out.server = await runProvinceServerBench(database, log);
    write();
    if (process.env.BENCH_FRAME === 'off') return out;
    const firstScreen = await import('./first-screen.ts');
    out.firstScreen = await firstScreen.runFirstScreenBench(Number(process.env.BENCH_FIRST_SCREEN_ITERATIONS ?? 3), log, {
      database,
      cases: [{ name: 'province (181 units)', level: 'county', app: '/?area=41', parent: '41', bareGeometry: 'stored', outline: false }],
    });
    write();
    log(firstScreen.formatFirstScreen(out.firstScreen as Awaited<ReturnType<typeof firstScreen.runFirstScreenBench>>));
    const switchBench = await import('./measure-switch.ts');
    out.measureSwitch = await switchBench.runMeasureSwitchBench(Number(process.env.BENCH_FRAME_ITERATIONS ?? 5), log, {
      database,
      cases: [{ name: `villages of ${county}`, query: `area=${county}&level=village`, from: 'spend_rate', to: 'completion_rate' }],
    });
    write();
    log(switchBench.formatMeasureSwitch(out.measureSwitch as Awaited<ReturnType<typeof switchBench.runMeasureSwitchBench>>));
    return out;
  } finally {
    out.machineAfter = `load average ${os.loadavg()[0].toFixed(1)}`;
    write();
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.env.BENCH_PROVINCE_URL;
  if (!url) {
    console.error('Set BENCH_PROVINCE_URL to a PostgreSQL database holding the province dataset (npm run demo:province).');
    process.exit(2);
  }
  runProvinceBench(url).catch((err) => {
    console.error(err instanceof Error ? `${err.message.slice(0, 300)}\n${String((err as { cause?: unknown }).cause ?? '')}` : err);
    process.exit(1);
  });
}
