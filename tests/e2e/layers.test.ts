/**
 * The operational layers on the real page. Each layer turned on through the panel is found twice:
 * deck's own picking pass finds its objects on the map (window.__deckOverlay.pickObjects, exposed to
 * automated browsers), and the screenshot shows new pixels of the layer's colour where it was off
 * (a before/after difference, so division labels drawn on top never count against it); the PV badges,
 * drawn below the projects, still add their navy beside the discs. With every layer on, the labels
 * keep their pixels.
 * A click on a cluster zooms in; the layer state survives a reload of its URL (switch off and on,
 * opacity, county filter, category filter); a click on a project opens its card with the API's
 * figures; household data reaches the page only as aggregates. Screenshots: tests/e2e/__screenshots__/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectCollection, ProjectDetail } from '../../client/features/layers/layers-api.ts';
import { householdRamp, householdSymbolColor } from '../../client/layers/household-layers.ts';
import { clusterColor } from '../../client/layers/project-layers.ts';
import { pvOutline } from '../../client/layers/pv-layers.ts';
import { regionStyle } from '../../client/layers/region-style.ts';
import { formatCount, formatWan } from '../../server/domain/format.ts';
import { baseUrl, launchBrowser, mapBox as mapBoxOf, mapIdle, openApp as open, screenshot as shot, settle, waitForMap } from './driver.ts';
import { type Box, type Image, type Rgb } from './pixels.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The app, keeping the bodies of the API answers it received (by URL). */
const openApp = (search = '', viewport?: { width: number; height: number }) => open(browser, search, { viewport, keepBodies: true });
/** The map without the controls along its bottom and right edges. */
const mapBox = (page: Page) => mapBoxOf(page, { right: 80, bottom: 60 });

const near = (img: Image, i: number, c: Rgb, tol: number) =>
  Math.abs(img.data[i] - c[0]) <= tol && Math.abs(img.data[i + 1] - c[1]) <= tol && Math.abs(img.data[i + 2] - c[2]) <= tol;

/**
 * Pixels of `box` that changed from `before` to `after` (channels differ by `minDelta` in sum) and
 * now show one of `colors`: what a layer added, wherever labels or other layers did not change.
 */
function changedInk(before: Image, after: Image, colors: readonly Rgb[], tol: number, box: Box, minDelta = 30): number {
  let n = 0;
  for (let y = Math.floor(box.y); y < box.y + box.height; y++) {
    for (let x = Math.floor(box.x); x < box.x + box.width; x++) {
      const i = (y * after.width + x) * 4;
      const delta =
        Math.abs(after.data[i] - before.data[i]) +
        Math.abs(after.data[i + 1] - before.data[i + 1]) +
        Math.abs(after.data[i + 2] - before.data[i + 2]);
      if (delta >= minDelta && colors.some((c) => near(after, i, c, tol))) n++;
    }
  }
  return n;
}

/** Of the pixels of `color` in `base`, how many still have it in `now` (e.g. label text under new layers). */
function keptPixels(base: Image, now: Image, color: Rgb, tol: number, box: Box): { base: number; kept: number } {
  let b = 0;
  let k = 0;
  for (let y = Math.floor(box.y); y < box.y + box.height; y++) {
    for (let x = Math.floor(box.x); x < box.x + box.width; x++) {
      const i = (y * base.width + x) * 4;
      if (!near(base, i, color, tol)) continue;
      b++;
      if (near(now, i, color, tol)) k++;
    }
  }
  return { base: b, kept: k };
}

/** Share of the pixels of `box` that differ between two screenshots. */
function differingShare(a: Image, b: Image, box: Box, minDelta = 30): number {
  let n = 0;
  let all = 0;
  for (let y = Math.floor(box.y); y < box.y + box.height; y++) {
    for (let x = Math.floor(box.x); x < box.x + box.width; x++) {
      const i = (y * a.width + x) * 4;
      all++;
      if (Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]) >= minDelta)
        n++;
    }
  }
  return n / all;
}

interface Picked {
  /** Objects found per deck layer id (top level: op-projects, op-pv …). */
  byLayer: Record<string, number>;
  clusters: number;
}

/**
 * The objects deck draws on the map for `layerIds`, by its picking pass over the whole canvas: only
 * what is on screen and not hidden under a layer of the list drawn above it.
 */
async function pick(page: Page, layerIds: string[]): Promise<Picked> {
  return page.evaluate((ids) => {
    const canvas = window.__map!.getCanvas();
    const infos = window.__deckOverlay!.pickObjects({ x: 0, y: 0, width: canvas.clientWidth, height: canvas.clientHeight, layerIds: ids });
    const byLayer: Record<string, number> = {};
    let clusters = 0;
    for (const info of infos) {
      const id = info.layer?.id ?? '?';
      byLayer[id] = (byLayer[id] ?? 0) + 1;
      if ((info.object as { kind?: string } | null)?.kind === 'cluster') clusters++;
    }
    return { byLayer, clusters };
  }, layerIds);
}

/** Set a layer switch in the panel and wait until it shows the new position. */
async function setSwitch(page: Page, id: string, on: boolean) {
  const toggle = page.getByTestId(`layer-toggle-${id}`);
  await toggle.scrollIntoViewIfNeeded();
  if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click();
  await expect.poll(() => toggle.getAttribute('aria-checked'), { timeout: 10_000 }).toBe(String(on));
}

async function turnOn(page: Page, id: string, countTestId: string) {
  await setSwitch(page, id, true);
  await page.getByTestId(countTestId).waitFor({ timeout: 60_000 });
  await page.waitForFunction((i) => !document.querySelector(`[data-testid="layer-loading-${i}"]`), id, { timeout: 60_000 });
  await settle(page, 1200);
}

/** Choose `label` in the antd Select with test id `testId` (its list is rendered in a popup). */
async function choose(page: Page, testId: string, label: string) {
  await page.getByTestId(testId).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
}

describe('operational layers', () => {
  it(
    'each layer turned on through the panel is picked by deck and adds its pixels; PV is not buried; labels stay on top',
    { timeout: 400_000 },
    async () => {
      // Opacity 100 for the household layers so that their colours are exact on the canvas.
      const o = await openApp('?op.households-hex=100&op.households-areas=100');
      try {
        await waitForMap(o.page);
        const box = await mapBox(o.page);
        const base = await shot(o.page, 'layers-0-off-1920x1080.png');
        let before = base;

        // Projects: at city zoom, supercluster's clusters with their counts (white discs, dark rings).
        await turnOn(o.page, 'projects', 'projects-count');
        expect(await o.page.getByTestId('projects-count').textContent()).toMatch(/符合条件 \d+ 个，已定位 \d+ 个/);
        const projects = await pick(o.page, ['op-projects']);
        expect(projects.byLayer['op-projects'], 'project symbols picked').toBeGreaterThanOrEqual(10);
        expect(projects.clusters, 'zoomed out, projects are clustered').toBeGreaterThanOrEqual(10);
        let after = await shot(o.page, 'layers-1-projects-1920x1080.png');
        expect(changedInk(before, after, [clusterColor], 3, box), 'cluster ring pixels').toBeGreaterThan(2000);
        before = after;

        // PV stations: navy badges with the count beside the project discs, and lone stations' icons.
        // PV is drawn below the projects (the default order): its navy shows only because the badges
        // sit beside the discs instead of under them.
        await turnOn(o.page, 'pv', 'pv-count');
        const pv = await pick(o.page, ['op-pv']);
        expect(pv.byLayer['op-pv'], 'PV symbols picked').toBeGreaterThanOrEqual(10);
        after = await shot(o.page, 'layers-2-pv-1920x1080.png');
        expect(changedInk(before, after, [pvOutline], 3, box), 'PV navy pixels').toBeGreaterThan(1000);
        before = after;

        // Hexagons (opacity 100: the ramp's exact colours).
        await turnOn(o.page, 'households-hex', 'households-hex-count');
        expect(await o.page.getByTestId('hex-suppressed').textContent()).toMatch(/已隐藏 \d+ 户（格内少于 5 户）/);
        const hex = await pick(o.page, ['op-households-hex']);
        expect(hex.byLayer['op-households-hex'], 'hexagons picked').toBeGreaterThan(200);
        after = await shot(o.page, 'layers-3-hex-1920x1080.png');
        expect(changedInk(before, after, householdRamp, 2, box), 'hexagon pixels').toBeGreaterThan(20_000);

        // Village / township symbols alone (hexagons off): purple rings.
        await setSwitch(o.page, 'households-hex', false);
        await settle(o.page, 1200);
        before = await shot(o.page, 'layers-4-hex-off-1920x1080.png');
        await turnOn(o.page, 'households-areas', 'households-areas-count');
        const areas = await pick(o.page, ['op-households-areas']);
        expect(areas.byLayer['op-households-areas'], 'household symbols picked').toBeGreaterThan(50);
        after = await shot(o.page, 'layers-4-areas-1920x1080.png');
        expect(changedInk(before, after, [householdSymbolColor], 3, box), 'household ring pixels').toBeGreaterThan(3000);

        // Everything on at the default opacities, as a leader sees it on the projector.
        const url = new URL(o.page.url());
        url.searchParams.set('ly', 'households-hex,households-areas,pv,projects');
        url.searchParams.delete('op.households-hex');
        url.searchParams.delete('op.households-areas');
        await o.page.goto(url.toString());
        await waitForMap(o.page);
        for (const id of ['projects-count', 'pv-count', 'households-hex-count', 'households-areas-count'])
          await o.page.getByTestId(id).waitFor({ timeout: 60_000 });
        await settle(o.page, 1500);
        // The division names and values are drawn above every layer: their text keeps its pixels. On a
        // loaded machine the last layer's frame or the labels' fade-in may still be on its way: the
        // check is repeated on fresh screenshots for a while (layers drawn above the labels never pass).
        let labels = { base: 0, kept: 0 };
        await expect
          .poll(
            async () => {
              await mapIdle(o.page);
              labels = keptPixels(base, await shot(o.page, 'layers-5-all-1920x1080.png'), regionStyle.labelColor, 10, box);
              return labels.kept / Math.max(1, labels.base);
            },
            { timeout: 30_000, interval: 1000, message: 'share of label text pixels kept with every layer on' },
          )
          .toBeGreaterThan(0.9);
        expect(labels.base, 'label text pixels with the layers off').toBeGreaterThan(1500);
        expect((await pick(o.page, ['op-projects'])).byLayer['op-projects'], 'projects drawn with every layer on').toBeGreaterThanOrEqual(
          10,
        );
        expect(o.errors, 'console errors').toEqual([]);
      } finally {
        await o.close();
      }
    },
  );

  it('a click on a cluster zooms the map to where it splits, centred on it', { timeout: 300_000 }, async () => {
    const o = await openApp('?ly=projects,pv');
    try {
      await waitForMap(o.page);
      await o.page.getByTestId('projects-count').waitFor({ timeout: 60_000 });
      await settle(o.page, 1000);
      const zoom0 = await o.page.evaluate(() => window.__map!.getZoom());
      // The biggest project cluster, and where it is on the screen.
      const target = await o.page.evaluate(() => {
        const canvas = window.__map!.getCanvas();
        const infos = window.__deckOverlay!.pickObjects({
          x: 0,
          y: 0,
          width: canvas.clientWidth,
          height: canvas.clientHeight,
          layerIds: ['op-projects'],
        });
        const clusters = infos
          .map((i) => i.object as { kind: string; count: number; position: [number, number] })
          .filter((c) => c?.kind === 'cluster');
        const c = clusters.sort((a, b) => b.count - a.count)[0];
        return { ...c, at: window.__map!.project(c.position) };
      });
      expect(target.count).toBeGreaterThan(10);
      const mb = (await o.page.locator('.map-view').boundingBox())!;
      await o.page.mouse.click(mb.x + target.at.x, mb.y + target.at.y);
      await expect
        .poll(() => o.page.evaluate(() => window.__map!.getZoom()), { timeout: 10_000 })
        .toBeGreaterThanOrEqual(Math.floor(zoom0) + 1);
      await waitForMap(o.page);
      const after = await o.page.evaluate(() => ({ zoom: window.__map!.getZoom(), c: window.__map!.getCenter() }));
      expect(after.zoom).toBe(Math.round(after.zoom)); // an expansion zoom is a whole zoom level
      expect(Math.abs(after.c.lng - target.position[0])).toBeLessThan(1e-4);
      expect(Math.abs(after.c.lat - target.position[1])).toBeLessThan(1e-4);
      // The camera is in the URL, as after any move of the user's.
      expect(new URL(o.page.url()).searchParams.get('cam')).toMatch(new RegExp(`,${after.zoom}$`));
      // The cluster fell apart: more than one project symbol around the centre now.
      const around = await o.page.evaluate(() => {
        const canvas = window.__map!.getCanvas();
        return window.__deckOverlay!.pickObjects({
          x: canvas.clientWidth / 2 - 60,
          y: canvas.clientHeight / 2 - 60,
          width: 120,
          height: 120,
          layerIds: ['op-projects'],
        }).length;
      });
      expect(around).toBeGreaterThan(1);
      // The selection did not change and the map did not drill into a county.
      expect(new URL(o.page.url()).searchParams.get('lsel')).toBeNull();
      expect(new URL(o.page.url()).searchParams.get('area')).toBeNull();
      expect(o.errors, 'console errors').toEqual([]);
    } finally {
      await o.close();
    }
  });

  it(
    'the layer state survives a reload of its URL: switched off and on, opacity, county and category filters',
    { timeout: 400_000 },
    async () => {
      const o = await openApp('?ly=households-hex,projects', { width: 1600, height: 900 });
      try {
        await waitForMap(o.page);
        await o.page.getByTestId('households-hex-count').waitFor({ timeout: 60_000 });
        const start = o.page.url();

        // The hexagons off and on again: the same URL, drawn again.
        await setSwitch(o.page, 'households-hex', false);
        await settle(o.page, 800);
        expect(new URL(o.page.url()).searchParams.get('ly')).toBe('projects');
        expect((await pick(o.page, ['op-households-hex'])).byLayer['op-households-hex'] ?? 0).toBe(0);
        await turnOn(o.page, 'households-hex', 'households-hex-count');
        expect(o.page.url()).toBe(start);
        expect((await pick(o.page, ['op-households-hex'])).byLayer['op-households-hex']).toBeGreaterThan(200);

        // Opacity of the hexagons (keyboard on the slider: two steps of 5).
        const handle = o.page.getByTestId('layer-households-hex').locator('.ant-slider-handle');
        await handle.focus();
        await o.page.keyboard.press('ArrowRight');
        await o.page.keyboard.press('ArrowRight');
        await expect.poll(() => new URL(o.page.url()).searchParams.get('op.households-hex')).toBe('60');

        // A county, then two categories picked out of their enum order.
        await choose(o.page, 'filter-county', '民权县');
        await expect.poll(() => new URL(o.page.url()).searchParams.get('pf.area')).toBe('411421');
        const category = o.page.getByTestId('layer-projects').locator('.op-filter').filter({ hasText: '项目类别' }).locator('.ant-select');
        await category.click();
        await o.page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="教育"]').click();
        await o.page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="产业"]').click();
        await o.page.keyboard.press('Escape');
        await expect.poll(() => new URL(o.page.url()).searchParams.get('pf.category')).toBe('industry,education');
        await turnOn(o.page, 'pv', 'pv-count');
        await waitForMap(o.page);

        const snapshot = async () => {
          const page = o.page;
          const url = new URL(page.url());
          // The area card asks the projects endpoint too, for the area's projects as of the cut-off; the
          // layers send no asOf while the view has none (as here).
          const requests = o.requests.filter(
            (u) => /\/api\/layers\/(projects|pv-stations|households\/hexagons)\?/.test(u) && !new URL(u).searchParams.has('asOf'),
          );
          // The query of the last request of each layer: the data on the map.
          const lastQuery: Record<string, string> = {};
          for (const u of requests) {
            const r = new URL(u);
            lastQuery[r.pathname] = [...r.searchParams]
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => `${k}=${v}`)
              .join('&');
          }
          return {
            params: [...url.searchParams].sort(([a], [b]) => a.localeCompare(b)),
            switches: await page
              .locator('[data-testid^="layer-toggle-"]')
              .evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset.testid}=${e.getAttribute('aria-checked')}`)),
            opacity: await page
              .locator('.op-layer .ant-slider-handle')
              .evaluateAll((els) => els.map((e) => e.getAttribute('aria-valuenow'))),
            county: await page.getByTestId('filter-county').textContent(),
            categories: await page.getByTestId('layer-projects').locator('.ant-select-selection-item').allTextContents(),
            counts: await Promise.all(
              ['projects-count', 'pv-count', 'households-hex-count'].map((id) => page.getByTestId(id).textContent()),
            ),
            lastQuery,
            picked: (await pick(page, ['op-households-hex', 'op-pv', 'op-projects'])).byLayer,
          };
        };
        const before = await snapshot();
        expect(before.lastQuery['/api/layers/projects']).toContain('area=411421&category=industry,education');
        const mapBefore = await shot(o.page, 'layers-7-roundtrip-before-1600x900.png');

        o.requests.length = 0;
        await o.page.goto(o.page.url(), { waitUntil: 'domcontentloaded', timeout: 90_000 });
        await waitForMap(o.page);
        for (const id of ['projects-count', 'pv-count', 'households-hex-count']) await o.page.getByTestId(id).waitFor({ timeout: 60_000 });
        await settle(o.page, 1200);
        const after = await snapshot();
        expect(after).toEqual(before);
        // And the map looks the same (same camera, same layers, same opacity).
        const mapAfter = await shot(o.page, 'layers-7-roundtrip-after-1600x900.png');
        const share = differingShare(mapBefore, mapAfter, await mapBox(o.page));
        expect(share, `share of map pixels that differ after the reload`).toBeLessThan(0.01);
        expect(o.errors, 'console errors').toEqual([]);
      } finally {
        await o.close();
      }
    },
  );

  it(
    'a click on a project opens its card with the API figures; benefit links draw; households only as aggregates',
    { timeout: 400_000 },
    async () => {
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
          const links = await pick(o.page, ['op-benefit-links-line', 'op-benefit-links-village']);
          expect(
            (links.byLayer['op-benefit-links-line'] ?? 0) + (links.byLayer['op-benefit-links-village'] ?? 0),
            'benefit link objects picked',
          ).toBeGreaterThan(0);
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
    },
  );
});
