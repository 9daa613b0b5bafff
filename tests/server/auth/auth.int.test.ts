import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushDenials } from '../../../server/auth/denials.ts';
import { parseAdminArgs, runAdminCommand, type AdminCommand } from '../../../server/cli/admin.ts';
import { LOGIN_FAILED_MESSAGE } from '../../../server/routes/auth.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import {
  Client,
  Clock,
  auditRows,
  captureConsole,
  editorCounty,
  loggedIn,
  makeApp,
  passwordOf,
  recorded,
  scanForPersonalData,
  seedFixtures,
  type App,
} from './fixtures.ts';

let database: TestDatabase;
let app: App;
const clock = new Clock();
let logLines: string[];

beforeAll(async () => {
  logLines = captureConsole();
  database = await openTestDatabase();
  await seedFixtures(database);
  app = makeApp(database, clock);
});
afterAll(() => database?.dispose());

const sessionsOf = async (username: string) => {
  const [row] = await database.rows<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = ${username}`,
  );
  return row.n;
};

describe(`accounts and sessions (${testBackend})`, () => {
  it('logs in with an HttpOnly, SameSite=Lax session cookie and answers /me', async () => {
    const c = new Client(app, 'planner');
    const res = await c.post('/api/auth/login', { username: ' Planner ', password: passwordOf('planner') });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^fupin_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/); // plain http
    const me = (await c.get('/api/auth/me')).json();
    expect(me.user).toMatchObject({ username: 'planner', role: 'planner', countyCode: null });
    expect(me.grants).toEqual(expect.arrayContaining([{ permission: 'siting:use', scope: 'all' }]));
    expect(me.grants.map((g: { permission: string }) => g.permission)).not.toContain('households:read');
    // Only the hash of the token is stored.
    const [row] = await database.rows<{ id_hash: string }>(sql`SELECT id_hash FROM sessions ORDER BY created_at DESC LIMIT 1`);
    expect(row.id_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.id_hash).not.toBe(c.cookie);
  });

  it('sets the Secure flag over https (or behind a trusted https proxy)', async () => {
    const c = new Client(app, 'leader');
    await c.request('POST', '/api/auth/login', {
      json: { username: 'leader', password: passwordOf('leader') },
      base: 'https://localhost',
      headers: { Origin: 'https://localhost' },
    });
    expect(recorded.at(-1)!.headers.get('set-cookie')).toMatch(/; Secure/);
    const proxied = makeApp(database, clock, { trustProxy: true });
    const p = new Client(proxied, 'leader');
    await p.request('POST', '/api/auth/login', {
      json: { username: 'leader', password: passwordOf('leader') },
      headers: { 'X-Forwarded-Proto': 'https', Origin: '' },
    });
    expect(recorded.at(-1)!.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('gives the same answer for an unknown user, a wrong password and a disabled account, and audits each', async () => {
    const admin = await loggedIn(app, 'admin');
    const created = await admin.post('/api/users', {
      username: 'retired',
      displayName: '退休',
      role: 'leader',
      password: 'old-account-passphrase',
    });
    expect(created.status).toBe(201);
    expect((await admin.patch(`/api/users/${created.json().user.id}`, { disabled: true })).status).toBe(200);

    const attempts = [
      { username: 'nobody', password: passwordOf('nobody') },
      { username: 'planner', password: 'wrong-password-123' },
      { username: 'retired', password: 'old-account-passphrase' },
    ];
    const answers = [];
    for (const a of attempts) {
      const res = await new Client(app).post('/api/auth/login', a);
      answers.push({ status: res.status, body: res.text, cookie: res.headers.get('set-cookie') });
    }
    expect(answers.every((a) => a.status === 401 && a.cookie === null)).toBe(true);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(JSON.parse(answers[0].body).error.message).toBe(LOGIN_FAILED_MESSAGE);
    const rows = await auditRows(database, sql`action = 'auth.login' AND result = 'failed'`);
    expect(rows.slice(-3).map((r) => [r.username, r.detail?.reason])).toEqual([
      ['nobody', 'unknown_user'],
      ['planner', 'wrong_password'],
      ['retired', 'disabled'],
    ]);
    expect(rows.at(-1)!.request_id).toBeTruthy();
  });

  it('delays a client progressively after 5 failures of a username, known or not, without locking the owner out', async () => {
    const proxied = makeApp(database, clock, { trustProxy: true });
    const from = (ip: string) => ({ 'X-Forwarded-For': ip });
    const attacker = new Client(proxied);
    const wrong = (username: string, ip = '203.0.113.9') =>
      attacker.post('/api/auth/login', { username, password: 'wrong-password-000' }, from(ip));
    const waitSeconds = (s: number) => (clock.t += s * 1000);
    for (const username of ['admin', 'ghost']) {
      // Four failures cost nothing; the fifth makes this client wait 30 s before its next try.
      for (let i = 0; i < 5; i++) expect((await wrong(username)).status).toBe(401);
      const held = await attacker.post('/api/auth/login', { username, password: passwordOf(username) }, from('203.0.113.9'));
      expect(held.status).toBe(429);
      expect(held.headers.get('retry-after')).toBe('30');
      expect(held.json().error.message).toMatch(/^登录失败次数过多：请 30 秒后再试；.*联系管理员解锁/);
    }
    // The owner, from another client, logs in at once: the attacker cannot lock `admin` out.
    expect(
      (await new Client(proxied).post('/api/auth/login', { username: 'admin', password: passwordOf('admin') }, from('198.51.100.7')))
        .status,
    ).toBe(200);
    // Each further failure doubles the wait: 30 s → 60 s → 120 s …, never more than LOCKOUT_MINUTES (15 min).
    const waits: string[] = [];
    for (let i = 0; i < 7; i++) {
      waitSeconds(Number((await wrong('admin')).headers.get('retry-after') ?? 0));
      waitSeconds(901);
      expect((await wrong('admin')).status).toBe(401);
      const held = await wrong('admin');
      expect(held.status).toBe(429);
      waits.push(held.headers.get('retry-after')!);
    }
    expect(waits).toEqual(['60', '120', '240', '480', '900', '900', '900']);
    expect((await auditRows(database, sql`action = 'auth.login' AND detail->>'reason' = 'delayed'`)).length).toBeGreaterThanOrEqual(9);
    // After the wait, the right password works from that client too, and clears its streak.
    waitSeconds(900);
    expect((await attacker.post('/api/auth/login', { username: 'admin', password: passwordOf('admin') }, from('203.0.113.9'))).status).toBe(
      200,
    );
    for (let i = 0; i < 4; i++) expect((await wrong('admin')).status).toBe(401);
    expect((await attacker.post('/api/auth/login', { username: 'admin', password: passwordOf('admin') }, from('203.0.113.9'))).status).toBe(
      200,
    );
  });

  it('lets the operator unlock a name from every client (npm run admin -- unlock NAME), audited', async () => {
    const proxied = makeApp(database, clock, { trustProxy: true });
    const from = (ip: string) => ({ 'X-Forwarded-For': ip });
    for (const ip of ['192.0.2.1', '192.0.2.2'])
      for (let i = 0; i < 5; i++)
        await new Client(proxied).post('/api/auth/login', { username: 'planner', password: 'wrong-password-000' }, from(ip));
    expect(
      (await new Client(proxied).post('/api/auth/login', { username: 'planner', password: passwordOf('planner') }, from('192.0.2.1')))
        .status,
    ).toBe(429);
    const command = parseAdminArgs(['unlock', ' Planner ']);
    expect(command).toEqual({ ok: true, command: { command: 'unlock', username: 'planner' } });
    const [{ n: clients }] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM login_throttle WHERE username = 'planner'`,
    );
    expect(clients).toBeGreaterThanOrEqual(2);
    const lines = await runAdminCommand(database, (command as { command: AdminCommand }).command, clock.now);
    expect(lines[0]).toMatch(new RegExp(`^已解锁 planner：清除了 ${clients} 台设备的登录失败记录`));
    for (const ip of ['192.0.2.1', '192.0.2.2'])
      expect(
        (await new Client(proxied).post('/api/auth/login', { username: 'planner', password: passwordOf('planner') }, from(ip))).status,
      ).toBe(200);
    const [row] = await auditRows(database, sql`action = 'auth.unlock'`);
    expect(row).toMatchObject({ username: 'operator', target: 'user:planner', result: 'ok', detail: { clients, accountExists: true } });
    expect((await runAdminCommand(database, { command: 'unlock', username: 'no-such-name' }, clock.now)).join('\n')).toMatch(
      /无需解锁[\s\S]*没有名为 no-such-name 的账号/,
    );
    expect(parseAdminArgs(['unlock'])).toMatchObject({ ok: false, message: expect.stringMatching(/unlock 需要且只需要一个用户名/) });
    expect(parseAdminArgs(['lock', 'x'])).toMatchObject({ ok: false, message: expect.stringMatching(/未知命令 lock/) });
    expect(parseAdminArgs(['unlock', 'a\u0000b'])).toMatchObject({ ok: false, message: expect.stringMatching(/控制字符/) });
  });

  it('rate-limits login attempts per client IP and username (429 with Retry-After)', async () => {
    const limited = makeApp(database, clock, { loginRatePerMinute: 3, loginMaxFailures: 100, trustProxy: true });
    const from = (ip: string) => ({ 'X-Forwarded-For': ip });
    const c = new Client(limited);
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await c.post('/api/auth/login', { username: 'leader', password: 'wrong-password-1' }, from('10.0.0.1'))).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(recorded.at(-1)!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await c.post('/api/auth/login', { username: 'leader', password: 'wrong-password-1' }, from('10.0.0.2'))).status).toBe(401);
    const [row] = await auditRows(database, sql`detail->>'reason' = 'rate_limited'`);
    expect(row).toMatchObject({ username: 'leader', result: 'denied', ip: '10.0.0.1' });
  });

  it('logout ends the session on the server: the old cookie no longer works', async () => {
    const c = await loggedIn(app, 'leader');
    const token = c.cookie!;
    const res = await c.post('/api/auth/logout');
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/fupin_session=;.*Max-Age=0/);
    c.cookie = token; // replay the old cookie
    expect((await c.post('/api/auth/password', { currentPassword: 'x', newPassword: 'y' })).status).toBe(401);
    expect((await c.get('/api/auth/me')).json().user).toBeNull();
    expect((await auditRows(database, sql`action = 'auth.logout'`)).at(-1)).toMatchObject({ username: 'leader', result: 'ok' });
  });

  it('ends a session after 30 minutes without a request (idle timeout) and audits it', async () => {
    const c = await loggedIn(app, 'minquan');
    for (let i = 0; i < 3; i++) {
      clock.advanceMinutes(29);
      expect((await c.get('/api/auth/me')).json().user?.username).toBe('minquan');
    }
    clock.advanceMinutes(31);
    const res = await c.get('/api/households?village=411421100201');
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await auditRows(database, sql`action = 'auth.session'`)).at(-1)).toMatchObject({
      username: null,
      result: 'denied',
      detail: { reason: 'idle' },
    });
  });

  it('ends a session 12 hours after login however active (absolute timeout)', async () => {
    const c = await loggedIn(app, 'minquan');
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      clock.advanceMinutes(20);
      expect((await c.get('/api/auth/me')).json().user?.username, `after ${minutes + 20} min`).toBe('minquan');
    }
    clock.advanceMinutes(20);
    expect((await c.get('/api/auth/me')).json().user).toBeNull();
    expect((await auditRows(database, sql`action = 'auth.session'`)).at(-1)).toMatchObject({ detail: { reason: 'expired' } });
  });

  it('takes idle and absolute timeouts from the settings', async () => {
    const short = makeApp(database, clock, { sessionIdleMs: 5 * 60_000, sessionMaxMs: 60 * 60_000 });
    const c = await loggedIn(short, 'planner');
    clock.advanceMinutes(6);
    expect((await c.get('/api/auth/me')).json().user).toBeNull();
  });

  it.each([
    { title: 'forged (well-formed) cookie', cookie: 'A'.repeat(43), reason: 'unknown' },
    { title: 'malformed cookie', cookie: 'not-a-session', reason: 'malformed' },
  ])('refuses a $title with 401 and an audit row', async ({ cookie, reason }) => {
    const c = new Client(app, 'forger');
    c.cookie = cookie;
    const res = await c.get('/api/users');
    expect(res.status).toBe(401);
    expect((await auditRows(database, sql`action = 'auth.session'`)).at(-1)).toMatchObject({ detail: { reason } });
    expect((await auditRows(database, sql`action = 'access.denied'`)).at(-1)).toMatchObject({ target: 'GET /api/users', result: 'denied' });
  });

  it('ends the sessions of a user at once when the administrator disables them', async () => {
    const editor = await loggedIn(app, 'yongcheng');
    const second = await loggedIn(app, 'yongcheng');
    expect((await editor.get('/api/households?village=411481100201')).status).toBe(200);
    const admin = await loggedIn(app, 'admin');
    const id = (await admin.get('/api/users')).json().items.find((u: { username: string }) => u.username === 'yongcheng').id;
    const res = await admin.patch(`/api/users/${id}`, { disabled: true });
    expect(res.status).toBe(200);
    expect(await sessionsOf('yongcheng')).toBe(0);
    for (const c of [editor, second]) expect((await c.get('/api/households?village=411481100201')).status).toBe(401);
    expect((await new Client(app).post('/api/auth/login', { username: 'yongcheng', password: passwordOf('yongcheng') })).status).toBe(401);
    expect((await auditRows(database, sql`action = 'users.disable'`)).at(-1)).toMatchObject({
      username: 'admin',
      target: 'user:yongcheng',
      detail: { sessionsEnded: 2 },
    });
    expect((await admin.patch(`/api/users/${id}`, { disabled: false })).status).toBe(200);
    await loggedIn(app, 'yongcheng');
  });

  it('lets the administrator create users, assign roles and counties, and reset passwords', async () => {
    const admin = await loggedIn(app, 'admin');
    const created = await admin.post('/api/users', {
      username: 'suixian',
      displayName: '睢县',
      role: 'county_editor',
      countyCode: '411421',
    });
    expect(created.status).toBe(201);
    const { user, password } = created.json();
    editorCounty.suixian = '411421';
    expect(password).toMatch(/^[A-Za-z2-9]{16}$/);
    expect(created.text).not.toMatch(/scrypt|passwordHash/);
    const sx = await new Client(app, 'suixian').login('suixian', password);
    expect((await sx.get('/api/households?village=411421100201')).status).toBe(200);
    // Moving the editor to another county ends its session: the old rights do not linger.
    expect((await admin.patch(`/api/users/${user.id}`, { countyCode: '411481' })).status).toBe(200);
    expect((await sx.get('/api/households?village=411421100201')).status).toBe(401);
    const reset = await admin.post(`/api/users/${user.id}/password`, {});
    expect(reset.status).toBe(200);
    expect((await new Client(app).post('/api/auth/login', { username: 'suixian', password })).status).toBe(401);
    await new Client(app, 'suixian').login('suixian', reset.json().password);
    expect((await auditRows(database, sql`target = 'user:suixian' AND action LIKE 'users.%'`)).map((r) => r.action)).toEqual([
      'users.create',
      'users.grant_unmask', // a county editor may unmask: its own audited action (below)
      'users.update',
      'users.grant_unmask', // moved to another county: the right now reaches other households
      'users.password_reset',
    ]);
  });

  it.each([
    {
      title: 'county editor without county',
      body: { username: 'bad1', displayName: 'x', role: 'county_editor' },
      status: 400,
      message: /countyCode/,
    },
    {
      title: 'county that does not exist',
      body: { username: 'bad2', displayName: 'x', role: 'county_editor', countyCode: '419999' },
      status: 400,
      message: /419999/,
    },
    {
      title: 'leader flag on a planner',
      body: { username: 'bad3', displayName: 'x', role: 'planner', leader: true },
      status: 400,
      message: /leader/,
    },
    {
      title: 'county on a leader',
      body: { username: 'bad4', displayName: 'x', role: 'leader', countyCode: '411421' },
      status: 400,
      message: /countyCode/,
    },
    { title: 'weak password', body: { username: 'bad5', displayName: 'x', role: 'leader', password: 'short' }, status: 400, message: /12/ },
    { title: 'taken username', body: { username: 'planner', displayName: 'x', role: 'leader' }, status: 409, message: /taken/ },
    { title: 'bad username', body: { username: 'Bad Name!', displayName: 'x', role: 'leader' }, status: 400, message: /username/ },
  ])('refuses to create a user: $title', async ({ body, status, message }) => {
    const admin = await loggedIn(app, 'admin');
    const res = await admin.post('/api/users', body);
    expect(res.status).toBe(status);
    expect(res.json().error.message).toMatch(message);
    expect((await auditRows(database)).at(-1)).toMatchObject({ action: 'request.rejected', result: 'rejected', target: 'POST /api/users' });
  });

  it('audits giving an account the right to unmask household records as its own action, naming the administrator', async () => {
    const admin = await loggedIn(app, 'admin');
    const grants = () => auditRows(database, sql`action = 'users.grant_unmask'`);
    const before = (await grants()).length;
    const puppet = await admin.post('/api/users', { username: 'puppet', displayName: '傀儡', role: 'county_editor', countyCode: '411421' });
    expect(puppet.status).toBe(201);
    const viewer = await admin.post('/api/users', { username: 'viewer', displayName: '只读', role: 'leader' });
    expect(viewer.status).toBe(201);
    const viewerId = viewer.json().user.id;
    // A name change of a county editor grants nothing new; making the leader a county editor does, and so does moving it.
    expect((await admin.patch(`/api/users/${puppet.json().user.id}`, { displayName: '傀儡二' })).status).toBe(200);
    expect((await admin.patch(`/api/users/${viewerId}`, { role: 'county_editor', countyCode: '411481' })).status).toBe(200);
    expect((await admin.patch(`/api/users/${viewerId}`, { countyCode: '411421' })).status).toBe(200);
    expect((await admin.patch(`/api/users/${viewerId}`, { disabled: true })).status).toBe(200);
    expect((await admin.patch(`/api/users/${viewerId}`, { disabled: false })).status).toBe(200);
    const rows = (await grants()).slice(before);
    expect(
      rows.map((r) => [r.target, r.username, r.detail?.grantedBy, r.detail?.via, r.detail?.countyCode, r.detail?.previousRole]),
    ).toEqual([
      ['user:puppet', 'admin', 'admin', 'create', '411421', null],
      ['user:viewer', 'admin', 'admin', 'update', '411481', 'leader'],
      ['user:viewer', 'admin', 'admin', 'update', '411421', 'county_editor'],
      ['user:viewer', 'admin', 'admin', 'enable', '411421', 'county_editor'],
    ]);
    const [{ id: adminId }] = await database.rows<{ id: number }>(sql`SELECT id FROM users WHERE username = 'admin'`);
    for (const r of rows) expect(r.user_id).toBe(adminId); // the administrator's own row, not the new account's
  });

  it('keeps the administrator from disabling or demoting itself', async () => {
    const admin = await loggedIn(app, 'admin');
    const me = (await admin.get('/api/auth/me')).json().user;
    expect((await admin.patch(`/api/users/${me.id}`, { disabled: true })).status).toBe(409);
    expect((await admin.patch(`/api/users/${me.id}`, { role: 'planner' })).status).toBe(409);
  });

  it('changes one’s own password, checking the current one and the policy, and ends one’s other sessions', async () => {
    const a = await loggedIn(app, 'planner');
    const b = await loggedIn(app, 'planner');
    expect((await a.post('/api/auth/password', { currentPassword: 'wrong-password!', newPassword: 'a-brand-new-passphrase' })).status).toBe(
      403,
    );
    expect((await a.post('/api/auth/password', { currentPassword: passwordOf('planner'), newPassword: 'short' })).status).toBe(400);
    expect(
      (await a.post('/api/auth/password', { currentPassword: passwordOf('planner'), newPassword: 'a-brand-new-passphrase' })).status,
    ).toBe(204);
    expect((await a.get('/api/auth/me')).json().user?.username).toBe('planner');
    expect((await b.get('/api/auth/me')).json().user).toBeNull();
    await new Client(app).login('planner', 'a-brand-new-passphrase');
    const complexity = makeApp(database, clock, { passwordPolicy: { mode: 'complexity', minLength: 12 } });
    const c = await new Client(complexity, 'planner').login('planner', 'a-brand-new-passphrase');
    expect(
      (await c.post('/api/auth/password', { currentPassword: 'a-brand-new-passphrase', newPassword: 'only lower case words' })).status,
    ).toBe(400);
    expect(
      (await c.post('/api/auth/password', { currentPassword: 'a-brand-new-passphrase', newPassword: 'Back-To-Work-2020' })).status,
    ).toBe(204);
  });

  it('throttles wrong current passwords on the change-password route and ends the session after 5, audited', async () => {
    const a = await loggedIn(app, 'yongcheng');
    const other = await loggedIn(app, 'yongcheng');
    const guess = (i: number) =>
      a.post('/api/auth/password', { currentPassword: `guess-${i}-password`, newPassword: 'a-brand-new-passphrase' });
    expect([(await guess(1)).status, (await guess(2)).status, (await guess(3)).status]).toEqual([403, 403, 403]);
    // A fourth try within the minute is throttled before the password is even checked.
    const throttled = await guess(4);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(throttled.json().error.message).toMatch(/^修改密码尝试过于频繁：请 \d+ 秒后再试/);
    clock.advanceMinutes(1);
    const warned = await guess(4);
    expect(warned.status).toBe(403);
    expect(warned.json().error.message).toMatch(/^当前密码错误；再错 1 次将退出登录/);
    const ended = await guess(5);
    expect(ended.status).toBe(401);
    expect(ended.json().error.message).toMatch(/^当前密码连续输错 5 次，为安全起见已退出登录：请重新登录后再修改密码/);
    expect(ended.headers.get('set-cookie')).toMatch(/fupin_session=;.*Max-Age=0/i);
    expect(a.cookie).toBeUndefined();
    expect((await a.get('/api/auth/me')).json().user).toBeNull();
    // Only the guessing session ends; the password is unchanged.
    expect((await other.get('/api/auth/me')).json().user?.username).toBe('yongcheng');
    await new Client(app).login('yongcheng');
    const rows = await auditRows(database, sql`action = 'auth.password' AND username = 'yongcheng'`);
    expect(rows.map((r) => [r.result, r.detail?.reason])).toEqual([
      ['failed', 'wrong_current_password'],
      ['failed', 'wrong_current_password'],
      ['failed', 'wrong_current_password'],
      ['denied', 'rate_limited'],
      ['failed', 'wrong_current_password'],
      ['denied', 'too_many_failures'],
    ]);
    expect(rows.at(-1)!.detail).toMatchObject({ failures: 5, sessionEnded: true });
  });

  it('refuses a blank, repeated or common password wherever one is set (own change, create, reset), in Chinese', async () => {
    const me = await loggedIn(app, 'leader');
    const admin = await loggedIn(app, 'admin');
    const bad = [' '.repeat(12), 'aaaaaaaaaaaa', 'qazwsxedcrfv'];
    for (const pw of bad) {
      const own = await me.post('/api/auth/password', { currentPassword: passwordOf('leader'), newPassword: pw });
      expect(own.status, pw).toBe(400);
      expect(own.json().error.message).toMatch(/^newPassword: 密码(不能为空或只含空格|不能由同一个字符|过于常见)/);
      const created = await admin.post('/api/users', { username: 'blankpw', displayName: '测试', role: 'planner', password: pw });
      expect(created.status, pw).toBe(400);
      const reset = await admin.post('/api/users/1/password', { password: pw });
      expect(reset.status, pw).toBe(400);
    }
    expect((await me.get('/api/auth/me')).json().user?.username).toBe('leader'); // nothing changed, still logged in
  });

  it('answers 413 to an oversized body, with or without Content-Length, and audits it', async () => {
    const big = JSON.stringify({ username: 'x', password: 'y'.repeat(1024 * 1024 + 10) });
    const res = await new Client(app).request('POST', '/api/auth/login', {
      body: big,
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(big.length) },
    });
    expect(res.status).toBe(413);
    expect(res.json().error.message).toMatch(/too large/);
    const stream = new ReadableStream({
      start(ctl) {
        for (let i = 0; i < 20; i++) ctl.enqueue(new TextEncoder().encode('x'.repeat(100 * 1024)));
        ctl.close();
      },
    });
    const chunked = await app.request('http://localhost/api/auth/login', {
      method: 'POST',
      body: stream,
      headers: { 'Content-Type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    // Both refusals are counted (anonymous repeats of one route are aggregated: see audit.int.test.ts).
    await flushDenials(database);
    const rows = await auditRows(database, sql`detail->>'status' = '413'`);
    expect(rows.reduce((n, r) => n + Number(r.detail?.count ?? 1), 0)).toBeGreaterThanOrEqual(2);
  });

  it('sends security headers with a CSP that MapLibre and deck.gl work under', async () => {
    const res = await new Client(app).get('/api/health');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('anonymous read: aggregates open when on, 401 when off; household data never', async () => {
    const anon = new Client(app);
    expect((await anon.get('/api/regions?level=county&parent=4114')).status).toBe(200);
    expect((await anon.get('/api/households?village=411421100201')).status).toBe(401);
    const closed = new Client(makeApp(database, clock, { anonymousRead: false }));
    expect((await closed.get('/api/regions?level=county&parent=4114')).status).toBe(401);
    expect((await closed.get('/api/auth/me')).json()).toMatchObject({ user: null, anonymousRead: false });
  });

  it('no response or log line holds personal data', () => {
    expect(scanForPersonalData(logLines)).toEqual([]);
  });
});
