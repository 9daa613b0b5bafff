/**
 * The authorization matrix, generated from the route table (the OpenAPI document with each operation's
 * `x-permission`) × principals (anonymous, every role, a county editor of each of two counties) ×
 * targets in both counties. For every request it checks: refused with 401/403 exactly when the
 * permission table grants nothing; no household-level data to anyone but the editor of that county;
 * no write to another county's rows (households) and no account change by anyone but the administrator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { grantCovers, grantOf, type Principal } from '../../../server/auth/permissions.ts';
import { declaredPermission, defaultPermission } from '../../../server/auth/route-table.ts';
import type { Permission } from '../../../server/contracts/auth.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import {
  Client,
  Clock,
  captureConsole,
  fixtureHouseholds,
  fixtureUsers,
  householdDigest,
  makeApp,
  recorded,
  scanForPersonalData,
  seedFixtures,
  userDigest,
  type App,
  type FixtureUser,
} from './fixtures.ts';

let database: TestDatabase;
let app: App;
let logLines: string[];
const clock = new Clock();

interface Operation {
  method: string;
  path: string;
  permission: Permission | null;
  declared: boolean;
  parameters: { name: string; in: string; required?: boolean; example?: unknown; schema?: { example?: unknown; enum?: unknown[] } }[];
  hasBody: boolean;
}
let operations: Operation[] = [];

beforeAll(async () => {
  logLines = captureConsole();
  database = await openTestDatabase();
  await seedFixtures(database);
  // Every refusal is checked by its own audit row: no aggregation of repeated anonymous denials here.
  app = makeApp(database, clock, { denialWindowMs: 0 });
  // The API's document and the OGC API – Features service's own (/ogc/api): both route tables.
  for (const [prefix, url] of [
    ['/api', '/api/openapi.json'],
    ['/ogc', '/ogc/api'],
  ] as const) {
    const doc = await (await app.request(url)).json();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>)) {
      for (const [method, op] of Object.entries(item)) {
        const declared = declaredPermission(op);
        operations.push({
          method: method.toUpperCase(),
          path: path === '/' ? prefix : `${prefix}${path}`,
          permission: declared ?? defaultPermission(method),
          declared: declared !== undefined,
          parameters: (op.parameters as Operation['parameters']) ?? [],
          hasBody: op.requestBody !== undefined,
        });
      }
    }
  }
  // Operations that end or change the caller's own session or password go last for each principal.
  const last = (o: Operation) => (/\/auth\/(logout|password)$/.test(o.path) ? 1 : 0);
  operations = operations.sort((a, b) => last(a) - last(b));
});
afterAll(() => database?.dispose());

type Who = 'anonymous' | FixtureUser;
const principalsInOrder: Who[] = ['anonymous', 'leader', 'planner', 'yongcheng', 'minquan', 'admin'];

function principalOf(who: Who): Principal {
  if (who === 'anonymous') return { kind: 'anonymous' };
  const u = fixtureUsers[who];
  return { kind: 'user', id: 0, username: who, displayName: who, role: u.role, countyCode: u.countyCode, leader: u.leader };
}

const villageOf = { '411421': '411421100201', '411481': '411481100201' } as const;
const householdOf = { '411421': 'HHMQ0001', '411481': 'HHYC0001' } as const;
type County = keyof typeof villageOf;

/** One concrete request of an operation, aimed at a county (for county-scoped targets). */
interface Probe {
  url: string;
  body?: () => Promise<unknown>;
  county: County | null;
}

async function versionOf(id: string) {
  return (await database.rows<{ version: number }>(sql`SELECT version FROM households WHERE id = ${id}`))[0].version;
}

/** Requests for an operation: one per county when it takes a county-scoped target, else one. */
function probesOf(op: Operation): Probe[] {
  const countyScoped = op.parameters.some((p) => p.name === 'village') || /\/households/.test(op.path);
  const counties: (County | null)[] = countyScoped ? ['411421', '411481'] : [null];
  const probes: Probe[] = [];
  for (const county of counties) {
    let path = op.path;
    const query = new URLSearchParams();
    for (const p of op.parameters) {
      const example = p.example ?? p.schema?.example ?? p.schema?.enum?.[0];
      let value: string | undefined;
      if (p.name === 'village') value = villageOf[county ?? '411421'];
      else if (p.name === 'id' && path.includes('/households/')) value = householdOf[county ?? '411421'];
      else if (p.name === 'id' && path.includes('/users/'))
        value = '5'; // the planner fixture account
      else if (p.name === 'parent') value = '4114';
      else if (example !== undefined) value = String(example);
      else if (p.required) value = 'x';
      if (value === undefined) continue;
      if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(value));
      else if (p.in === 'query') query.set(p.name, value);
    }
    const url = query.size ? `${path}?${query}` : path;
    probes.push({ url, county, body: op.hasBody ? () => sampleBody(op, county) : undefined });
  }
  // A bulk edit that mixes both counties' rows.
  if (op.method === 'PATCH' && op.path === '/api/households') {
    probes.push({
      url: op.path,
      county: null,
      body: async () => ({
        updates: await Promise.all(Object.values(householdOf).map(async (id) => ({ id, version: await versionOf(id), dividend: true }))),
      }),
    });
  }
  return probes;
}

/** A valid body where the matrix knows the operation; `{}` otherwise (then 400 when allowed). */
async function sampleBody(op: Operation, county: County | null): Promise<unknown> {
  const key = `${op.method} ${op.path}`;
  switch (key) {
    case 'POST /api/auth/login':
      return { username: 'nobody', password: 'wrong-password-1' };
    case 'POST /api/auth/password':
      return { currentPassword: 'not-the-password', newPassword: 'a-new-long-passphrase' };
    case 'POST /api/users':
      return { username: `m${Math.floor(Math.random() * 1e9)}`, displayName: 'matrix', role: 'leader' };
    case 'PATCH /api/users/{id}':
      return { displayName: 'planner' };
    case 'POST /api/users/{id}/password':
      return { password: 'Reset-by-the-admin-2020' };
    case 'POST /api/households/{id}/unmask':
      return { reason: '授权矩阵测试' };
    case 'PATCH /api/households': {
      const id = householdOf[county ?? '411421'];
      return { updates: [{ id, version: await versionOf(id), industryMeasures: 2 }] };
    }
    default:
      return {};
  }
}

const householdPermissions = new Set<Permission>(['households:read', 'households:unmask', 'households:write']);

describe(`authorization matrix: routes × roles × counties (${testBackend})`, () => {
  it('reads the route table: every operation declares a permission, or is a read with the aggregates default', () => {
    expect(operations.length).toBeGreaterThan(10);
    expect(operations.filter((o) => o.path.startsWith('/ogc')).length).toBeGreaterThanOrEqual(8);
    const undeclaredWrites = operations.filter((o) => !o.declared && o.method !== 'GET');
    expect(undeclaredWrites.map((o) => `${o.method} ${o.path}`)).toEqual([]);
    // Every household-level route is declared with a household permission.
    for (const o of operations.filter((o) => o.path.startsWith('/api/households')))
      expect(householdPermissions.has(o.permission!)).toBe(true);
  });

  it('proves zero leaks and zero foreign writes', async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const who of principalsInOrder) {
      const client = new Client(app, who);
      if (who !== 'anonymous') await client.login(who);
      const principal = principalOf(who);
      for (const op of operations) {
        for (const probe of probesOf(op)) {
          // Keep the principal logged in (logout or a password change by an earlier probe ends it).
          if (who !== 'anonymous' && (await client.get('/api/auth/me')).json().user === null) await client.login(who);
          const beforeHouseholds = await householdDigest(database);
          const beforeUsers = await userDigest(database);
          const body = probe.body ? await probe.body() : undefined;
          const res = await client.request(op.method, probe.url, body === undefined ? {} : { json: body });
          requests++;
          const where = `${who} ${op.method} ${probe.url} → ${res.status}`;
          const grant = op.permission ? grantOf(principal, op.permission, { anonymousRead: true }) : null;

          // 1. Refused, with an audited denial, exactly when the permission table grants nothing
          //    (401 anonymous, 403 otherwise). (A 401 from a wrong password is not a denial.)
          const denials = await database.rows<{ n: number }>(
            sql`SELECT count(*)::int AS n FROM audit_log WHERE request_id = ${res.headers.get('x-request-id')} AND action = 'access.denied'`,
          );
          const denied = denials[0].n > 0;
          if (!grant) {
            if (res.status !== (who === 'anonymous' ? 401 : 403) || !denied)
              failures.push(`${where}: expected an audited refusal (${op.permission})`);
          } else if (denied) {
            failures.push(`${where}: refused although ${op.permission} is granted`);
          }
          // 2. County-scoped targets: allowed only within the grant's county, 403 outside it.
          if (grant && op.permission && householdPermissions.has(op.permission)) {
            const allowed = probe.county !== null && grantCovers(grant, probe.county);
            if (allowed && res.status !== 200) failures.push(`${where}: own county refused`);
            if (!allowed && res.status !== 403) failures.push(`${where}: foreign or mixed target not refused`);
          }
          // 3. Household-level data only to the editor of that county (checked for every response).
          for (const h of fixtureHouseholds) {
            const leaked = [h.id, h.holderName, h.idNumber].some((s) => res.text.includes(s));
            const mayRead = principal.kind === 'user' && principal.role === 'county_editor' && principal.countyCode === h.county;
            if (leaked && !mayRead) failures.push(`${where}: leaks household ${h.id}`);
          }
          // 4. No write outside the grant: foreign counties' households and (for non-admins) accounts unchanged.
          const afterHouseholds = await householdDigest(database);
          for (const county of Object.keys(beforeHouseholds)) {
            const writable = grantCovers(grantOf(principal, 'households:write', { anonymousRead: true }), county);
            if (!writable && afterHouseholds[county] !== beforeHouseholds[county])
              failures.push(`${where}: changed households of ${county}`);
          }
          if (who !== 'admin' && (await userDigest(database)) !== beforeUsers) failures.push(`${where}: changed accounts`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(principalsInOrder.length * operations.length);
    // The editors did reach their own rows (the matrix is not vacuous).
    const reached = recorded.filter((r) => r.status === 200 && r.path.startsWith('/api/households'));
    expect(new Set(reached.map((r) => r.who))).toEqual(new Set(['minquan', 'yongcheng']));
  });

  it('anonymous read off: every operation but the public ones answers 401 to anonymous visitors', async () => {
    const closed = makeApp(database, clock, { anonymousRead: false });
    const anon = new Client(closed, 'anonymous');
    const wrong: string[] = [];
    for (const op of operations) {
      for (const probe of probesOf(op)) {
        const body = probe.body ? await probe.body() : undefined;
        const res = await anon.request(op.method, probe.url, body === undefined ? {} : { json: body });
        if (op.permission !== 'public' && res.status !== 401) wrong.push(`${op.method} ${probe.url} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('no response or log line of the matrix holds personal data', () => {
    expect(scanForPersonalData(logLines)).toEqual([]);
  });
});
