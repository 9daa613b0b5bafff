/**
 * Reading and writing accounts (users table). Password hashes never leave this module's callers' server side.
 * No HTTP here: a refused assignment, a taken username or a missing user come back as typed results,
 * and the routes choose the answer.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Role, UserView } from '../contracts/auth.ts';
import type { Database } from '../db/client.ts';
import { regions, users } from '../db/schema.ts';

export type UserRow = typeof users.$inferSelect;

export function userView(u: UserRow): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    countyCode: u.countyCode,
    leader: u.leader,
    disabled: u.disabled,
    createdAt: u.createdAt.toISOString(),
    lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
  };
}

export async function findUserByName(database: Database, username: string): Promise<UserRow | undefined> {
  const [u] = await database.db.select().from(users).where(eq(users.username, username));
  return u;
}

export async function findUserById(database: Database, id: number): Promise<UserRow | undefined> {
  const [u] = await database.db.select().from(users).where(eq(users.id, id));
  return u;
}

export async function listUsers(database: Database): Promise<UserRow[]> {
  return database.db.select().from(users).orderBy(asc(users.id));
}

export async function countUsers(database: Database): Promise<number> {
  const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(users);
  return Number(row.n);
}

/** Why a role/county/leader combination is refused: the field at fault and a sentence naming it first. */
export interface AssignmentProblem {
  field: 'countyCode' | 'leader';
  message: string;
}

/**
 * Check the role/county/leader combination: a county editor needs an existing county-level code;
 * other roles have none; only a county editor may carry the leader (sign-off) flag. Null: allowed.
 */
export async function assignmentProblem(
  database: Database,
  a: { role: Role; countyCode: string | null; leader: boolean },
): Promise<AssignmentProblem | null> {
  if (a.role === 'county_editor') {
    if (!a.countyCode) return { field: 'countyCode', message: 'countyCode: a county editor needs the code of its county, e.g. 411421.' };
    const [county] = await database.db
      .select({ code: regions.code })
      .from(regions)
      .where(and(eq(regions.code, a.countyCode), eq(regions.level, 'county')));
    if (!county) return { field: 'countyCode', message: `countyCode: ${a.countyCode} is not a county-level division of the database.` };
  } else {
    if (a.countyCode) return { field: 'countyCode', message: `countyCode: only a county editor has a county (role ${a.role} has none).` };
    if (a.leader) return { field: 'leader', message: 'leader: only a county editor can hold the sign-off (leader) flag.' };
  }
  return null;
}

/** A new account: the row, or `taken` when the username is in use (nothing is written then). */
export async function insertUser(
  database: Database,
  u: { username: string; displayName: string; passwordHash: string; role: Role; countyCode: string | null; leader: boolean },
): Promise<{ ok: true; user: UserRow } | { ok: false; reason: 'taken' }> {
  const existing = await findUserByName(database, u.username);
  if (existing) return { ok: false, reason: 'taken' };
  const [row] = await database.db.insert(users).values(u).returning();
  return { ok: true, user: row };
}

export async function updateUser(
  database: Database,
  id: number,
  set: Partial<
    Pick<UserRow, 'displayName' | 'role' | 'countyCode' | 'leader' | 'disabled' | 'passwordHash' | 'passwordChangedAt' | 'lastLoginAt'>
  >,
  now: Date,
): Promise<UserRow | undefined> {
  const [row] = await database.db
    .update(users)
    .set({ ...set, updatedAt: now, version: sql`${users.version} + 1` })
    .where(eq(users.id, id))
    .returning();
  return row; // undefined: no user with this id
}
