/**
 * POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me, POST /api/auth/password.
 * A wrong username and a wrong password get the same answer; repeated failures delay the next try of
 * that username from that client, progressively (lockout.ts), and are rate-limited per client IP and username.
 */
import { createRoute } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import type { AppDeps } from '../app.ts';
import { audit } from '../auth/audit.ts';
import { clientKey } from '../auth/lockout.ts';
import { requires, userOf } from '../auth/context.ts';
import { checkPassword } from '../auth/password-policy.ts';
import { hashPassword, needsRehash, verifyPassword } from '../auth/password.ts';
import { grantsOf } from '../auth/permissions.ts';
import { SESSION_COOKIE } from '../auth/security.ts';
import { findUserById, findUserByName, updateUser } from '../auth/user-store.ts';
import { ChangePasswordBody, LoginAnswer, LoginBody, Me, permissions } from '../contracts/auth.ts';
import { HttpError } from '../errors.ts';
import { ErrorBody, jsonContent, newRouter } from '../http.ts';

/** The answer while a client must wait before trying a username again (`seconds` of Retry-After). */
export function loginDelayMessage(seconds: number): string {
  const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`;
  const waitEn = seconds >= 120 ? `${Math.ceil(seconds / 60)} min` : `${seconds} s`;
  return (
    `登录失败次数过多：请 ${wait}后再试；其他设备不受影响，急需登录请联系管理员解锁 ` +
    `(too many failed logins from this device: try again in ${waitEn}; other devices are not affected, an administrator can unlock the account).`
  );
}

/** The one answer to every failed login, whatever the cause (unknown user, wrong password, disabled). */
export const LOGIN_FAILED_MESSAGE = 'Wrong username or password (用户名或密码错误).';

const errors = {
  400: { description: 'Invalid request', ...jsonContent(ErrorBody) },
  401: { description: 'Not logged in', ...jsonContent(ErrorBody) },
  403: { description: 'Not allowed', ...jsonContent(ErrorBody) },
  415: { description: 'Not a JSON body', ...jsonContent(ErrorBody) },
};

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Log in with username and password; sets the HttpOnly session cookie',
  ...requires('public'),
  request: { body: { required: true, ...jsonContent(LoginBody) } },
  responses: {
    200: { description: 'Logged in', ...jsonContent(LoginAnswer) },
    401: { description: 'Wrong username or password (one message for both)', ...jsonContent(ErrorBody) },
    429: { description: 'Too many attempts from this client: delayed or rate-limited; see Retry-After', ...jsonContent(ErrorBody) },
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
  responses: { 200: { description: 'The current user (null when anonymous)', ...jsonContent(Me) } },
});

const changePassword = createRoute({
  method: 'post',
  path: '/auth/password',
  tags: ['auth'],
  summary: 'Change one’s own password (ends one’s other sessions)',
  ...requires('account:self'),
  request: { body: { required: true, ...jsonContent(ChangePasswordBody) } },
  responses: {
    204: { description: 'Changed' },
    ...errors,
    401: { description: 'Not logged in, or the session ended after repeated wrong current passwords', ...jsonContent(ErrorBody) },
    403: { description: 'The current password is wrong', ...jsonContent(ErrorBody) },
    429: { description: 'Too many attempts: see Retry-After', ...jsonContent(ErrorBody) },
  },
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
        await audit(c, {
          action: 'auth.login',
          target: `user:${username}`,
          result: 'denied',
          username,
          detail: { reason: 'rate_limited' },
        });
        c.header('Retry-After', String(rate.retryAfterSec));
        throw new HttpError(
          429,
          `登录过于频繁：请 ${rate.retryAfterSec} 秒后再试 (too many login attempts: wait ${rate.retryAfterSec} s and try again).`,
        );
      }
      const client = clientKey(ip);
      const blockedUntil = await security.throttle.blockedUntil(username, client);
      if (blockedUntil) {
        const seconds = Math.max(1, Math.ceil((blockedUntil.getTime() - security.options.now().getTime()) / 1000));
        await audit(c, { action: 'auth.login', target: `user:${username}`, result: 'denied', username, detail: { reason: 'delayed' } });
        c.header('Retry-After', String(seconds));
        throw new HttpError(429, loginDelayMessage(seconds));
      }
      const user = await findUserByName(database, username);
      // Verify against a dummy hash for unknown users, so the answer takes as long as for a real one.
      const passwordOk = await verifyPassword(password, user?.passwordHash ?? (await security.dummyHash()));
      if (!user || !passwordOk || user.disabled) {
        const failure = await security.throttle.recordFailure(username, client);
        const reason = !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'disabled';
        await audit(c, {
          action: 'auth.login',
          target: `user:${username}`,
          result: 'failed',
          username,
          detail: { reason, failures: failure.failures, delayed: failure.blockedUntil !== null },
        });
        throw new HttpError(401, LOGIN_FAILED_MESSAGE);
      }
      await security.throttle.clear(username, client);
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
      const sessionUser = {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        countyCode: user.countyCode,
        leader: user.leader,
      };
      c.set('principal', { kind: 'user', ...sessionUser });
      await audit(c, { action: 'auth.login', target: `user:${username}`, result: 'ok' });
      return c.json({ user: sessionUser }, 200);
    })
    .openapi(logout, async (c) => {
      const security = c.get('security');
      const token = getCookie(c, SESSION_COOKIE);
      if (token && (await security.sessions.revoke(token))) {
        await audit(c, {
          action: 'auth.logout',
          target: `user:${c.get('principal').kind === 'user' ? userOf(c).username : '?'}`,
          result: 'ok',
        });
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
          user:
            p.kind === 'user'
              ? { id: p.id, username: p.username, displayName: p.displayName, role: p.role, countyCode: p.countyCode, leader: p.leader }
              : null,
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
      const rate = security.passwordChangeLimiter.hit(String(me.id));
      if (!rate.allowed) {
        await audit(c, { action: 'auth.password', target: `user:${me.username}`, result: 'denied', detail: { reason: 'rate_limited' } });
        c.header('Retry-After', String(rate.retryAfterSec));
        throw new HttpError(
          429,
          `修改密码尝试过于频繁：请 ${rate.retryAfterSec} 秒后再试 (too many attempts to change the password: wait ${rate.retryAfterSec} s).`,
        );
      }
      const user = await findUserById(database, me.id);
      if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
        const idHash = c.get('sessionIdHash');
        const failures = idHash ? await security.sessions.countPasswordFailure(idHash) : 0;
        const max = security.options.passwordChangeMaxFailures;
        if (idHash && failures >= max) {
          // Someone at this session keeps guessing the password: end the session.
          await security.sessions.revokeId(idHash);
          security.clearSessionCookie(c);
          await audit(c, {
            action: 'auth.password',
            target: `user:${me.username}`,
            result: 'denied',
            detail: { reason: 'too_many_failures', failures, sessionEnded: true },
          });
          throw new HttpError(
            401,
            `当前密码连续输错 ${failures} 次，为安全起见已退出登录：请重新登录后再修改密码 (the current password was wrong ${failures} times: you were logged out; log in again to change it).`,
          );
        }
        await audit(c, {
          action: 'auth.password',
          target: `user:${me.username}`,
          result: 'failed',
          detail: { reason: 'wrong_current_password', failures },
        });
        throw new HttpError(
          403,
          failures >= max - 2
            ? `当前密码错误；再错 ${max - failures} 次将退出登录 (the current password is wrong; ${max - failures} more and you are logged out).`
            : 'The current password is wrong (当前密码错误).',
        );
      }
      const problems = checkPassword(newPassword, security.options.passwordPolicy, me.username);
      if (problems.length)
        throw new HttpError(
          400,
          `newPassword: ${problems.join(' ')}`,
          problems.map((message) => ({ path: 'newPassword', message })),
        );
      const now = security.options.now();
      await updateUser(
        database,
        me.id,
        { passwordHash: await hashPassword(newPassword, security.options.scrypt), passwordChangedAt: now },
        now,
      );
      const ended = await security.sessions.revokeUser(me.id, c.get('sessionIdHash'));
      const idHash = c.get('sessionIdHash');
      if (idHash) await security.sessions.clearPasswordFailures(idHash);
      await audit(c, { action: 'auth.password', target: `user:${me.username}`, result: 'ok', detail: { otherSessionsEnded: ended } });
      return c.body(null, 204);
    });
};
