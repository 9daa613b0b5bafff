/**
 * The first accounts, created at the first start when the users table is empty, with random
 * passwords that the caller prints once (never stored in plain text, never logged again).
 * With the demo data: one account per role; without it: only a city administrator.
 */
import type { Role } from '../contracts/auth.ts';
import type { Database } from '../db/client.ts';
import { writeAudit } from './audit.ts';
import { generatePassword, hashPassword, type ScryptParams } from './password.ts';
import { assignmentProblem, countUsers, findUserByName, insertUser } from './user-store.ts';

export interface InitialAccount {
  username: string;
  displayName: string;
  role: Role;
  countyCode: string | null;
  leader: boolean;
}

export const demoAccounts: InitialAccount[] = [
  { username: 'admin', displayName: '市扶贫办管理员', role: 'city_admin', countyCode: null, leader: false },
  { username: 'minquan', displayName: '民权县扶贫办 (可签字)', role: 'county_editor', countyCode: '411421', leader: true },
  { username: 'yongcheng', displayName: '永城市扶贫办', role: 'county_editor', countyCode: '411481', leader: false },
  { username: 'leader', displayName: '市领导', role: 'leader', countyCode: null, leader: false },
  { username: 'planner', displayName: '产业规划', role: 'planner', countyCode: null, leader: false },
];

/**
 * Create the initial accounts when there are none. Returns them with their passwords (to print once);
 * an empty list when accounts already exist. County editors whose county is not in the database are
 * skipped.
 */
export async function ensureInitialAccounts(
  database: Database,
  opts: { demo: boolean; scrypt?: ScryptParams; now?: () => Date },
): Promise<(InitialAccount & { password: string })[]> {
  if ((await countUsers(database)) > 0) return [];
  const wanted = opts.demo ? demoAccounts : demoAccounts.filter((a) => a.role === 'city_admin');
  const created: (InitialAccount & { password: string })[] = [];
  for (const account of wanted) {
    if (await assignmentProblem(database, account)) continue; // the county is not in the database (demo data off or replaced)
    if (await findUserByName(database, account.username)) continue;
    const password = generatePassword();
    await insertUser(database, { ...account, passwordHash: await hashPassword(password, opts.scrypt) });
    await writeAudit(database, {
      at: opts.now?.() ?? new Date(),
      action: 'users.create',
      target: `user:${account.username}`,
      result: 'ok',
      username: 'system',
      detail: { role: account.role, countyCode: account.countyCode, leader: account.leader, initial: true },
    });
    created.push({ ...account, password });
  }
  return created;
}

/** The console text that shows the initial accounts once. */
export function formatInitialAccounts(accounts: (InitialAccount & { password: string })[]): string {
  const rows = accounts.map((a) => {
    const scope = a.countyCode ? ` ${a.countyCode}${a.leader ? ' 可签字' : ''}` : '';
    return `  ${a.username.padEnd(10)} ${a.password}   ${a.role}${scope} — ${a.displayName}`;
  });
  return [
    'Initial accounts created. Their passwords are shown ONLY THIS ONCE — note them now (初始账号，密码仅显示一次):',
    ...rows,
    'An administrator can reset passwords later (POST /api/users/{id}/password). See docs/security.md.',
  ].join('\n');
}
