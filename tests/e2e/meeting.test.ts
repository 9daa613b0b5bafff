/**
 * The dispatch meeting in the browser: a leader saves three views into a deck, presents it with the
 * keyboard (→, space, ←, Esc), exports the view as PNG (2×) and the deck as PDF. The PDF's text is
 * read back with Debian's pdftotext (county names and the briefing); its pages are rendered with
 * pdftoppm for a person to look at; the PNG holds the legend's colours.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { statusColors } from '../../server/domain/classify.ts';
import { baseUrl, launchBrowser } from '../helpers/browser.ts';
import { countColor, decodePng } from './pixels.ts';
import { api, logIn, mapIdle } from './driver.ts';
import { bbox } from '@turf/turf';
import type { FeatureCollection } from 'geojson';

vi.setConfig({ testTimeout: 400_000 });

const shotDir = path.resolve(import.meta.dirname, '__screenshots__');
const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const accounts = inject('e2eAccounts');
const wait = { timeout: 60_000 };

let browser: Browser;
beforeAll(async () => {
  fs.mkdirSync(shotDir, { recursive: true });
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function ready(page: Page) {
  await page.waitForSelector('[data-testid="ranking"]', { timeout: 90_000 });
  await expect.poll(() => page.getByTestId('values-loading').count(), wait).toBe(0);
  await page.waitForTimeout(800);
}

async function saveView(page: Page, title: string, newDeck?: string) {
  await page.getByTestId('save-view').click();
  await page.getByTestId('slide-title').fill(title);
  if (newDeck) {
    await expect.poll(() => page.getByTestId('new-deck-title').count(), wait).toBe(1);
    await page.getByTestId('new-deck-title').fill(newDeck);
  } else {
    await expect
      .poll(
        () =>
          page
            .locator('[data-testid="deck-select"] .ant-select-content, [data-testid="deck-select"] .ant-select-selection-item')
            .first()
            .textContent(),
        wait,
      )
      .toContain('第四次调度会');
  }
  await page.locator('.ant-modal .ant-btn-primary').click();
  await expect.poll(() => page.locator('.ant-message').textContent(), wait).toContain('已保存到');
  await expect.poll(() => page.locator('.ant-modal:visible').count(), wait).toBe(0);
}

/** Open the decks drawer on 第四次调度会 (it opens on the deck a view was just saved into). */
async function openDeck(page: Page) {
  await page.getByTestId('open-decks').click();
  await expect
    .poll(async () => {
      if ((await page.getByTestId('deck-loading').count()) > 0) return 0;
      return (await page.getByTestId('deck-editor').count()) + (await page.getByTestId('deck-open').count());
    }, wait)
    .toBeGreaterThan(0);
  if ((await page.getByTestId('deck-editor').count()) === 0)
    await page.locator('[data-testid="deck-open"][data-deck="第四次调度会"]').click();
  await expect.poll(() => page.getByTestId('deck-title').inputValue(), wait).toBe('第四次调度会');
}

describe('the dispatch meeting in the browser', () => {
  it('builds a 3-slide deck, presents it with the keyboard, exports PNG and PDF', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl()}/?m=pv_registration&asOf=2020-06-20`);
    await ready(page);
    await logIn(page, accounts.leader);
    // A retried run starts from no deck of that name (the journeys share one server).
    await page.evaluate(async () => {
      const decks = (await (await fetch('/api/decks')).json()) as { items: { id: number; title: string }[] };
      for (const d of decks.items.filter((x) => x.title === '第四次调度会')) await fetch(`/api/decks/${d.id}`, { method: 'DELETE' });
    });

    await saveView(page, '全市光伏电站纳入系统', '第四次调度会');
    await page.goto(`${baseUrl()}/?m=pv_registration&asOf=2020-06-20&area=411421&level=township`);
    await ready(page);
    await saveView(page, '民权县光伏电站');
    await page.goto(`${baseUrl()}/?m=spend_rate&asOf=2020-06-20`);
    await ready(page);
    await saveView(page, '全市资金支出进度');

    // Open the deck and present it.
    await openDeck(page);
    await expect.poll(() => page.getByTestId('deck-slide').count(), wait).toBe(3);
    await page.getByTestId('deck-present').click();
    const slideNo = () => page.getByTestId('presenter').getAttribute('data-slide');
    await expect.poll(slideNo, wait).toBe('1');
    await expect.poll(() => page.getByTestId('presenter-briefing').textContent(), wait).toContain('完成较好的是');
    await page.keyboard.press('ArrowRight');
    await expect.poll(slideNo, wait).toBe('2');
    await expect.poll(() => page.getByTestId('presenter-briefing').textContent(), wait).toContain('民权县');
    // A county's slide names the projects holding it back, as the API ranks them against the spending schedule.
    const spend = await api<{ expected: number; asOf: string }>('/api/measures/spend_rate?level=township&parent=411421&asOf=2020-06-20');
    const behind = await api<{ projects: { name: string }[] }>(
      `/api/lagging-projects?area=411421&asOf=${spend.asOf}&expected=${spend.expected}&limit=5`,
    );
    expect(behind.projects.length).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('presenter-behind').textContent(), wait).toContain(behind.projects[0].name);
    expect(await page.getByTestId('presenter-behind').textContent()).toContain(behind.projects.at(-1)!.name);
    // The side panels are hidden while presenting: wait for the values and the camera instead.
    await expect.poll(() => page.getByTestId('values-loading').count(), wait).toBe(0);
    await page.waitForFunction(() => window.__map !== undefined && !window.__map.isMoving(), null, wait);
    await mapIdle(page, 60_000);
    // The lagging red of the fixed PV target fills part of the map. The slide's colours can land a
    // frame or two after the camera stops on a loaded machine, so the count is polled, not sampled once.
    const laggingRed = async () =>
      countColor(decodePng(await page.screenshot({ path: path.join(shotDir, 'meeting-present-2.png') })), rgb(statusColors.lagging), 6);
    await expect.poll(laggingRed, { ...wait, interval: 1000 }).toBeGreaterThan(5000);
    // The county is drawn whole in the space the title bar, legend and briefing leave free.
    const [w, s, e, n] = bbox((await api<FeatureCollection>('/api/regions?level=township&parent=411421')) as never);
    const fit = await page.evaluate(
      ([west, south, east, north]) => {
        const map = window.__map!;
        const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
        const nw = map.project([west, north]);
        const se = map.project([east, south]);
        return {
          area: { left: nw.x, top: nw.y, right: se.x, bottom: se.y },
          bar: box('.presenter__bar'),
          legend: box('.presenter__legend'),
          briefing: box('.presenter__briefing'),
        };
      },
      [w, s, e, n],
    );
    expect(fit.area.left, 'county right of the legend').toBeGreaterThanOrEqual(fit.legend.right);
    expect(fit.area.right, 'county left of the briefing').toBeLessThanOrEqual(fit.briefing.left);
    expect(fit.area.top, 'county below the title bar').toBeGreaterThanOrEqual(fit.bar.bottom);
    expect(fit.area.bottom, 'county above the bottom edge').toBeLessThanOrEqual(1080);
    await page.keyboard.press(' ');
    await expect.poll(slideNo, wait).toBe('3');
    await expect.poll(() => page.getByTestId('presenter-title').textContent(), wait).toBe('全市资金支出进度');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(slideNo, wait).toBe('2');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('presenter').count(), wait).toBe(0);

    // PNG at 2×: the figure of the current view with the legend's colours.
    await page.goto(`${baseUrl()}/?m=pv_registration&asOf=2020-06-20`);
    await ready(page);
    await page.getByTestId('export-png').hover();
    const [download] = await Promise.all([page.waitForEvent('download', wait), page.getByText('PNG（2×，高清）').click()]);
    const pngPath = path.join(shotDir, 'meeting-export@2x.png');
    await download.saveAs(pngPath);
    const png = decodePng(fs.readFileSync(pngPath));
    expect([png.width, png.height]).toEqual([3200, 1800]);
    for (const status of ['lagging', 'on_track'] as const) expect(countColor(png, rgb(statusColors[status]), 4)).toBeGreaterThan(20_000);

    // The deck as PDF: print view, Chromium's print-to-PDF, then Debian's reader.
    await openDeck(page);
    await page.getByTestId('deck-print').click();
    await page.locator('[data-print-ready="true"]').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('print-page').count()).toBe(3);
    const pdfPath = path.join(shotDir, 'meeting-deck.pdf');
    await page.pdf({ path: pdfPath, format: 'A4', landscape: true, printBackground: true });
    const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' });
    for (const name of ['宁陵县', '永城市', '民权县', '夏邑县', '柘城县']) expect(text).toContain(name);
    expect(text).toContain('截至2020年6月20日');
    expect(text.replace(/\s+/g, '')).toContain('完成较差的是民权县、柘城县、夏邑县、永城市，完成率都是50.0%');
    const pages = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)![1];
    expect(Number(pages)).toBe(3);
    execFileSync('pdftoppm', ['-r', '60', '-png', pdfPath, path.join(shotDir, 'meeting-deck-page')]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
