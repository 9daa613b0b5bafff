/**
 * Lockout after repeated failed logins, kept in the database (survives restarts, shared by every
 * server process). Counted per attempted username whether or not the account exists, so a lockout
 * tells nothing about which accounts exist. `loginMaxFailures` failures within `lockoutMs` lock the
 * username for `lockoutMs`; a successful login clears the count.
 */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { loginThrottle } from '../db/schema.ts';

export interface LockoutOptions {
  loginMaxFailures: number;
  lockoutMs: number;
  now: () => Date;
}

export class LoginThrottle {
  constructor(
    private readonly database: Database,
    private readonly opts: LockoutOptions,
  ) {}

  /** The end of the current lock of `username`, or null when it may try. */
  async lockedUntil(username: string): Promise<Date | null> {
    const [row] = await this.database.db.select({ lockedUntil: loginThrottle.lockedUntil }).from(loginThrottle).where(eq(loginThrottle.username, username));
    const until = row?.lockedUntil;
    return until && until.getTime() > this.opts.now().getTime() ? until : null;
  }

  /** Count a failure (atomically, so parallel attempts cannot slip past the limit). */
  async recordFailure(username: string): Promise<{ failures: number; lockedUntil: Date | null }> {
    const now = this.opts.now();
    const windowStart = new Date(now.getTime() - this.opts.lockoutMs).toISOString();
    const lockEnd = new Date(now.getTime() + this.opts.lockoutMs).toISOString();
    const nowIso = now.toISOString();
    const max = this.opts.loginMaxFailures;
    const fresh = sql`login_throttle.window_start <= ${windowStart}::timestamptz`;
    const next = sql`CASE WHEN ${fresh} THEN 1 ELSE login_throttle.failures + 1 END`;
    const [row] = await this.database.rows<{ failures: number; lockedUntil: string | Date | null }>(sql`
      INSERT INTO login_throttle (username, failures, window_start, locked_until)
      VALUES (${username}, 1, ${nowIso}::timestamptz, CASE WHEN 1 >= ${max}::int THEN ${lockEnd}::timestamptz END)
      ON CONFLICT (username) DO UPDATE SET
        failures = ${next},
        window_start = CASE WHEN ${fresh} THEN ${nowIso}::timestamptz ELSE login_throttle.window_start END,
        locked_until = CASE WHEN ${next} >= ${max}::int THEN ${lockEnd}::timestamptz ELSE login_throttle.locked_until END
      RETURNING failures, locked_until AS "lockedUntil"`);
    return { failures: row.failures, lockedUntil: row.lockedUntil ? new Date(row.lockedUntil) : null };
  }

  /** Forget the failures of `username` (after a successful login, or an administrator's reset). */
  async clear(username: string): Promise<void> {
    await this.database.db.delete(loginThrottle).where(eq(loginThrottle.username, username));
  }
}
