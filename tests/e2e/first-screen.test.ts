/**
 * The first screen as a city leader sees it: the county map of 商丘市 drawn (fill, outlines, Chinese
 * labels — checked on the pixels of a screenshot), the 演示数据 badge, no console errors, nothing
 * fetched from outside this machine; then English, hover, selection, and the API-down screen.
 * Screenshots go to tests/e2e/__screenshots__/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { regionStyle } from '../../client/layers/region-style.ts';
import type { MeasureValues } from '../../client/api/client.ts';
import { statusColors } from '../../server/domain/classify.ts';
import {
  api,
  launchBrowser,
  mapBox,
  openApp as open,
  projectToPage,
  rgb,
  screenshot,
  statusFill,
  waitForMap as waitForDrawn,
} from './driver.ts';
import { boxArea, countColor, countColorInBoxes, mixColor, type Box } from './pixels.ts';

// The browser shares two cores with other suites: give each journey room.
vi.setConfig({ testTimeout: 300_000 });

interface Label {
  code: string;
  name: string;
  synthesized: boolean;
  label: [number, number] | null;
}

let browser: Browser;
let counties: Label[];
let spend: MeasureValues;

beforeAll(async () => {
  browser = await launchBrowser();
  counties = (await api<{ features: { properties: Label }[] }>('/api/regions?level=county&parent=4114')).features.map((f) => f.properties);
  spend = await api<MeasureValues>('/api/measures/spend_rate?level=county&parent=4114');
});

afterAll(async () => {
  await browser?.close();
});

/** Open the app, recording every request from the first one on; a failed request is an error here. */
const openApp = (search = '', viewport?: { width: number; height: number }) =>
  open(browser, search, { viewport, failedRequestsAreErrors: true });
/** Labels (name + value) placed at rest. */
const waitForMap = (page: Page) => waitForDrawn(page, { settleMs: 1000 });

/** Requests for data of the operational layers (projects, PV stations, households, benefit links, details). */
const layerRequest = /\/api\/(layers\/|projects\b|pv-stations\b)/;

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
    const { page, errors, external, requests, uncompressed, close } = await openApp();
    try {
      await waitForMap(page);
      const img = await screenshot(page, 'first-screen-1920x1080.png');
      // Every layer is off at first: the first screen fetches none of their data (the area card asks
      // for its few lagging projects only), and every script and style sheet arrives compressed.
      await page.waitForTimeout(1500);
      expect(
        requests.filter((u) => layerRequest.test(u)),
        'layer data requested while every layer is off',
      ).toEqual([]);
      expect(
        requests.some((u) => u.includes('/api/lagging-projects?')),
        'the area card asks for its lagging projects',
      ).toBe(true);
      expect(uncompressed, 'assets sent uncompressed to a browser that accepts br and gzip').toEqual([]);
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
      expect(countColor(img, [255, 214, 102], 6, badgeBox), 'badge background pixels').toBeGreaterThan(
        badgeBox.width * badgeBox.height * 0.3,
      );
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
      // The division's tooltip (drawn by the map beside the pointer; deck objects keep deck's own).
      await expect.poll(() => page.locator('.map-tooltip').textContent(), { timeout: 10_000 }).toContain(target.name);
      expect(await page.locator('.map-tooltip').textContent()).toContain('序时进度');
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
    let fail = true;
    const { page, close } = await open(browser, '', {
      viewport: { width: 1366, height: 768 },
      prepare: (p) =>
        p.route('**/api/regions**', (route) =>
          fail
            ? route.fulfill({
                status: 503,
                contentType: 'application/json',
                body: JSON.stringify({ error: { message: 'database unavailable' } }),
              })
            : route.continue(),
        ),
    });
    try {
      const alert = page.getByTestId('map-error');
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.textContent()).toContain('无法加载行政区划数据，请检查服务器是否运行后重试');
      await screenshot(page, 'api-error-1366x768.png');
      fail = false;
      await page.getByRole('button', { name: /重\s*试/ }).click();
      await waitForMap(page);
      expect(await alert.count()).toBe(0);
    } finally {
      await close();
    }
  });
});
