/**
 * Operator commands, run on the server machine with the server's own configuration (DATABASE_URL, or
 * the embedded database in DATA_DIR):
 *
 *   npm run admin -- unlock NAME   forget the failed logins of NAME from every client, so no delay
 *                                   holds it back any more (audited as auth.unlock)
 *
 * On the embedded database the server must be stopped first (one process at a time); on PostgreSQL
 * the command works while the server runs and takes effect at the next login.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { writeAudit } from '../auth/audit.ts';
import { LoginThrottle } from '../auth/lockout.ts';
import { defaultSecurityOptions } from '../auth/options.ts';
import { findUserByName } from '../auth/user-store.ts';
import { readConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { embeddedHolder } from '../db/embedded-lock.ts';
import { StartupError } from '../errors.ts';

export const USAGE = [
  '用法 (usage): npm run admin -- unlock NAME',
  '  unlock NAME   解除用户 NAME 因登录失败造成的等待（所有设备）(forget the failed logins of NAME from every client)',
].join('\n');

/** The user name as the login route keys it. */
const Username = z
  .string()
  .transform((s) => s.normalize('NFKC').trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(1, '用户名不能为空 (the user name is empty)')
      .max(64, '用户名最多 64 个字符 (at most 64 characters)')
      // eslint-disable-next-line no-control-regex
      .regex(/^[^\u0000-\u001f\u007f]+$/, '用户名不能含控制字符 (no control characters)'),
  );

const Command = z.discriminatedUnion('command', [z.object({ command: z.literal('unlock'), username: Username })]);
export type AdminCommand = z.infer<typeof Command>;

/** Parse the arguments; a sentence for the operator when they are wrong. */
export function parseAdminArgs(args: readonly string[]): { ok: true; command: AdminCommand } | { ok: false; message: string } {
  const [command, ...rest] = args;
  if (command !== 'unlock') return { ok: false, message: command ? `未知命令 ${command} (unknown command).\n${USAGE}` : USAGE };
  if (rest.length !== 1) return { ok: false, message: `unlock 需要且只需要一个用户名 (unlock takes one user name).\n${USAGE}` };
  const parsed = Command.safeParse({ command, username: rest[0] });
  if (!parsed.success) return { ok: false, message: `${parsed.error.issues.map((i) => i.message).join('; ')}\n${USAGE}` };
  return { ok: true, command: parsed.data };
}

/** Carry out a command on an open database; returns the lines to print. */
export async function runAdminCommand(database: Database, command: AdminCommand, now: () => Date = () => new Date()): Promise<string[]> {
  const throttle = new LoginThrottle(database, { ...defaultSecurityOptions, now });
  const cleared = await throttle.clear(command.username);
  const exists = (await findUserByName(database, command.username)) !== undefined;
  await writeAudit(database, {
    at: now(),
    action: 'auth.unlock',
    target: `user:${command.username}`,
    result: 'ok',
    username: 'operator',
    detail: { clients: cleared, accountExists: exists, osUser: safeOsUser(), via: 'npm run admin' },
  });
  return [
    cleared > 0
      ? `已解锁 ${command.username}：清除了 ${cleared} 台设备的登录失败记录，现在可以立即登录 (unlocked: failures of ${cleared} clients forgotten).`
      : `${command.username} 没有登录失败造成的等待，无需解锁 (nothing to unlock).`,
    ...(exists ? [] : [`注意：没有名为 ${command.username} 的账号 (no account of that name).`]),
  ];
}

function safeOsUser(): string | null {
  try {
    return os.userInfo().username.slice(0, 64);
  } catch {
    return null;
  }
}

/** The command line: arguments → configuration → database → command. Returns the exit code. */
export async function main(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = parseAdminArgs(args);
  if (!parsed.ok) {
    console.error(parsed.message);
    return 2;
  }
  let database: Database | undefined;
  try {
    const config = readConfig(env);
    const dataDir = path.join(config.DATA_DIR, 'pglite');
    if (!config.DATABASE_URL) {
      const holder = embeddedHolder(dataDir);
      if (holder !== null)
        throw new StartupError(
          `服务器（进程 ${holder}）正在使用内置数据库 ${path.resolve(dataDir)}：请先停止服务器再运行此命令，之后重新启动 ` +
            `(the server, process ${holder}, holds the embedded database: stop it, run this command, start it again).`,
        );
      if (!fs.existsSync(path.join(dataDir, 'PG_VERSION')))
        throw new StartupError(
          `${path.resolve(dataDir)} 中没有数据库：请用与服务器相同的 DATA_DIR 或 DATABASE_URL 运行此命令 (no database there: use the server's DATA_DIR or DATABASE_URL).`,
        );
    }
    database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir });
    for (const line of await runAdminCommand(database, parsed.command)) console.log(line);
    return 0;
  } catch (err) {
    console.error(err instanceof StartupError ? err.message : `命令失败 (failed): ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await database?.close().catch(() => {});
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
