/**
 * What a route handler uses from the security layer: the principal of the request, the declaration
 * of the permission a route needs (`requires`), and the county condition for row-level checks.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Permission } from '../contracts/auth.ts';
import { HttpError } from '../errors.ts';
import { audit } from './audit.ts';
import { anonymous, grantOf, type Grant, type Principal } from './permissions.ts';
import type { Security } from './security.ts';
import type { UserPrincipal } from './sessions.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** Who is asking (set by the security middleware for every /api request). */
    principal: Principal;
    security: Security;
    /** Set once the request has written its audit row, so the generic rejection audit does not repeat it. */
    audited: boolean;
    /** Hash of the session id of the request, when logged in. */
    sessionIdHash: string | undefined;
  }
}

export function principalOf(c: Context): Principal {
  return c.get('principal') ?? anonymous;
}

/** The logged-in user of the request; 401 for anonymous visitors. */
export function userOf(c: Context): UserPrincipal {
  const p = principalOf(c);
  if (p.kind !== 'user') throw new HttpError(401, 'Not logged in: log in first (请先登录).');
  return p;
}

/** The grant of the request's principal for `permission` (null when not held). */
export function grantFor(c: Context, permission: Permission): Grant {
  return grantOf(principalOf(c), permission, { anonymousRead: c.get('security').options.anonymousRead });
}

/**
 * The route pattern answering the request with its method, e.g. `POST /api/households/:id/unmask`:
 * audit targets name routes by pattern, so no id from a path (a household's) reaches the log.
 */
export function routeTarget(c: Context): string {
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  const hit = [...matchedRoutes(c)].reverse().find((r) => r.method === method);
  return `${c.req.method} ${hit?.path ?? '(no route)'}`;
}

/**
 * Deny with 401 (anonymous) or 403 (logged in) and an audit row. `target` names what was refused.
 */
export async function deny(
  c: Context,
  permission: Permission | null,
  target: string,
  detail: Record<string, unknown> = {},
): Promise<never> {
  const p = principalOf(c);
  await audit(c, { action: 'access.denied', target, result: 'denied', detail: { permission, ...detail } });
  if (!permission) throw new HttpError(403, 'Not allowed: this route declares no permission, so it is refused (无权访问).');
  if (p.kind === 'anonymous') throw new HttpError(401, 'Not logged in: log in to do this (请先登录).');
  throw new HttpError(403, `Not allowed: your account may not do this (${permission}) (无权访问).`);
}

/** Check a permission for the current request; answers 401/403 with an audit row when not held. */
export async function enforcePermission(c: Context, permission: Permission): Promise<void> {
  if (grantFor(c, permission)) return;
  await deny(c, permission, routeTarget(c));
}

/** Middleware form of `enforcePermission`, for routes outside the OpenAPI table. */
export function requirePermission(permission: Permission): MiddlewareHandler {
  return async (c, next) => {
    await enforcePermission(c, permission);
    await next();
  };
}

/**
 * Spread into `createRoute({...})`: declares the permission a route needs. The declaration goes into
 * the OpenAPI document (`x-permission`, read by the security guard and the authorization matrix
 * test) and adds the checking middleware, so a route is protected even outside the guard.
 */
export function requires<P extends Permission>(permission: P) {
  const security: Record<string, string[]>[] =
    permission === 'public' ? [] : permission === 'aggregates:read' ? [{}, { session: [] }] : [{ session: [] }];
  return { 'x-permission': permission, security, middleware: [requirePermission(permission)] as MiddlewareHandler[] } as const;
}

/**
 * The row-level condition for `permission`: `TRUE` for an all-county grant, `column = <own county>`
 * for an own-county grant; 403 (audited) when the permission is not held at all. Put it in the
 * WHERE clause of the query itself, so rows of other counties are never read.
 */
export async function countyCondition(c: Context, permission: Permission, column: SQLWrapper | SQL): Promise<SQL> {
  const grant = grantFor(c, permission);
  if (!grant) return deny(c, permission, routeTarget(c));
  return grant.scope === 'all' ? sql`TRUE` : sql`${column} = ${grant.countyCode}`;
}
