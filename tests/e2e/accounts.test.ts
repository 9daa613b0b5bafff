/**
 * Accounts in the browser, as people use them, checked on the DOM and on the pixels of screenshots:
 * a wrong password shows the server's one message in the login dialog; a leader logs in, the map
 * still draws under the CSP and no 农户台账 button appears for it; the administrator creates a user
 * (its generated password shown once), the user logs in, is disabled, and its open page asks for a
 * new login at once; the audit log lists logins and failures, filters by dates typed as people write
 * them and exports the same filter; a county editor sees its village's households masked, unmasks
 * one with a reason (that row only, recorded in the audit log), and the drawer forgets it on close;
 * with anonymous read off, the page is a login screen and asks nothing else of the API.
 * Accounts and their passwords are made for this run by tests/helpers/setup-e2e.ts.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { beijingToday } from '../../client/features/admin/time-format.ts';
import { regionStyle } from '../../client/layers/region-style.ts';
import { maskIdNumber, maskName } from '../../server/auth/mask.ts';
import {
  baseUrl,
  launchBrowser,
  logIn,
  openApp as open,
  rgb,
  screenshot as shot,
  statusFill,
  waitForMap as waitForDrawn,
  type OpenedApp,
} from './driver.ts';
import { boxArea, countColor, type Box, type Image } from './pixels.ts';

// The browser shares two cores with other suites: give each journey room.
vi.setConfig({ testTimeout: 300_000 });

const accounts = inject('e2eAccounts');
/** Polls wait this long: antd's animations and the map are slow under a software GPU on two busy cores. */
const wait = { timeout: 30_000 };
const village = inject('e2eHouseholdVillage');

/** antd colours the journeys look for (antd 6 defaults, and the app's brand blue). */
const colors = {
  brand: rgb('#1a4b8c'),
  white: [255, 255, 255] as const,
  errorBg: rgb('#fff2f0'),
  warningBg: rgb('#fffbe6'),
  successTagBg: rgb('#f6ffed'),
  revealedRow: rgb('#e6f4ff'),
};

let browser: Browser;
let villageName: string;
/** A township and village of 永城市 (another county than the editor's). */
let otherVillage: { township: string; village: string };

beforeAll(async () => {
  browser = await launchBrowser();
  const res = await fetch(`${baseUrl()}/api/regions?level=village&parent=${village.townshipCode}`);
  const fc = (await res.json()) as { features: { properties: { code: string; name: string } }[] };
  villageName = fc.features.find((f) => f.properties.code === village.code)!.properties.name;
  const regions = async (level: string, parent: string) =>
    (
      (await (await fetch(`${baseUrl()}/api/regions?level=${level}&parent=${parent}`)).json()) as {
        features: { properties: { code: string } }[];
      }
    ).features.map((f) => f.properties.code);
  const township = (await regions('township', '411481')).find((c) => /^411481[1-9]/.test(c)) ?? (await regions('township', '411481'))[0];
  otherVillage = { township, village: (await regions('village', township))[0] };
});

afterAll(async () => {
  await browser?.close();
});

/** Open the app in a context of its own (its own cookies), collecting errors, CSP violations and 401 answers. */
const openApp = (search = '', prepare?: (page: Page) => Promise<void>): Promise<OpenedApp> =>
  open(browser, search, { viewport: { width: 1600, height: 900 }, prepare });

/** Errors other than the browser's note about an expected refused request (a wrong password is a 401 by design). */
const unexpected = (errors: string[], allowed: number[] = []) =>
  errors.filter((e) => !allowed.some((status) => e.includes(`Failed to load resource: the server responded with a status of ${status}`)));

const waitForMap = (page: Page) => waitForDrawn(page, { settleMs: 800 });

/** Let antd's open/close animations finish (slow under a software GPU), so a screenshot shows the end state. */
async function settle(page: Page) {
  // A toast fading out may take its time; the checks look at other parts of the page, so go on after a while.
  await page
    .waitForFunction(
      () =>
        !document.querySelector(
          '.ant-modal [class*="-appear"], .ant-zoom-appear, .ant-zoom-enter, .ant-zoom-leave, [class*="ant-drawer-panel-motion"], [class*="ant-drawer-mask-motion"], .ant-fade-appear, .ant-fade-enter, .ant-fade-leave',
        ),
      undefined,
      { timeout: 20_000 },
    )
    .catch(() => undefined);
  await page.waitForTimeout(150);
}

/** A screenshot of the end state of antd's animations. */
async function screenshot(page: Page, name: string): Promise<Image> {
  await settle(page);
  return shot(page, name);
}

async function boxOf(page: Page, selector: string): Promise<Box> {
  const box = await page.locator(selector).last().boundingBox();
  if (!box) throw new Error(`${selector} not on screen`);
  return box;
}

/** Share of `box` painted in `color`. */
const share = (img: Image, color: readonly number[], box: Box, tolerance = 4) =>
  countColor(img, color as [number, number, number], tolerance, box) / boxArea(img, box);

async function fillLogin(page: Page, username: string, password: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByTestId('login-submit').click();
}

async function openAccountMenuItem(page: Page, label: string) {
  await page.getByTestId('account-button').click();
  await page.getByRole('menuitem', { name: label }).click();
}

describe('accounts in the browser', () => {
  it('wrong password: the server’s one message in the dialog; then a leader logs in, the map still draws, no CSP error, and no 农户台账 button', async () => {
    const app = await openApp();
    const { page } = app;
    try {
      await waitForMap(page);
      await page.getByTestId('login-button').click();
      await page.getByTestId('login-form').waitFor();
      const dialog = await screenshot(page, 'accounts-login-1600x900.png');
      const modal = await boxOf(page, '.login-modal .ant-modal-container');
      // A white dialog in the middle, with the brand-blue 登录 button.
      expect(modal.x + modal.width / 2).toBeGreaterThan(600);
      expect(modal.x + modal.width / 2).toBeLessThan(1000);
      expect(share(dialog, colors.white, modal, 2), 'dialog white').toBeGreaterThan(0.6);
      const submit = await boxOf(page, '[data-testid="login-submit"]');
      expect(share(dialog, colors.brand, submit, 10), 'login button blue').toBeGreaterThan(0.6);
      // The mask dims the map around the dialog: hardly any full-strength status colour left.
      const mapBox = await boxOf(page, '.map-view');
      expect(statusFill(dialog, mapBox) / boxArea(dialog, mapBox), 'map dimmed under the mask').toBeLessThan(0.05);

      await fillLogin(page, accounts.leader.username, 'not-the-password-123');
      const error = page.getByTestId('login-error');
      await expect.poll(() => error.textContent(), wait).toBe('用户名或密码错误');
      const wrong = await screenshot(page, 'accounts-login-wrong-1600x900.png');
      expect(share(wrong, colors.errorBg, await boxOf(page, '[data-testid="login-error"]'), 3), 'error alert background').toBeGreaterThan(
        0.4,
      );
      // The same sentence for an unknown username: nothing tells which part was wrong.
      await fillLogin(page, 'nobody-here', 'not-the-password-123');
      await expect.poll(() => error.textContent(), wait).toBe('用户名或密码错误');

      await fillLogin(page, accounts.leader.username, accounts.leader.password);
      await expect.poll(() => page.getByTestId('account-button').textContent(), wait).toContain('市领导');
      expect(await page.getByTestId('account-button').textContent()).toContain('领导');
      await page.getByTestId('account-button').click();
      const menu = page.getByRole('menu');
      await expect.poll(() => menu.textContent(), wait).toContain('修改密码');
      expect(await menu.textContent()).toContain('退出登录');
      expect(await menu.textContent()).not.toContain('用户管理');
      expect(await menu.textContent()).not.toContain('审计日志');
      await page.keyboard.press('Escape');

      const after = await screenshot(page, 'accounts-leader-map-1600x900.png');
      expect(statusFill(after, mapBox) / boxArea(after, mapBox), 'map fill after login').toBeGreaterThan(0.25);
      expect(countColor(after, regionStyle.areaOutline, 12, mapBox), 'city outline after login').toBeGreaterThan(1000);

      // A village of 民权县 selected: the leader gets no household button.
      await page.goto(`${baseUrl()}/?area=${village.townshipCode}&sel=${village.code}`, { waitUntil: 'domcontentloaded' });
      await waitForMap(page);
      await expect.poll(() => page.locator('#region-card-title').textContent(), wait).toBe(villageName);
      expect(await page.getByTestId('account-button').textContent()).toContain('市领导');
      expect(await page.getByTestId('households-button').count()).toBe(0);
      expect(await page.getByText('农户台账').count()).toBe(0);

      expect(unexpected(app.errors, [401]), 'console errors').toEqual([]);
      expect(
        app.unauthorized.every((p) => p === '/api/auth/login'),
        `401 answers: ${app.unauthorized.join(', ')}`,
      ).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('the administrator creates a user, sees its password once; the user logs in; disabled, its open page gets 401 and asks for a new login at once', async () => {
    const admin = await openApp();
    const username = `e2e_${Date.now().toString(36)}`;
    let user: OpenedApp | null = null;
    try {
      await waitForMap(admin.page);
      await logIn(admin.page, accounts.admin);
      await openAccountMenuItem(admin.page, '用户管理');
      const table = admin.page.getByTestId('users-table');
      await expect.poll(() => table.textContent(), wait).toContain('minquan');
      const usersShot = await screenshot(admin.page, 'accounts-users-1600x900.png');
      const drawer = await boxOf(admin.page, '.admin-drawer');
      expect(drawer.width, 'users drawer width').toBeGreaterThan(1000);
      expect(share(usersShot, colors.white, drawer, 2), 'users drawer white').toBeGreaterThan(0.6);
      expect(
        share(usersShot, colors.brand, await boxOf(admin.page, '[data-testid="user-create"]'), 10),
        'new-user button blue',
      ).toBeGreaterThan(0.5);
      // The county editor's row: role label, county name, the sign-off flag.
      const minquanRow = admin.page.locator('tr', { hasText: 'minquan' });
      expect(await minquanRow.textContent()).toMatch(/县级填报员.*民权县.*是/);

      await admin.page.getByTestId('user-create').click();
      await admin.page.getByTestId('user-form-username').fill(username);
      await admin.page.getByTestId('user-form-displayName').fill('民权县扶贫办（临时）');
      await admin.page.getByTestId('user-form-county').click();
      await admin.page.locator('.ant-select-item-option[title="民权县"]').click();
      // The user form's own 保存 (the map header has a 保存视图 button too).
      await admin.page
        .locator('.ant-modal')
        .getByRole('button', { name: /^保\s*存$/ })
        .click();

      const otp = admin.page.getByTestId('otp-password');
      await otp.waitFor({ timeout: 30_000 });
      const password = (await otp.textContent())!.trim();
      expect(password).toMatch(/^[A-Za-z2-9]{16}$/);
      const otpShot = await screenshot(admin.page, 'accounts-otp-1600x900.png');
      const otpModal = await boxOf(admin.page, '.otp-modal .ant-modal-container');
      expect(countColor(otpShot, colors.warningBg, 3, otpModal), 'one-time warning background').toBeGreaterThan(5000);
      expect(await admin.page.locator('.otp-modal').textContent()).toContain('密码仅显示这一次');
      await admin.page.getByTestId('otp-close').click();
      await expect.poll(() => otp.count(), wait).toBe(0);
      // Shown once: gone from the page once the dialog is closed.
      expect(await admin.page.content()).not.toContain(password);
      await expect.poll(() => table.textContent(), wait).toContain(username);

      // The new user logs in elsewhere and opens a village of its county.
      user = await openApp(`?area=${village.townshipCode}&sel=${village.code}`);
      await waitForMap(user.page);
      await logIn(user.page, { username, password, displayName: '民权县扶贫办（临时）' });
      await user.page.getByTestId('households-button').waitFor({ timeout: 30_000 });

      // The administrator disables it (the dialog says the sessions end at once).
      await admin.page.getByTestId(`user-toggle-${username}`).click();
      const confirm = admin.page.locator('.ant-modal-confirm');
      await expect.poll(() => confirm.textContent(), wait).toContain('所有会话立即结束');
      await admin.page.getByTestId('confirm-ok').click();
      await expect.poll(() => admin.page.locator('tr', { hasText: username }).textContent(), wait).toContain('已停用');

      // The user's next request answers 401: the page says the session expired and offers the login.
      await user.page.getByTestId('households-button').click();
      const reason = user.page.getByTestId('login-reason');
      await expect.poll(() => reason.textContent(), wait).toBe('会话已过期，请重新登录');
      expect(user.unauthorized).toContain('/api/households');
      const expired = await screenshot(user.page, 'accounts-expired-1600x900.png');
      expect(
        share(expired, colors.warningBg, await boxOf(user.page, '[data-testid="login-reason"]'), 3),
        'expired notice background',
      ).toBeGreaterThan(0.4);
      // Nobody is logged in any more: no account menu, no household button, /me agrees.
      expect(await user.page.getByTestId('account-button').count()).toBe(0);
      expect(await user.page.getByTestId('households-button').count()).toBe(0);
      expect(await user.page.evaluate(async () => (await (await fetch('/api/auth/me')).json()).user)).toBeNull();
      // And the disabled account cannot log in again (the same one message).
      await fillLogin(user.page, username, password);
      await expect.poll(() => user!.page.getByTestId('login-error').textContent(), wait).toBe('用户名或密码错误');

      expect(unexpected(admin.errors), 'admin console errors').toEqual([]);
      expect(unexpected(user.errors, [401]), 'user console errors').toEqual([]);
    } finally {
      await user?.close();
      await admin.close();
    }
  });

  it('a county editor sees its village’s households masked, unmasks one with a reason (that row only), the drawer forgets it on close, and the audit log has it', async () => {
    const app = await openApp(`?area=${village.townshipCode}&sel=${village.code}`);
    const { page } = app;
    const fullIds = village.holders.map((h) => h.idNumber);
    const names = village.holders.map((h) => h.holderName);
    const hasPersonalData = async () => {
      const html = await page.content();
      return names.filter((n) => html.includes(n)).concat(fullIds.filter((id) => html.includes(id)));
    };
    try {
      await waitForMap(page);
      expect(await page.getByTestId('households-button').count(), 'no button before login').toBe(0);
      await logIn(page, accounts.minquan);
      await page.getByTestId('households-button').click();
      const table = page.getByTestId('households-table');
      await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), wait).toBeGreaterThanOrEqual(village.holders.length);
      expect(await page.locator('.ant-drawer-title').last().textContent()).toBe(`农户台账 · ${villageName}`);
      // Masked by the server: no name, no full ID number, no 18-digit number anywhere in the page.
      expect(await hasPersonalData(), 'personal data in the DOM').toEqual([]);
      expect(await page.content()).not.toMatch(/\d{17}[\dX]/);
      const text = (await table.textContent())!;
      for (const h of village.holders) {
        expect(text).toContain(maskName(h.holderName));
        expect(text).toContain(maskIdNumber(h.idNumber));
      }
      expect(text).toMatch(/元|边缘户|监测户|未脱贫户|已脱贫户/);
      const masked = await screenshot(page, 'accounts-households-1600x900.png');
      const drawer = await boxOf(page, '.households-drawer');
      expect(drawer.width, 'drawer width').toBeGreaterThan(1000);
      expect(share(masked, colors.white, drawer, 2), 'drawer white').toBeGreaterThan(0.5);
      expect(countColor(masked, colors.revealedRow, 3, drawer), 'no row highlighted yet').toBeLessThan(200);

      // 查看完整信息 on the first row: a reason is required (2 characters at least).
      const firstRow = table.locator('tbody tr.ant-table-row').first();
      const maskedName = (await firstRow.locator('td').first().textContent())!.trim();
      await firstRow.getByTestId('hh-unmask').click();
      await page.getByTestId('unmask-reason').fill('核');
      await page.getByRole('button', { name: /^查\s*看$/ }).click();
      await expect.poll(() => page.locator('.unmask-modal').textContent(), wait).toContain('请填写查看理由（至少 2 个字）');
      expect(app.unauthorized).toEqual([]);
      await page.getByTestId('unmask-reason').fill('核对低保申报材料');
      await page.getByRole('button', { name: /^查\s*看$/ }).click();
      const revealed = page.getByTestId('hh-name-revealed');
      await revealed.waitFor({ timeout: 30_000 });
      const revealedName = ((await revealed.textContent()) ?? '').trim();
      const holder = village.holders.find((h) => h.holderName === revealedName);
      expect(holder, 'revealed name is a holder of the village').toBeDefined();
      expect(maskName(holder!.holderName)).toBe(maskedName);
      expect(await page.getByTestId('hh-id-revealed').textContent()).toBe(holder!.idNumber);
      // That row only.
      expect(await revealed.count()).toBe(1);
      expect(await hasPersonalData()).toEqual([holder!.holderName, holder!.idNumber]);
      expect(await page.getByTestId('hh-unmasked-note').textContent()).toContain('已记入审计日志');
      const unmasked = await screenshot(page, 'accounts-households-unmasked-1600x900.png');
      const rowBox = (await firstRow.boundingBox())!;
      expect(share(unmasked, colors.revealedRow, rowBox, 3), 'revealed row highlighted').toBeGreaterThan(0.3);

      // Closed and opened again: masked again, nothing kept.
      await page.locator('.households-drawer .ant-drawer-close').click();
      await expect.poll(async () => (await hasPersonalData()).length, wait).toBe(0);
      await page.getByTestId('households-button').click();
      await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), wait).toBeGreaterThanOrEqual(village.holders.length);
      expect(await page.getByTestId('hh-name-revealed').count()).toBe(0);
      expect(await hasPersonalData()).toEqual([]);
      await page.locator('.households-drawer .ant-drawer-close').click();

      // A village of another county: no button.
      await page.goto(`${baseUrl()}/?area=${otherVillage.township}&sel=${otherVillage.village}`, { waitUntil: 'domcontentloaded' });
      await waitForMap(page);
      await expect.poll(() => page.getByTestId('account-button').textContent(), wait).toContain(accounts.minquan.displayName);
      await expect.poll(() => page.locator('#region-card-title').textContent(), wait).not.toMatch(/全域/);
      expect(await page.getByTestId('households-button').count()).toBe(0);

      expect(unexpected(app.errors), 'console errors').toEqual([]);
    } finally {
      await app.close();
    }

    // The administrator finds the unmasking, with its reason, in the audit log.
    const admin = await openApp();
    try {
      await waitForMap(admin.page);
      await logIn(admin.page, accounts.admin);
      await openAccountMenuItem(admin.page, '审计日志');
      // The action filter searches as one types (the list is long).
      await admin.page.getByTestId('audit-action').click();
      await admin.page.keyboard.type('查看完整');
      // Exactly this action (授予查看完整信息权限, the grant of the right, is another one).
      await admin.page.locator('.ant-select-item-option[title="查看完整信息"]').click();
      await admin.page.getByTestId('audit-search').click();
      const rows = admin.page.getByTestId('audit-table').locator('tbody tr.ant-table-row');
      await expect.poll(() => rows.count(), wait).toBe(1);
      const row = (await rows.first().textContent())!;
      expect(row).toContain('minquan');
      expect(row).toContain('查看完整信息');
      expect(row).toContain('成功');
      expect(row).toContain('reason=核对低保申报材料');
      expect(row).toMatch(/household:#[0-9a-f]{16}/);
      for (const h of village.holders) expect(row).not.toContain(h.holderName);
      expect(unexpected(admin.errors), 'admin console errors').toEqual([]);
    } finally {
      await admin.close();
    }
  });

  it('the audit log lists logins and the failed login, filters by result and by dates typed as people write them, and exports the same filter', async () => {
    const app = await openApp();
    const { page } = app;
    try {
      await waitForMap(page);
      await logIn(page, accounts.admin);
      await openAccountMenuItem(page, '审计日志');
      const table = page.getByTestId('audit-table');
      const rows = table.locator('tbody tr.ant-table-row');
      await expect.poll(() => rows.count(), wait).toBeGreaterThan(3);
      const all = (await table.textContent())!;
      expect(all).toMatch(/admin.*市级管理员.*登录.*user:admin.*成功/);
      const shot = await screenshot(page, 'accounts-audit-1600x900.png');
      const drawer = await boxOf(page, '.admin-drawer');
      expect(drawer.width, 'audit drawer width').toBeGreaterThan(1200);
      expect(countColor(shot, colors.successTagBg, 3, await boxOf(page, '[data-testid="audit-table"]')), '成功 tags').toBeGreaterThan(300);

      // Only failures: the wrong password of the first journey, nothing else.
      await page.getByTestId('audit-result').click();
      await page.locator('.ant-select-item-option', { hasText: '失败' }).click();
      await page.getByTestId('audit-search').click();
      await expect.poll(async () => (await rows.allTextContents()).every((r) => r.includes('失败')), wait).toBe(true);
      const failed = (await rows.allTextContents()).join('\n');
      expect(failed).toMatch(/leader.*登录.*user:leader.*失败.*reason=wrong_password/);
      expect(failed).toMatch(/nobody-here.*登录.*失败.*reason=unknown_user/);
      const failedShot = await screenshot(page, 'accounts-audit-failed-1600x900.png');
      expect(countColor(failedShot, colors.successTagBg, 3, await boxOf(page, '[data-testid="audit-table"]')), 'no 成功 tags').toBeLessThan(
        50,
      );

      // Today, typed the Chinese way: the failures are still there; a day in 2020: none.
      const [y, m, d] = beijingToday().split('-').map(Number);
      const start = page.getByPlaceholder('开始日期');
      const end = page.getByPlaceholder('结束日期');
      const typeRange = async (from: string, to: string) => {
        await start.click();
        await start.fill(from);
        await start.press('Enter');
        await end.fill(to);
        await end.press('Enter');
        await page.getByTestId('audit-search').click();
      };
      await typeRange(`${y}年${m}月${d}日`, `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
      await expect.poll(() => rows.count(), wait).toBeGreaterThan(0);
      const href = (await page.getByTestId('audit-export').getAttribute('href'))!;
      const exportQuery = new URLSearchParams(href.split('?')[1]);
      expect(exportQuery.get('result')).toBe('failed');
      expect(exportQuery.get('from')).toBe(`${beijingToday()}T00:00:00+08:00`);
      expect(exportQuery.get('to')).toBe(`${beijingToday()}T23:59:59.999+08:00`);
      // The link downloads the same rows as CSV with the session cookie.
      const csv = await page.evaluate(async (url) => {
        const res = await fetch(url);
        return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
      }, href);
      expect(csv.status).toBe(200);
      expect(csv.type).toContain('text/csv');
      expect(csv.body).toContain('auth.login');
      expect(csv.body).toContain('wrong_password');
      expect(csv.body).not.toMatch(/,ok,/);

      await typeRange('2020年6月20日', '2020年6月20日');
      await expect.poll(() => table.locator('.ant-empty').count(), wait).toBe(1);
      expect(await rows.count()).toBe(0);

      expect(unexpected(app.errors), 'console errors').toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('with anonymous read off, the page is a login screen that asks nothing else of the API; after login the map draws', async () => {
    // This server runs with ANONYMOUS_READ=on; the answer of /api/auth/me is changed as the server
    // would give it with the setting off (the server side of the setting is tested on the server).
    const app = await openApp('', async (page) => {
      await page.route('**/api/auth/me', async (route) => {
        const res = await route.fetch();
        const me = await res.json();
        await route.fulfill({ response: res, json: { ...me, anonymousRead: false } });
      });
    });
    const { page } = app;
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    try {
      await page.getByTestId('login-screen').waitFor({ timeout: 60_000 });
      await page.waitForTimeout(1000);
      const img = await screenshot(page, 'accounts-login-screen-1600x900.png');
      const card = await boxOf(page, '.login-card');
      expect(share(img, colors.white, card, 2), 'login card white').toBeGreaterThan(0.5);
      expect(share(img, colors.brand, await boxOf(page, '[data-testid="login-submit"]'), 10), 'login button blue').toBeGreaterThan(0.6);
      expect(await page.locator('.map-view').count(), 'no map behind the login screen').toBe(0);
      expect(await page.getByTestId('login-button').count(), 'no second login button in the header').toBe(0);
      expect(
        // Only who is logged in, and the public name and extent of the area the deployment serves (the login card names it).
        requests.filter((p) => p.startsWith('/api/') && p !== '/api/auth/me' && p !== '/api/meta'),
        'API requests before login',
      ).toEqual([]);

      await fillLogin(page, accounts.leader.username, accounts.leader.password);
      await waitForMap(page);
      const map = await screenshot(page, 'accounts-login-screen-after-1600x900.png');
      const mapBox = await boxOf(page, '.map-view');
      expect(statusFill(map, mapBox) / boxArea(map, mapBox), 'map fill after login').toBeGreaterThan(0.25);
      expect(app.unauthorized, '401 answers').toEqual([]);
      expect(unexpected(app.errors), 'console errors').toEqual([]);
    } finally {
      await app.close();
    }
  });
});
