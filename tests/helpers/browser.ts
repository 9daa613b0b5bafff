/** Headless Chromium for end-to-end tests (the system's /usr/bin/chromium, driven by playwright-core). */
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { chromiumPath } from './setup-e2e.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
  }
}

export const baseUrl = () => inject('e2eBaseUrl');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-gpu-sandbox'],
  });
}

/** Open a page at `path` with the given viewport, collecting console errors and failed requests. */
export async function openPage(browser: Browser, path: string, viewport = { width: 1600, height: 900 }) {
  const page: Page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  await page.goto(baseUrl() + path);
  return { page, errors };
}
