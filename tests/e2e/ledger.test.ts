/**
 * The ledger (台账) in the browser, over the shared e2e server (every change is put back at the end):
 * (c) 民权县's signer signs its June ledger as main leader and the county's mark on the map turns from
 *     未签 (grey) to 待签 (teal), in pixels as well as in the DOM;
 * (b) a project of 民权县 is edited in two tabs (two browser contexts): the later save gets the 409 merge
 *     screen, keeps its own value for one field and theirs for the other, and saves on their version;
 *     the change log lists both edits and the signed county now reads 改后未签;
 * (a) a monthly-progress file with an error is imported: the report names the row, column and reason,
 *     nothing is written; the fixed file imports, and 民权县 on the map turns from lagging red to green;
 * (d) 新增月报 on a project's page starts from the latest report, dated the next month's end; a date already
 *     reported answers that the report exists and opens its edit form (nothing is written).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { statusColors } from '../../server/domain/classify.ts';
import { countColor } from './pixels.ts';
import {
  api,
  baseUrl,
  launchBrowser,
  logIn,
  openApp,
  projectToPage,
  rgb,
  screenshot,
  settle,
  waitForMap,
  type OpenedApp,
} from './driver.ts';

vi.setConfig({ testTimeout: 400_000 });

const accounts = inject('e2eAccounts');
const wait = { timeout: 60_000 };
const minquan = '411421';
const teal = rgb('#0e7490');
const grey = rgb('#6b7280');
const purple = rgb('#9333ea');

let browser: Browser;
const opened: OpenedApp[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const o of opened) await o.close();
  await browser?.close();
});

async function open(search = '?m=spend_rate&asOf=2020-06-20') {
  const app = await openApp(browser, search);
  opened.push(app);
  await waitForMap(app.page);
  return app;
}

/** A logged-in API session of the server under test (no browser: no Origin header, like a script). */
async function session(account: { username: string; password: string }) {
  const res = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: account.username, password: account.password }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  const send = async (method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}) => {
    const r = await fetch(baseUrl() + path, { method, body, headers: { Cookie: cookie, ...headers } });
    const text = await r.text();
    expect(r.status, `${method} ${path}: ${text}`).toBe(200);
    return JSON.parse(text);
  };
  return {
    get: (path: string) => send('GET', path),
    patch: (path: string, json: unknown) => send('PATCH', path, JSON.stringify(json), { 'Content-Type': 'application/json' }),
    async importCsv(kind: string, csv: string) {
      const form = new FormData();
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'restore.csv');
      const report = await send('POST', `/api/imports/${kind}/validate`, form);
      expect(report.ok, JSON.stringify(report.issues)).toBe(true);
      return send('POST', `/api/imports/${report.batchId}/commit`, undefined, { 'Idempotency-Key': `restore-${Date.now()}` });
    },
  };
}

/** 民权县's label point on the page. */
async function labelOf(page: Page) {
  const regions = await api<{ features: { properties: { code: string; label: [number, number] | null } }[] }>(
    '/api/regions?level=county&parent=4114',
  );
  return projectToPage(page, regions.features.find((f) => f.properties.code === minquan)!.properties.label!);
}

/** Pixels of `color` where 民权县's sign-off mark sits (left of its name). */
async function markPixels(page: Page, color: readonly [number, number, number], name: string) {
  await settle(page, 400);
  const p = await labelOf(page);
  const img = await screenshot(page, name);
  return countColor(img, color, 10, { x: Math.round(p.x - 110), y: Math.round(p.y - 22), width: 80, height: 44 });
}

async function openLedger(page: Page, tab: 'areas' | 'projects' | 'signoff') {
  if ((await page.getByTestId('ledger-dock').count()) === 0) await page.getByTestId('open-ledger').click();
  await page.getByTestId('ledger-dock').waitFor(wait);
  await page.getByTestId(`ledger-tab-${tab}`).click();
}

const mark = (page: Page) => page.locator(`[data-testid="signoff-mark"][data-county="${minquan}"]`);

describe('the ledger in the browser', () => {
  it('(c) signs 民权县’s ledger and the county’s mark on the map changes', async () => {
    const { page } = await open();
    await logIn(page, accounts.minquan);
    await openLedger(page, 'areas');
    // The area ledger: the city's counties with their measures and the total row, 民权县 unsigned.
    await expect.poll(() => page.getByTestId('area-row').count(), wait).toBeGreaterThan(8);
    const row = page.locator(`[data-testid="area-row"][data-row-key="${minquan}"]`);
    await expect.poll(() => row.getByTestId('signoff-state').getAttribute('data-state'), wait).toBe('unsigned');
    await expect.poll(() => mark(page).getAttribute('data-state'), wait).toBe('unsigned');
    await waitForMap(page, { settleMs: 800 });
    expect(await markPixels(page, grey, 'ledger-sign-before.png')).toBeGreaterThan(150);
    expect(await markPixels(page, teal, 'ledger-sign-before.png')).toBe(0);

    // 导出 gives the view as the screen shows it: the city's counties on the map's date.
    await page.getByTestId('area-export').click();
    const href = await page.getByTestId('area-export-xlsx').getAttribute('href', wait);
    expect(href).toBe('/api/ledger/export/areas?level=county&parent=4114&asOf=2020-06-20&format=xlsx');
    const file = await fetch(baseUrl() + href!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/spreadsheetml/);
    await page.keyboard.press('Escape');

    // A row selects its county on the map.
    await row.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sel'), wait).toBe(minquan);

    await openLedger(page, 'signoff');
    const signRow = page.locator(`[data-testid="signoff-row"][data-county="${minquan}"]`);
    await signRow.getByTestId('sign-main').click();
    await page.getByTestId('sign-confirm').click();
    await expect.poll(() => signRow.getByTestId('signoff-state').getAttribute('data-state'), wait).toBe('partial');
    // Only its own county: no sign button on another county's row.
    expect(await page.locator('[data-testid="signoff-row"][data-county="411481"]').getByTestId('sign-main').count()).toBe(0);
    await expect.poll(() => mark(page).getAttribute('data-state'), wait).toBe('partial');
    await expect.poll(() => mark(page).textContent(), wait).toBe('待签');
    await waitForMap(page, { settleMs: 800 });
    expect(await markPixels(page, teal, 'ledger-sign-after.png')).toBeGreaterThan(150);
    expect(await markPixels(page, grey, 'ledger-sign-after.png')).toBe(0);
  });

  it('(b) edits a project in two tabs: the later save gets the merge screen, merges and saves', async () => {
    const code = 'FP-2020-411421-0002';
    const admin = await session(accounts.admin);
    const original = await admin.get(`/api/ledger/projects/${code}`);

    const openEdit = async (account: typeof accounts.minquan) => {
      const app = await open();
      await logIn(app.page, account);
      await openLedger(app.page, 'projects');
      await app.page.getByTestId('project-search').locator('input').fill(code);
      await app.page.getByTestId('project-search').locator('input').press('Enter');
      await expect.poll(() => app.page.getByTestId('project-row').count(), wait).toBe(1);
      await app.page.getByTestId('project-edit').click();
      await app.page.getByTestId('edit-form').waitFor(wait);
      return app.page;
    };
    const field = (page: Page, name: string) => page.locator(`#ledger-edit_${name}`);
    const a = await openEdit(accounts.minquan);
    const b = await openEdit(accounts.admin);
    expect(await a.getByTestId('edit-version').textContent()).toBe(`当前版本 ${original.version}`);

    // Tab B saves first: a new responsible unit and spending.
    await field(b, 'responsibleUnit').fill('民权县交通运输局');
    await field(b, 'spentWan').fill('11');
    await b.getByTestId('edit-save').click();
    await expect.poll(() => b.locator('.ant-message').textContent(), wait).toContain(`已保存（版本 ${original.version + 1}）`);

    // Tab A, still on the old version: its own spending and name.
    await field(a, 'name').fill(`${original.values.name}（改）`);
    await field(a, 'spentWan').fill('12');
    await a.getByTestId('edit-save').click();
    const merge = a.getByTestId('merge-view');
    await merge.waitFor(wait);
    await a.screenshot({ path: `${import.meta.dirname}/__screenshots__/ledger-merge.png` });
    const rows = merge.getByTestId('merge-row');
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-field')))).toEqual(['name', 'responsibleUnit', 'spentWan']);
    expect(await merge.textContent()).toContain('保存冲突');
    // Both changed the spending: theirs is preselected; keep mine. Name (mine) and unit (theirs) are as preset.
    const spent = merge.locator('[data-testid="merge-row"][data-field="spentWan"]');
    expect(await spent.textContent()).toContain('双方都改了');
    await spent.getByTestId('merge-yours').click();
    await a.getByTestId('merge-save').click();
    await expect.poll(() => a.locator('.ant-message').textContent(), wait).toContain(`已保存（版本 ${original.version + 2}）`);

    const merged = await admin.get(`/api/ledger/projects/${code}`);
    expect(merged.version).toBe(original.version + 2);
    expect(merged.values).toMatchObject({ name: `${original.values.name}（改）`, responsibleUnit: '民权县交通运输局', spentWan: 12 });

    // The project page: both edits in its change log, newest first.
    await a.locator('[data-testid="project-row"]').getByTestId('project-view').click();
    await a.getByTestId('project-page').getByText('修改记录').click();
    const log = a.getByTestId('project-changes');
    await expect.poll(() => log.locator('tbody tr.ant-table-row').count(), wait).toBe(2);
    expect(await log.locator('tbody tr.ant-table-row').first().textContent()).toContain('minquan');
    await a.getByTestId('project-page').getByText('月度进度').click();
    await expect.poll(() => a.getByTestId('project-history').locator('tbody tr.ant-table-row').count(), wait).toBeGreaterThan(3);
    await a.keyboard.press('Escape');

    // 民权县 was signed in (c): its ledger changed since, so the mark now reads 改后未签.
    await openLedger(a, 'signoff');
    await expect.poll(() => mark(a).getAttribute('data-state'), wait).toBe('changed');
    await waitForMap(a, { settleMs: 800 });
    expect(await markPixels(a, purple, 'ledger-changed.png')).toBeGreaterThan(150);

    // Put the row back for the other journeys.
    await admin.patch(`/api/ledger/projects/${code}`, {
      version: merged.version,
      set: { name: original.values.name, responsibleUnit: original.values.responsibleUnit, spentWan: original.values.spentWan },
    });
  });

  it('(d) 新增月报 starts from the latest report; a date already reported opens that report’s edit form', async () => {
    const code = 'FP-2020-411421-0002';
    const { page } = await open();
    await logIn(page, accounts.minquan);
    await openLedger(page, 'projects');
    await page.getByTestId('project-search').locator('input').fill(code);
    await page.getByTestId('project-search').locator('input').press('Enter');
    await expect.poll(() => page.getByTestId('project-row').count(), wait).toBe(1);
    await page.getByTestId('project-view').click();
    await page.getByTestId('project-page').getByText('月度进度').click();
    await expect.poll(() => page.getByTestId('report-edit').count(), wait).toBeGreaterThan(3);

    await page.getByTestId('report-add').click();
    await page.getByTestId('create-form').waitFor(wait);
    // The latest report is the 4th meeting's cut-off (2020-06-20): the new one is dated the month's end.
    await expect.poll(() => page.locator('#ledger-create_asOf').inputValue(), wait).toBe('2020-06-30');
    expect(await page.locator('#ledger-create_physicalProgressPct').inputValue()).not.toBe('');

    await page.locator('#ledger-create_asOf').click();
    await page.locator('#ledger-create_asOf').fill('2020-06-20');
    await page.locator('#ledger-create_asOf').press('Enter');
    await page.getByTestId('create-save').click();
    const existing = page.getByTestId('create-open-existing');
    await existing.waitFor(wait);
    expect(await page.getByTestId('create-drawer').textContent()).toContain('月报已经存在');
    await existing.click();
    const drawer = page.getByTestId('edit-drawer');
    await drawer.getByTestId('edit-form').waitFor(wait);
    expect(await drawer.textContent()).toContain('截至 2020-06-20');
    await drawer.getByTestId('edit-save').click();
    await expect.poll(() => page.locator('.ant-message').textContent(), wait).toContain('没有修改任何字段');
  });

  it('(a) imports a progress file with an error, reads the report, fixes it, imports again and the map changes', async () => {
    const exported = await (await fetch(`${baseUrl()}/api/exports/progress?format=csv&county=${minquan}`)).text();
    const [header, ...lines] = exported
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const june = lines.filter((l) => l.split(',')[2] === '2020-06-20');
    expect(june.length).toBeGreaterThan(100);
    // Everything arranged is spent: 民权县's spending goes well past 序时进度.
    const spentAll = june.map((l) => {
      const c = l.split(',');
      c[5] = c[4];
      c[6] = c[4];
      return c.join(',');
    });
    const broken = [...spentAll];
    const bad = broken[3].split(',');
    bad[6] = '一百万';
    broken[3] = bad.join(',');
    const csv = (rows: string[]) => `\uFEFF${header}\r\n${rows.join('\r\n')}\r\n`;

    const { page } = await open();
    await logIn(page, accounts.minquan);
    const p = await labelOf(page);
    const fillBox = { x: Math.round(p.x - 60), y: Math.round(p.y + 30), width: 120, height: 20 };
    const before = await screenshot(page, 'ledger-import-before.png');
    expect(countColor(before, rgb(statusColors.lagging), 6, fillBox)).toBeGreaterThan(600);

    await page.getByTestId('account-button').click();
    await page.getByRole('menuitem', { name: '数据导入' }).click();
    await page.getByTestId('import-drawer').waitFor(wait);
    await page.getByTestId('import-kind').getByText('月度进度').click();
    await page
      .locator('[data-testid="import-upload"] input[type="file"], .ant-upload input[type="file"]')
      .first()
      .setInputFiles({
        name: '民权县6月进度.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv(broken)),
      });
    const issues = page.getByTestId('import-issues');
    await issues.waitFor(wait);
    // Row 5 of the file (header + 4th data row), column G 已支出资金, the value and the reason.
    const issue = await issues.locator('tbody tr.ant-table-row').first().textContent();
    expect(issue).toContain('5');
    expect(issue).toContain('已支出');
    expect(issue).toContain('一百万');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await page.screenshot({ path: `${import.meta.dirname}/__screenshots__/ledger-import-report.png` });

    // Fixed: choose the file again, commit.
    await page.getByTestId('import-again').click();
    await page
      .locator('.ant-upload input[type="file"]')
      .first()
      .setInputFiles({
        name: '民权县6月进度（改）.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv(spentAll)),
      });
    await expect.poll(() => page.getByTestId('import-commit').isEnabled(), wait).toBe(true);
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor(wait);
    await page.getByTestId('import-to-map').click();
    await waitForMap(page);
    const q = await labelOf(page);
    const afterBox = { ...fillBox, x: Math.round(q.x - 60), y: Math.round(q.y + 30) };
    const after = await screenshot(page, 'ledger-import-after.png');
    expect(countColor(after, rgb(statusColors.ahead), 6, afterBox)).toBeGreaterThan(600);
    expect(countColor(after, rgb(statusColors.lagging), 6, afterBox)).toBe(0);

    // Put June back as it was.
    await (await session(accounts.minquan)).importCsv('progress', csv(june));
  });
});
