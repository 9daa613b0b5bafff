/**
 * Measure switch in the real app, headless Chromium: from the click on another measure in the
 * measure list to the frame after the map's new colours were committed. Split into the values
 * request (Resource Timing of /api/measures/…) and the rest (React, classification, deck.gl redraw).
 * Every iteration uses a fresh browser context (no HTTP or memory cache) and checks the screenshot:
 * the map's colours must differ before and after the switch, or the run fails.
 *
 * Run alone: `npx tsx bench/measure-switch.ts` (writes bench/results/measure-switch-latest.json);
 * `npm run bench` runs it unless BENCH_FRAME=off. BENCH_FRAME_ITERATIONS (else 7), CHROMIUM_PATH.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { createApp } from '../server/app.ts';
import { openDatabase, type Database } from '../server/db/client.ts';
import { getMeasure, type MeasureId } from '../server/domain/measures.ts';
import { loadDemoData } from '../server/ingest/load-demo.ts';
import { mountClient } from '../server/static.ts';
import { decodePng } from './frame/png.ts';
import { stats, type Stats } from './frame/run.ts';

export interface SwitchCase {
  name: string;
  /** URL query of the page before the switch. */
  query: string;
  from: MeasureId;
  to: MeasureId;
}

const cityCases: SwitchCase[] = [
  { name: '11 counties', query: 'area=4114', from: 'spend_rate', to: 'pv_registration' },
  { name: 'townships of 民权县', query: 'area=411421', from: 'spend_rate', to: 'pv_registration' },
];

export interface SwitchResult {
  name: string;
  total: Stats;
  request: Stats;
  rest: Stats;
  /** Bytes of the values request(s) on the wire (Resource Timing transferSize). */
  bytes: Stats;
  changedPixels: number;
}

/** Pixels of the map area whose colour differs between two screenshots by more than `tol` on some channel. */
function changedPixels(
  a: ReturnType<typeof decodePng>,
  b: ReturnType<typeof decodePng>,
  box: { x: number; y: number; width: number; height: number },
  tol = 24,
) {
  let n = 0;
  for (let y = Math.max(0, Math.floor(box.y)); y < Math.min(a.height, box.y + box.height); y++) {
    for (let x = Math.max(0, Math.floor(box.x)); x < Math.min(a.width, box.x + box.width); x++) {
      const i = (y * a.width + x) * 4;
      if (
        Math.abs(a.data[i] - b.data[i]) > tol ||
        Math.abs(a.data[i + 1] - b.data[i + 1]) > tol ||
        Math.abs(a.data[i + 2] - b.data[i + 2]) > tol
      )
        n++;
    }
  }
  return n;
}

async function waitReady(page: Page) {
  await page.waitForSelector('.map-view[data-map-ready="true"]', { timeout: 120_000 });
  await page.waitForSelector('[data-testid="ranking"]', { timeout: 120_000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid="values-loading"]'), undefined, { timeout: 120_000 });
  await page.waitForTimeout(1500); // camera animation and label placement at rest
}

async function oneSwitch(browser: Browser, baseUrl: string, c: SwitchCase) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl}/?${c.query}&measure=${c.from}`);
    await waitReady(page);
    const box = (await page.locator('.map-view').boundingBox())!;
    const before = decodePng(await page.screenshot({ type: 'png' }));
    const toName = getMeasure(c.to).nameZh;
    const formula = getMeasure(c.to).formulaZh;
    await page.getByTestId('measure-select').click();
    const option = page.locator('.ant-select-item-option', { hasText: toName }).first();
    await option.waitFor();
    // In the page: stamp the click, then resolve two frames after the legend shows the new measure and no load is pending.
    // Written as a string: tsx would wrap named functions in a helper (__name) the page does not have.
    const done = page.evaluate(`new Promise((resolve) => {
      let t0 = 0;
      document.addEventListener('click', () => { t0 = performance.now(); }, { capture: true, once: true });
      const formula = ${JSON.stringify(formula)};
      const obs = new MutationObserver(() => {
        const legend = document.querySelector('[data-testid="legend"]')?.textContent ?? '';
        if (!t0 || !legend.includes(formula) || document.querySelector('[data-testid="values-loading"]')) return;
        obs.disconnect();
        requestAnimationFrame(() => requestAnimationFrame(() => {
          const total = performance.now() - t0;
          const req = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/measures/') && e.startTime >= t0);
          resolve({ total, request: req.length ? Math.max(...req.map((e) => e.responseEnd)) - t0 : 0, bytes: req.reduce((n, e) => n + e.transferSize, 0) });
        }));
      });
      obs.observe(document.body, { subtree: true, childList: true, characterData: true });
    })`) as Promise<{ total: number; request: number; bytes: number }>;
    await page.waitForTimeout(50); // the observer is installed
    await option.click();
    const t = await done;
    await page.waitForTimeout(300);
    const after = decodePng(await page.screenshot({ type: 'png' }));
    const changed = changedPixels(before, after, box);
    if (errors.length) throw new Error(`${c.name}: page errors: ${errors.join(' | ')}`);
    if (t.request <= 0) throw new Error(`${c.name}: the switch made no /api/measures request (cached?)`);
    return { ...t, changed };
  } finally {
    await context.close();
  }
}

export async function runMeasureSwitchBench(
  iterations = Number(process.env.BENCH_FRAME_ITERATIONS ?? process.env.BENCH_ITERATIONS ?? 7),
  log: (s: string) => void = console.log,
  /** Another database (e.g. the province's) and cases; default the demo city on the embedded backend. */
  setup: { database?: Database; cases?: SwitchCase[] } = {},
): Promise<SwitchResult[]> {
  const cases = setup.cases ?? cityCases;
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: install it or skip with BENCH_FRAME=off.`);
  const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fupin-bench-client-'));
  log('measure switch: building the client…');
  await build({
    configFile: path.resolve('vite.config.ts'),
    mode: 'production',
    logLevel: 'warn',
    build: { outDir: clientDir, emptyOutDir: true },
  });
  const database = setup.database ?? (await openDatabase({ dataDir: path.resolve('.data/bench/pglite') }));
  if (!setup.database) await loadDemoData(database);
  const app = createApp({ database });
  mountClient(app, clientDir);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking'],
  });
  try {
    const results: SwitchResult[] = [];
    for (const c of cases) {
      await oneSwitch(browser, baseUrl, c); // warm-up
      const total: number[] = [];
      const request: number[] = [];
      const rest: number[] = [];
      const bytes: number[] = [];
      let minChanged = Infinity;
      for (let i = 0; i < iterations; i++) {
        const r = await oneSwitch(browser, baseUrl, c);
        total.push(r.total);
        request.push(r.request);
        rest.push(r.total - r.request);
        bytes.push(r.bytes);
        minChanged = Math.min(minChanged, r.changed);
      }
      if (minChanged < 2000)
        throw new Error(`${c.name}: the map barely changed after the switch (${minChanged} px): the colours were not redrawn`);
      results.push({
        name: c.name,
        total: stats(total),
        request: stats(request),
        rest: stats(rest),
        bytes: stats(bytes),
        changedPixels: minChanged,
      });
      log(`measure switch, ${c.name}: ${stats(total).median} ms median (request ${stats(request).median} ms)`);
    }
    return results;
  } finally {
    await browser.close();
    server.close();
    if (!setup.database) await database.close();
    fs.rmSync(clientDir, { recursive: true, force: true });
  }
}

export function formatMeasureSwitch(results: SwitchResult[]): string {
  const lines = ['\nmeasure switch in Chromium (click → frame with the new colours; fresh context each time)'];
  lines.push(
    `${'case'.padEnd(24)}${'total ms'.padStart(10)}${'p95'.padStart(8)}${'request ms'.padStart(12)}${'rest ms'.padStart(10)}${'changed px'.padStart(12)}`,
  );
  for (const r of results) {
    lines.push(
      `${r.name.padEnd(24)}${String(r.total.median).padStart(10)}${String(r.total.p95).padStart(8)}${String(r.request.median).padStart(12)}${String(r.rest.median).padStart(10)}${String(r.changedPixels).padStart(12)}`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runMeasureSwitchBench()
    .then((r) => {
      fs.mkdirSync('bench/results', { recursive: true });
      fs.writeFileSync('bench/results/measure-switch-latest.json', JSON.stringify(r, null, 2));
      console.log(formatMeasureSwitch(r));
    })
    .catch((err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
