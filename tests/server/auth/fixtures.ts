/**
 * Fixtures for the auth integration tests: a few regions, households with FAKE names and ID numbers
 * (the demo has none), one account per role, an app with an injectable clock, a cookie-keeping client
 * that records every response, and the scan that proves no personal data left the server.
 */
import { sql } from 'drizzle-orm';
import { expect, vi } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { maskIdNumber, maskName } from '../../../server/auth/mask.ts';
import type { SecurityOptions } from '../../../server/auth/options.ts';
import { hashPassword } from '../../../server/auth/password.ts';
import type { Role } from '../../../server/contracts/auth.ts';
import type { Database } from '../../../server/db/client.ts';
import { households, regions, users } from '../../../server/db/schema.ts';

/** scrypt parameters for tests only: fast, same code path. */
export const cheapScrypt = { N: 2 ** 10, r: 8, p: 1 };

export const counties = { minquan: '411421', yongcheng: '411481' } as const;

export const fixtureHouseholds = [
  {
    id: 'HHMQ0001',
    county: '411421',
    township: '411421100',
    village: '411421100201',
    holderName: '张三明',
    idNumber: '411421198001011234',
    lng: 115.143217,
    lat: 34.648123,
  },
  {
    id: 'HHMQ0002',
    county: '411421',
    township: '411421100',
    village: '411421100201',
    holderName: '欧阳小明',
    idNumber: '41142119850202456X',
    lng: 115.152931,
    lat: 34.653377,
  },
  {
    id: 'HHMQ0003',
    county: '411421',
    township: '411421100',
    village: '411421100202',
    holderName: '李四光',
    idNumber: '411421199003035678',
    lng: 115.161749,
    lat: 34.661259,
  },
  {
    id: 'HHYC0001',
    county: '411481',
    township: '411481100',
    village: '411481100201',
    holderName: '王五福',
    idNumber: '411481197704047890',
    lng: 116.447611,
    lat: 33.929347,
  },
  {
    id: 'HHYC0002',
    county: '411481',
    township: '411481100',
    village: '411481100201',
    holderName: '赵六顺',
    idNumber: '411481196612129012',
    lng: 116.451283,
    lat: 33.931977,
  },
] as const;
export type FixtureHousehold = (typeof fixtureHouseholds)[number];

export const fixtureUsers = {
  admin: { role: 'city_admin' as Role, countyCode: null, leader: false },
  minquan: { role: 'county_editor' as Role, countyCode: '411421', leader: true },
  yongcheng: { role: 'county_editor' as Role, countyCode: '411481', leader: false },
  leader: { role: 'leader' as Role, countyCode: null, leader: false },
  planner: { role: 'planner' as Role, countyCode: null, leader: false },
};
export type FixtureUser = keyof typeof fixtureUsers;
/** County of each county editor the tests log in as (fixture users, plus any a test creates). */
export const editorCounty: Record<string, string> = Object.fromEntries(
  Object.entries(fixtureUsers).flatMap(([u, f]) => (f.role === 'county_editor' && f.countyCode ? [[u, f.countyCode]] : [])),
);
export const passwordOf = (username: string) => `Fixture-pass-${username}-2020`;

/** Regions, households and users for the tests, in an empty migrated database. */
export async function seedFixtures(database: Database): Promise<void> {
  await database.db.insert(regions).values([
    { code: '4114', level: 'city', name: '商丘市' },
    { code: '411421', level: 'county', name: '民权县', parentCode: '4114', countyCode: '411421' },
    { code: '411481', level: 'county', name: '永城市', parentCode: '4114', countyCode: '411481' },
    { code: '411421100', level: 'township', name: '城关镇', parentCode: '411421', countyCode: '411421' },
    { code: '411481100', level: 'township', name: '演集镇', parentCode: '411481', countyCode: '411481' },
    { code: '411421100201', level: 'village', name: '东村', parentCode: '411421100', countyCode: '411421', isPoorVillage: true },
    { code: '411421100202', level: 'village', name: '西村', parentCode: '411421100', countyCode: '411421' },
    { code: '411481100201', level: 'village', name: '南村', parentCode: '411481100', countyCode: '411481', isPoorVillage: true },
  ]);
  await database.db.insert(households).values(
    fixtureHouseholds.map((h, i) => ({
      id: h.id,
      countyCode: h.county,
      townshipCode: h.township,
      villageCode: h.village,
      category: (['not_lifted', 'edge', 'monitored', 'lifted'] as const)[i % 4],
      labour: 'full' as const,
      members: 3,
      industryMeasures: 1,
      incomePerCapitaYuan: 4321.5,
      holderName: h.holderName,
      idNumber: h.idNumber,
      geom: { type: 'Point' as const, coordinates: [h.lng, h.lat] },
    })),
  );
  for (const [username, u] of Object.entries(fixtureUsers)) {
    await database.db
      .insert(users)
      .values({ username, displayName: username, passwordHash: await hashPassword(passwordOf(username), cheapScrypt), ...u });
  }
}

/** A clock the tests move. */
export class Clock {
  t = Date.parse('2020-06-22T09:00:00+08:00');
  now = () => new Date(this.t);
  advanceMinutes(m: number) {
    this.t += m * 60_000;
  }
}

export function makeApp(database: Database, clock: Clock, security: Partial<SecurityOptions> = {}) {
  return createApp({ database, security: { scrypt: cheapScrypt, now: clock.now, ...security } });
}
export type App = ReturnType<typeof makeApp>;

export interface Recorded {
  who: string;
  method: string;
  path: string;
  status: number;
  body: string;
  headers: Headers;
}

/** Every response of the test file, for the personal-data scan. */
export const recorded: Recorded[] = [];

/** A browser-like client: keeps its session cookie, sends same-origin headers, records responses. */
export class Client {
  cookie: string | undefined;
  constructor(
    private app: App,
    readonly who = 'anonymous',
  ) {}

  async request(
    method: string,
    path: string,
    init: { json?: unknown; body?: BodyInit; headers?: Record<string, string>; base?: string } = {},
  ) {
    const headers: Record<string, string> = { ...(this.cookie ? { Cookie: `fupin_session=${this.cookie}` } : {}) };
    if (method !== 'GET') Object.assign(headers, { Origin: 'http://localhost', 'Sec-Fetch-Site': 'same-origin' });
    let body = init.body;
    if (init.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    Object.assign(headers, init.headers);
    for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
    const res = await this.app.request(`${init.base ?? 'http://localhost'}${path}`, { method, headers, body });
    const setCookie = res.headers.get('set-cookie');
    const m = setCookie?.match(/fupin_session=([^;]*)/);
    if (m) this.cookie = m[1] && !/Max-Age=0/i.test(setCookie!) ? m[1] : undefined;
    const text = await res.text();
    recorded.push({ who: this.who, method, path, status: res.status, body: text, headers: res.headers });
    return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
  }
  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, { headers });
  }
  post(path: string, json?: unknown, headers?: Record<string, string>) {
    return this.request('POST', path, { json, headers });
  }
  patch(path: string, json: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', path, { json, headers });
  }
  async login(username: string, password = passwordOf(username)) {
    const res = await this.post('/api/auth/login', { username, password });
    expect(res.status, `login ${username}: ${res.text}`).toBe(200);
    return this;
  }
}

export async function loggedIn(app: App, username: FixtureUser) {
  return new Client(app, username).login(username);
}

/** Audit rows, newest last. */
export async function auditRows(database: Database, where = sql`TRUE`) {
  return database.rows<{
    id: number;
    action: string;
    target: string | null;
    result: string;
    username: string | null;
    user_id: number | null;
    ip: string | null;
    request_id: string | null;
    detail: Record<string, unknown> | null;
  }>(sql`SELECT id::int, action, target, result, username, user_id, ip, request_id, detail FROM audit_log WHERE ${where} ORDER BY id`);
}

/** A digest of the household rows per county, to prove nothing changed. */
export async function householdDigest(database: Database): Promise<Record<string, string>> {
  const rows = await database.rows<{ county: string; digest: string }>(sql`
    SELECT county_code AS county, md5(string_agg(h::text, '|' ORDER BY id)) AS digest FROM households h GROUP BY county_code`);
  return Object.fromEntries(rows.map((r) => [r.county, r.digest]));
}

/** A digest of the accounts (without login times). */
export async function userDigest(database: Database): Promise<string> {
  const [row] = await database.rows<{ digest: string }>(sql`
    SELECT md5(string_agg(concat_ws(',', id, username, display_name, role, county_code, leader, disabled, password_hash), '|' ORDER BY id)) AS digest FROM users`);
  return row.digest;
}

/** Strings that reveal one household: id, name and ID number, masked or not, and its coordinates. */
export function householdMarkers(h: FixtureHousehold) {
  return {
    unmasked: [h.holderName, h.idNumber],
    masked: [h.id, maskName(h.holderName)!, maskIdNumber(h.idNumber)!, String(h.lng).slice(0, 8), String(h.lat).slice(0, 7)],
  };
}

/** Capture console output of the file so the scan covers log lines too. */
export function captureConsole(): string[] {
  const lines: string[] = [];
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(
        args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '),
      );
    });
  }
  return lines;
}

/**
 * The personal-data scan: no response body, header or log line holds an 18-digit ID number or a
 * fixture name; unmasked values appear only in the answers of the audited unmask action, masked
 * records only in the household list of a county editor of that county.
 */
export function scanForPersonalData(logLines: string[]) {
  const unmaskRoute = /^\/api\/households\/[^/]+\/unmask$/;
  const problems: string[] = [];
  for (const r of recorded) {
    const text = `${r.body}\n${[...r.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}`;
    const isUnmask = r.method === 'POST' && unmaskRoute.test(r.path) && r.status === 200;
    const isList = r.method === 'GET' && r.path.startsWith('/api/households?') && r.status === 200;
    for (const h of fixtureHouseholds) {
      const { unmasked, masked } = householdMarkers(h);
      const ownEditor = editorCounty[r.who] === h.county;
      const hit = (s: string) => text.includes(s);
      if (unmasked.some(hit) && !(isUnmask && ownEditor))
        problems.push(`${r.who} ${r.method} ${r.path} → ${r.status}: unmasked data of ${h.id}`);
      if (masked.some(hit) && !((isUnmask || isList) && ownEditor))
        problems.push(`${r.who} ${r.method} ${r.path} → ${r.status}: household-level data of ${h.id}`);
    }
    if (!isUnmask && /\d{17}[\dXx]/.test(text)) problems.push(`${r.who} ${r.method} ${r.path} → ${r.status}: an 18-digit ID number`);
  }
  for (const line of logLines) {
    if (/\d{17}[\dXx]/.test(line)) problems.push(`log line with an 18-digit ID: ${line.slice(0, 120)}`);
    for (const h of fixtureHouseholds) {
      const { unmasked, masked } = householdMarkers(h);
      if ([...unmasked, ...masked].some((s) => line.includes(s))) problems.push(`log line with data of ${h.id}: ${line.slice(0, 120)}`);
    }
  }
  return problems;
}
