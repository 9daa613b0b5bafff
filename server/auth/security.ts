/**
 * The security layer of the API, put in front of every /api route by createApp:
 * request context (security services, principal from the session cookie) → CSRF checks for
 * mutations → the permission the matched route declares (route table) → body-size limit; and after
 * the answer, an audit row for any refused mutation not audited yet, plus `Cache-Control: no-store`
 * by default.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { matchedRoutes } from 'hono/route';
import type { Database } from '../db/client.ts';
import { HttpError } from '../errors.ts';
import type { ErrorBody } from '../contracts/errors.ts';
import { audit } from './audit.ts';
import { deny, principalOf, routeTarget } from './context.ts';
import { csrfVerdict } from './csrf.ts';
import { LoginThrottle } from './lockout.ts';
import { defaultSecurityOptions, type SecurityOptions } from './options.ts';
import { hashPassword } from './password.ts';
import { anonymous, grantOf } from './permissions.ts';
import { RateLimiter } from './rate-limit.ts';
import { defaultPermission, type RouteEntry } from './route-table.ts';
import { SessionStore } from './sessions.ts';

export const SESSION_COOKIE = 'fupin_session';

export interface Security {
  database: Database;
  options: SecurityOptions;
  sessions: SessionStore;
  throttle: LoginThrottle;
  /** Login attempts per (client IP, username) per minute. */
  loginLimiter: RateLimiter;
  /** Change-password attempts per user per minute. */
  passwordChangeLimiter: RateLimiter;
  /** A hash to verify against when the username is unknown, so both cases take the same time. */
  dummyHash(): Promise<string>;
  /** The client's IP address (from X-Forwarded-For only behind a trusted proxy). */
  clientIp(c: Context): string | null;
  /** Whether the request reached the proxy or server over https. */
  isHttps(c: Context): boolean;
  /** Host the request was addressed to. */
  requestHost(c: Context): string;
  setSessionCookie(c: Context, token: string, expiresAt: Date): void;
  clearSessionCookie(c: Context): void;
}

export function createSecurity(database: Database, overrides: Partial<SecurityOptions> = {}): Security {
  const options: SecurityOptions = { ...defaultSecurityOptions, ...overrides };
  let dummy: Promise<string> | undefined;
  const security: Security = {
    database,
    options,
    sessions: new SessionStore(database, options),
    throttle: new LoginThrottle(database, options),
    loginLimiter: new RateLimiter({ limit: options.loginRatePerMinute, windowMs: 60_000, now: () => options.now().getTime() }),
    passwordChangeLimiter: new RateLimiter({
      limit: options.passwordChangeRatePerMinute,
      windowMs: 60_000,
      now: () => options.now().getTime(),
    }),
    dummyHash: () => (dummy ??= hashPassword('not a password of anybody', options.scrypt)),
    clientIp(c) {
      if (options.trustProxy) {
        // The last hop is the one our proxy added; earlier entries are whatever the client claimed.
        const hops = c.req
          .header('x-forwarded-for')
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (hops?.length) return hops[hops.length - 1];
      }
      try {
        return getConnInfo(c).remote.address ?? null;
      } catch {
        return null; // in-process requests (tests) have no socket
      }
    },
    isHttps(c) {
      if (options.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0].trim() === 'https') return true;
      return new URL(c.req.url).protocol === 'https:';
    },
    requestHost(c) {
      const forwarded = options.trustProxy ? c.req.header('x-forwarded-host')?.split(',')[0].trim() : undefined;
      return forwarded || c.req.header('host') || new URL(c.req.url).host;
    },
    setSessionCookie(c, token, expiresAt) {
      setCookie(c, SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
        secure: options.cookieSecure === 'on' || (options.cookieSecure === 'auto' && security.isHttps(c)),
        expires: expiresAt,
      });
    },
    clearSessionCookie(c) {
      deleteCookie(c, SESSION_COOKIE, {
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
        secure: options.cookieSecure === 'on' || (options.cookieSecure === 'auto' && security.isHttps(c)),
      });
    },
  };
  return security;
}

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The middleware chain for /api/*, in order. `routes` is the route table of the API (route-table.ts).
 */
export function apiSecurity(security: Security, routes: () => RouteEntry[]): MiddlewareHandler[] {
  let byRoute: Map<string, RouteEntry> | undefined;
  const lookup = (method: string, honoPath: string) => {
    byRoute ??= new Map(routes().map((r) => [`${r.method} ${r.honoPath}`, r]));
    return byRoute.get(`${method} ${honoPath}`);
  };
  // Recently audited bad session cookies: a map firing 20 requests with an expired cookie writes one row.
  const recentBadSessions = new Map<string, number>();

  const context: MiddlewareHandler = async (c, next) => {
    c.set('security', security);
    c.set('principal', anonymous);
    c.set('audited', false);
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
    const status = c.res.status;
    if (MUTATIONS.has(c.req.method) && status >= 400 && status < 500 && !c.get('audited')) {
      try {
        await audit(c, { action: 'request.rejected', target: routeTarget(c), result: 'rejected', detail: { status } });
      } catch (err) {
        console.error(`[audit] could not record a rejected request: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };

  const session: MiddlewareHandler = async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const found = await security.sessions.resolve(token);
      if (found.ok) {
        c.set('principal', found.user);
        c.set('sessionIdHash', found.idHash);
      } else {
        security.clearSessionCookie(c);
        const key = found.idHash ?? `malformed:${security.clientIp(c)}`;
        const now = security.options.now().getTime();
        if ((recentBadSessions.get(key) ?? 0) < now) {
          if (recentBadSessions.size > 10_000) recentBadSessions.clear();
          recentBadSessions.set(key, now + 60_000);
          await audit(c, { action: 'auth.session', target: routeTarget(c), result: 'denied', detail: { reason: found.reason } });
          c.set('audited', false); // the request itself may still be refused and audited
        }
      }
    }
    await next();
  };

  const csrf: MiddlewareHandler = async (c, next) => {
    const verdict = csrfVerdict({
      method: c.req.method,
      contentType: c.req.header('content-type'),
      hasBody: Number(c.req.header('content-length') ?? '0') > 0 || c.req.header('transfer-encoding') !== undefined,
      origin: c.req.header('origin'),
      secFetchSite: c.req.header('sec-fetch-site'),
      host: security.requestHost(c),
    });
    if (!verdict.ok) {
      await audit(c, {
        action: 'csrf.blocked',
        target: routeTarget(c),
        result: 'denied',
        detail: { status: verdict.status, reason: verdict.reason },
      });
      throw new HttpError(
        verdict.status,
        verdict.status === 415
          ? 'Unsupported body: send JSON (Content-Type: application/json) or multipart/form-data.'
          : 'Cross-site request refused: this action must come from the application itself.',
      );
    }
    await next();
  };

  const guard: MiddlewareHandler = async (c, next) => {
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const entry = [...matchedRoutes(c)].reverse().find((r) => r.method === method && lookup(method, r.path));
    const declared = entry ? lookup(method, entry.path) : undefined;
    const permission = declared ? declared.permission : defaultPermission(method);
    if (!permission || !grantOf(principalOf(c), permission, { anonymousRead: security.options.anonymousRead })) {
      await deny(c, permission, routeTarget(c), permission ? {} : { reason: 'route declares no permission' });
    }
    await next();
  };

  const tooLarge = async (c: Context) => {
    await audit(c, { action: 'request.rejected', target: routeTarget(c), result: 'rejected', detail: { status: 413 } });
    const limit = isMultipart(c) ? security.options.uploadLimitBytes : security.options.bodyLimitBytes;
    const size = limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${Math.round(limit / 1024)} KiB`;
    const message = isMultipart(c)
      ? `上传文件过大：一次最多 ${size}，请分批导入（upload too large）。`
      : `Request body too large: at most ${Math.round(limit / 1024)} KiB.`;
    return c.json({ error: { message } } satisfies ErrorBody, 413);
  };
  const jsonLimit = bodyLimit({ maxSize: security.options.bodyLimitBytes, onError: tooLarge });
  const uploadLimit = bodyLimit({ maxSize: security.options.uploadLimitBytes, onError: tooLarge });
  const limit: MiddlewareHandler = (c, next) => (isMultipart(c) ? uploadLimit : jsonLimit)(c, next);

  return [context, session, csrf, guard, limit];
}

function isMultipart(c: Context) {
  return (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
}
