/**
 * A known defect of postgres.js 3.4.9 (porsager/postgres#1154, #1208; fixes proposed in #1168, #1209, not
 * released): when the server closes a connection while a short message (a ROLLBACK after the failed query,
 * say) waits in a `setImmediate`, `nextWrite` writes to a socket that is already null and throws outside
 * any query — an uncaught exception that would end the whole server when PostgreSQL restarts mid-transaction.
 * The query it belonged to has already been rejected (CONNECTION_CLOSED, answered 503), so the exception
 * carries nothing to handle: the server logs it and keeps serving. Every other uncaught exception still
 * ends the process, as Node's default does.
 */

/** Is this the postgres.js null-socket write (message and stack, as thrown or as serialised by a test runner)? */
export function isDriverNullSocketWrite(err: unknown): boolean {
  const e = err as { message?: unknown; stack?: unknown } | null;
  return (
    typeof e?.message === 'string' &&
    e.message.includes("Cannot read properties of null (reading 'write')") &&
    typeof e.stack === 'string' &&
    /nextWrite/.test(e.stack) &&
    /postgres[\\/]src[\\/]connection\.js/.test(e.stack)
  );
}

let installed = false;

/** Install once per process (server/index.ts). */
export function installDriverGuard(): void {
  if (installed) return;
  installed = true;
  process.on('uncaughtException', (err, origin) => {
    if (isDriverNullSocketWrite(err)) {
      console.error('[db] a connection closed while a write was queued (postgres.js #1154); the query was already refused, serving on');
      return;
    }
    console.error(origin === 'unhandledRejection' ? 'Unhandled rejection:' : 'Uncaught exception:', err);
    process.exit(1);
  });
}
