/**
 * Serve the built client (dist/client) from the API server, with SPA fallback to index.html.
 * The build writes a brotli and a gzip copy of every text asset (server/build/precompress.ts); a client that
 * accepts one of them gets that copy (chosen by Accept-Encoding, q-values honoured), never the raw file.
 * Hashed files under /assets are cached for a year; index.html is revalidated on every visit.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Context, Hono } from 'hono';
import { getMimeType } from 'hono/utils/mime';

export const defaultClientDir = path.resolve(import.meta.dirname, '../dist/client');

/** Encodings we have copies of, in order of preference (smallest first), with their file suffix. */
const encodings = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
export type StaticEncoding = (typeof encodings)[number]['name'];

/**
 * The encoding to send, given the request's Accept-Encoding and the copies that exist: the one with
 * the highest q-value (ties: brotli first); `*` stands for any not named; q=0 refuses. Null: the raw file.
 */
export function pickEncoding(acceptEncoding: string | undefined | null, available: readonly StaticEncoding[]): StaticEncoding | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(token.trim(), Number.isFinite(value) ? value : 0);
  }
  let best: StaticEncoding | null = null;
  let bestQ = 0;
  for (const { name } of encodings) {
    if (!available.includes(name)) continue;
    const v = q.get(name) ?? q.get('*') ?? 0;
    if (v > bestQ) {
      best = name;
      bestQ = v;
    }
  }
  return best;
}

const fileStat = (file: string) => {
  try {
    const s = fs.statSync(file);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
};

/** Answer `file` (absolute, existing) with the best precompressed copy the client accepts. */
async function sendFile(c: Context, file: string, cacheControl: string) {
  const available = encodings.filter((e) => fileStat(file + e.suffix)).map((e) => e.name);
  const encoding = pickEncoding(c.req.header('Accept-Encoding'), available);
  const sent = encoding ? file + encodings.find((e) => e.name === encoding)!.suffix : file;
  const body = await fs.promises.readFile(sent);
  c.header('Content-Type', getMimeType(file) ?? 'application/octet-stream');
  c.header('Cache-Control', cacheControl);
  if (available.length > 0) c.header('Vary', 'Accept-Encoding');
  if (encoding) c.header('Content-Encoding', encoding);
  c.header('Content-Length', String(body.length));
  return c.req.method === 'HEAD' ? c.body(null, 200) : c.body(new Uint8Array(body), 200);
}

/** Mount the client on `app`; returns false when the client has not been built. */
export function mountClient(app: Pick<Hono, 'on'>, clientDir = defaultClientDir): boolean {
  const index = path.join(clientDir, 'index.html');
  if (!fs.existsSync(index)) return false;
  const root = path.resolve(clientDir);
  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') return next();
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path);
    } catch {
      return next();
    }
    const file = path.resolve(root, '.' + rel);
    const inside = file.startsWith(root + path.sep) && !rel.includes('\0');
    // A file of the build (never a precompressed copy asked for by name), else the page (SPA fallback).
    if (inside && !/\.(?:br|gz)$/.test(file) && fileStat(file)) {
      const hashed = rel.startsWith('/assets/');
      return sendFile(c, file, hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    if (rel.startsWith('/assets/')) return next();
    return sendFile(c, index, 'no-cache');
  });
  return true;
}
