/**
 * Progressive delay after failed logins, kept in the database (survives restarts, shared by every
 * server process and by the operator's `npm run admin -- unlock NAME`). Counted per (attempted
 * username, client IP), whether or not the account exists, so a delay tells nothing about which
 * accounts exist, and an attacker slows only their own client: the owner logging in from another
 * client is never held back.
 *
 * The first `loginMaxFailures − 1` failures of a streak cost nothing; from the `loginMaxFailures`-th
 * on, the client must wait `loginDelayBaseMs · 2^(failures − loginMaxFailures)`, at most `lockoutMs`,
 * before its next try of that username (429 with Retry-After until then). A success from that client
 * clears its streak; a streak is forgotten `loginStreakResetMs` after its last failure.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { loginThrottle } from '../db/schema.ts';

export interface LockoutOptions {
  /** Failures of one client for one username before the delays begin (LOGIN_MAX_FAILURES, default 5). */
  loginMaxFailures: number;
  /** The longest delay (LOCKOUT_MINUTES, default 15 min). */
  lockoutMs: number;
  /** The first delay, doubled at each further failure (default 30 s). */
  loginDelayBaseMs: number;
  /** A streak without a new failure for this long is forgotten (default 24 h). */
  loginStreakResetMs: number;
  now: () => Date;
}

/** The delay after the `failures`-th failure of a streak, in ms (0 before the delays begin). */
export function loginDelayMs(failures: number, opts: Pick<LockoutOptions, 'loginMaxFailures' | 'lockoutMs' | 'loginDelayBaseMs'>): number {
  if (failures < opts.loginMaxFailures) return 0;
  return Math.min(opts.lockoutMs, opts.loginDelayBaseMs * 2 ** Math.min(30, failures - opts.loginMaxFailures));
}

/** The client key of a request: its IP, '' when unknown (in-process requests). */
export const clientKey = (ip: string | null | undefined) => (ip ?? '').slice(0, 64);

export class LoginThrottle {
  constructor(
    private readonly database: Database,
    private readonly opts: LockoutOptions,
  ) {}

  /** Until when `client` must wait before trying `username` again, or null when it may try now. */
  async blockedUntil(username: string, client: string): Promise<Date | null> {
    const [row] = await this.database.db
      .select({ lockedUntil: loginThrottle.lockedUntil })
      .from(loginThrottle)
      .where(and(eq(loginThrottle.username, username), eq(loginThrottle.client, client)));
    const until = row?.lockedUntil;
    return until && until.getTime() > this.opts.now().getTime() ? until : null;
  }

  /** Count a failure (atomically, so parallel attempts cannot slip past the delay). */
  async recordFailure(username: string, client: string): Promise<{ failures: number; blockedUntil: Date | null }> {
    const now = this.opts.now();
    const nowIso = now.toISOString();
    const staleBefore = new Date(now.getTime() - this.opts.loginStreakResetMs).toISOString();
    const { loginMaxFailures: max, lockoutMs: cap, loginDelayBaseMs: base } = this.opts;
    const stale = sql`(login_throttle.last_failure_at IS NULL OR login_throttle.last_failure_at <= ${staleBefore}::timestamptz)`;
    const next = sql`(CASE WHEN ${stale} THEN 1 ELSE login_throttle.failures + 1 END)`;
    const delayOf = (n: SQL) =>
      sql`CASE WHEN ${n} >= ${max}::int THEN ${nowIso}::timestamptz + least(${cap}::float8, ${base}::float8 * power(2::float8, least(${n} - ${max}::int, 30))) * interval '1 millisecond' END`;
    const [row] = await this.database.rows<{ failures: number; lockedUntil: string | Date | null }>(sql`
      INSERT INTO login_throttle (username, client, failures, window_start, last_failure_at, locked_until)
      VALUES (${username}, ${client}, 1, ${nowIso}::timestamptz, ${nowIso}::timestamptz, ${delayOf(sql`1`)})
      ON CONFLICT (username, client) DO UPDATE SET
        failures = ${next},
        window_start = CASE WHEN ${stale} THEN ${nowIso}::timestamptz ELSE login_throttle.window_start END,
        last_failure_at = ${nowIso}::timestamptz,
        locked_until = ${delayOf(next)}
      RETURNING failures, locked_until AS "lockedUntil"`);
    return { failures: row.failures, blockedUntil: row.lockedUntil ? new Date(row.lockedUntil) : null };
  }

  /**
   * Forget the failures of `username`: from one client (after its successful login), or from every
   * client (an administrator's password reset, the operator's unlock). Returns the rows removed.
   */
  async clear(username: string, client?: string): Promise<number> {
    const gone = await this.database.db
      .delete(loginThrottle)
      .where(
        client === undefined
          ? eq(loginThrottle.username, username)
          : and(eq(loginThrottle.username, username), eq(loginThrottle.client, client)),
      )
      .returning({ username: loginThrottle.username });
    return gone.length;
  }
}
