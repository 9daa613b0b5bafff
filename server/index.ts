/**
 * Start the server: configuration → database (embedded or DATABASE_URL) → demo data on first start →
 * HTTP on PORT serving /api and the built client. Start-up problems print one sentence and exit 1.
 */
import net from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { ensureInitialAccounts, formatInitialAccounts } from './auth/demo-accounts.ts';
import { securityOptionsFromConfig } from './auth/options.ts';
import { flushDenials } from './auth/denials.ts';
import { serverSecret } from './auth/secret.ts';
import { readConfig } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { installDriverGuard } from './db/driver-guard.ts';
import { holdEmbedded } from './db/embedded-lock.ts';
import { StartupError } from './errors.ts';
import { loadDemoData } from './ingest/load-demo.ts';
import { mountClient } from './static.ts';

async function main() {
  installDriverGuard(); // a PostgreSQL restart mid-transaction must not end the server (db/driver-guard.ts)
  const config = readConfig();
  const started = Date.now();
  await assertPortFree(config.PORT, config.HOST);
  console.log(
    config.DATABASE_URL
      ? 'Connecting to PostgreSQL (DATABASE_URL)…'
      : `Opening the embedded PostGIS database in ${path.resolve(config.DATA_DIR, 'pglite')}…`,
  );
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    readUrls: config.DATABASE_READ_URL,
    dataDir: path.join(config.DATA_DIR, 'pglite'),
  });
  if (database.replicas)
    console.log(`Cached read-only answers go to ${database.replicas.replicas.length} read replica(s) (DATABASE_READ_URL).`);
  // The operator's command line (npm run admin) must not open the embedded database while we hold it.
  if (database.kind === 'embedded' && database.dataDir) releaseEmbedded = holdEmbedded(database.dataDir);
  // The server secret (keys the audit pseudonyms and the small-count protection) is made now if new.
  await serverSecret(database);
  if (config.DEMO_DATA === 'on') {
    const t = Date.now();
    const result = await loadDemoData(database);
    if (result.seeded) console.log(`Demo data for 商丘市 generated and loaded in ${((Date.now() - t) / 1000).toFixed(1)} s.`);
  }

  // First start: one account per role (only an administrator without demo data), passwords shown once.
  const accounts = await ensureInitialAccounts(database, { demo: config.DEMO_DATA === 'on' });
  if (accounts.length) console.log(formatInitialAccounts(accounts));

  const app = createApp({ database, security: securityOptionsFromConfig(config) });
  if (!mountClient(app)) console.warn('The client is not built (dist/client missing): run `npm run build`. The API still works.');

  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST });
  // Write out the counts of repeated anonymous denials whose window has ended (server/auth/denials.ts).
  setInterval(
    () =>
      void flushDenials(database, Date.now()).catch((err: unknown) =>
        console.error(`[audit] could not write aggregated denials: ${err instanceof Error ? err.message : String(err)}`),
      ),
    60_000,
  ).unref();
  server.on('error', (err: NodeJS.ErrnoException) => {
    const msg =
      err.code === 'EADDRINUSE'
        ? `Port ${config.PORT} is already in use: stop the other program or start with another port, e.g. PORT=8788 npm start.`
        : `The server could not listen on port ${config.PORT}: ${err.message}.`;
    console.error(msg);
    void shutdown(database, 1);
  });
  server.on('listening', () => {
    console.log(
      `扶贫项目调度一张图 is ready on http://localhost:${config.PORT} (${database.kind} database, ${((Date.now() - started) / 1000).toFixed(1)} s).`,
    );
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void shutdown(database, 0, server));
}

/** Fail fast, before the database is opened, when the port is taken. */
function assertPortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new StartupError(
          err.code === 'EADDRINUSE'
            ? `Port ${port} is already in use: stop the other program or start with another port, e.g. PORT=8788 npm start.`
            : `The server cannot listen on port ${port} (${err.code ?? err.message}): choose another port with PORT=….`,
        ),
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

let closing = false;
let releaseEmbedded: (() => void) | undefined;
async function shutdown(database: Database, code: number, server?: { close(): void }) {
  if (closing) return;
  closing = true;
  server?.close();
  await flushDenials(database).catch(() => {});
  await database.close().catch(() => {});
  releaseEmbedded?.();
  process.exit(code);
}

main().catch((err: unknown) => {
  if (err instanceof StartupError) console.error(err.message);
  else console.error(`The server could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
