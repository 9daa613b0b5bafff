/**
 * Starts the embedded database (PGlite + PostGIS, WebAssembly) in a worker thread that answers the
 * PostgreSQL wire protocol on a Unix socket in a private temporary folder (embedded-worker.ts). The
 * server's event loop then never runs a query itself: /api/health and cached answers stay quick while
 * the database works. The worker is TypeScript: it registers tsx's loader before importing its module.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EmbeddedWorkerData, EmbeddedWorkerMessage } from './embedded-worker.ts';

export interface EmbeddedEngine {
  /** The Unix socket to connect to (postgres.js `path`). */
  socketPath: string;
  /** Close the database (written to its folder) and end the thread. */
  stop(): Promise<void>;
}

const tsxApi = () =>
  pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
const workerEntry = new URL('./embedded-worker.ts', import.meta.url).href;

export async function startEmbeddedEngine(dataDir: string): Promise<EmbeddedEngine> {
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fupin-pglite-')); // 0700: this user only
  const socketPath = path.join(socketDir, '.s.PGSQL.5432');
  const boot = `import(${JSON.stringify(tsxApi())}).then((m) => { m.register(); return import(${JSON.stringify(workerEntry)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { dataDir, socketPath } satisfies EmbeddedWorkerData });
  const removeSocketDir = () => fs.rmSync(socketDir, { recursive: true, force: true });
  const next = () =>
    new Promise<EmbeddedWorkerMessage>((resolve, reject) => {
      const onMessage = (m: EmbeddedWorkerMessage) => {
        worker.off('error', onError).off('exit', onExit);
        resolve(m);
      };
      const onError = (err: Error) => {
        worker.off('message', onMessage).off('exit', onExit);
        reject(err);
      };
      const onExit = (code: number) => {
        worker.off('message', onMessage).off('error', onError);
        reject(new Error(`the database thread ended (exit code ${code})`));
      };
      worker.once('message', onMessage).once('error', onError).once('exit', onExit);
    });
  try {
    const first = await next();
    if (first.type !== 'ready') throw new Error(first.type === 'error' ? first.message : `unexpected ${first.type}`);
  } catch (err) {
    await worker.terminate();
    removeSocketDir();
    throw err;
  }
  // Not keeping the process alive by itself: the server's own handles do that.
  worker.unref();
  let stopping: Promise<void> | null = null;
  return {
    socketPath,
    stop: () =>
      (stopping ??= (async () => {
        try {
          const closed = next();
          worker.postMessage({ type: 'close' });
          await closed;
        } catch {
          // the thread is gone already: nothing left to close
        } finally {
          await worker.terminate();
          removeSocketDir();
        }
      })()),
  };
}
