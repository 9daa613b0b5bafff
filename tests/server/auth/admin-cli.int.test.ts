/**
 * The operator's command line as an operator runs it: `npm run admin -- unlock NAME`, in a child
 * process with the server's configuration (DATA_DIR for the embedded database, DATABASE_URL for
 * PostgreSQL), on the backend of the test project.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LoginThrottle } from '../../../server/auth/lockout.ts';
import { defaultSecurityOptions } from '../../../server/auth/options.ts';
import { openDatabase, type Database } from '../../../server/db/client.ts';
import { lockFileOf } from '../../../server/db/embedded-lock.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import { seedFixtures } from './fixtures.ts';

// Each case starts `npm run admin` as a child process, which opens the database itself (on the embedded
// backend: WebAssembly PostgreSQL + PostGIS, a minute on a busy two-core machine).
vi.setConfig({ testTimeout: 240_000 });

const root = path.resolve(import.meta.dirname, '../../..');
let database: TestDatabase;
/** Embedded: DATA_DIR holding the test database as its `pglite` folder. */
let dataDir: string | undefined;

function admin(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', 'admin', '--', ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', ...env }, timeout: 120_000 },
      (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
    );
  });
}

const configEnv = (): Record<string, string> => (testBackend === 'postgres' ? { DATABASE_URL: database.url! } : { DATA_DIR: dataDir! });

/** Run `fn` on the database, closing it again on the embedded backend (one process at a time). */
async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  if (testBackend === 'postgres') return fn(database);
  const db = await openDatabase({ dataDir: path.join(dataDir!, 'pglite'), migrate: false });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  database = await openTestDatabase();
  await seedFixtures(database);
  const throttle = new LoginThrottle(database, defaultSecurityOptions);
  for (const client of ['203.0.113.9', '198.51.100.7']) for (let i = 0; i < 6; i++) await throttle.recordFailure('admin', client);
  if (testBackend === 'embedded') {
    // The command opens DATA_DIR/pglite, as the server does: move the test database there.
    await database.close();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fupin-admin-'));
    fs.renameSync(database.dataDir!, path.join(dataDir, 'pglite'));
  }
});
afterAll(async () => {
  if (testBackend === 'embedded') {
    fs.renameSync(path.join(dataDir!, 'pglite'), database.dataDir!); // back, so dispose() removes it
    fs.rmSync(dataDir!, { recursive: true, force: true });
    await database.dispose().catch(() => {}); // already closed
  } else await database?.dispose();
});

describe(`npm run admin (${testBackend})`, () => {
  it('unlock NAME forgets the failed logins of NAME from every client and audits it', async () => {
    const before = await withDb((db) =>
      db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM login_throttle WHERE username = 'admin'`),
    );
    expect(before[0].n).toBe(2);
    const run = await admin(['unlock', 'admin'], configEnv());
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^已解锁 admin：清除了 2 台设备的登录失败记录/);
    await withDb(async (db) => {
      expect((await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM login_throttle`))[0].n).toBe(0);
      const [row] = await db.rows<{ username: string; target: string; detail: Record<string, unknown> }>(
        sql`SELECT username, target, detail FROM audit_log WHERE action = 'auth.unlock'`,
      );
      expect(row).toMatchObject({ username: 'operator', target: 'user:admin', detail: { clients: 2, accountExists: true } });
    });
  });

  it('explains its usage, and refuses a wrong command with exit code 2', async () => {
    const run = await admin(['unlock'], configEnv());
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/unlock 需要且只需要一个用户名[\s\S]*用法 \(usage\): npm run admin -- unlock NAME/);
  });

  it('refuses to open the embedded database while the server holds it; on PostgreSQL it runs beside the server', async () => {
    if (testBackend !== 'embedded') {
      // PostgreSQL serves the command and the running server at once: nothing to wait for.
      const run = await admin(['unlock', 'admin'], configEnv());
      expect(run.code, run.err).toBe(0);
      return;
    }
    // This test process stands in for the running server.
    fs.writeFileSync(lockFileOf(path.join(dataDir!, 'pglite')), `${process.pid}\n`);
    try {
      const run = await admin(['unlock', 'admin'], configEnv());
      expect(run.code).toBe(1);
      expect(run.err).toMatch(new RegExp(`服务器（进程 ${process.pid}）正在使用内置数据库.*请先停止服务器再运行此命令`));
    } finally {
      fs.rmSync(lockFileOf(path.join(dataDir!, 'pglite')));
    }
    const missing = await admin(['unlock', 'admin'], { DATA_DIR: path.join(dataDir!, 'nothing-here') });
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/中没有数据库：请用与服务器相同的 DATA_DIR 或 DATABASE_URL 运行此命令/);
  });
});
