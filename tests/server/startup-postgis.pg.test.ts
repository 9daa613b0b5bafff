/** PostgreSQL backend only: a database where PostGIS cannot be created gives a sentence to act on. */
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/client.ts';
import { StartupError } from '../../server/errors.ts';
import { withDatabase } from '../helpers/templates.ts';

const url = process.env.TEST_DATABASE_URL!;
const name = `${new URL(url).pathname.slice(1)}_nopostgis`;
let admin: ReturnType<typeof postgres>;

beforeAll(async () => {
  admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.unsafe(`DROP ROLE IF EXISTS fupin_no_postgis`);
  await admin.unsafe(`CREATE ROLE fupin_no_postgis LOGIN`);
  await admin.unsafe(`CREATE DATABASE "${name}" OWNER fupin_no_postgis`);
});
afterAll(async () => {
  await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.unsafe(`DROP ROLE IF EXISTS fupin_no_postgis`);
  await admin.end();
});

it('refuses a database without PostGIS with a sentence saying what to do', async () => {
  const u = new URL(withDatabase(url, name));
  u.username = 'fupin_no_postgis';
  const err = await openDatabase({ databaseUrl: u.toString() }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(StartupError);
  expect((err as Error).message).toMatch(/^PostGIS is not available in this database .*CREATE EXTENSION postgis.*unset DATABASE_URL/s);
});
