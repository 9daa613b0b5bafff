/**
 * Repeated anonymous denials are aggregated, so a flood of anonymous OPTIONS, 401/403 or CSRF refusals
 * cannot fill the (append-only, never pruned) audit log: per client IP, action, target and result,
 * the first denial of a window is written at once (detail.count 1), the repeats within the window are
 * only counted in memory, and when the window has passed (checked at the next denial, by the server's
 * minute timer, and at shutdown) one more row carries their number (detail.count, with the first and
 * last instant). Logged-in users' denials are not aggregated: each stays one row with its user.
 */
import type { Database } from '../db/client.ts';
import { writeAudit, type AuditRow } from './audit.ts';

/** Actions whose anonymous denials are aggregated. */
export const aggregatedActions: ReadonlySet<string> = new Set(['access.denied', 'csrf.blocked', 'request.rejected', 'auth.login']);

/** Clients × routes kept in memory at most; beyond, everything pending is written out first. */
const MAX_KEYS = 10_000;

interface Pending {
  row: AuditRow;
  count: number;
  last: Date;
  windowEnd: number;
}

export class DenialAggregator {
  private readonly pending = new Map<string, Pending>();
  private lastSweep = 0;

  constructor(private readonly database: Database) {}

  /** Record one anonymous denial; writes a row only for the first of its window. */
  async hit(row: AuditRow, windowMs: number): Promise<void> {
    const now = row.at.getTime();
    if (now - this.lastSweep >= 1000) {
      this.lastSweep = now;
      await this.flush(now);
    }
    const key = JSON.stringify([row.ip ?? '', row.action, row.target ?? '', row.result, row.username ?? '']);
    const entry = this.pending.get(key);
    if (entry && now < entry.windowEnd) {
      entry.count++;
      if (now > entry.last.getTime()) entry.last = row.at;
      return;
    }
    if (entry) await this.writeRepeats(key, entry);
    if (this.pending.size >= MAX_KEYS) await this.flush();
    this.pending.set(key, { row, count: 1, last: row.at, windowEnd: now + windowMs });
    await writeAudit(this.database, { ...row, detail: { ...row.detail, count: 1, aggregated: true, windowMinutes: windowMs / 60_000 } });
  }

  /** Write the repeats of every window that ended by `now` (all of them when `now` is omitted). */
  async flush(now = Number.POSITIVE_INFINITY): Promise<void> {
    for (const [key, entry] of [...this.pending]) if (entry.windowEnd <= now) await this.writeRepeats(key, entry);
  }

  private async writeRepeats(key: string, entry: Pending): Promise<void> {
    this.pending.delete(key);
    if (entry.count <= 1) return;
    const { row } = entry;
    await writeAudit(this.database, {
      ...row,
      at: entry.last,
      requestId: null,
      detail: {
        ...row.detail,
        count: entry.count - 1,
        aggregated: true,
        repeats: true,
        from: row.at.toISOString(),
        to: entry.last.toISOString(),
      },
    });
  }
}

const aggregators = new WeakMap<Database, DenialAggregator>();

/** The aggregator of `database` (one per audit log). */
export function denialsOf(database: Database): DenialAggregator {
  let a = aggregators.get(database);
  if (!a) aggregators.set(database, (a = new DenialAggregator(database)));
  return a;
}

/** Write out the repeats of ended windows (or of all windows, at shutdown). */
export function flushDenials(database: Database, now?: number): Promise<void> {
  return aggregators.get(database)?.flush(now) ?? Promise.resolve();
}
