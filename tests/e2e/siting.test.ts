/**
 * The planner's journey with the siting tool on the real page: open it, click a point on the city map
 * (a leader: anonymous visitors have no siting tool; 点选: the click places candidate A, the map does not drill down), see its catchment ring drawn and the
 * card's figures equal the API's answer for the same site; place B and compare; see what it would change
 * (before → after) and the suggested villages, both as the API answers; the analysis survives a
 * reload of its URL; while the tool has the click, the divisions' tooltip says so.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Catchment, SitingEffect, Suggestions } from '../../client/api/siting-api.ts';
import { parseSitingState } from '../../client/features/siting/siting-state.ts';
import { candidateColors, suggestionColor } from '../../client/layers/siting-layers.ts';
import { formatHouseholdCount, formatPct } from '../../server/domain/format.ts';
import { launchBrowser, logIn, mapBox, mapIdle, openApp, projectToPage, screenshot, settle, waitForMap } from './driver.ts';
import type { Box, Image, Rgb } from './pixels.ts';

const accounts = inject('e2eAccounts');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Pixels of `box` within `tol` of `color` in `after` that were not in `before`. */
function newInk(before: Image, after: Image, color: Rgb, tol: number, box: Box): number {
  const near = (img: Image, i: number) =>
    Math.abs(img.data[i] - color[0]) <= tol && Math.abs(img.data[i + 1] - color[1]) <= tol && Math.abs(img.data[i + 2] - color[2]) <= tol;
  let n = 0;
  for (let y = Math.floor(box.y); y < box.y + box.height; y++)
    for (let x = Math.floor(box.x); x < box.x + box.width; x++) {
      const i = (y * after.width + x) * 4;
      if (near(after, i) && !near(before, i)) n++;
    }
  return n;
}

const siteOf = (page: Page) => parseSitingState(new URL(page.url()).searchParams.get('site') ?? '');

/** A GET of the API from the page (the same account). */
async function getFromPage<T>(page: Page, url: string): Promise<T> {
  const { status, body } = await page.evaluate(async (u) => {
    const res = await fetch(u);
    return { status: res.status, body: await res.text() };
  }, url);
  expect(status, `${url}: ${body}`).toBe(200);
  return JSON.parse(body) as T;
}

/** The API's answer for a site, asked from the page (the same account and its disclosure rule). */
async function catchmentFromApi(page: Page, site: unknown, radiusKm: number): Promise<Catchment> {
  const { status, body } = await page.evaluate(async (b) => {
    const res = await fetch('/api/siting/catchment', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: b });
    return { status: res.status, body: await res.text() };
  }, JSON.stringify({ site, radiusKm }));
  expect(status, body).toBe(200);
  return JSON.parse(body) as Catchment;
}

describe('siting', () => {
  it(
    '点选 places candidates (no drill-down); card, comparison, before → after and suggested villages equal the API; the URL reopens it',
    { timeout: 400_000 },
    async () => {
      const o = await openApp(browser);
      try {
        const { page } = o;
        await waitForMap(page);
        const box = await mapBox(page, { right: 80, bottom: 60 });
        // Anonymous visitors have no siting tool; a leader has.
        expect(await page.getByTestId('siting-open').count()).toBe(0);
        await logIn(page, accounts.leader);
        await page.getByTestId('siting-open').click();
        await page.getByTestId('siting-panel').waitFor();
        await settle(page, 800);
        const before = await screenshot(page, 'siting-0-open-1920x1080.png');

        // While the tool has the click, hovering a county says what a click does (not 点击查看下级).
        const a = await projectToPage(page, [115.13, 34.62]); // inside 民权县
        await page.mouse.move(a.x, a.y);
        await expect.poll(() => page.locator('.map-tooltip').textContent()).toContain('在地图上点击候选地点');
        expect(await page.locator('.map-tooltip').textContent()).not.toContain('点击查看下级');

        await page.mouse.click(a.x, a.y);
        await page.getByTestId('siting-tab-A').waitFor({ timeout: 30_000 });
        await page.getByTestId('siting-card').waitFor({ timeout: 60_000 });
        // The map stayed on the city: the click placed a candidate, it did not open 民权县.
        expect(new URL(page.url()).searchParams.get('area') ?? '4114').toBe('4114');
        const stateA = siteOf(page);
        expect(stateA?.candidates).toHaveLength(1);
        const siteA = stateA!.candidates[0];
        expect(siteA.kind).toBe('point');

        // The card's target households are the API's for the same site and radius (anonymous: disclosure applied).
        const apiA = await catchmentFromApi(page, siteA, stateA!.radiusKm);
        expect(apiA.households.target, 'the demo has target households around 民权县').not.toBeNull();
        await expect
          .poll(() => page.getByTestId('siting-target').textContent())
          .toContain(formatHouseholdCount(apiA.households.target, 'zh'));
        expect(await page.getByTestId('siting-card').textContent()).toContain(apiA.site.label);

        // The ring of A is drawn in its colour.
        await mapIdle(page);
        await settle(page, 800);
        const withA = await screenshot(page, 'siting-1-candidate-a-1920x1080.png');
        expect(newInk(before, withA, candidateColors[0], 12, box), 'ring of A (blue)').toBeGreaterThan(300);

        // B, elsewhere (夏邑县): two tabs, the comparison table with both.
        const b = await projectToPage(page, [116.13, 34.24]);
        await page.mouse.click(b.x, b.y);
        await page.getByTestId('siting-tab-B').waitFor({ timeout: 30_000 });
        await page.getByTestId('siting-compare').waitFor({ timeout: 60_000 });
        const stateB = siteOf(page)!;
        expect(stateB.candidates).toHaveLength(2);
        const apiB = await catchmentFromApi(page, stateB.candidates[1], stateB.radiusKm);
        await expect.poll(() => page.getByTestId('siting-compare').textContent(), { timeout: 60_000 }).toContain(apiB.site.label);
        expect(await page.getByTestId('siting-compare').textContent()).toContain(apiA.site.label);
        await mapIdle(page);
        await settle(page, 800);
        const withB = await screenshot(page, 'siting-2-candidate-b-1920x1080.png');
        expect(newInk(withA, withB, candidateColors[1], 12, box), 'ring of B (orange)').toBeGreaterThan(300);

        // 若在此建设: before → after of the active candidate's county and of the city, as the API computes them.
        const effect = await getFromPage<SitingEffect>(
          page,
          `/api/siting/effect?county=${apiB.site.countyCode}&households=${stateB.households}&investmentWan=${stateB.investmentWan}`,
        );
        expect(effect.county.coverage.after ?? 0, 'a project reaching households raises coverage').toBeGreaterThan(
          effect.county.coverage.before ?? Infinity,
        );
        const coverage = (e: SitingEffect['county']) => `${formatPct(e.coverage.before, 'zh')} → ${formatPct(e.coverage.after, 'zh')}`;
        await expect.poll(() => page.getByTestId('siting-effect').textContent(), { timeout: 60_000 }).toContain(coverage(effect.county));
        const effectText = (await page.getByTestId('siting-effect').textContent()) ?? '';
        expect(effectText).toContain(effect.county.name);
        expect(effectText).toContain(coverage(effect.city));

        // Suggested sites for the city: the ranked list as the API ranks it, and the green markers on the map.
        const noSuggestions = await screenshot(page, 'siting-2-effect-1920x1080.png');
        await page.getByTestId('siting-suggest-switch').click();
        await page.getByTestId('siting-suggestions').waitFor({ timeout: 120_000 });
        const stateS = siteOf(page)!;
        expect(stateS.suggestArea).toBe('4114');
        const w = stateS.weights;
        const sug = await getFromPage<Suggestions>(
          page,
          `/api/siting/suggestions?area=4114&radiusKm=${stateS.radiusKm}&top=${stateS.top}&wTarget=${w.target}&wDistance=${w.distance}&wPoor=${w.poor}&wPv=${w.pv}`,
        );
        expect(sug.items).toHaveLength(stateS.top);
        const rows = await page.locator('.siting-ranking__name').allTextContents();
        expect(rows.map((r) => r.slice(0, 2))).toEqual(sug.items.map((v) => v.name.slice(0, 2)));
        await mapIdle(page);
        await settle(page, 800);
        const withSuggestions = await screenshot(page, 'siting-3-suggestions-1920x1080.png');
        // Tolerance 24: the discs are drawn at alpha 235 over the choropleth.
        expect(newInk(noSuggestions, withSuggestions, suggestionColor, 24, box), 'suggested villages (green)').toBeGreaterThan(800);

        // The link reopens the same analysis.
        await page.reload({ waitUntil: 'domcontentloaded' });
        await waitForMap(page);
        await page.getByTestId('siting-tab-B').waitFor({ timeout: 60_000 });
        await page.getByTestId('siting-compare').waitFor({ timeout: 60_000 });
        expect(siteOf(page)).toEqual(stateS);
        await page.getByTestId('siting-suggestions').waitFor({ timeout: 120_000 });
        expect(o.errors, 'console errors').toEqual([]);
      } finally {
        await o.close();
      }
    },
  );
});
