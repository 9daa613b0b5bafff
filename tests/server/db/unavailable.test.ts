/**
 * Database-away errors (answered 503, server/db/unavailable.ts) and the one postgres.js defect the server
 * survives (server/db/driver-guard.ts) are told apart from every other error.
 */
import { describe, expect, it } from 'vitest';
import { isDriverNullSocketWrite } from '../../../server/db/driver-guard.ts';
import { isDatabaseUnavailable } from '../../../server/db/unavailable.ts';

const withCode = (code: string) => Object.assign(new Error('x'), { code });

describe('database unavailable', () => {
  it.each(['ECONNREFUSED', 'CONNECTION_CLOSED', 'CONNECT_TIMEOUT', '57P01', '57P03', '08006'])('%s is the database being away', (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(true);
    // drizzle wraps driver errors: the code is on the cause.
    expect(isDatabaseUnavailable(new Error('Failed query', { cause: withCode(code) }))).toBe(true);
  });
  it.each(['23505', '23503', '42P01', '22P02', undefined])('%s is not', (code) => {
    expect(isDatabaseUnavailable(code ? withCode(code) : new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe('the postgres.js null-socket write', () => {
  const stack = (frame: string) =>
    `TypeError: Cannot read properties of null (reading 'write')\n    at Immediate.nextWrite (${frame}:255:22)\n    at process.processImmediate (node:internal/timers:485:21)`;
  it('is recognised as thrown and as a test runner serialises it', () => {
    const err = new TypeError("Cannot read properties of null (reading 'write')");
    err.stack = stack('/app/node_modules/postgres/src/connection.js');
    expect(isDriverNullSocketWrite(err)).toBe(true);
    expect(isDriverNullSocketWrite({ message: err.message, stack: err.stack })).toBe(true);
  });
  it('nothing else is: the same message from our own code, another driver error', () => {
    const ours = new TypeError("Cannot read properties of null (reading 'write')");
    ours.stack = stack('/app/server/ingest/sheet.ts');
    expect(isDriverNullSocketWrite(ours)).toBe(false);
    const other = new TypeError("Cannot read properties of null (reading 'end')");
    other.stack = stack('/app/node_modules/postgres/src/connection.js');
    expect(isDriverNullSocketWrite(other)).toBe(false);
    expect(isDriverNullSocketWrite(undefined)).toBe(false);
  });
});
