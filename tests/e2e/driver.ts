/**
 * The driver every browser journey shares: open the app in a context of its own (recording errors,
 * CSP violations, requests and API answers), wait until the map is drawn and at rest, find the map
 * on the page, project a coordinate to a page pixel, and take screenshots as decoded images.
 * Screenshots go to tests/e2e/__screenshots__/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { statusColors } from '../../server/domain/classify.ts';
import { baseUrl } from '../helpers/browser.ts';
import { countColor, decodePng, type Box, type Image } from './pixels.ts';

export { baseUrl, launchBrowser } from '../helpers/browser.ts';

export const shotDir = path.resolve(import.meta.dirname, '__screenshots__');
fs.mkdirSync(shotDir, { recursive: true });

/** '#rrggbb' as [r, g, b]. */
export const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

/** Pixels of `box` painted in one of the status colours (the default choropleth: against 序时进度). */
export const statusFill = (img: Image, box: Box) =>
  (['ahead', 'on_track', 'lagging'] as const).reduce((n, k) => n + countColor(img, rgb(statusColors[k]), 6, box), 0);

/** GET an API path of the server under test, expecting 200, as parsed JSON. */
export async function api<T>(p: string): Promise<T> {
  const res = await fetch(baseUrl() + p);
  expect(res.status, p).toBe(200);
  return (await res.json()) as T;
}

export interface OpenOptions {
  /** Default 1920×1080. */
  viewport?: { width: number; height: number };
  /** Run before the first navigation (routes, init scripts). */
  prepare?: (page: Page) => Promise<unknown>;
  /** Count failed requests among the errors (default false: a superseded fetch is aborted by design). */
  failedRequestsAreErrors?: boolean;
  /** Keep the bodies of the API answers, by URL (default false). */
  keepBodies?: boolean;
}

export interface OpenedApp {
  page: Page;
  /** Console errors, page errors and CSP violations (and failed requests, when asked for). */
  errors: string[];
  /** Every request's URL, from the first one on. */
  requests: string[];
  /** Requests to anything but this machine (the server under test, localhost, data: and blob: URLs). */
  external: string[];
  /** Answers with status 401, by URL path. */
  unauthorized: string[];
  /** Bodies of the API answers the page received, by URL (with `keepBodies`). */
  bodies: Map<string, string>;
  /** The page, scripts and style sheets of the server that came without br or gzip (the browser accepts both). */
  uncompressed: string[];
  close(): Promise<void>;
}

/** Open the app at `/${search}` in a browser context of its own (its own cookies), Chinese locale. */
export async function openApp(browser: Browser, search = '', options: OpenOptions = {}): Promise<OpenedApp> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1920, height: 1080 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  const opened: OpenedApp = {
    page,
    errors: [],
    requests: [],
    external: [],
    unauthorized: [],
    bodies: new Map(),
    uncompressed: [],
    close: () => context.close(),
  };
  const { errors } = opened;
  const local = new RegExp(
    `^(${baseUrl().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|https?://(localhost|127\\.0\\.0\\.1)(:\\d+)?/|data:|blob:)`,
  );
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  if (options.failedRequestsAreErrors) page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  page.on('request', (r) => {
    opened.requests.push(r.url());
    if (!local.test(r.url())) opened.external.push(r.url());
  });
  page.on('response', async (r) => {
    if (r.status() === 401) opened.unauthorized.push(new URL(r.url()).pathname);
    if (['document', 'script', 'stylesheet'].includes(r.request().resourceType()) && r.url().startsWith(baseUrl())) {
      try {
        const encoding = (await r.allHeaders())['content-encoding'];
        if (encoding !== 'br' && encoding !== 'gzip') opened.uncompressed.push(`${r.url()} (${encoding ?? 'identity'})`);
      } catch {
        // page closed meanwhile: nothing to check
      }
    }
    if (!options.keepBodies || !r.url().includes('/api/')) return;
    try {
      opened.bodies.set(r.url(), await r.text());
    } catch {
      // body gone (navigation): nothing to scan
    }
  });
  // Every refusal is an error: the bundle carries no code that probes for eval (zod stays on the server).
  await page.exposeFunction('__cspViolation', (directive: string, text: string) => {
    errors.push(`CSP: ${directive} ${text}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __cspViolation: (d: string, s: string) => void }).__cspViolation(
        e.effectiveDirective,
        `${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
  if (options.prepare) await options.prepare(page);
  // 'domcontentloaded': on two busy cores the load event can take longer than the map itself.
  await page.goto(baseUrl() + '/' + search, { waitUntil: 'domcontentloaded', timeout: 90_000 });
  return opened;
}

/** Two animation frames, then `ms` more (label placement, fading). */
export async function settle(page: Page, ms = 600) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(ms);
}

export interface WaitOptions {
  /** Also wait until the ranking has this many rows. */
  rows?: number;
  /** Rest after the map settled, ms (labels placed, a fitBounds animation over); default 1200. */
  settleMs?: number;
}

/** Map drawn, values in, no layer loading, the ranking rendered, the camera at rest, a frame or two settled. */
export async function waitForMap(page: Page, { rows, settleMs = 1200 }: WaitOptions = {}) {
  await page.waitForSelector('.map-view[data-map-ready="true"]', { timeout: 90_000 });
  await page.waitForSelector('[data-testid="ranking"]', { timeout: 60_000 });
  if (rows !== undefined) await expect.poll(() => page.locator('.ranking__row').count(), { timeout: 60_000 }).toBe(rows);
  await expect.poll(() => page.getByTestId('values-loading').count(), { timeout: 60_000 }).toBe(0);
  await page.waitForFunction(() => !document.querySelector('[data-testid^="layer-loading-"]'), null, { timeout: 60_000 });
  await page.waitForFunction(() => window.__map !== undefined && !window.__map.isMoving(), null, { timeout: 30_000 });
  await mapIdle(page);
  await settle(page, settleMs);
}

/**
 * MapLibre's `idle`: every source loaded, every tile and symbol placed, no transition running (label
 * fade-in included). A repaint is asked for so that the event comes even if the map was already idle.
 */
export async function mapIdle(page: Page, timeout = 30_000) {
  await page.evaluate(
    (ms) =>
      new Promise<void>((resolve, reject) => {
        const map = window.__map;
        if (!map) return reject(new Error('window.__map missing'));
        const timer = setTimeout(() => reject(new Error(`map not idle after ${ms} ms`)), ms);
        map.once('idle', () => {
          clearTimeout(timer);
          resolve();
        });
        map.triggerRepaint();
      }),
    timeout,
  );
}

/** The map's box on the page; `inset` leaves out the controls along its right and bottom edges. */
export async function mapBox(page: Page, inset = { right: 0, bottom: 0 }): Promise<Box> {
  const box = await page.locator('.map-view').boundingBox();
  if (!box) throw new Error('map not on screen');
  return { x: box.x, y: box.y, width: box.width - inset.right, height: box.height - inset.bottom };
}

/** Page pixel of [lng, lat], through the live map (window.__map exists only for automated browsers). */
export async function projectToPage(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((ll) => {
    const map = window.__map;
    if (!map) throw new Error('window.__map missing');
    const { x, y } = map.project(ll);
    return { x, y };
  }, lngLat);
  const box = await mapBox(page);
  return { x: box.x + p.x, y: box.y + p.y };
}

/** Screenshot of the page, saved as `name` in the screenshot folder, decoded. */
export async function screenshot(page: Page, name: string): Promise<Image> {
  return decodePng(await page.screenshot({ path: path.join(shotDir, name) }));
}

/** Log in through the header's 登录 dialog; resolves when the account button shows the user and the dialog is gone. */
export async function logIn(page: Page, account: { username: string; password: string; displayName: string }) {
  const wait = { timeout: 30_000 };
  await page.getByTestId('login-button').click();
  await page.getByTestId('login-form').waitFor();
  await page.getByLabel('用户名').fill(account.username);
  await page.getByLabel('密码').fill(account.password);
  await page.getByTestId('login-submit').click();
  await expect.poll(() => page.getByTestId('account-button').textContent(), wait).toContain(account.displayName);
  await expect.poll(() => page.locator('.login-modal:visible').count(), wait).toBe(0);
}
