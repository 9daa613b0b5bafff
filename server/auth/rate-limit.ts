/**
 * In-memory fixed-window rate limiter (one process; enough for login throttling in front of the
 * database-backed lockout). Keys are forgotten when their window ends, so memory stays bounded by
 * the number of keys seen in one window.
 */
export interface RateLimiterOptions {
  /** Requests allowed per window and key. */
  limit: number;
  windowMs: number;
  now?: () => number;
}

export interface RateVerdict {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After). */
  retryAfterSec: number;
}

export class RateLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();
  private lastSweep = 0;
  constructor(private readonly opts: RateLimiterOptions) {}

  private now() {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  /** Count one request for `key` and say whether it is within the limit. */
  hit(key: string): RateVerdict {
    const now = this.now();
    this.sweep(now);
    let entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + this.opts.windowMs };
      this.hits.set(key, entry);
    }
    entry.count++;
    return { allowed: entry.count <= this.opts.limit, retryAfterSec: Math.max(1, Math.ceil((entry.resetAt - now) / 1000)) };
  }

  /** Forget a key (after a successful login). */
  reset(key: string) {
    this.hits.delete(key);
  }

  private sweep(now: number) {
    if (now - this.lastSweep < this.opts.windowMs) return;
    this.lastSweep = now;
    for (const [k, v] of this.hits) if (v.resetAt <= now) this.hits.delete(k);
  }
}
