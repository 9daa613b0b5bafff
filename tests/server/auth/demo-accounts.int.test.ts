import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts, ensureInitialAccounts, formatInitialAccounts } from '../../../server/auth/demo-accounts.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import { Client, Clock, auditRows, cheapScrypt, makeApp, seedFixtures } from './fixtures.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedFixtures(database);
  await database.rows(sql`DELETE FROM users`); // keep the regions, start without accounts
});
afterAll(() => database?.dispose());

describe(`initial accounts (${testBackend})`, () => {
  it('creates one account per role at the first start, with random passwords shown once', async () => {
    const created = await ensureInitialAccounts(database, { demo: true, scrypt: cheapScrypt });
    expect(created.map((a) => [a.username, a.role, a.countyCode, a.leader])).toEqual([
      ['admin', 'city_admin', null, false],
      ['minquan', 'county_editor', '411421', true],
      ['yongcheng', 'county_editor', '411481', false],
      ['leader', 'leader', null, false],
      ['planner', 'planner', null, false],
    ]);
    const text = formatInitialAccounts(created);
    for (const a of created) {
      expect(a.password).toMatch(/^[A-Za-z2-9]{16}$/);
      expect(text).toContain(a.password);
    }
    expect(text).toMatch(/ONLY THIS ONCE/);
    // The passwords work, and only their hashes are stored.
    const app = makeApp(database, new Clock());
    for (const a of created) await new Client(app, a.username).login(a.username, a.password);
    const hashes = await database.rows<{ password_hash: string }>(sql`SELECT password_hash FROM users`);
    for (const h of hashes) expect(created.some((a) => h.password_hash.includes(a.password))).toBe(false);
    expect((await auditRows(database, sql`action = 'users.create'`)).map((r) => r.username)).toEqual(Array(5).fill('system'));
    // A second start creates and prints nothing.
    expect(await ensureInitialAccounts(database, { demo: true, scrypt: cheapScrypt })).toEqual([]);
  });

  it('never hard-codes a password: two first starts give different ones', async () => {
    await database.rows(sql`DELETE FROM sessions`);
    await database.rows(sql`DELETE FROM users`);
    const again = await ensureInitialAccounts(database, { demo: false, scrypt: cheapScrypt });
    expect(again.map((a) => a.username)).toEqual(['admin']); // without demo data: only an administrator
    expect(demoAccounts.some((a) => 'password' in a)).toBe(false);
  });
});
