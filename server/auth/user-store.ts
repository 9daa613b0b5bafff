/** Reading and writing accounts (users table). Password hashes never leave this module's callers' server side. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Role, UserView } from '../contracts/auth.ts';
import type { Database } from '../db/client.ts';
import { regions, users } from '../db/schema.ts';
import { HttpError } from '../errors.ts';

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

/**
 * Check the role/county/leader combination: a county editor needs an existing county-level code;
 * other roles have none; only a county editor may carry the leader (sign-off) flag.
 */
export async function validateAssignment(database: Database, a: { role: Role; countyCode: string | null; leader: boolean }): Promise<void> {
  if (a.role === 'county_editor') {
    if (!a.countyCode) throw new HttpError(400, 'countyCode: a county editor needs the code of its county, e.g. 411421.');
    const [county] = await database.db
      .select({ code: regions.code })
      .from(regions)
      .where(and(eq(regions.code, a.countyCode), eq(regions.level, 'county')));
    if (!county) throw new HttpError(400, `countyCode: ${a.countyCode} is not a county-level division of the database.`);
  } else {
    if (a.countyCode) throw new HttpError(400, `countyCode: only a county editor has a county (role ${a.role} has none).`);
    if (a.leader) throw new HttpError(400, 'leader: only a county editor can hold the sign-off (leader) flag.');
  }
}

export async function insertUser(
  database: Database,
  u: { username: string; displayName: string; passwordHash: string; role: Role; countyCode: string | null; leader: boolean },
): Promise<UserRow> {
  const existing = await findUserByName(database, u.username);
  if (existing) throw new HttpError(409, `username: ${u.username} is already taken.`);
  const [row] = await database.db.insert(users).values(u).returning();
  return row;
}

export async function updateUser(
  database: Database,
  id: number,
  set: Partial<
    Pick<UserRow, 'displayName' | 'role' | 'countyCode' | 'leader' | 'disabled' | 'passwordHash' | 'passwordChangedAt' | 'lastLoginAt'>
  >,
  now: Date,
): Promise<UserRow> {
  const [row] = await database.db
    .update(users)
    .set({ ...set, updatedAt: now, version: sql`${users.version} + 1` })
    .where(eq(users.id, id))
    .returning();
  if (!row) throw new HttpError(404, `No user with id ${id}.`);
  return row;
}
