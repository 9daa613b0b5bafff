/**
 * The choropleth as a city leader uses it, checked on the pixels: status colours at county level, the
 * worst county (by the API) drawn red at its label point, the ranking agreeing with the API, drill-down
 * to townships and villages with the breadcrumb, a measure switch that moves only values (no boundary
 * refetch), and the diverging change-since map. Screenshots at each level, 1920×1080 and 1366×768.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MeasureValues } from '../../client/api/client.ts';
import { rampChangePuOr7, statusColors } from '../../server/domain/classify.ts';
import { getMeasure } from '../../server/domain/measures.ts';
import {
  api,
  launchBrowser,
  mapBox,
  mapIdle,
  openApp as open,
  projectToPage,
  rgb,
  screenshot as shot,
  statusFill,
  waitForMap,
} from './driver.ts';
import { countColor, type Box } from './pixels.ts';
import { bbox } from '@turf/turf';
import type { FeatureCollection } from 'geojson';

// The browser shares two cores with other suites: give each journey room.
vi.setConfig({ testTimeout: 300_000 });

interface RegionProps {
  code: string;
  name: string;
  label: [number, number] | null;
}

let browser: Browser;

const regionsOf = async (level: string, parent: string) =>
  (await api<{ features: { properties: RegionProps }[] }>(`/api/regions?level=${level}&parent=${parent}`)).features.map(
    (f) => f.properties,
  );

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const openApp = (search = '', viewport?: { width: number; height: number }) => open(browser, search, { viewport });
/** Map drawn, values in, ranking rendered with `rows` rows (when given), the fitBounds animation over. */
const waitForChoropleth = (page: Page, rows?: number) => waitForMap(page, { rows });

const values = (measure: string, level: string, parent: string, extra = '') =>
  api<MeasureValues>(`/api/measures/${measure}?level=${level}&parent=${parent}${extra}`);

const byRank = (v: MeasureValues) => [...v.rows].filter((r) => r.rank !== null).sort((a, b) => a.rank! - b.rank!);

describe('choropleth', () => {
  it('county level: status colours, worst county red at its label, ranking = API; drill to townships and villages', async () => {
    const counties = await regionsOf('county', '4114');
    const v = await values('spend_rate', 'county', '4114');
    const ranked = byRank(v);
    const best = ranked[0];
    const worst = ranked.at(-1)!;
    expect(worst.status, 'the demo has a lagging worst county').toBe('lagging');

    const { page, errors, close } = await openApp();
    try {
      await waitForChoropleth(page, v.rows.length);
      const img = await shot(page, 'choropleth-county-1920x1080.png');
      const box = await mapBox(page);
      // Every status the API reports is on the map in its colour.
      for (const status of ['ahead', 'on_track', 'lagging'] as const) {
        const n = v.rows.filter((r) => r.status === status).length;
        const px = countColor(img, rgb(statusColors[status]), 6, box);
        if (n > 0) expect(px, `${status}: ${n} counties`).toBeGreaterThan(1500);
      }
      // The worst county is red around its label point.
      const worstLabel = counties.find((c) => c.code === worst.code)!.label!;
      const at = await projectToPage(page, worstLabel);
      const around: Box = { x: at.x - 45, y: at.y - 45, width: 90, height: 90 };
      expect(countColor(img, rgb(statusColors.lagging), 6, around), `lagging colour at ${worst.name}`).toBeGreaterThan(400);

      // Ranking: best first, worst last among the ranked.
      const codes = await page.locator('.ranking__row').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
      expect(codes[0]).toBe(best.code);
      expect(codes[ranked.length - 1]).toBe(worst.code);
      expect(
        await page
          .locator('.ranking__row')
          .nth(ranked.length - 1)
          .getAttribute('class'),
      ).toContain('ranking__row--lagging');
      // Legend: measure, formula, date in Chinese, expected value.
      const legend = (await page.getByTestId('legend').textContent())!;
      expect(legend).toContain(getMeasure('spend_rate').formulaZh);
      expect(legend).toMatch(/数据截至 \d{4}年\d{1,2}月\d{1,2}日/);
      expect(legend).toContain('序时进度');

      // Drill into the worst county: its townships, breadcrumb, URL.
      const townships = await regionsOf('township', worst.code);
      expect(townships.length).toBeGreaterThan(counties.length);
      await page.mouse.click(at.x, at.y);
      await expect.poll(() => new URL(page.url()).searchParams.get('area'), { timeout: 20_000 }).toBe(worst.code);
      await waitForChoropleth(page, townships.length);
      expect(await page.getByTestId('breadcrumb').textContent()).toContain(worst.name);
      expect(await page.getByTestId('breadcrumb').textContent()).toContain('乡镇/村界为示意（合成）');
      const tImg = await shot(page, 'choropleth-township-1920x1080.png');
      const tv = await values('spend_rate', 'township', worst.code);
      const statusPx = statusFill(tImg, box);
      expect(statusPx / (box.width * box.height), 'status fill share at township level').toBeGreaterThan(0.2);
      expect(await page.locator('#region-card-title').textContent()).toContain(worst.name);

      // Then a township (the worst one with a label) to its villages.
      const tRanked = byRank(tv);
      const withLabel = new Map(townships.filter((t) => t.label).map((t) => [t.code, t]));
      const township = [...tRanked].reverse().find((r) => withLabel.has(r.code))!;
      const villages = await regionsOf('village', township.code);
      const tAt = await projectToPage(page, withLabel.get(township.code)!.label!);
      await page.mouse.click(tAt.x, tAt.y);
      await expect.poll(() => new URL(page.url()).searchParams.get('area'), { timeout: 20_000 }).toBe(township.code);
      await waitForChoropleth(page, villages.length);
      const crumb = (await page.getByTestId('breadcrumb').textContent())!;
      expect(crumb).toContain('商丘市');
      expect(crumb).toContain(worst.name);
      expect(crumb).toContain(township.name);
      await shot(page, 'choropleth-village-1920x1080.png');

      // Back up with the breadcrumb.
      await page.getByTestId('breadcrumb').getByRole('button', { name: '商丘市' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('area')).toBe(null);
      await waitForChoropleth(page, v.rows.length);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 400_000);

  it('switching measure changes the colours and fetches only values, never boundaries', async () => {
    const { page, errors, requests, close } = await openApp();
    try {
      await waitForChoropleth(page, 11);
      const before = await shot(page, 'choropleth-measure-before.png');
      const from = requests.length;
      const target = getMeasure('pv_registration');
      await page.locator('#measure-select').click({ force: true });
      await page.getByRole('option', { name: target.nameZh }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('m')).toBe('pv_registration');
      await waitForChoropleth(page, 11);
      const after = await shot(page, 'choropleth-measure-after.png');
      const box = await mapBox(page);
      const pv = await values('pv_registration', 'county', '4114');
      // The API's status mix is what the map shows now.
      for (const status of ['ahead', 'lagging'] as const) {
        if (pv.rows.some((r) => r.status === status))
          expect(countColor(after, rgb(statusColors[status]), 6, box), status).toBeGreaterThan(1500);
      }
      let changed = 0;
      for (let i = 0; i < before.data.length; i += 4 * 7)
        if (before.data[i] !== after.data[i] || before.data[i + 1] !== after.data[i + 1]) changed++;
      expect(changed, 'pixels that changed').toBeGreaterThan(2000);
      const later = requests
        .slice(from)
        .map((u) => new URL(u).pathname)
        .filter((p) => p.startsWith('/api/'));
      expect(later.some((p) => p === '/api/measures/pv_registration')).toBe(true);
      expect(
        later.filter((p) => p.startsWith('/api/regions')),
        'boundary requests after the switch',
      ).toEqual([]);
      expect(await page.getByTestId('legend').textContent()).toContain(target.formulaZh);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 200_000);

  it('compareTo shows the diverging change map and the legend says so', async () => {
    const dates = await api<{ historyDates: string[]; defaultAsOf: string; meetings: { cutOff: string; number: number }[] }>('/api/dates');
    const earlier = dates.meetings.find((m) => m.number === 3)?.cutOff ?? dates.historyDates.filter((d) => d < dates.defaultAsOf).at(-1)!;
    const { page, errors, close } = await openApp(`?cmp=${earlier}`);
    try {
      await waitForChoropleth(page, 11);
      const img = await shot(page, 'choropleth-change-1920x1080.png');
      const box = await mapBox(page);
      const diverging = rampChangePuOr7.reduce((s, c) => s + countColor(img, rgb(c), 5, box), 0);
      expect(diverging / (box.width * box.height), 'diverging fill share').toBeGreaterThan(0.2);
      expect(countColor(img, rgb(statusColors.lagging), 5, box), 'no status red in change mode').toBeLessThan(300);
      expect(await page.getByTestId('legend').textContent()).toContain('以来变化');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 200_000);

  it('holds at 1366×768 at county, township and village level', async () => {
    const v = await values('spend_rate', 'county', '4114');
    const worst = byRank(v).at(-1)!;
    const tv = await values('spend_rate', 'township', worst.code);
    const township = byRank(tv).at(-1)!;
    for (const [name, search, rows] of [
      ['county', '', v.rows.length],
      ['township', `?area=${worst.code}&level=township`, tv.rows.length],
      ['village', `?area=${township.code}&level=village`, undefined],
    ] as const) {
      const { page, errors, close } = await openApp(search, { width: 1366, height: 768 });
      try {
        await waitForChoropleth(page, rows);
        await shot(page, `choropleth-${name}-1366x768.png`);
        // The panels do not push the map off the screen.
        const box = await mapBox(page);
        expect(box.width).toBeGreaterThan(600);
        expect(box.height).toBeGreaterThan(450);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    }
  }, 400_000);

  it('keeps the whole city in view when the map is resized before anyone moves it (panels settling, a window made smaller)', async () => {
    const { page, close } = await openApp('', { width: 1920, height: 1080 });
    try {
      await waitForChoropleth(page);
      const [w, s, e, n] = bbox((await api<FeatureCollection>('/api/regions?level=county&parent=4114')) as never);
      await page.setViewportSize({ width: 1366, height: 768 });
      await mapIdle(page);
      const fit = await page.evaluate(
        ([west, south, east, north]) => {
          const map = window.__map!;
          const nw = map.project([west, north]);
          const se = map.project([east, south]);
          const c = map.getCanvas();
          return { left: nw.x, top: nw.y, right: se.x, bottom: se.y, width: c.clientWidth, height: c.clientHeight };
        },
        [w, s, e, n],
      );
      expect(fit.left, 'west edge in view').toBeGreaterThanOrEqual(0);
      expect(fit.top, 'north edge in view').toBeGreaterThanOrEqual(0);
      expect(fit.right, 'east edge in view').toBeLessThanOrEqual(fit.width);
      expect(fit.bottom, 'south edge in view').toBeLessThanOrEqual(fit.height);
    } finally {
      await close();
    }
  });
});
