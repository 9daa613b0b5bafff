/**
 * The HTTP face of the answer cache (server/http/cache.ts): GET answers of the data-only routes
 * (measures, dates, regions, layers, detail cards, briefing) are kept per data version, URL (query
 * parameters sorted) and disclosure reach (server/auth/disclosure.ts) — after the security layer has
 * checked the permission, so a cached answer never skips a check. Identical concurrent requests share
 * one computation; misses run through the bounded gate (503 + Retry-After when it is full). Bodies are
 * kept gzip-compressed as well, so a hit costs neither the query nor the JSON nor the compression.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import type { Database } from '../db/client.ts';
import { exactCountyOf } from '../auth/disclosure.ts';
import { answerCacheOf } from './cache.ts';
import { etagOf } from '../http.ts';

/** Paths (under /api) of data-only GET routes. */
export const cachedPaths = /^\/api\/(measures|dates|regions|layers|projects|pv-stations|briefing)(\/|$)/;

interface StoredAnswer {
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer> | null;
  etag: string | null;
}

const keptHeaders = new Set(['content-type', 'cache-control', 'etag']);

function respond(a: StoredAnswer, acceptEncoding: string | undefined, ifNoneMatch: string | undefined): Response {
  const headers = new Headers(a.headers);
  if (a.etag && ifNoneMatch === a.etag) return new Response(null, { status: 304, headers });
  // A status that has no body (a route's own 304 or 204) must not be given one, even an empty one.
  if (a.status === 204 || a.status === 304) return new Response(null, { status: a.status, headers });
  if (a.gzip && /\bgzip\b/.test(acceptEncoding ?? '')) {
    headers.set('Content-Encoding', 'gzip');
    headers.set('Vary', 'Accept-Encoding');
    return new Response(a.gzip, { status: a.status, headers });
  }
  return new Response(a.body, { status: a.status, headers });
}

const gzipAsync = promisify(zlib.gzip);

export function dataCache(database: Database): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' || !cachedPaths.test(c.req.path)) return next();
    const url = new URL(c.req.url);
    url.searchParams.sort();
    const key = `${c.req.path}?${url.searchParams.toString()}|${exactCountyOf(c) ?? '-'}`;
    let ran = false;
    const answer = await answerCacheOf(database).get(
      key,
      async (): Promise<StoredAnswer> => {
        ran = true;
        await next();
        const res = c.res;
        const body = new Uint8Array(await res.arrayBuffer());
        const headers = [...res.headers].filter(([k]) => keptHeaders.has(k.toLowerCase()));
        const ok = res.status === 200;
        let etag = res.headers.get('etag');
        if (ok && !etag) {
          etag = await etagOf(Buffer.from(body).toString('utf8'));
          headers.push(['etag', etag]);
        }
        // On the thread pool: a village answer of a megabyte would hold the event loop for tens of milliseconds.
        const gzip = ok && body.length > 1024 ? new Uint8Array(await gzipAsync(body, { level: 6 })) : null;
        return { status: res.status, headers, body, gzip, etag: ok ? etag : null };
      },
      (a) => a.status === 200,
      (a) => a.body.length + (a.gzip?.length ?? 0),
    );
    c.res = respond(answer, c.req.header('accept-encoding'), c.req.header('if-none-match'));
    if (!ran) c.header('X-Cache', 'hit');
  };
}
