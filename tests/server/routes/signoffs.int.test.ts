/**
 * Sign-off (层层签字) on both backends: main leader and deputy of the county (two accounts), refused for
 * others; a ledger change after signing shows as "changed" until signed again.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/auth/password.ts';
import { projects, users } from '../../../server/db/schema.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import { Client, Clock, auditRows, cheapScrypt, loggedIn, makeApp, passwordOf, seedFixtures, type App } from '../auth/fixtures.ts';

let database: TestDatabase;
let app: App;
let main: Client;
let deputy: Client;
const period = '2020-06';

beforeAll(async () => {
  database = await openTestDatabase();
  await seedFixtures(database);
  await database.db.insert(users).values({
    username: 'mqdeputy',
    displayName: '民权县分管副县长',
    passwordHash: await hashPassword(passwordOf('mqdeputy'), cheapScrypt),
    role: 'county_editor',
    countyCode: '411421',
    leader: true,
  });
  await database.db.insert(projects).values({
    code: 'MQ-S1',
    name: '东村道路',
    year: 2020,
    countyCode: '411421',
    category: 'infrastructure',
    responsibleLevel: 'county',
    responsibleUnit: '县交通局',
    totalInvestmentWan: 100,
    status: 'started',
  });
  app = makeApp(database, new Clock());
  main = await loggedIn(app, 'minquan');
  deputy = await new Client(app, 'mqdeputy').login('mqdeputy');
});
afterAll(() => database?.dispose());

const stateOf = async (client: Client, county = '411421') =>
  (await client.get(`/api/signoffs?period=${period}`)).json().items.find((i: { countyCode: string }) => i.countyCode === county);

describe(`sign-off (${testBackend})`, () => {
  it('main leader then deputy: unsigned → partial → signed; one account cannot sign both roles', async () => {
    expect((await stateOf(main)).state).toBe('unsigned');
    const res = await main.post('/api/signoffs', { countyCode: '411421', period, role: 'main' });
    expect(res.status, res.text).toBe(200);
    expect(res.json()).toMatchObject({ state: 'partial', main: { signer: 'minquan', current: true }, deputy: null });
    const twice = await main.post('/api/signoffs', { countyCode: '411421', period, role: 'deputy' });
    expect(twice.status).toBe(409);
    expect((await deputy.post('/api/signoffs', { countyCode: '411421', period, role: 'deputy' })).json()).toMatchObject({
      state: 'signed',
    });
    expect((await auditRows(database, sql`action = 'ledger.sign' AND result = 'ok'`)).map((r) => r.username)).toEqual([
      'minquan',
      'mqdeputy',
    ]);
  });

  it('a change after signing shows as changed until both sign again', async () => {
    const edit = await main.patch('/api/ledger/projects/MQ-S1', { version: 1, set: { spentWan: 10 } });
    expect(edit.status).toBe(200);
    const changed = await stateOf(main);
    expect(changed).toMatchObject({ state: 'changed', main: { current: false }, deputy: { current: false } });
    await main.post('/api/signoffs', { countyCode: '411421', period, role: 'main' });
    expect((await stateOf(main)).state).toBe('changed');
    await deputy.post('/api/signoffs', { countyCode: '411421', period, role: 'deputy' });
    expect((await stateOf(main)).state).toBe('signed');
    // Another month is its own sign-off.
    expect(
      (await main.get('/api/signoffs?period=2020-05')).json().items.find((i: { countyCode: string }) => i.countyCode === '411421').state,
    ).toBe('unsigned');
  });

  it('refuses another county, accounts without the leader flag, anonymous visitors and bad periods', async () => {
    expect((await main.post('/api/signoffs', { countyCode: '411481', period, role: 'main' })).status).toBe(403);
    const yongcheng = await loggedIn(app, 'yongcheng');
    expect((await yongcheng.post('/api/signoffs', { countyCode: '411481', period, role: 'main' })).status).toBe(403);
    expect((await new Client(app).post('/api/signoffs', { countyCode: '411421', period, role: 'main' })).status).toBe(401);
    expect((await main.get('/api/signoffs?period=2020-13')).status).toBe(400);
    expect((await stateOf(yongcheng, '411481')).state).toBe('unsigned');
  });
});
