/** Serve the built client (dist/client) from the API server, with SPA fallback to index.html. */
import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

export const defaultClientDir = path.resolve(import.meta.dirname, '../dist/client');

/** Mount the client on `app`; returns false when the client has not been built. */
export function mountClient(app: Pick<Hono, 'use' | 'get'>, clientDir = defaultClientDir): boolean {
  if (!fs.existsSync(path.join(clientDir, 'index.html'))) return false;
  const root = path.relative(process.cwd(), clientDir) || '.';
  app.use('/assets/*', serveStatic({ root, onFound: (_p, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }));
  app.use('*', serveStatic({ root }));
  app.get('*', serveStatic({ path: path.join(root, 'index.html') }));
  return true;
}
