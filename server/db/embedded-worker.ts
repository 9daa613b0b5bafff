/**
 * The embedded database's own thread: PGlite + PostGIS (WebAssembly) run here, not on the server's
 * event loop, and answer the PostgreSQL wire protocol on a Unix socket (pglite-socket), so the server
 * talks to it through postgres.js as to a PostgreSQL server — same driver, same queries — and a long
 * query never stops the event loop from answering /api/health or a cached answer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { ExtraReadyFilter } from './wire-filter.ts';

export interface EmbeddedWorkerData {
  dataDir: string;
  socketPath: string;
}
export type EmbeddedWorkerMessage = { type: 'ready' } | { type: 'error'; message: string } | { type: 'closed' };

const { dataDir, socketPath } = workerData as EmbeddedWorkerData;
const post = (m: EmbeddedWorkerMessage) => parentPort!.postMessage(m);

let db: PGlite;
let server: PGLiteSocketServer;
try {
  db = await PGlite.create(dataDir, { extensions: { postgis } });
  await db.query('select 1');
  server = new PGLiteSocketServer({ db: withServerErrorFlow(db), path: socketPath, maxConnections: 1 });
  await server.start();
  post({ type: 'ready' });
} catch (err) {
  post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
}

/**
 * The database as the socket server sees it: each message's response passes through
 * ExtraReadyFilter, so an error answers like a PostgreSQL server's (one ReadyForQuery, at Sync) and
 * the driver's pipeline stays in step (wire-filter.ts).
 */
function withServerErrorFlow(pg: PGlite): PGlite {
  return new Proxy(pg, {
    get(target, prop) {
      if (prop === 'execProtocolRawStream') {
        return (message: Uint8Array, options: Parameters<PGlite['execProtocolRawStream']>[1]) => {
          const filter = new ExtraReadyFilter(message);
          return target.execProtocolRawStream(message, {
            ...options,
            onRawData: (data) => {
              const pass = filter.push(data);
              if (pass.length > 0) options.onRawData(pass);
            },
          });
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

parentPort!.on('message', async (m: { type: 'close' }) => {
  if (m.type !== 'close') return;
  try {
    await server?.stop();
    await db?.close();
  } finally {
    post({ type: 'closed' });
  }
});
