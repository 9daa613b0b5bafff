/**
 * The first screen as a city leader sees it: the county map of 商丘市 drawn (fill, outlines, Chinese
 * labels — checked on the pixels of a screenshot), the 演示数据 badge, no console errors, nothing
 * fetched from outside this machine; then English, hover, selection, and the API-down screen.
 * Screenshots go to tests/e2e/__screenshots__/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { regionStyle } from '../../client/layers/region-style.ts';
import type { MeasureValues } from '../../client/api/client.ts';
import { statusColors } from '../../server/domain/classify.ts';
import { baseUrl, launchBrowser } from '../helpers/browser.ts';
import { boxArea, countColor, countColorInBoxes, decodePng, mixColor, type Box, type Image } from './pixels.ts';

// The browser shares two cores with other suites: give each journey room.
vi.setConfig({ testTimeout: 300_000 });

const shotDir = path.resolve(import.meta.dirname, '__screenshots__');

interface Label {
  code: string;
  name: string;
  synthesized: boolean;
  label: [number, number] | null;
}

let browser: Browser;
let counties: Label[];
let spend: MeasureValues;

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
/** Pixels of the map painted in one of the status colours (the default choropleth: against 序时进度). */
const statusFill = (img: Image, box: Box) => (['ahead', 'on_track', 'lagging'] as const).reduce((n, k) => n + countColor(img, rgb(statusColors[k]), 6, box), 0);

beforeAll(async () => {
  fs.mkdirSync(shotDir, { recursive: true });
  browser = await launchBrowser();
  const res = await fetch(`${baseUrl()}/api/regions?level=county&parent=4114`);
  expect(res.status).toBe(200);
  const fc = (await res.json()) as { features: { properties: Label }[] };
  counties = fc.features.map((f) => f.properties);
  spend = (await (await fetch(`${baseUrl()}/api/measures/spend_rate?level=county&parent=4114`)).json()) as MeasureValues;
});

afterAll(async () => {
  await browser?.close();
});

/** Open the app like openPage() does, but record every request from the first one on. */
async function openApp(search = '', viewport = { width: 1920, height: 1080 }) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  const external: string[] = [];
  const local = new RegExp(`^(${baseUrl().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|https?://(localhost|127\\.0\\.0\\.1)(:\\d+)?/|data:|blob:)`);
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  page.on('request', (r) => { if (!local.test(r.url())) external.push(r.url()); });
  // 'domcontentloaded': on two busy cores the load event can take longer than the map itself.
  await page.goto(baseUrl() + '/' + search, { waitUntil: 'domcontentloaded', timeout: 90_000 });
  return { page, errors, external, close: () => context.close() };
}

/** Wait until the map reports its layers drawn, then let a frame or two settle. */
async function waitForMap(page: Page) {
  await page.waitForSelector('.map-view[data-map-ready="true"]', { timeout: 90_000 });
  await page.waitForSelector('[data-testid="ranking"]', { timeout: 60_000 });
  await expect.poll(() => page.getByTestId('values-loading').count(), { timeout: 60_000 }).toBe(0);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(1000); // labels (name + value) placed at rest
}

async function mapBox(page: Page): Promise<Box> {
  const box = await page.locator('.map-view').boundingBox();
  if (!box) throw new Error('map not on screen');
  return box;
}

async function screenshot(page: Page, name: string): Promise<Image> {
  const png = await page.screenshot({ path: path.join(shotDir, name) });
  return decodePng(png);
}

/** Page pixel of [lng, lat], through the live map (window.__map exists only for automated browsers). */
async function projectToPage(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((ll) => {
    const map = window.__map;
    if (!map) throw new Error('window.__map missing');
    const { x, y } = map.project(ll);
    return { x, y };
  }, lngLat);
  const box = await mapBox(page);
  return { x: box.x + p.x, y: box.y + p.y };
}

/**
 * Where the name and, under it, the value are drawn around the anchor (a page point): characters of
 * labelSizePx, wrapped after 6, with room to spare. Text is found by its colour, which the blue-black city outline and the grey
 * boundaries do not share.
 */
function labelBox(at: { x: number; y: number }, name: string): Box {
  const size = regionStyle.labelSizePx;
  const width = Math.min(name.length, 6) * size + 24;
  const height = (Math.ceil(name.length / 6) + 1) * size * 1.15 + 16;
  return { x: at.x - width / 2, y: at.y - height / 2, width, height };
}

describe('first screen', () => {
  it('draws the counties of 商丘市 with offline Chinese labels, the demo badge, no errors and no outside requests', async () => {
    const { page, errors, external, close } = await openApp();
    try {
      await waitForMap(page);
      const img = await screenshot(page, 'first-screen-1920x1080.png');
      const box = await mapBox(page);
      const area = boxArea(img, box);

      // The county choropleth (status colours) covers a substantial share of the map.
      const fill = statusFill(img, box);
      expect(fill / area, `fill share ${(fill / area).toFixed(3)}`).toBeGreaterThan(0.25);
      // County boundaries and the stronger city outline are drawn.
      expect(countColor(img, regionStyle.line, 12, box), 'county boundary pixels').toBeGreaterThan(800);
      expect(countColor(img, regionStyle.areaOutline, 12, box), 'city outline pixels').toBeGreaterThan(1500);

      // Every county (surveyed boundary) gets its name drawn at its anchor in dark text. The small
      // development zones (synthesized) may give way to a larger neighbour's label: labels never overlap.
      const withLabel = counties.filter((c) => c.label);
      expect(withLabel.filter((c) => !c.synthesized).length).toBeGreaterThanOrEqual(9);
      const missing: string[] = [];
      const labelBoxes: Box[] = [];
      for (const c of withLabel) {
        const box = labelBox(await projectToPage(page, c.label!), c.name);
        labelBoxes.push(box);
        const n = countColor(img, regionStyle.labelColor, 22, box);
        if (n < 25 && !c.synthesized) missing.push(`${c.name} (${n} px)`);
      }
      // Name + value labels are taller than names alone: at most one surveyed county may give way.
      expect(missing.length, `labels without text pixels: ${missing.join(', ')}`).toBeLessThanOrEqual(1);
      // …and the text is at the label points, not elsewhere (controls along the bottom and right edge,
      // which use a similar dark colour, are left out).
      // The breadcrumb and the panel toggles along the top are left out too.
      const mapBody: Box = { x: box.x, y: box.y + 110, width: box.width - 80, height: box.height - 170 };
      const textInMap = countColor(img, regionStyle.labelColor, 22, mapBody);
      const textAtLabels = countColorInBoxes(img, regionStyle.labelColor, 22, labelBoxes);
      expect(textAtLabels / textInMap, `label text at label points: ${textAtLabels} of ${textInMap} px`).toBeGreaterThan(0.95);

      // The badge: visible, in the header, saying 演示数据, with the reason on hover.
      const badge = page.getByTestId('demo-badge');
      await expect.poll(() => badge.isVisible()).toBe(true);
      expect(await badge.textContent()).toBe('演示数据');
      const badgeBox = (await badge.boundingBox())!;
      expect(badgeBox.y + badgeBox.height).toBeLessThanOrEqual(60);
      expect(countColor(img, [255, 214, 102], 6, badgeBox), 'badge background pixels').toBeGreaterThan(badgeBox.width * badgeBox.height * 0.3);
      await badge.hover();
      await expect.poll(() => page.getByRole('tooltip').textContent()).toMatch(/演示数据.*合成/);

      // The left panel ranks every county-level unit.
      const codes = await page.locator('.ranking__row').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
      expect([...codes].sort()).toEqual(counties.map((c) => c.code).sort());

      expect(errors, 'console errors').toEqual([]);
      expect(external, 'requests outside this machine').toEqual([]);
    } finally {
      await close();
    }
  });

  it('switches to English: header, panels and URL follow; the map stays drawn', async () => {
    const { page, errors, external, close } = await openApp();
    try {
      await waitForMap(page);
      await expect.poll(() => page.getByTestId('app-title').textContent()).toContain('扶贫项目调度一张图');
      await page.getByText('EN', { exact: true }).click();
      await expect.poll(() => page.getByTestId('app-title').textContent()).toContain('Poverty-Alleviation Project Dispatch Map');
      expect(await page.getByTestId('demo-badge').textContent()).toBe('Demo data');
      expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await expect.poll(() => page.locator('#measure-title').textContent()).toBe('Measure');
      await expect.poll(() => page.getByTestId('legend').textContent()).toContain('Data as of 2020-06-20');
      await page.waitForTimeout(300);
      const img = await screenshot(page, 'first-screen-en-1920x1080.png');
      const box = await mapBox(page);
      expect(statusFill(img, box) / boxArea(img, box)).toBeGreaterThan(0.25);
      // Back to Chinese with the browser's back button: the language is part of the view state.
      await page.goBack();
      await expect.poll(() => page.getByTestId('app-title').textContent()).toContain('扶贫项目调度一张图');
      expect(errors).toEqual([]);
      expect(external).toEqual([]);
    } finally {
      await close();
    }
  });

  it('hover shows the name and value, a ranking click selects (thick outline, right panel, URL), and the link reopens it', async () => {
    const { page, errors, close } = await openApp('', { width: 1366, height: 768 });
    try {
      await waitForMap(page);
      await screenshot(page, 'first-screen-1366x768.png');
      // Header holds at 1366 px: the title is not cut off and does not run into the switch.
      const title = page.getByTestId('app-title');
      expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      const titleBox = (await title.boundingBox())!;
      const switchBox = (await page.locator('.language-switch').boundingBox())!;
      expect(titleBox.x + titleBox.width).toBeLessThan(switchBox.x);

      const target = counties.find((c) => c.code === '411481' && c.label) ?? counties.find((c) => c.label)!;
      // A point inside the county but off its label, so the label does not hide the fill.
      const at = await projectToPage(page, target.label!);
      const probe = { x: at.x, y: at.y + 30 };
      await page.mouse.move(probe.x, probe.y);
      await expect.poll(() => page.locator('.deck-tooltip').textContent(), { timeout: 10_000 }).toContain(target.name);
      expect(await page.locator('.deck-tooltip').textContent()).toContain('序时进度');
      // The hovered county's row is highlighted in the ranking (map → list).
      await expect.poll(() => page.locator('.ranking__row--hover').getAttribute('data-code')).toBe(target.code);
      await page.waitForTimeout(300);
      const hover = await screenshot(page, 'hover-1366x768.png');
      const status = spend.rows.find((r) => r.code === target.code)!.status as keyof typeof statusColors;
      const tinted = mixColor(rgb(statusColors[status]), regionStyle.hoverFill);
      expect(countColor(hover, tinted, 8, await mapBox(page)), 'hover tint pixels').toBeGreaterThan(2000);

      // A click on the ranking row selects (a click on the map drills down: see choropleth.test.ts).
      await page.locator(`.ranking__row[data-code="${target.code}"]`).click();
      await expect.poll(() => page.locator('#region-card-title').textContent()).toBe(target.name);
      expect(await page.getByTestId('card-value').textContent()).toMatch(/\d+\.\d%/);
      expect(new URL(page.url()).searchParams.get('sel')).toBe(target.code);
      await page.mouse.move(5, 300); // away from the map: no hover tint over the selection
      await page.waitForTimeout(500);
      const selected = await screenshot(page, 'selected-1366x768.png');
      expect(countColor(selected, regionStyle.selectedOutline, 10, await mapBox(page)), 'selected outline pixels').toBeGreaterThan(600);
      expect(errors).toEqual([]);

      // The same link, opened fresh, shows the same selection.
      const again = await openApp(new URL(page.url()).search, { width: 1366, height: 768 });
      try {
        await waitForMap(again.page);
        await expect.poll(() => again.page.locator('#region-card-title').textContent()).toBe(target.name);
        expect(await again.page.locator('.ranking__row--selected').getAttribute('data-code')).toBe(target.code);
      } finally {
        await again.close();
      }
    } finally {
      await close();
    }
  });

  it('says what to do when the API fails, and recovers on retry', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    try {
      let fail = true;
      await page.route('**/api/regions**', (route) =>
        fail ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { message: 'database unavailable' } }) }) : route.continue(),
      );
      await page.goto(baseUrl() + '/', { waitUntil: 'domcontentloaded', timeout: 90_000 });
      const alert = page.getByTestId('map-error');
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.textContent()).toContain('无法加载行政区划数据，请检查服务器是否运行后重试');
      await page.screenshot({ path: path.join(shotDir, 'api-error-1366x768.png') });
      fail = false;
      await page.getByRole('button', { name: /重\s*试/ }).click();
      await waitForMap(page);
      expect(await alert.count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
