/**
 * Edges of the HTTP surface, for every request before any route runs:
 * - `allowedHosts`: the Host header must name this server (ALLOWED_HOSTS, default the localhost
 *   names), so a DNS-rebinding page cannot make the browser talk to us under its own origin;
 * - `rejectControlCharacters`: no query parameter or JSON string may hold a NUL or another control
 *   character (tab and line breaks excepted in JSON text): 400 with the parameter's name, never a
 *   database error;
 * - `safeErrorLine`: what the server log says about an unexpected error — its kind and the
 *   database's error code, never the message (a driver's message carries the SQL and its parameters,
 *   which may hold personal data).
 */
import type { MiddlewareHandler } from 'hono';
import { HttpError } from '../errors.ts';

/** Default ALLOWED_HOSTS: the names of this machine's loopback interface. */
export const defaultAllowedHosts = ['localhost', '127.0.0.1', '[::1]', '::1'];

/** Parse ALLOWED_HOSTS: comma-separated host names (no port), `*` for any, `.example.org` for a domain and its subdomains. */
export function parseAllowedHosts(value: string | undefined): string[] {
  const list = (value ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return list.length ? list : defaultAllowedHosts;
}

/** The host name of a Host header value, without the port, lower case. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.replace(/:\d+$/, '');
}

/** True when `host` (a Host header) is allowed by `allowed`. */
export function hostAllowed(host: string | undefined, allowed: readonly string[]): boolean {
  if (allowed.includes('*')) return true;
  if (!host) return false;
  const name = hostName(host);
  return allowed.some((a) => (a.startsWith('.') ? name === a.slice(1) || name.endsWith(a) : name === a));
}

export function allowedHosts(
  allowed: readonly string[],
  hostOf: (c: Parameters<MiddlewareHandler>[0]) => string | undefined,
): MiddlewareHandler {
  return async (c, next) => {
    const host = hostOf(c);
    if (!hostAllowed(host, allowed)) {
      return c.json(
        {
          error: {
            message: `Host "${(host ?? '').slice(0, 100)}" is not served here. An operator can add it to ALLOWED_HOSTS (e.g. ALLOWED_HOSTS=map.example.org).`,
          },
        },
        421,
      );
    }
    await next();
  };
}

// C0 controls and DEL; in JSON text tab, line feed and carriage return are fine.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlInQuery = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- as above
const controlInText = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The path (e.g. `reason`, `users.0.name`) of the first JSON string or key with a control character. */
export function findControlCharacter(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return controlInText.test(value) ? path || '(body)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findControlCharacter(value[i], path ? `${path}.${i}` : String(i));
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (controlInText.test(k)) return p;
      const hit = findControlCharacter(v, p);
      if (hit) return hit;
    }
  }
  return null;
}

export function rejectControlCharacters(): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    for (const [k, v] of url.searchParams) {
      if (controlInQuery.test(k) || controlInQuery.test(v)) {
        throw new HttpError(
          400,
          `${controlInQuery.test(k) ? 'A query parameter name' : k}: control characters (such as NUL) are not allowed.`,
        );
      }
    }
    if (controlInQuery.test(decodeURIComponentSafe(url.pathname)))
      throw new HttpError(400, 'The path holds control characters (such as NUL).');
    const type = c.req.header('content-type') ?? '';
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && /^application\/(.+\+)?json\b/i.test(type)) {
      let body: unknown;
      try {
        body = await c.req.json(); // cached by Hono: the route's validator reads it again
      } catch {
        body = undefined; // malformed JSON: the route's validator answers 400
      }
      const at = findControlCharacter(body);
      if (at) throw new HttpError(400, `${at}: control characters (such as NUL) are not allowed.`);
    }
    await next();
  };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** One log line about an unexpected error: its kind and database error code, never its message. */
export function safeErrorLine(err: unknown): string {
  const e = err as { name?: string; code?: string; cause?: { name?: string; code?: string } };
  const code = e?.code ?? e?.cause?.code;
  const name = e?.cause?.name && e.cause.name !== e.name ? `${e?.name ?? 'Error'} (${e.cause.name})` : (e?.name ?? typeof err);
  // Where it was thrown: the stack's frames (file and line) without its first line, the message.
  const frames = err instanceof Error && typeof err.stack === 'string' ? stackFrames(err.stack) : [];
  return `${name}${code ? ` [${code}]` : ''}${frames.length ? ` ${frames.join(' < ')}` : ''}`;
}

/** The first frames of a stack as `file:line:column` (no message, no arguments: nothing personal). */
function stackFrames(stack: string, most = 4): string[] {
  return stack
    .split('\n')
    .map((l) => /\(?((?:file:\/\/)?[^\s()]+:\d+:\d+)\)?\s*$/.exec(l.trim())?.[1])
    .filter((f): f is string => f !== undefined)
    .slice(0, most)
    .map((f) => f.replace(/^.*\/(server|node_modules)\//, '$1/'));
}
