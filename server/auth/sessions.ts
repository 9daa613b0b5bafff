/**
 * Server-side sessions. The cookie carries a random 256-bit token; the database keeps only its
 * SHA-256, so a leaked table cannot be replayed. A session ends after `sessionIdleMs` without a
 * request, `sessionMaxMs` after login whatever the activity, on logout, and at once when its user is
 * disabled (the row is deleted and every lookup joins the live user row).
 */
import crypto from 'node:crypto';
import { and, eq, lt, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';
import type { Principal } from './permissions.ts';

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

export interface SessionClock {
  sessionIdleMs: number;
  sessionMaxMs: number;
  now: () => Date;
}

/** Why a presented token does not open a session. */
export type SessionFailure = 'malformed' | 'unknown' | 'idle' | 'expired' | 'disabled';

export type SessionLookup =
  { ok: true; user: UserPrincipal; idHash: string; expiresAt: Date } | { ok: false; reason: SessionFailure; idHash?: string };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
/** last_seen_at is written at most this often, so a burst of map requests costs one write. */
const TOUCH_EVERY_MS = 30_000;

/** SHA-256 of a token, hex: the stored session id. */
export function sessionIdHash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export class SessionStore {
  constructor(
    private readonly database: Database,
    private readonly clock: SessionClock,
  ) {}

  /** Open a session for a user; returns the token for the cookie (never stored) and its absolute end. */
  async create(userId: number, meta: { ip: string | null; userAgent: string | null }): Promise<{ token: string; expiresAt: Date }> {
    const now = this.clock.now();
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.clock.sessionMaxMs);
    await this.database.db.insert(sessions).values({
      idHash: sessionIdHash(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: meta.ip?.slice(0, 64) ?? null,
      userAgent: meta.userAgent?.slice(0, 256) ?? null,
    });
    return { token, expiresAt };
  }

  /** Look a token up, ending the session when it has timed out or its user is disabled. */
  async resolve(token: string): Promise<SessionLookup> {
    if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: 'malformed' };
    const idHash = sessionIdHash(token);
    const [row] = await this.database.db
      .select({
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        role: users.role,
        countyCode: users.countyCode,
        leader: users.leader,
        disabled: users.disabled,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.idHash, idHash));
    if (!row) return { ok: false, reason: 'unknown', idHash };
    const now = this.clock.now().getTime();
    const reason: SessionFailure | undefined = row.disabled
      ? 'disabled'
      : now >= row.expiresAt.getTime()
        ? 'expired'
        : now - row.lastSeenAt.getTime() >= this.clock.sessionIdleMs
          ? 'idle'
          : undefined;
    if (reason) {
      await this.database.db.delete(sessions).where(eq(sessions.idHash, idHash));
      return { ok: false, reason, idHash };
    }
    if (now - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await this.database.db
        .update(sessions)
        .set({ lastSeenAt: new Date(now) })
        .where(eq(sessions.idHash, idHash));
    }
    const { id, username, displayName, role, countyCode, leader } = row;
    return { ok: true, idHash, expiresAt: row.expiresAt, user: { kind: 'user', id, username, displayName, role, countyCode, leader } };
  }

  /** End one session (logout). */
  async revoke(token: string): Promise<boolean> {
    if (!TOKEN_SHAPE.test(token)) return false;
    const gone = await this.database.db
      .delete(sessions)
      .where(eq(sessions.idHash, sessionIdHash(token)))
      .returning({ id: sessions.idHash });
    return gone.length > 0;
  }

  /** Count a wrong current password typed in this session; returns the count so far. */
  async countPasswordFailure(idHash: string): Promise<number> {
    const [row] = await this.database.db
      .update(sessions)
      .set({ passwordFailures: sql`${sessions.passwordFailures} + 1` })
      .where(eq(sessions.idHash, idHash))
      .returning({ n: sessions.passwordFailures });
    return row?.n ?? 0;
  }

  /** Forget the wrong current passwords of this session (after a successful change). */
  async clearPasswordFailures(idHash: string): Promise<void> {
    await this.database.db.update(sessions).set({ passwordFailures: 0 }).where(eq(sessions.idHash, idHash));
  }

  /** End one session by its stored id. */
  async revokeId(idHash: string): Promise<boolean> {
    const gone = await this.database.db.delete(sessions).where(eq(sessions.idHash, idHash)).returning({ id: sessions.idHash });
    return gone.length > 0;
  }

  /** End every session of a user (disabled, role changed, password reset), optionally but one. */
  async revokeUser(userId: number, keepIdHash?: string): Promise<number> {
    const gone = await this.database.db
      .delete(sessions)
      .where(keepIdHash ? and(eq(sessions.userId, userId), ne(sessions.idHash, keepIdHash)) : eq(sessions.userId, userId))
      .returning({ id: sessions.idHash });
    return gone.length;
  }

  /** Delete sessions that can no longer be used. */
  async sweep(): Promise<void> {
    const now = this.clock.now().getTime();
    await this.database.db
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, new Date(now)), lt(sessions.lastSeenAt, new Date(now - this.clock.sessionIdleMs))));
  }
}
