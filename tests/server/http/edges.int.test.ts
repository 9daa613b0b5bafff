/**
 * Edges of the HTTP surface (server/http/edges.ts): parameters outside sane ranges or with control
 * characters answer 400 (never 500), the server log never prints SQL parameters, the Host header is
 * checked against ALLOWED_HOSTS, and unknown /api paths answer JSON 404 even with the client mounted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../server/app.ts';
import type { Database } from '../../../server/db/client.ts';
import { mountClient } from '../../../server/static.ts';
import { hostAllowed, parseAllowedHosts } from '../../../server/http/edges.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import { Client, Clock, loggedIn, makeApp, seedFixtures, type App } from '../auth/fixtures.ts';

let database: TestDatabase;
let app: App;
let admin: Client;
let minquan: Client;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedFixtures(database);
  app = makeApp(database, new Clock());
  admin = await loggedIn(app, 'admin');
  minquan = await loggedIn(app, 'minquan');
});
afterAll(() => database?.dispose());

describe(`parameters out of range or with control characters (${testBackend})`, () => {
  it.each([
    '/api/layers/projects?asOf=0000-01-01',
    '/api/layers/pv-stations?asOf=9999-12-31',
    '/api/measures/spend_rate?level=county&parent=4114&asOf=1900-01-01',
    '/api/audit?from=0000-01-01T00:00:00Z',
    '/api/audit?page=100000000000000000000',
    '/api/audit?username=ad%00min',
    '/api/audit?action=auth.login%01',
    '/api/regions?level=county&parent=41%0014',
  ])('GET %s → 400', async (url) => {
    const res = await admin.get(url);
    expect(res.status, res.text).toBe(400);
    expect(res.json().error.message).not.toMatch(/select|insert|params/i);
  });

  it('a NUL byte in a login name → 400', async () => {
    const res = await new Client(app).post('/api/auth/login', { username: 'ad\u0000min', password: 'whatever-it-is' });
    expect(res.status).toBe(400);
    expect(res.json().error.message).toMatch(/username: control characters/);
  });

  it('a NUL byte in an unmask reason → 400', async () => {
    const res = await minquan.post('/api/households/HHMQ0001/unmask', { reason: '核对\u0000材料' });
    expect(res.status).toBe(400);
  });

  it('line breaks in free text stay allowed', async () => {
    const res = await minquan.post('/api/households/HHMQ0001/unmask', { reason: '核对低保材料\n第二行' });
    expect(res.status).toBe(200);
  });
});

describe('the server log', () => {
  it('never prints the SQL or its parameters of a failed query', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(' ')));
    const failing = {
      kind: 'embedded',
      rows: async () => {
        const err = new Error('Failed query: SELECT code FROM regions WHERE code = $1\nparams: 411421100201');
        throw Object.assign(err, { cause: Object.assign(new Error('invalid byte sequence'), { code: '22021' }) });
      },
    } as unknown as Database;
    try {
      const res = await createApp({ database: failing }).request('/api/layers/households/areas?level=village&parent=411421100');
      expect(res.status).toBe(500);
    } finally {
      spy.mockRestore();
    }
    expect(lines.join('\n')).toMatch(/22021/);
    expect(lines.join('\n')).not.toMatch(/411421100|SELECT|params/);
  });
});

describe('allowed hosts', () => {
  it.each([
    { host: 'localhost:8787', allowed: undefined, ok: true },
    { host: '127.0.0.1', allowed: undefined, ok: true },
    { host: '[::1]:8787', allowed: undefined, ok: true },
    { host: 'attacker.example', allowed: undefined, ok: false },
    { host: 'localhost.attacker.example', allowed: undefined, ok: false },
    { host: 'map.example.cn', allowed: 'map.example.cn', ok: true },
    { host: 'evilmap.example.cn', allowed: 'map.example.cn', ok: false },
    { host: 'a.example.cn', allowed: '.example.cn', ok: true },
    { host: 'anything', allowed: '*', ok: true },
  ])('$host with ALLOWED_HOSTS=$allowed → $ok', ({ host, allowed, ok }) => {
    expect(hostAllowed(host, parseAllowedHosts(allowed))).toBe(ok);
  });

  it('refuses a request addressed to another host (DNS rebinding) with 421', async () => {
    const res = await app.request('http://localhost/api/health', { headers: { Host: 'rebind.attacker.example' } });
    expect(res.status).toBe(421);
    expect((await res.json()).error.message).toMatch(/ALLOWED_HOSTS/);
    const allowed = makeApp(database, new Clock(), { allowedHosts: ['map.example.cn'] });
    expect((await allowed.request('http://map.example.cn/api/health')).status).toBe(200);
    expect((await allowed.request('http://localhost/api/health')).status).toBe(421);
  });
});

describe('unknown API paths', () => {
  it('answer JSON 404, not the client page, with the client mounted', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'client-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>app</title>');
    try {
      const withClient = makeApp(database, new Clock());
      expect(mountClient(withClient, dir)).toBe(true);
      const res = await withClient.request('/api/nope');
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/json/);
      expect((await res.json()).error.message).toMatch(/No API route/);
      expect((await withClient.request('/some/page')).status).toBe(200);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
