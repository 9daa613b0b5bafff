/**
 * POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me, POST /api/auth/password.
 * A wrong username and a wrong password get the same answer; failures lock the username for a while
 * (lockout.ts) and are rate-limited per client IP and username.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import type { AppDeps } from '../app.ts';
import { audit } from '../auth/audit.ts';
import { requires, userOf } from '../auth/context.ts';
import { checkPassword } from '../auth/password-policy.ts';
import { hashPassword, needsRehash, verifyPassword } from '../auth/password.ts';
import { grantsOf } from '../auth/permissions.ts';
import { SESSION_COOKIE } from '../auth/security.ts';
import { findUserById, findUserByName, updateUser } from '../auth/user-store.ts';
import { ChangePasswordBody, LoginBody, Me, SessionUser, permissions } from '../contracts/auth.ts';
import { HttpError } from '../errors.ts';
import { ErrorBody, newRouter } from '../http.ts';

/** The one answer to every failed login, whatever the cause (unknown user, wrong password, disabled). */
export const LOGIN_FAILED_MESSAGE = 'Wrong username or password (用户名或密码错误).';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const errors = {
  400: { description: 'Invalid request', ...json(ErrorBody) },
  401: { description: 'Not logged in', ...json(ErrorBody) },
  403: { description: 'Not allowed', ...json(ErrorBody) },
  415: { description: 'Not a JSON body', ...json(ErrorBody) },
};

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Log in with username and password; sets the HttpOnly session cookie',
  ...requires('public'),
  request: { body: { required: true, ...json(LoginBody) } },
  responses: {
    200: { description: 'Logged in', ...json(z.object({ user: SessionUser })) },
    401: { description: 'Wrong username or password (one message for both)', ...json(ErrorBody) },
    429: { description: 'Too many attempts: locked or rate-limited; see Retry-After', ...json(ErrorBody) },
    400: errors[400],
    415: errors[415],
  },
});

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'End the current session',
  ...requires('public'),
  responses: { 204: { description: 'Logged out (also when there was no session)' } },
});

const me = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['auth'],
  summary: 'Who is logged in, with the permissions they hold',
  ...requires('public'),
  responses: { 200: { description: 'The current user (null when anonymous)', ...json(Me) } },
});

const changePassword = createRoute({
  method: 'post',
  path: '/auth/password',
  tags: ['auth'],
  summary: 'Change one’s own password (ends one’s other sessions)',
  ...requires('account:self'),
  request: { body: { required: true, ...json(ChangePasswordBody) } },
  responses: { 204: { description: 'Changed' }, ...errors },
});

export const authRoutes = ({ database }: AppDeps) => {
  const router = newRouter();
  router.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'HttpOnly session cookie set by POST /api/auth/login.',
  });
  return router
    .openapi(login, async (c) => {
      const security = c.get('security');
      const { password } = c.req.valid('json');
      const username = c.req.valid('json').username.normalize('NFKC').trim().toLowerCase().slice(0, 64);
      const ip = security.clientIp(c);
      const rateKey = `${ip ?? '?'}|${username}`;
      const rate = security.loginLimiter.hit(rateKey);
      if (!rate.allowed) {
        await audit(c, { action: 'auth.login', target: `user:${username}`, result: 'denied', username, detail: { reason: 'rate_limited' } });
        c.header('Retry-After', String(rate.retryAfterSec));
        throw new HttpError(429, `Too many login attempts: wait ${rate.retryAfterSec} s and try again (登录过于频繁).`);
      }
      const lockedUntil = await security.throttle.lockedUntil(username);
      if (lockedUntil) {
        const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - security.options.now().getTime()) / 60_000));
        await audit(c, { action: 'auth.login', target: `user:${username}`, result: 'denied', username, detail: { reason: 'locked' } });
        c.header('Retry-After', String(minutes * 60));
        throw new HttpError(429, `Too many failed logins for this username: try again in ${minutes} min (登录失败次数过多，请 ${minutes} 分钟后再试).`);
      }
      const user = await findUserByName(database, username);
      // Verify against a dummy hash for unknown users, so the answer takes as long as for a real one.
      const passwordOk = await verifyPassword(password, user?.passwordHash ?? (await security.dummyHash()));
      if (!user || !passwordOk || user.disabled) {
        const failure = await security.throttle.recordFailure(username);
        const reason = !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'disabled';
        await audit(c, {
          action: 'auth.login',
          target: `user:${username}`,
          result: 'failed',
          username,
          detail: { reason, failures: failure.failures, locked: failure.lockedUntil !== null },
        });
        throw new HttpError(401, LOGIN_FAILED_MESSAGE);
      }
      await security.throttle.clear(username);
      security.loginLimiter.reset(rateKey);
      // A new session id at every login (no fixation); the old cookie's session ends.
      const old = getCookie(c, SESSION_COOKIE);
      if (old) await security.sessions.revoke(old);
      await security.sessions.sweep();
      const { token, expiresAt } = await security.sessions.create(user.id, { ip, userAgent: c.req.header('user-agent') ?? null });
      const now = security.options.now();
      await updateUser(
        database,
        user.id,
        needsRehash(user.passwordHash, security.options.scrypt)
          ? { lastLoginAt: now, passwordHash: await hashPassword(password, security.options.scrypt) }
          : { lastLoginAt: now },
        now,
      );
      security.setSessionCookie(c, token, expiresAt);
      const sessionUser = { id: user.id, username: user.username, displayName: user.displayName, role: user.role, countyCode: user.countyCode, leader: user.leader };
      c.set('principal', { kind: 'user', ...sessionUser });
      await audit(c, { action: 'auth.login', target: `user:${username}`, result: 'ok' });
      return c.json({ user: sessionUser }, 200);
    })
    .openapi(logout, async (c) => {
      const security = c.get('security');
      const token = getCookie(c, SESSION_COOKIE);
      if (token && (await security.sessions.revoke(token))) {
        await audit(c, { action: 'auth.logout', target: `user:${c.get('principal').kind === 'user' ? userOf(c).username : '?'}`, result: 'ok' });
      }
      security.clearSessionCookie(c);
      return c.body(null, 204);
    })
    .openapi(me, (c) => {
      const security = c.get('security');
      const p = c.get('principal');
      const opts = { anonymousRead: security.options.anonymousRead };
      return c.json(
        {
          user: p.kind === 'user' ? { id: p.id, username: p.username, displayName: p.displayName, role: p.role, countyCode: p.countyCode, leader: p.leader } : null,
          anonymousRead: opts.anonymousRead,
          grants: grantsOf(p, opts, permissions),
          passwordPolicy: security.options.passwordPolicy,
        },
        200,
      );
    })
    .openapi(changePassword, async (c) => {
      const security = c.get('security');
      const me = userOf(c);
      const { currentPassword, newPassword } = c.req.valid('json');
      const user = await findUserById(database, me.id);
      if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
        await audit(c, { action: 'auth.password', target: `user:${me.username}`, result: 'failed', detail: { reason: 'wrong_current_password' } });
        throw new HttpError(403, 'The current password is wrong (当前密码错误).');
      }
      const problems = checkPassword(newPassword, security.options.passwordPolicy, me.username);
      if (problems.length) throw new HttpError(400, `newPassword: ${problems.join(' ')}`, problems.map((message) => ({ path: 'newPassword', message })));
      const now = security.options.now();
      await updateUser(database, me.id, { passwordHash: await hashPassword(newPassword, security.options.scrypt), passwordChangedAt: now }, now);
      const ended = await security.sessions.revokeUser(me.id, c.get('sessionIdHash'));
      await audit(c, { action: 'auth.password', target: `user:${me.username}`, result: 'ok', detail: { otherSessionsEnded: ended } });
      return c.body(null, 204);
    });
};
