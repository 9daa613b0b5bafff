/**
 * The operational layers on the real page: each layer turned on through the panel shows its pixels
 * on the map canvas; a click on a project opens its card with the figures the API gives; household
 * data reaches the page only as aggregates. Screenshots go to tests/e2e/__screenshots__/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectCollection, ProjectDetail } from '../../client/features/layers/layers-api.ts';
import { householdRamp } from '../../client/layers/household-layers.ts';
import { clusterColor, industryModeColors, nonIndustryColor } from '../../client/layers/project-layers.ts';
import { pvRegisteredColors } from '../../client/layers/pv-layers.ts';
import { formatCount, formatWan } from '../../server/domain/format.ts';
import { baseUrl, launchBrowser } from '../helpers/browser.ts';
import { countColor, decodePng, type Box, type Image } from './pixels.ts';

const shotDir = path.resolve(import.meta.dirname, '__screenshots__');
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(shotDir, { recursive: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
  /** Bodies of the API answers the page received, by URL. */
  bodies: Map<string, string>;
  close(): Promise<void>;
}

async function openApp(search = '', viewport = { width: 1920, height: 1080 }): Promise<Opened> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  const bodies = new Map<string, string>();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', async (r) => {
    if (!r.url().includes('/api/')) return;
    try {
      bodies.set(r.url(), await r.text());
    } catch {
      // body gone (navigation): nothing to scan
    }
  });
  await page.goto(baseUrl() + '/' + search);
  return { page, errors, requests, bodies, close: () => context.close() };
}

async function settle(page: Page, ms = 600) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(ms);
}

async function waitForMap(page: Page) {
  await page.waitForSelector('.map-view[data-map-ready="true"]', { timeout: 90_000 });
  await settle(page, 800);
}

async function mapBox(page: Page): Promise<Box> {
  const box = await page.locator('.map-view').boundingBox();
  if (!box) throw new Error('map not on screen');
  // Leave out the controls along the bottom and right edges.
  return { x: box.x, y: box.y, width: box.width - 80, height: box.height - 60 };
}

async function shot(page: Page, name: string): Promise<Image> {
  return decodePng(await page.screenshot({ path: path.join(shotDir, name) }));
}

const countAny = (img: Image, colors: readonly (readonly number[])[], tol: number, box: Box) => colors.reduce((s, c) => s + countColor(img, c as [number, number, number], tol, box), 0);

/** Purple pixels (household symbols blend their purple with whatever is under them). */
function countPurple(img: Image, box: Box): number {
  let n = 0;
  for (let y = Math.floor(box.y); y < box.y + box.height; y++) {
    for (let x = Math.floor(box.x); x < box.x + box.width; x++) {
      const i = (y * img.width + x) * 4;
      const [r, g, b] = [img.data[i], img.data[i + 1], img.data[i + 2]];
      if (r > g + 15 && b > g + 40 && b > r) n++;
    }
  }
  return n;
}

/** Set a layer switch in the panel and wait until it shows the new position. */
async function setSwitch(page: Page, id: string, on: boolean) {
  const toggle = page.getByTestId(`layer-toggle-${id}`);
  await toggle.scrollIntoViewIfNeeded();
  await toggle.click();
  await expect.poll(() => toggle.getAttribute('aria-checked'), { timeout: 10_000 }).toBe(String(on));
}

async function turnOn(page: Page, id: string, countTestId: string) {
  await setSwitch(page, id, true);
  await page.getByTestId(countTestId).waitFor({ timeout: 60_000 });
  await page.waitForFunction((i) => !document.querySelector(`[data-testid="layer-loading-${i}"]`), id, { timeout: 60_000 });
  await settle(page, 1200);
}

describe('operational layers', () => {
  it('each layer turned on through the panel shows its pixels over the choropleth; screenshots stay readable', { timeout: 400_000 }, async () => {
    // Opacity 100 for the hexagons so their ramp colours are exact on the canvas.
    const o = await openApp('?op.households-hex=100');
    try {
      await waitForMap(o.page);
      const box = await mapBox(o.page);
      const before = await shot(o.page, 'layers-0-off-1920x1080.png');
      // Zoomed out, most projects are in clusters (dark ring) and the rest drawn in their mode colours.
      const projectInk = [...Object.values(industryModeColors), clusterColor];
      const projectColors = [...projectInk, nonIndustryColor];
      const base = {
        projects: countAny(before, projectInk, 3, box),
        pv: countColor(before, pvRegisteredColors.yes, 3, box),
        hex: countAny(before, householdRamp, 2, box),
        purple: countPurple(before, box),
      };

      await turnOn(o.page, 'projects', 'projects-count');
      const withProjects = await shot(o.page, 'layers-1-projects-1920x1080.png');
      const projects = countAny(withProjects, projectInk, 3, box);
      expect(projects - base.projects, `project pixels (${base.projects} before)`).toBeGreaterThan(300);
      expect(countAny(withProjects, projectColors, 3, box)).toBeGreaterThan(projects);
      expect(await o.page.getByTestId('projects-count').textContent()).toMatch(/符合条件 \d+ 个，已定位 \d+ 个/);

      await turnOn(o.page, 'pv', 'pv-count');
      const withPv = await shot(o.page, 'layers-2-pv-1920x1080.png');
      expect(countColor(withPv, pvRegisteredColors.yes, 3, box) - base.pv, 'PV pixels').toBeGreaterThan(150);

      await turnOn(o.page, 'households-hex', 'households-hex-count');
      const withHex = await shot(o.page, 'layers-3-hex-1920x1080.png');
      expect(countAny(withHex, householdRamp, 2, box) - base.hex, 'hexagon pixels').toBeGreaterThan(2000);
      expect(await o.page.getByTestId('hex-suppressed').textContent()).toMatch(/已隐藏 \d+ 户（格内少于 5 户）/);

      await turnOn(o.page, 'households-areas', 'households-areas-count');
      await setSwitch(o.page, 'households-hex', false); // hexagons off: the circles alone
      await settle(o.page, 1200);
      const withAreas = await shot(o.page, 'layers-4-areas-1920x1080.png');
      expect(countPurple(withAreas, box) - base.purple, 'household symbol pixels').toBeGreaterThan(500);

      // The layer state is in the URL, and the link reopens it: all three kinds together at their
      // default opacity, as a leader sees them on the projector.
      // A link with the four layers on reopens them (the URL round trip itself is unit-tested).
      const url = new URL(o.page.url());
      url.searchParams.set('ly', 'households-hex,households-areas,pv,projects');
      url.searchParams.delete('op.households-hex');
      await o.page.goto(url.toString());
      await waitForMap(o.page);
      for (const id of ['projects-count', 'pv-count', 'households-hex-count', 'households-areas-count']) await o.page.getByTestId(id).waitFor({ timeout: 60_000 });
      await settle(o.page, 2000);
      const all = await shot(o.page, 'layers-5-all-1920x1080.png');
      expect(countAny(all, projectInk, 3, box), 'projects still drawn with all layers on').toBeGreaterThan(300);
      expect(o.errors, 'console errors').toEqual([]);
    } finally {
      await o.close();
    }
  });

  it('a click on a project opens its card with the API figures; benefit links draw; households only as aggregates', { timeout: 400_000 }, async () => {
    const o = await openApp('?ly=projects&pf.category=industry', { width: 1366, height: 768 });
    try {
      await waitForMap(o.page);
      await o.page.getByTestId('projects-count').waitFor({ timeout: 60_000 });
      // An industry project with a point location and beneficiaries, taken from the same API.
      const fc = (await (await fetch(`${baseUrl()}/api/layers/projects?area=4114&category=industry`)).json()) as ProjectCollection;
      const points = fc.features.filter((f) => f.geometry.type === 'Point' && (f.properties.householdsReached ?? 0) > 0);
      expect(points.length).toBeGreaterThan(0);
      const target = points[Math.floor(points.length / 2)];
      const [lng, lat] = (target.geometry as GeoJSON.Point).coordinates;
      // Zoom in close, so the project is drawn as itself (not a cluster) and alone under the pointer.
      await o.page.evaluate(([x, y]) => window.__map!.jumpTo({ center: [x, y], zoom: 15 }), [lng, lat]);
      await settle(o.page, 1500);
      const at = await o.page.evaluate(([x, y]) => window.__map!.project([x, y]), [lng, lat]);
      const mb = (await o.page.locator('.map-view').boundingBox())!;
      await o.page.mouse.click(mb.x + at.x, mb.y + at.y);
      await o.page.getByTestId('layer-detail').waitFor({ timeout: 30_000 });
      const sel = new URL(o.page.url()).searchParams.get('lsel');
      expect(sel?.startsWith('p:')).toBe(true);
      const code = sel!.slice(2);
      const detail = (await (await fetch(`${baseUrl()}/api/projects/${encodeURIComponent(code)}`)).json()) as ProjectDetail;
      const card = o.page.getByTestId('layer-detail');
      await expect.poll(() => card.locator('.ant-card-head-title').textContent(), { timeout: 30_000 }).toBe(detail.name);
      expect(await card.getByTestId('fund-total').textContent()).toContain(formatWan(detail.funds.totalWan, 'zh'));
      expect(await card.getByTestId('fund-spent').textContent()).toContain(formatWan(detail.funds.spentWan, 'zh'));
      expect(await card.getByTestId('fund-arranged').textContent()).toContain(formatWan(detail.funds.arrangedWan, 'zh'));
      expect(await card.getByTestId('fund-disbursed').textContent()).toContain(formatWan(detail.funds.disbursedWan, 'zh'));
      expect(await card.getByTestId('detail-households').textContent()).toBe(formatCount(detail.householdsReached, 'household', 'zh'));
      expect(await card.textContent()).toContain(detail.code);

      // Benefit links of the selected project, from the card.
      if (detail.beneficiaries.length > 0) {
        await card.getByTestId('show-links').click();
        await o.page.getByTestId('links-count').waitFor({ timeout: 30_000 });
        await o.page.evaluate(() => window.__map!.zoomTo(11, { animate: false }));
        await settle(o.page, 1500);
        await shot(o.page, 'layers-6-project-card-links-1366x768.png');
        expect(await o.page.getByTestId('links-count').textContent()).toContain(`惠及 ${detail.beneficiaries.length} 个村`);
      }

      // Households: the hexagons and per-area counts, and nothing else.
      await o.page.getByTestId('layer-toggle-households-hex').click();
      await o.page.getByTestId('households-hex-count').waitFor({ timeout: 60_000 });
      await o.page.getByTestId('layer-toggle-households-areas').click();
      await o.page.getByTestId('households-areas-count').waitFor({ timeout: 60_000 });
      await settle(o.page, 500);
      const household = o.requests.filter((u) => /\/api\/(layers\/)?households/.test(u));
      expect(household.length).toBeGreaterThan(0);
      for (const u of household) expect(u, 'household request').toMatch(/\/api\/layers\/households\/(areas|hexagons)\?/);
      for (const [u, body] of o.bodies) {
        expect(body, `household id in ${u}`).not.toMatch(/\bH\d{10,}\b/);
        expect(body, `household id key in ${u}`).not.toMatch(/"household(Id|_id)"/i);
      }
      expect(o.errors, 'console errors').toEqual([]);
    } finally {
      await o.close();
    }
  });
});
