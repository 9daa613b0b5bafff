import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../server/auth/rate-limit.ts';

describe('rate limiter', () => {
  it('allows `limit` hits per window and key, then refuses until the window ends', () => {
    let now = 0;
    const rl = new RateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    expect([1, 2, 3, 4].map(() => rl.hit('a').allowed)).toEqual([true, true, true, false]);
    expect(rl.hit('b').allowed).toBe(true); // other keys are independent
    now = 30_000;
    expect(rl.hit('a')).toEqual({ allowed: false, retryAfterSec: 30 });
    now = 60_000;
    expect(rl.hit('a').allowed).toBe(true);
  });

  it('reset forgets a key', () => {
    const rl = new RateLimiter({ limit: 1, windowMs: 1000, now: () => 0 });
    rl.hit('k');
    expect(rl.hit('k').allowed).toBe(false);
    rl.reset('k');
    expect(rl.hit('k').allowed).toBe(true);
  });
});
