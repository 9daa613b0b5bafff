/**
 * What the import integration tests share: a fresh database with the auth fixtures (tests/server/auth/fixtures.ts)
 * and the messy-file fixtures written to a temporary folder, logged-in clients, upload and commit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeLedgerFixtures } from '../../fixtures/ledger-fixtures.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-db.ts';
import { Clock, loggedIn, makeApp, seedFixtures, type App, type Client } from '../auth/fixtures.ts';

export interface ImportHarness {
  database: TestDatabase;
  app: App;
  /** The app's clock (advance it to expire sessions and batches). */
  clock: Clock;
  dir: string;
  admin: Client;
  minquan: Client;
  dispose(): Promise<void>;
}

/** Open the database, seed it (then `seed`), write the fixtures, log in the city administrator and 民权县's editor. */
export async function openImportHarness(seed?: (database: TestDatabase) => Promise<void>): Promise<ImportHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-fixtures-'));
  const database = await openTestDatabase();
  await seedFixtures(database);
  await seed?.(database);
  await writeLedgerFixtures(dir);
  const clock = new Clock();
  const app = makeApp(database, clock);
  return {
    database,
    app,
    clock,
    dir,
    admin: await loggedIn(app, 'admin'),
    minquan: await loggedIn(app, 'minquan'),
    async dispose() {
      await database.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Upload a fixture (or `bytes` under that name) to the validate step of `kind`. */
export function uploadFixture(h: ImportHarness, client: Client, kind: string, file: string, bytes?: Uint8Array) {
  const form = new FormData();
  form.append('file', new File([new Uint8Array(bytes ?? fs.readFileSync(path.join(h.dir, file)))], file));
  return client.request('POST', `/api/imports/${kind}/validate`, { body: form });
}

/** Commit a validated batch, with an Idempotency-Key when given. */
export const commitBatch = (client: Client, batchId: string, key?: string) =>
  client.request('POST', `/api/imports/${batchId}/commit`, { headers: key ? { 'Idempotency-Key': key } : {} });
