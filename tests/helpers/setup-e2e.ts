/**
 * End-to-end setup: build the client, start the real server on a free port over a copy of the demo
 * database, and provide its URL. Under CI a missing browser is an error, never a skip.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { TestProject } from 'vitest/node';
import { createApp } from '../../server/app.ts';
import { openDatabase } from '../../server/db/client.ts';
import { mountClient } from '../../server/static.ts';
import { buildEmbeddedTemplates, copyEmbeddedTemplate } from './templates.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default async function setup(project: TestProject) {
  if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  // A production bundle, as users get it (vitest sets NODE_ENV=test, which would build React's development mode).
  // Into a folder of this run's own, so two runs at once never serve each other's half-written bundle.
  const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fupin-e2e-client-'));
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', clientDir, '--emptyOutDir'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  const templates = await buildEmbeddedTemplates();
  const dir = copyEmbeddedTemplate(templates.demo);
  const database = await openDatabase({ dataDir: dir, migrate: false });
  const app = createApp({ database });
  mountClient(app, clientDir);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  project.provide('e2eBaseUrl', `http://127.0.0.1:${port}`);
  return async () => {
    server.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(clientDir, { recursive: true, force: true });
  };
}
