/**
 * Follow-up (督办) in the browser: a leader records an item for 民权县 whose deadline has passed, the
 * county's editor reports progress on it, the map shows 民权县's overdue badge (in pixels, not only in
 * the DOM), and the next agenda deck opens with the item, presented as a list with the county's progress
 * and printed (the PDF's first page, read back with Debian's pdftotext, holds the item and the progress);
 * then the city office closes it and the badge goes.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { countColor } from './pixels.ts';
import { api, launchBrowser, logIn, openApp, projectToPage, rgb, screenshot, shotDir, waitForMap, type OpenedApp } from './driver.ts';

vi.setConfig({ testTimeout: 400_000 });

const accounts = inject('e2eAccounts');
const wait = { timeout: 60_000 };
/** The overdue segment of a badge (client/features/followups/followups.css). */
const overdueColor = rgb('#e8590c');
const minquan = '411421';
const title = '民权县光伏电站收益分配信息未录入系统（浏览器测试）';
const progress = '已完成6座电站收益分配录入，剩余2座本周完成';

let browser: Browser;
const opened: OpenedApp[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const o of opened) await o.close();
  await browser?.close();
});

async function open(search: string) {
  const app = await openApp(browser, search);
  opened.push(app);
  await waitForMap(app.page);
  return app;
}

/** Orange-red pixels of a badge beside 民权县's name (right of its label point). */
async function badgePixels(page: Page, name: string) {
  const regions = await api<{ features: { properties: { code: string; label: [number, number] | null } }[] }>(
    '/api/regions?level=county&parent=4114',
  );
  const label = regions.features.find((f) => f.properties.code === minquan)!.properties.label!;
  const p = await projectToPage(page, label);
  const img = await screenshot(page, name);
  return countColor(img, overdueColor, 8, { x: Math.round(p.x + 20), y: Math.round(p.y - 30), width: 200, height: 60 });
}

async function openDrawer(page: Page) {
  await page.getByTestId('open-followups').click();
  await expect.poll(() => page.getByTestId('followup-item').count(), wait).toBeGreaterThan(0);
}

const itemCard = (page: Page) => page.locator('[data-testid="followup-item"]').filter({ hasText: title });

describe('follow-up (督办) in the browser', () => {
  it('records an overdue item, the county answers it, the map shows the badge and the next agenda opens with it', async () => {
    // The leader, at the city level: 民权县's only demo item is closed, so it has no badge yet.
    const leader = await open('?m=pv_registration&asOf=2020-06-20');
    const { page } = leader;
    await logIn(page, accounts.leader);
    await expect.poll(() => page.getByTestId('followup-badge').count(), wait).toBeGreaterThan(0);
    expect(await page.locator(`[data-testid="followup-badge"][data-county="${minquan}"]`).count()).toBe(0);
    expect(await badgePixels(page, 'followup-before.png')).toBe(0);

    // Record the item: 民权县, deadline in the past.
    await openDrawer(page);
    await page.getByTestId('followup-new').click();
    const form = page.getByTestId('followup-form');
    await form.waitFor();
    await page.getByTestId('followup-title').fill(title);
    await form.locator('.ant-form-item').filter({ hasText: '涉及地区' }).locator('.ant-select').click();
    await page.keyboard.type('民权县');
    await page.keyboard.press('Enter');
    await page.getByTestId('followup-unit').fill('民权县扶贫办');
    const deadline = form.locator('.ant-picker input').first();
    await deadline.click();
    await deadline.fill('2020-06-30');
    await deadline.press('Enter');
    await expect.poll(() => form.textContent(), wait).toContain('期限已过');
    await page.getByTestId('followup-done').fill('全县光伏电站收益分配信息全部录入全国扶贫信息系统');
    await page.locator('.ant-modal').filter({ has: form }).locator('.ant-btn-primary').click();
    await expect.poll(() => page.locator('.ant-message').textContent(), wait).toContain('已交办');
    await expect.poll(() => itemCard(page).getAttribute('data-state'), wait).toBe('overdue');
    await expect.poll(() => itemCard(page).getByTestId('followup-state').textContent(), wait).toMatch(/^超期 \d+ 天$/);
    // No 报送进展 for a leader, no 办结 either (the city office closes).
    expect(await itemCard(page).getByTestId('followup-answer').count()).toBe(0);
    expect(await itemCard(page).getByTestId('followup-close').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.fu-drawer:visible').count(), wait).toBe(0);

    // The map: 民权县 now carries an overdue badge, drawn.
    const badge = page.locator(`[data-testid="followup-badge"][data-county="${minquan}"]`);
    await expect.poll(() => badge.getAttribute('data-overdue'), wait).toBe('1');
    await expect.poll(() => badge.textContent(), wait).toBe('督办超期1');
    expect(await badgePixels(page, 'followup-badge.png')).toBeGreaterThan(150);

    // The county's editor answers for its own county.
    const county = await open('?m=pv_registration&asOf=2020-06-20');
    await logIn(county.page, accounts.minquan);
    await openDrawer(county.page);
    await expect.poll(() => itemCard(county.page).count(), wait).toBe(1);
    await itemCard(county.page).getByTestId('followup-answer').click();
    await county.page.getByTestId('followup-progress').fill(progress);
    await county.page.getByTestId('followup-report').fill('逐站核对并网资料，2座电站待乡镇出具证明。');
    await county.page
      .locator('.ant-modal')
      .filter({ has: county.page.getByTestId('followup-answer-form') })
      .locator('.ant-btn-primary')
      .click();
    await expect.poll(() => itemCard(county.page).getByTestId('followup-responses').textContent(), wait).toContain(progress);
    // The county's editor neither closes nor edits.
    expect(await itemCard(county.page).getByTestId('followup-close').count()).toBe(0);
    expect(await itemCard(county.page).getByTestId('followup-edit').count()).toBe(0);
    await screenshot(county.page, 'followup-drawer-county.png');

    // The leader builds the next agenda: it opens with the items still open, this one among them with the answer.
    await page.getByTestId('open-decks').click();
    await page.getByTestId('deck-agenda').click();
    await expect.poll(() => page.getByTestId('deck-slide').count(), wait).toBeGreaterThan(1);
    const first = page.getByTestId('deck-slide').first();
    await expect.poll(() => first.textContent(), wait).toMatch(/^1\. 上次调度会督办事项：\d+项未办结，其中\d+项超期/);
    expect(await first.textContent()).toContain(title);
    await page.getByTestId('deck-present').click();
    await expect.poll(() => page.getByTestId('presenter').getAttribute('data-slide'), wait).toBe('1');
    const list = page.getByTestId('presenter-followups');
    await expect.poll(() => list.textContent(), wait).toContain(title);
    expect(await list.textContent()).toContain(`最新进展：${progress}`);
    await page.waitForTimeout(2500);
    await screenshot(page, 'followup-agenda-present.png');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('presenter').count(), wait).toBe(0);

    // The printed agenda (PDF) opens with the same list, as real text.
    await page.getByTestId('open-decks').click();
    await page.getByTestId('deck-print').click();
    await page.locator('[data-print-ready="true"]').waitFor({ timeout: 180_000 });
    await expect.poll(() => page.getByTestId('print-page').first().getByTestId('print-followups').textContent(), wait).toContain(title);
    const pdfPath = path.join(shotDir, 'followup-agenda.pdf');
    await page.pdf({ path: pdfPath, format: 'A4', landscape: true, printBackground: true });
    const text = execFileSync('pdftotext', ['-l', '1', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('上次调度会督办事项');
    expect(text).toContain(title);
    expect(text).toContain(progress);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-l', '1', pdfPath, path.join(shotDir, 'followup-agenda-page')]);
    // The agenda deck goes again: the journeys share one server, and a later one saves into a deck of its own.
    const removed = await page.evaluate(async () => {
      const decks = (await (await fetch('/api/decks')).json()) as { items: { id: number; title: string }[] };
      const agenda = decks.items.filter((d) => d.title.startsWith('第4次调度会 · '));
      for (const d of agenda) await fetch(`/api/decks/${d.id}`, { method: 'DELETE' });
      return agenda.length;
    });
    expect(removed).toBe(1);

    // The city office closes the item with a note: it leaves the open list and 民权县's badge goes.
    const office = await open('?m=pv_registration&asOf=2020-06-20');
    await logIn(office.page, accounts.admin);
    await expect.poll(() => office.page.locator(`[data-testid="followup-badge"][data-county="${minquan}"]`).count(), wait).toBe(1);
    await openDrawer(office.page);
    await itemCard(office.page).getByTestId('followup-close').click();
    await office.page.getByTestId('followup-close-note').fill('经核查，收益分配信息已全部录入系统');
    await office.page
      .locator('.ant-modal')
      .filter({ has: office.page.getByTestId('followup-close-note') })
      .locator('.ant-btn-primary')
      .click();
    await expect.poll(() => office.page.locator('.ant-message').textContent(), wait).toContain('已办结');
    await expect.poll(() => itemCard(office.page).count(), wait).toBe(0);
    await expect.poll(() => office.page.locator(`[data-testid="followup-badge"][data-county="${minquan}"]`).count(), wait).toBe(0);

    for (const o of opened) expect(o.errors).toEqual([]);
  });
});
