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
import { asc, eq } from 'drizzle-orm';
import type { TestProject } from 'vitest/node';
import { createApp } from '../../server/app.ts';
import { generatePassword, hashPassword } from '../../server/auth/password.ts';
import { insertUser } from '../../server/auth/user-store.ts';
import type { Role } from '../../server/contracts/auth.ts';
import { openDatabase } from '../../server/db/client.ts';
import { households } from '../../server/db/schema.ts';
import { mountClient } from '../../server/static.ts';
import { buildEmbeddedTemplates, copyEmbeddedTemplate } from './templates.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Accounts of the e2e run, each with a random password of this run (tests/e2e/accounts.test.ts). */
export interface E2eAccount {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  countyCode: string | null;
  leader: boolean;
}

/** A village of 民权县 whose households carry (fictitious) names and ID numbers for the run: the demo has none. */
export interface E2eHouseholdVillage {
  code: string;
  townshipCode: string;
  holders: { id: string; holderName: string; idNumber: string }[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eAccounts: Record<'admin' | 'minquan' | 'leader', E2eAccount>;
    e2eHouseholdVillage: E2eHouseholdVillage;
  }
}

const householdVillage = '411421101201';
const fixtureNames = ['张三明', '欧阳小明', '李四光', '王五福', '赵六顺', '陈七巧', '刘八方', '孙九思', '周十全', '吴一凡'];

const e2eAccounts: Omit<E2eAccount, 'password'>[] = [
  { username: 'admin', displayName: '市扶贫办管理员', role: 'city_admin', countyCode: null, leader: false },
  { username: 'minquan', displayName: '民权县扶贫办', role: 'county_editor', countyCode: '411421', leader: true },
  { username: 'leader', displayName: '市领导', role: 'leader', countyCode: null, leader: false },
];

export default async function setup(project: TestProject) {
  if (!fs.existsSync(chromiumPath))
    throw new Error(`Chromium not found at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  // A production bundle, as users get it (vitest sets NODE_ENV=test, which would build React's development mode).
  // Into a folder of this run's own, so two runs at once never serve each other's half-written bundle.
  const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fupin-e2e-client-'));
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', clientDir, '--emptyOutDir'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const templates = await buildEmbeddedTemplates();
  const dir = copyEmbeddedTemplate(templates.demo);
  const database = await openDatabase({ dataDir: dir, migrate: false });
  const accounts = {} as Record<string, E2eAccount>;
  for (const a of e2eAccounts) {
    const password = generatePassword();
    await insertUser(database, { ...a, passwordHash: await hashPassword(password) });
    accounts[a.username] = { ...a, password };
  }
  project.provide('e2eAccounts', accounts as Record<'admin' | 'minquan' | 'leader', E2eAccount>);
  // Fictitious holders for one village's households (unmasking needs something to unmask).
  const ids = await database.db
    .select({ id: households.id })
    .from(households)
    .where(eq(households.villageCode, householdVillage))
    .orderBy(asc(households.id));
  const holders = ids.slice(0, fixtureNames.length).map(({ id }, i) => ({
    id,
    holderName: fixtureNames[i],
    idNumber: `411421198${i}0${(i % 9) + 1}15${String(1000 + i * 37).slice(-4)}`,
  }));
  for (const h of holders)
    await database.db.update(households).set({ holderName: h.holderName, idNumber: h.idNumber }).where(eq(households.id, h.id));
  project.provide('e2eHouseholdVillage', { code: householdVillage, townshipCode: householdVillage.slice(0, 9), holders });
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
