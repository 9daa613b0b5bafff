/**
 * The first screen under software GL (SwiftShader), 1600×900: time from navigation to the first frame of
 * the choropleth with its colours and labels (the mark `fupin:choropleth-frame`, set by the app's map
 * and by the reference page alike), our app against a bare MapLibre page drawing the same polygons,
 * colours and labels from a static GeoJSON file; at city level (11 counties) and for the 4,834 villages.
 * Also the bytes received before that frame and the JavaScript among them (gzip-compressed sizes), each
 * for a fresh browser context (cold) and for a second visit in the same context (warm HTTP cache).
 * Fresh context per round, variants interleaved in a rotating order, medians.
 *
 * Run alone: `npx tsx bench/first-screen.ts` (writes bench/results/first-screen-latest.json);
 * `npm run bench` runs it unless BENCH_FRAME=off. BENCH_FIRST_SCREEN_ITERATIONS (else 5), CHROMIUM_PATH.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { precompressDir } from '../server/build/precompress.ts';
import type { MeasureValues, RegionCollection } from '../client/api/client.ts';
import { classifyRows, fillColors } from '../client/features/choropleth/choropleth.ts';
import { regionBounds, regionLabels } from '../client/features/regions/region-geometry.ts';
import { dissolveRegions } from '../client/features/regions/region-outline.ts';
import { regionStyle } from '../client/layers/region-style.ts';
import { translate } from '../client/i18n/messages.ts';
import { createApp } from '../server/app.ts';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../server/db/client.ts';
import { formatMeasureValue } from '../server/domain/format.ts';
import { loadDemoData } from '../server/ingest/load-demo.ts';
import { mountClient } from '../server/static.ts';
import { stats, type Stats } from './frame/run.ts';

const here = path.dirname(new URL(import.meta.url).pathname);
/** One first screen: the app's URL and the reference page's data (divisions of `level` under `parent`). */
export interface FirstScreenCase {
  name: string;
  level: string;
  app: string;
  /** Default 4114. */
  parent?: string;
  /**
   * The reference page's geometry: 'api' (default) the polygons as the app receives them; 'stored' the
   * polygons as stored (full detail), the static-file approach the province view's level of detail avoids.
   */
  bareGeometry?: 'api' | 'stored';
  /** The reference page draws the area's outline too (default true; the province view draws none). */
  outline?: boolean;
}

const cityCases: FirstScreenCase[] = [
  { name: 'city (11 counties)', level: 'county', app: '/?area=4114' },
  { name: '4,834 villages', level: 'village', app: '/?area=4114&level=village' },
];

interface Visit {
  /** Navigation start → the first frame with colours and labels, ms. */
  frameMs: number;
  /** Bytes on the wire (bodies as sent + headers) before that frame. */
  bytes: number;
  /** JavaScript requested before that frame, gzip-compressed sizes summed (what the ≤ 500 KB goal counts). */
  jsGzip: number;
}

export interface FirstScreenResult {
  name: string;
  app: { cold: Record<keyof Visit, Stats>; warm: Record<keyof Visit, Stats> };
  bare: { cold: Record<keyof Visit, Stats>; warm: Record<keyof Visit, Stats> };
  /** App ÷ bare, of the medians of frameMs. */
  ratioCold: number;
  ratioWarm: number;
  /** App ÷ bare, of the medians of the bytes before the frame (cold). */
  bytesRatioCold: number;
}

/** The reference page's data: the same polygons with their fill, the outline, the labels as the app writes them. */
async function writeBareData(app: ReturnType<typeof createApp>, clientDir: string, c: FirstScreenCase, database: Database) {
  const { level } = c;
  const parent = c.parent ?? '4114';
  const regions = (await (await app.request(`/api/regions?level=${level}&parent=${parent}`)).json()) as RegionCollection;
  const values = (await (await app.request(`/api/measures/spend_rate?level=${level}&parent=${parent}`)).json()) as MeasureValues;
  if (c.bareGeometry === 'stored') {
    const stored = await database.rows<{ code: string; g: string }>(
      sql`SELECT code, ST_AsGeoJSON(geom, 6) AS g FROM regions WHERE code IN ${regions.features.map((f) => f.properties.code)} AND geom IS NOT NULL`,
    );
    const byCode = new Map(stored.map((r) => [r.code, JSON.parse(r.g) as GeoJSON.MultiPolygon]));
    for (const f of regions.features) f.geometry = byCode.get(f.properties.code) ?? null;
  }
  const t = (k: Parameters<typeof translate>[1]) => translate('zh', k);
  const classification = classifyRows(values.rows, {
    measure: values.measure,
    method: 'target',
    compare: false,
    lang: 'zh',
    statusLabels: { ahead: t('status.ahead'), on_track: t('status.on_track'), lagging: t('status.lagging') },
  });
  const colors = fillColors(
    regions.features.map((f) => f.properties.code),
    values.rows,
    classification,
  );
  const rows = new Map(values.rows.map((r) => [r.code, r]));
  const css = (c: readonly number[]) => `rgba(${c[0]},${c[1]},${c[2]},${c[3] / 255})`;
  const polygons = regions.features
    .filter((f) => f.geometry)
    .map((f) => ({ ...f, properties: { code: f.properties.code, color: css(colors.get(f.properties.code) ?? regionStyle.fill) } }));
  const wrap = (s: string) => [...s].reduce((o, c, i) => o + (i > 0 && i % regionStyle.labelCharsPerLine === 0 ? '\n' : '') + c, '');
  const labels = regionLabels(regions.features).map((l) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: l.position },
    properties: { text: `${wrap(l.text)}\n${formatMeasureValue(values.measure, rows.get(l.code)?.value, 'zh')}` },
  }));
  const outline = c.outline === false ? null : dissolveRegions(regions.features);
  const file = `assets/bench-${parent}-${level}.json`;
  fs.writeFileSync(
    path.join(clientDir, file),
    JSON.stringify({
      polygons: { type: 'FeatureCollection', features: polygons },
      labels: { type: 'FeatureCollection', features: labels },
      outline: { type: 'FeatureCollection', features: outline ? [outline] : [] },
    }),
  );
  return { url: `/bare.html?data=/${file}&bounds=${encodeURIComponent(JSON.stringify(regionBounds(regions.features)))}` };
}

async function visit(context: BrowserContext, url: string, clientDir: string): Promise<Visit> {
  const page = await context.newPage();
  const finished: { url: string; at: number; bytes: number }[] = [];
  page.on('requestfinished', async (r) => {
    const at = Date.now();
    const sizes = await r.sizes().catch(() => ({ responseBodySize: 0, responseHeadersSize: 0 }));
    finished.push({ url: r.url(), at, bytes: sizes.responseBodySize + sizes.responseHeadersSize });
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url, { waitUntil: 'commit', timeout: 180_000 });
  await page.waitForFunction(() => performance.getEntriesByName('fupin:choropleth-frame').length > 0, undefined, {
    timeout: 240_000,
    polling: 100,
  });
  const { frameMs, frameWall } = await page.evaluate(() => {
    const m = performance.getEntriesByName('fupin:choropleth-frame')[0];
    return { frameMs: m.startTime, frameWall: performance.timeOrigin + m.startTime };
  });
  await page.waitForTimeout(200);
  await page.close();
  if (errors.length) throw new Error(`${url}: page errors: ${errors.join(' | ')}`);
  const before = finished.filter((f) => f.at <= frameWall + 50);
  const jsGzip = before
    .map((f) => new URL(f.url).pathname)
    .filter((p) => /\.(m?js)$/.test(p))
    .reduce((n, p) => n + (fs.existsSync(path.join(clientDir, p + '.gz')) ? fs.statSync(path.join(clientDir, p + '.gz')).size : 0), 0);
  return { frameMs, bytes: before.reduce((n, f) => n + f.bytes, 0), jsGzip };
}

const summarise = (visits: Visit[]) =>
  Object.fromEntries((['frameMs', 'bytes', 'jsGzip'] as const).map((k) => [k, stats(visits.map((v) => v[k]))])) as Record<
    keyof Visit,
    Stats
  >;

export async function runFirstScreenBench(
  iterations = Number(process.env.BENCH_FIRST_SCREEN_ITERATIONS ?? 5),
  log: (s: string) => void = console.log,
  /** Another database (e.g. the province's) and cases; default the demo city on the embedded backend. */
  setup: { database?: Database; cases?: FirstScreenCase[] } = {},
): Promise<FirstScreenResult[]> {
  const cases = setup.cases ?? cityCases;
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: install it or skip with BENCH_FRAME=off.`);
  const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fupin-bench-first-'));
  const bareDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fupin-bench-bare-'));
  log('first screen: building the app and the reference page…');
  await build({
    configFile: path.resolve('vite.config.ts'),
    mode: 'production',
    logLevel: 'warn',
    build: { outDir: clientDir, emptyOutDir: true },
  });
  const pageRoot = path.join(here, 'first-screen');
  await build({
    configFile: false,
    root: pageRoot,
    base: '/',
    mode: 'production',
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir: bareDir,
      emptyOutDir: true,
      chunkSizeWarningLimit: 10_000,
      rolldownOptions: { input: { bare: path.join(pageRoot, 'bare.html') } },
    },
  });
  for (const f of fs.readdirSync(path.join(bareDir, 'assets')))
    fs.renameSync(path.join(bareDir, 'assets', f), path.join(clientDir, 'assets', f));
  fs.renameSync(path.join(bareDir, 'bare.html'), path.join(clientDir, 'bare.html'));
  const database = setup.database ?? (await openDatabase({ dataDir: path.resolve('.data/bench/pglite') }));
  if (!setup.database) await loadDemoData(database);
  const app = createApp({ database });
  // Mounted before the first request (Hono builds its router then); files are read at request time.
  mountClient(app, clientDir);
  const bareUrls = new Map<string, string>();
  for (const c of cases) bareUrls.set(c.name, (await writeBareData(app, clientDir, c, database)).url);
  // The reference page's files are served like the app's: precompressed, hashed assets cached.
  await precompressDir(clientDir);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking'],
  });
  try {
    const results: FirstScreenResult[] = [];
    for (const c of cases) {
      const variants = { app: baseUrl + c.app, bare: baseUrl + bareUrls.get(c.name)! };
      const samples = { app: { cold: [] as Visit[], warm: [] as Visit[] }, bare: { cold: [] as Visit[], warm: [] as Visit[] } };
      for (let round = -1; round < iterations; round++) {
        const order = (round & 1 ? ['bare', 'app'] : ['app', 'bare']) as ('app' | 'bare')[];
        for (const v of order) {
          const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1, locale: 'zh-CN' });
          try {
            const cold = await visit(context, variants[v], clientDir);
            const warm = await visit(context, variants[v], clientDir);
            if (round >= 0) {
              samples[v].cold.push(cold);
              samples[v].warm.push(warm);
            }
            log(
              `  ${c.name} ${v} round ${round < 0 ? 'warm-up' : round + 1}: cold ${cold.frameMs.toFixed(0)} ms, warm ${warm.frameMs.toFixed(0)} ms`,
            );
          } finally {
            await context.close();
          }
        }
      }
      const app = { cold: summarise(samples.app.cold), warm: summarise(samples.app.warm) };
      const bare = { cold: summarise(samples.bare.cold), warm: summarise(samples.bare.warm) };
      results.push({
        name: c.name,
        app,
        bare,
        ratioCold: +(app.cold.frameMs.median / bare.cold.frameMs.median).toFixed(2),
        ratioWarm: +(app.warm.frameMs.median / bare.warm.frameMs.median).toFixed(2),
        bytesRatioCold: +(app.cold.bytes.median / bare.cold.bytes.median).toFixed(2),
      });
    }
    return results;
  } finally {
    await browser.close();
    server.close();
    if (!setup.database) await database.close();
    fs.rmSync(clientDir, { recursive: true, force: true });
    fs.rmSync(bareDir, { recursive: true, force: true });
  }
}

export function formatFirstScreen(results: FirstScreenResult[]): string {
  const kb = (n: number) => (n / 1024).toFixed(0);
  const lines = ['\nfirst screen, SwiftShader 1600×900 (navigation → first frame with colours and labels; medians)'];
  lines.push(
    `${'case'.padEnd(22)}${'visit'.padEnd(6)}${'app ms'.padStart(9)}${'bare ms'.padStart(9)}${'ratio'.padStart(7)}${'app KB'.padStart(9)}${'bare KB'.padStart(9)}${'app JS gz KB'.padStart(14)}${'bare JS gz KB'.padStart(15)}`,
  );
  for (const r of results) {
    for (const w of ['cold', 'warm'] as const) {
      lines.push(
        `${r.name.padEnd(22)}${w.padEnd(6)}${String(r.app[w].frameMs.median).padStart(9)}${String(r.bare[w].frameMs.median).padStart(9)}${String(w === 'cold' ? r.ratioCold : r.ratioWarm).padStart(7)}` +
          `${kb(r.app[w].bytes.median).padStart(9)}${kb(r.bare[w].bytes.median).padStart(9)}${kb(r.app[w].jsGzip.median).padStart(14)}${kb(r.bare[w].jsGzip.median).padStart(15)}`,
      );
    }
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runFirstScreenBench()
    .then((r) => {
      fs.mkdirSync('bench/results', { recursive: true });
      fs.writeFileSync('bench/results/first-screen-latest.json', JSON.stringify(r, null, 2));
      console.log(formatFirstScreen(r));
    })
    .catch((err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
