/**
 * Start-up problems stop the server with one sentence saying what to do, never a stack trace:
 * the real entry point (server/index.ts) is started as a child process.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fupin-startup-'));
let blocker: net.Server;
let blockedPort: number;

function start(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', DATABASE_URL: '', DATA_DIR: path.join(tmp, 'unused'), ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

beforeAll(async () => {
  blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '0.0.0.0', () => r()));
  blockedPort = (blocker.address() as net.AddressInfo).port;
  fs.mkdirSync(path.join(tmp, 'junk/pglite'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'junk/pglite/notes.txt'), 'not a database');
  fs.mkdirSync(path.join(tmp, 'broken/pglite'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'broken/pglite/PG_VERSION'), '17\n');
  fs.writeFileSync(path.join(tmp, 'broken/pglite/postgresql.conf'), 'garbage');
});
afterAll(() => {
  blocker?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('start-up errors', () => {
  it.each([
    {
      title: 'port already taken',
      env: () => ({ PORT: String(blockedPort) }),
      msg: /^Port \d+ is already in use: stop the other program or start with another port/m,
    },
    {
      title: 'unreachable DATABASE_URL',
      env: () => ({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' }),
      msg: /^Cannot connect to the PostgreSQL server in DATABASE_URL .*unset DATABASE_URL/m,
    },
    {
      title: 'DATABASE_URL of another kind',
      env: () => ({ DATABASE_URL: 'mysql://localhost/x' }),
      msg: /^Invalid configuration: DATABASE_URL must start with postgres:\/\//m,
    },
    { title: 'invalid PORT', env: () => ({ PORT: 'eighty' }), msg: /^Invalid configuration: PORT/m },
    {
      title: 'a data folder that is not a database',
      env: () => ({ DATA_DIR: path.join(tmp, 'junk') }),
      msg: /is not an embedded database .* delete this one to start fresh/,
    },
    {
      title: 'a damaged data folder',
      env: () => ({ DATA_DIR: path.join(tmp, 'broken') }),
      msg: /could not be opened .* It may be damaged or half-written: delete the folder/,
    },
  ])(
    '$title: exits 1 with one sentence and no stack trace',
    async ({ env, msg }) => {
      const { code, out } = await start(env());
      expect(code).toBe(1);
      expect(out).toMatch(msg);
      expect(out).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack frames
    },
    120_000,
  );
});
