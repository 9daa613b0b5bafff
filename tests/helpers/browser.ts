/** Headless Chromium for end-to-end tests (the system's /usr/bin/chromium, driven by playwright-core). */
import { chromium, type Browser } from 'playwright-core';
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
    args: [
      '--headless',
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-gpu-sandbox',
    ],
  });
}
