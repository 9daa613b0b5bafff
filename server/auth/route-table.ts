/**
 * The route table: every API operation with the permission it declares (`x-permission`, see
 * `requires`), read from the OpenAPI registry. The security guard enforces it; the authorization
 * matrix test walks the same table. An operation that declares nothing gets the default: reads
 * (GET/HEAD) need `aggregates:read`, anything else is refused (fail closed).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { permissions, type Permission } from '../contracts/auth.ts';

export interface RouteEntry {
  method: string;
  /** OpenAPI form, e.g. /api/households/{id}/unmask. */
  path: string;
  /** Hono form, e.g. /api/households/:id/unmask. */
  honoPath: string;
  permission: Permission | null;
  /** False when the route relies on the default. */
  declared: boolean;
}

/** The permission of an operation that declares none (null: refused). */
export function defaultPermission(method: string): Permission | null {
  const m = method.toUpperCase();
  return m === 'GET' || m === 'HEAD' ? 'aggregates:read' : null;
}

/** Read the permission declaration of an OpenAPI operation object; throws on an unknown name. */
export function declaredPermission(operation: Record<string, unknown>): Permission | undefined {
  const p = operation['x-permission'];
  if (p === undefined) return undefined;
  if (typeof p !== 'string' || !(permissions as readonly string[]).includes(p)) throw new Error(`Unknown x-permission ${String(p)}`);
  return p as Permission;
}

/** The table of the routes registered on `app`, with `prefix` (where it is mounted) in front. */
export function routeTableOf(app: Pick<OpenAPIHono, 'openAPIRegistry'>, prefix: string): RouteEntry[] {
  const entries: RouteEntry[] = [];
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type !== 'route') continue;
    const route = def.route as unknown as Record<string, unknown> & { method: string; path: string };
    const declared = declaredPermission(route);
    // A sub-app's root ('/') is mounted at the prefix itself (Hono joins '/ogc' and '/' to '/ogc').
    const path = route.path === '/' && prefix ? prefix : prefix + route.path;
    entries.push({
      method: route.method.toUpperCase(),
      path,
      honoPath: path.replaceAll(/\{([^}]+)\}/g, ':$1'),
      permission: declared ?? defaultPermission(route.method),
      declared: declared !== undefined,
    });
  }
  return entries;
}
