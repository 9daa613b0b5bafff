/** The bounded gate (server/http/gate.ts) and the answer cache's single flight (server/http/cache.ts). */
import { describe, expect, it } from 'vitest';
import { Gate, OverloadError } from '../../../server/http/gate.ts';
import { AnswerCache } from '../../../server/http/cache.ts';
import type { Database } from '../../../server/db/client.ts';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('Gate', () => {
  it('runs at most `concurrency` tasks, queues `queue` more and refuses the rest with 503 at once', async () => {
    const gate = new Gate({ concurrency: 2, queue: 1, maxWaitMs: 10_000, what: 'test' });
    const hold = deferred();
    const started: number[] = [];
    const tasks = [0, 1, 2].map((i) => gate.run(async () => (started.push(i), await hold.promise, i)));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(gate.load).toEqual({ running: 2, waiting: 1 });
    const refused = gate.run(async () => 3);
    await expect(refused).rejects.toBeInstanceOf(OverloadError);
    await expect(refused).rejects.toMatchObject({ status: 503, retryAfterSeconds: 2 });
    hold.resolve();
    expect(await Promise.all(tasks)).toEqual([0, 1, 2]);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('gives up on a queued task after maxWaitMs instead of hanging', async () => {
    const gate = new Gate({ concurrency: 1, queue: 5, maxWaitMs: 20, what: 'test' });
    const hold = deferred();
    const first = gate.run(() => hold.promise);
    await expect(gate.run(async () => 'late')).rejects.toBeInstanceOf(OverloadError);
    hold.resolve();
    await first;
    expect(await gate.run(async () => 'free again')).toBe('free again');
  });

  it('frees the slot when a task fails', async () => {
    const gate = new Gate({ concurrency: 1, queue: 0, maxWaitMs: 1000, what: 'test' });
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(async () => 1)).toBe(1);
  });
});

describe('AnswerCache', () => {
  let version = '1';
  const fakeDb = { kind: 'embedded', rows: async () => [{ v: version }] } as unknown as Database;
  const opts = { maxChars: 1000, versionTtlMs: 0, gate: { concurrency: 1, queue: 100, maxWaitMs: 10_000 } };

  it('computes identical concurrent requests once (single flight) and serves the hit afterwards', async () => {
    const cache = new AnswerCache(fakeDb, opts);
    let computed = 0;
    const hold = deferred();
    const compute = async () => (computed++, await hold.promise, 'answer');
    const all = Array.from({ length: 20 }, () => cache.get('k', compute));
    await new Promise((r) => setTimeout(r, 5));
    hold.resolve();
    expect(new Set(await Promise.all(all))).toEqual(new Set(['answer']));
    expect(computed).toBe(1);
    expect(await cache.get('k', compute)).toBe('answer');
    expect(computed).toBe(1);
  });

  it('recomputes after the data version changed, and does not keep refused values', async () => {
    const cache = new AnswerCache(fakeDb, opts);
    let n = 0;
    const compute = async () => `v${++n}`;
    expect(await cache.get('k', compute)).toBe('v1');
    // versionTtlMs 0: the next read is stale-while-revalidate, the one after sees the new version.
    version = '2';
    await cache.get('k', compute);
    await new Promise((r) => setTimeout(r, 5));
    expect(await cache.get('k', compute)).toBe('v2');
    expect(await cache.get('x', compute, () => false)).toBe('v3');
    expect(await cache.get('x', compute, () => false)).toBe('v4');
  });

  it('evicts the least recently used answers beyond maxChars', async () => {
    const cache = new AnswerCache(fakeDb, { ...opts, maxChars: 100 });
    let n = 0;
    const big = async () => `${++n}`.padEnd(24, '.');
    for (const k of ['a', 'b', 'c', 'd', 'e']) await cache.get(k, big);
    expect(n).toBe(5);
    await cache.get('e', big);
    expect(n).toBe(5);
    await cache.get('a', big);
    expect(n).toBe(6);
  });
});
