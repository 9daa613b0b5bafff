/**
 * Browser frame benchmark: time to the first frame with N generated project points drawn, in headless
 * Chromium (software GL, SwiftShader), for
 *   bare               MapLibre alone: circle layer over a GeoJSON source (the reference),
 *   deck-accessors     ours: MapLibre + deck.gl overlay, ScatterplotLayer with accessor functions over GeoJSON,
 *   deck-binary        ours with binary attributes fetched as one buffer,
 *   deck-binary-client ours with binary attributes built in the browser from the same GeoJSON,
 *   deck-app-layer     the app's own createProjectFeatureLayer (GeoJsonLayer) over the GeoJSON,
 *   bare-url           (on request) bare MapLibre given the GeoJSON's URL, fetched and parsed in its worker.
 * The pages are built with Vite into a temporary folder and served by a small local HTTP server (no
 * network). Each iteration opens a fresh browser context per variant, variants interleaved in a
 * rotating order so machine noise hits all alike; every screenshot must show the points' colours or
 * the benchmark fails. Medians, p95 and ratios come from this one run.
 *
 * Run alone: `npx tsx bench/frame/run.ts` (writes bench/results/frame-latest.json); `npm run bench`
 * runs it after the server benchmarks unless BENCH_FRAME=off.
 * Environment: BENCH_FRAME_ITERATIONS (else BENCH_ITERATIONS, else 7), BENCH_FRAME_SIZES (10000,100000),
 * BENCH_FRAME_VARIANTS (all but bare-url), CHROMIUM_PATH (/usr/bin/chromium).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { PointClusterIndex } from '../../client/layers/point-clusters.ts';
import { industryModeColors, investmentScaleMax, projectOutline, representativePoint } from '../../client/layers/project-layers.ts';
import { offlineStyle } from '../../client/map/offline-style.ts';
import { buildPointAttributes, encodePointAttributes } from './attributes.ts';
import { bareStyle } from './bare-style.ts';
import { countColors, coverage, decodePng } from './png.ts';
import { generatePoints } from './points.ts';
import type { BenchResult, Marks } from './pages/common.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export const allVariants = ['bare', 'deck-accessors', 'deck-binary', 'deck-binary-client', 'deck-app-layer', 'bare-url'] as const;
export type Variant = (typeof allVariants)[number];
/** Run by default; bare-url (MapLibre fetching the GeoJSON in its worker) only on request. */
export const defaultVariants: Variant[] = ['bare', 'deck-accessors', 'deck-binary', 'deck-binary-client', 'deck-app-layer'];
/** The page a variant loads (bare-url is the bare page with ?source=url). */
const pageOf = (v: Variant) => (v === 'bare-url' ? 'bare' : v);

export interface FrameOptions {
  sizes: number[];
  iterations: number;
  /** Untimed rounds first (every variant once per round). */
  warmup: number;
  variants: Variant[];
  chromiumPath: string;
  viewport: { width: number; height: number };
}

export function frameOptionsFromEnv(env = process.env): FrameOptions {
  const list = (v: string | undefined) =>
    v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined;
  const variants = (list(env.BENCH_FRAME_VARIANTS) ?? defaultVariants) as Variant[];
  for (const v of variants)
    if (!allVariants.includes(v)) throw new Error(`BENCH_FRAME_VARIANTS: unknown variant "${v}"; use some of ${allVariants.join(', ')}.`);
  const iterations = Number(env.BENCH_FRAME_ITERATIONS ?? env.BENCH_ITERATIONS ?? 7);
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new Error('BENCH_FRAME_ITERATIONS / BENCH_ITERATIONS must be a whole number ≥ 1.');
  const sizes = (list(env.BENCH_FRAME_SIZES) ?? ['10000', '100000']).map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('BENCH_FRAME_SIZES must be whole numbers, e.g. 10000,100000.');
  return {
    sizes,
    iterations,
    warmup: 1,
    variants,
    chromiumPath: env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    viewport: { width: 1600, height: 900 },
  };
}

export interface Stats {
  median: number;
  p95: number;
  n: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: +q(0.5).toFixed(1), p95: +q(0.95).toFixed(1), n: s.length };
}

/** Per-page timings, ms. */
interface Sample {
  /** Navigation start → first frame with the points. */
  total: number;
  /** Map loaded and data in hand → first frame (layer preparation + drawing). */
  fromData: number;
  /** Fetch start → data parsed / views made. */
  fetchParse: number;
  /** Layer handed over → first frame (drawing alone, after preparation). */
  render: number;
  /** Navigation start → map 'load'. */
  mapLoad: number;
  /**
   * Navigation start → the first frame that drew the points: for bare MapLibre the first 'render'
   * with the source loaded (before 'idle'), for deck the same as total.
   */
  drawn: number;
}

const metrics: (keyof Sample)[] = ['total', 'drawn', 'fromData', 'fetchParse', 'render', 'mapLoad'];

export interface VariantResult {
  timings: Record<keyof Sample, Stats>;
  samples: Sample[];
  /** Fewest pixels of each checked colour over all screenshots, and the smallest non-background share. */
  pixels: { minCounts: Record<string, number>; minCoverage: number };
}

export interface SizeResult {
  points: number;
  maxWan: number;
  payload: { geojsonBytes: number; geojsonGzipBytes: number; binaryBytes: number; binaryGzipBytes: number };
  variants: Partial<Record<Variant, VariantResult>>;
  /** a ÷ b of the medians, and the median of the per-iteration ratios (same round). */
  ratios: Record<string, { metric: keyof Sample; ofMedians: number; pairedMedian: number }>;
  /** The app's clustering (a supercluster index over the points, queried at the city zoom), in node, ms. */
  clusterMs: Stats;
}

export interface FrameResults {
  date: string;
  iterations: number;
  warmup: number;
  cpus: number;
  loadAverage: number[];
  browser: string;
  glRenderer: string;
  viewport: { width: number; height: number };
  sizes: Record<string, SizeResult>;
}

const checkedColors = {
  leading_enterprise: industryModeColors.leading_enterprise,
  planting: industryModeColors.planting,
  breeding: industryModeColors.breeding,
  outline: projectOutline,
} as const;
/** A page passes when each checked colour covers at least this many pixels. */
const minPixelsPerColor = 200;

function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.geojson': 'application/geo+json',
  '.bin': 'application/octet-stream',
  '.json': 'application/json',
};

/** Serve a folder on 127.0.0.1 (uncompressed: the sizes compressed are reported separately). */
async function serveFolder(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(root, path.normalize(p).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, {
      'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.byteLength,
      'Cache-Control': 'no-store',
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function buildPages(outDir: string, pages: string[]) {
  const root = path.join(here, 'pages');
  await build({
    configFile: false,
    root,
    base: '/',
    mode: 'production',
    logLevel: 'warn',
    publicDir: false,
    define: { __BARE_STYLE__: JSON.stringify(bareStyle()) },
    build: {
      outDir,
      emptyOutDir: true,
      chunkSizeWarningLimit: 10_000,
      rolldownOptions: { input: Object.fromEntries(pages.map((v) => [v, path.join(root, `${v}.html`)])) },
    },
  });
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no first frame within ${ms / 1000} s`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** One fresh context and page: load, wait for the first frame, check the screenshot's pixels. */
async function runPage(
  browser: Browser,
  url: string,
  viewport: FrameOptions['viewport'],
  background: [number, number, number],
  expectPoints: number,
) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    const result = await withTimeout(page.evaluate(() => window.__benchDone) as Promise<BenchResult>, 180_000, url);
    if (result.error) throw new Error(`${url}: ${result.error}`);
    if (errors.length) throw new Error(`${url}: page errors: ${errors.join(' | ')}`);
    if (result.points !== expectPoints) throw new Error(`${url}: drew ${result.points} points, expected ${expectPoints}`);
    const m = result.marks as Marks;
    for (const k of ['fetchStart', 'dataInHand', 'mapLoad', 'ready', 'layerAdded', 'firstFrame'] as const) {
      if (typeof m[k] !== 'number') throw new Error(`${url}: mark ${k} missing`);
    }
    const img = decodePng(await page.screenshot({ type: 'png' }));
    const counts = countColors(img, checkedColors);
    const cov = coverage(img, background);
    const missing = Object.entries(counts).filter(([, n]) => n < minPixelsPerColor);
    if (missing.length) {
      const shot = path.join(os.tmpdir(), `fupin-bench-frame-fail-${Date.now()}.png`);
      fs.writeFileSync(shot, await page.screenshot({ type: 'png' }));
      throw new Error(
        `${url}: the screenshot lacks the points' colours (${missing.map(([k, n]) => `${k}: ${n} px`).join(', ')}; need ≥ ${minPixelsPerColor}); saved ${shot}`,
      );
    }
    const sample: Sample = {
      total: m.firstFrame,
      fromData: m.firstFrame - m.ready,
      fetchParse: m.dataInHand - m.fetchStart,
      render: m.firstFrame - m.layerAdded,
      mapLoad: m.mapLoad,
      drawn: m.drawnFrame ?? m.firstFrame,
    };
    return { sample, counts, coverage: cov };
  } finally {
    await context.close();
  }
}

function timeClustering(features: ReturnType<typeof generatePoints>, zoom: number): Stats {
  const out: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    new PointClusterIndex(features, [], { projects: (f) => representativePoint(f.geometry), pv: () => null }).at(zoom);
    out.push(performance.now() - t);
  }
  return stats(out.slice(1));
}

export async function runFrameBench(
  opts: FrameOptions = frameOptionsFromEnv(),
  log: (s: string) => void = console.log,
): Promise<FrameResults> {
  if (!fs.existsSync(opts.chromiumPath))
    throw new Error(
      `Chromium not found at ${opts.chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH, or skip with BENCH_FRAME=off.`,
    );
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fupin-bench-frame-'));
  const site = path.join(tmp, 'site');
  let server: Awaited<ReturnType<typeof serveFolder>> | undefined;
  let browser: Browser | undefined;
  try {
    log('frame: building the pages with Vite…');
    await buildPages(site, [...new Set(opts.variants.map(pageOf))]);
    fs.mkdirSync(path.join(site, 'data'));
    const bgCss = (offlineStyle().layers[0] as { paint: { 'background-color': string } }).paint['background-color'];
    const background = hexToRgb(bgCss);

    const prepared = opts.sizes.map((n) => {
      const features = generatePoints(n);
      const geojson = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }));
      const maxWan = investmentScaleMax(features.map((f) => f.properties.totalWan));
      const binary = encodePointAttributes(buildPointAttributes(features, maxWan, 'category'), maxWan);
      fs.writeFileSync(path.join(site, 'data', `points-${n}.geojson`), geojson);
      fs.writeFileSync(path.join(site, 'data', `points-${n}.bin`), binary);
      return {
        n,
        maxWan,
        features,
        payload: {
          geojsonBytes: geojson.byteLength,
          geojsonGzipBytes: zlib.gzipSync(geojson).byteLength,
          binaryBytes: binary.byteLength,
          binaryGzipBytes: zlib.gzipSync(binary).byteLength,
        },
      };
    });

    server = await serveFolder(site);
    browser = await chromium.launch({
      executablePath: opts.chromiumPath,
      args: ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking'],
    });
    const probe = await browser.newPage();
    const glRenderer = await probe.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      if (!gl) return 'no WebGL2';
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      return String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    });
    await probe.close();

    const results: FrameResults = {
      date: new Date().toISOString(),
      iterations: opts.iterations,
      warmup: opts.warmup,
      cpus: os.cpus().length,
      loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
      browser: `Chromium ${browser.version()}`,
      glRenderer,
      viewport: opts.viewport,
      sizes: {},
    };

    for (const p of prepared) {
      const samples = new Map<Variant, Sample[]>(opts.variants.map((v) => [v, []]));
      const pixels = new Map<Variant, { minCounts: Record<string, number>; minCoverage: number }>();
      const rounds = opts.warmup + opts.iterations;
      for (let round = 0; round < rounds; round++) {
        const order = opts.variants.map((_, i) => opts.variants[(i + round) % opts.variants.length]);
        const line: string[] = [];
        for (const v of order) {
          const url = `${server.url}/${pageOf(v)}.html?n=${p.n}&maxWan=${p.maxWan}${v === 'bare-url' ? '&source=url' : ''}`;
          const r = await runPage(browser, url, opts.viewport, background, p.n);
          const px = pixels.get(v) ?? { minCounts: { ...r.counts }, minCoverage: r.coverage };
          for (const [k, c] of Object.entries(r.counts)) px.minCounts[k] = Math.min(px.minCounts[k] ?? c, c);
          px.minCoverage = +Math.min(px.minCoverage, r.coverage).toFixed(3);
          pixels.set(v, px);
          if (round >= opts.warmup) samples.get(v)!.push(r.sample);
          line.push(`${v} ${r.sample.total.toFixed(0)}`);
        }
        log(
          `frame ${p.n}: ${round < opts.warmup ? 'warm-up' : `round ${round - opts.warmup + 1}/${opts.iterations}`}: ${line.join(', ')} ms`,
        );
      }

      const variants: SizeResult['variants'] = {};
      for (const v of opts.variants) {
        const s = samples.get(v)!;
        variants[v] = {
          timings: Object.fromEntries(metrics.map((k) => [k, stats(s.map((x) => x[k]))])) as VariantResult['timings'],
          samples: s.map((x) => Object.fromEntries(Object.entries(x).map(([k, val]) => [k, +val.toFixed(1)])) as unknown as Sample),
          pixels: pixels.get(v)!,
        };
      }
      const ratios: SizeResult['ratios'] = {};
      const ratio = (name: string, a: Variant, b: Variant, metric: keyof Sample) => {
        const sa = samples.get(a);
        const sb = samples.get(b);
        if (!sa || !sb) return;
        const paired = sa.map((x, i) => x[metric] / sb[i][metric]).sort((x, y) => x - y);
        ratios[name] = {
          metric,
          ofMedians: +(variants[a]!.timings[metric].median / variants[b]!.timings[metric].median).toFixed(2),
          pairedMedian: +paired[Math.floor(paired.length / 2)].toFixed(2),
        };
      };
      for (const metric of ['total', 'fromData'] as const) {
        ratio(`ours/bare ${metric}`, 'deck-accessors', 'bare', metric);
        ratio(`app-layer/bare ${metric}`, 'deck-app-layer', 'bare', metric);
        ratio(`binary/GeoJSON ${metric}`, 'deck-binary', 'deck-accessors', metric);
        ratio(`binary-client/GeoJSON ${metric}`, 'deck-binary-client', 'deck-accessors', metric);
        ratio(`binary/bare ${metric}`, 'deck-binary', 'bare', metric);
        ratio(`bare-url/bare ${metric}`, 'bare-url', 'bare', metric);
      }
      results.sizes[String(p.n)] = {
        points: p.n,
        maxWan: p.maxWan,
        payload: p.payload,
        variants,
        ratios,
        clusterMs: timeClustering(p.features, 8),
      };
    }
    return results;
  } finally {
    await browser?.close().catch(() => {});
    await server?.close().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The results as text tables. */
export function formatFrameResults(r: FrameResults): string {
  const lines: string[] = [];
  lines.push(
    `\nfirst frame, headless Chromium (${r.glRenderer}), ${r.viewport.width}×${r.viewport.height}, ${r.iterations} iterations, ${r.cpus} cores`,
  );
  for (const s of Object.values(r.sizes)) {
    const kb = (b: number) => (b / 1024).toFixed(0);
    lines.push(
      `\n${s.points.toLocaleString('en')} points — GeoJSON ${kb(s.payload.geojsonBytes)} KB (gzip ${kb(s.payload.geojsonGzipBytes)}), binary ${kb(s.payload.binaryBytes)} KB (gzip ${kb(s.payload.binaryGzipBytes)}); clustering ${s.clusterMs.median} ms`,
    );
    lines.push(
      [
        'variant'.padEnd(20),
        'total'.padStart(8),
        'p95'.padStart(8),
        'drawn'.padStart(8),
        'fromData'.padStart(9),
        'p95'.padStart(8),
        'fetch+parse'.padStart(12),
        'render'.padStart(8),
        'mapLoad'.padStart(8),
        'cover'.padStart(6),
      ].join(' '),
    );
    for (const [v, x] of Object.entries(s.variants)) {
      const t = x!.timings;
      lines.push(
        [
          v.padEnd(20),
          t.total.median.toFixed(0).padStart(8),
          t.total.p95.toFixed(0).padStart(8),
          t.drawn.median.toFixed(0).padStart(8),
          t.fromData.median.toFixed(0).padStart(9),
          t.fromData.p95.toFixed(0).padStart(8),
          t.fetchParse.median.toFixed(0).padStart(12),
          t.render.median.toFixed(0).padStart(8),
          t.mapLoad.median.toFixed(0).padStart(8),
          x!.pixels.minCoverage.toFixed(2).padStart(6),
        ].join(' '),
      );
    }
    for (const [name, q] of Object.entries(s.ratios))
      lines.push(`  ${name.padEnd(30)} ${q.ofMedians.toFixed(2)} (paired median ${q.pairedMedian.toFixed(2)})`);
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  runFrameBench()
    .then((r) => {
      fs.mkdirSync('bench/results', { recursive: true });
      fs.writeFileSync('bench/results/frame-latest.json', JSON.stringify(r, null, 2));
      console.log(formatFrameResults(r));
    })
    .catch((err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
