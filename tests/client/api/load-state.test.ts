/** The pure parts of the one loader hook (client/api/load-state.ts): the bounded cache, keys, what a key shows. */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../client/api/client.ts';
import { LruCache, loadKey, settle, shownLoadable, toApiError, unsettled, type Settled } from '../../../client/api/load-state.ts';

type Op = ['set', string] | ['get', string] | ['peek', string] | ['delete', string];

/** Run `ops` on a cache of `max` entries (each value is its key); the keys it keeps, oldest first, and what `set` dropped. */
function run(max: number, ops: Op[]): { kept: string[]; dropped: string[] } {
  const cache = new LruCache<string>(max);
  const dropped: string[] = [];
  for (const [op, key] of ops) {
    if (op === 'set') dropped.push(...cache.set(key, key));
    else if (op === 'get') cache.get(key);
    else if (op === 'peek') cache.peek(key);
    else cache.delete(key);
  }
  return { kept: cache.values(), dropped };
}

describe('LruCache', () => {
  it.each<{ title: string; max: number; ops: Op[]; kept: string[]; dropped: string[] }>([
    {
      title: 'keeps up to max',
      max: 3,
      ops: [
        ['set', 'a'],
        ['set', 'b'],
        ['set', 'c'],
      ],
      kept: ['a', 'b', 'c'],
      dropped: [],
    },
    {
      title: 'one more drops the oldest',
      max: 2,
      ops: [
        ['set', 'a'],
        ['set', 'b'],
        ['set', 'c'],
      ],
      kept: ['b', 'c'],
      dropped: ['a'],
    },
    {
      title: 'a get makes an answer the newest',
      max: 2,
      ops: [
        ['set', 'a'],
        ['set', 'b'],
        ['get', 'a'],
        ['set', 'c'],
      ],
      kept: ['a', 'c'],
      dropped: ['b'],
    },
    {
      title: 'a peek does not count as a use',
      max: 2,
      ops: [
        ['set', 'a'],
        ['set', 'b'],
        ['peek', 'a'],
        ['set', 'c'],
      ],
      kept: ['b', 'c'],
      dropped: ['a'],
    },
    {
      title: 'setting a key again replaces it without growing',
      max: 2,
      ops: [
        ['set', 'a'],
        ['set', 'b'],
        ['set', 'a'],
      ],
      kept: ['b', 'a'],
      dropped: [],
    },
    {
      title: 'a get of a missing key changes nothing',
      max: 2,
      ops: [
        ['set', 'a'],
        ['get', 'x'],
        ['set', 'b'],
      ],
      kept: ['a', 'b'],
      dropped: [],
    },
    {
      title: 'a deleted key frees its place',
      max: 2,
      ops: [
        ['set', 'a'],
        ['set', 'b'],
        ['delete', 'a'],
        ['set', 'c'],
      ],
      kept: ['b', 'c'],
      dropped: [],
    },
    {
      title: 'max 1 holds the last answer only',
      max: 1,
      ops: [
        ['set', 'a'],
        ['set', 'b'],
      ],
      kept: ['b'],
      dropped: ['a'],
    },
  ])('$title', ({ max, ops, kept, dropped }) => {
    expect(run(max, ops)).toEqual({ kept, dropped });
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses max %s', (max) => {
    expect(() => new LruCache(max)).toThrow(RangeError);
  });

  it('gives an answer back and tells what it has', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    expect([cache.get('a'), cache.peek('a'), cache.has('a'), cache.has('b'), cache.size]).toEqual([1, 1, true, false, 1]);
  });
});

describe('loadKey', () => {
  it.each([
    { parts: ['values', 'poverty_rate', 'county', '4114', null, null], key: 'values/poverty_rate/county/4114//' },
    { parts: ['lagging', '411421', '2024-06-30', 42.5], key: 'lagging/411421/2024-06-30/42.5' },
    { parts: ['x', undefined, true], key: 'x//true' },
    { parts: ['a/b', 'c'], key: 'a%2Fb/c' },
    { parts: ['a', 'b/c'], key: 'a/b%2Fc' },
    { parts: ['50%', 'x'], key: '50%25/x' },
    { parts: ['%2F'], key: '%252F' },
  ])('$parts → $key', ({ parts, key }) => {
    expect(loadKey(...parts)).toBe(key);
  });

  it.each([
    [
      ['a/b', 'c'],
      ['a', 'b/c'],
    ],
    [['%2F'], ['/']],
    [
      ['a', 'b'],
      ['a', 'b', null],
    ],
    [
      ['4114', 1],
      ['4114', '1', ''],
    ],
  ])('%j and %j are different keys', (a, b) => {
    expect(loadKey(...a)).not.toBe(loadKey(...b));
  });

  it('null, undefined and an empty string are the same empty place (the same request: no parameter)', () => {
    expect(new Set([loadKey('a', null), loadKey('a', undefined), loadKey('a', '')]).size).toBe(1);
  });
});

describe('shownLoadable', () => {
  const err = new ApiError('down', 503);
  const readyA: Settled<string> = { key: 'a', attempt: 0, value: { status: 'ready', data: 'A' }, last: 'A' };
  const failedA: Settled<string> = { key: 'a', attempt: 1, value: { status: 'error', data: 'old', error: err }, last: 'old' };
  it.each<{ title: string; key: string | null; attempt: number; settled: Settled<string>; cached?: string; keep: boolean; shown: unknown }>(
    [
      { title: 'no key: idle', key: null, attempt: 0, settled: readyA, keep: true, shown: { status: 'idle', data: null } },
      { title: 'the settled key and attempt: its outcome', key: 'a', attempt: 0, settled: readyA, keep: false, shown: readyA.value },
      { title: 'a settled error stays shown', key: 'a', attempt: 1, settled: failedA, keep: true, shown: failedA.value },
      {
        title: 'a cached key: ready at once',
        key: 'b',
        attempt: 0,
        settled: readyA,
        cached: 'B',
        keep: false,
        shown: { status: 'ready', data: 'B' },
      },
      {
        title: 'a new key: loading, nothing kept',
        key: 'b',
        attempt: 0,
        settled: readyA,
        keep: false,
        shown: { status: 'loading', data: null },
      },
      {
        title: 'a new key with keep: loading over the last answer',
        key: 'b',
        attempt: 0,
        settled: readyA,
        keep: true,
        shown: { status: 'loading', data: 'A' },
      },
      {
        title: 'a retry of the same key: loading again',
        key: 'a',
        attempt: 1,
        settled: readyA,
        keep: false,
        shown: { status: 'loading', data: null },
      },
      {
        title: 'a retry with keep: loading over the answer',
        key: 'a',
        attempt: 1,
        settled: readyA,
        keep: true,
        shown: { status: 'loading', data: 'A' },
      },
      {
        title: 'nothing settled yet: loading',
        key: 'a',
        attempt: 0,
        settled: unsettled,
        keep: true,
        shown: { status: 'loading', data: null },
      },
    ],
  )('$title', ({ key, attempt, settled, cached, keep, shown }) => {
    expect(shownLoadable(key, attempt, settled, cached, keep)).toEqual(shown);
  });
});

describe('settle', () => {
  const failure = new ApiError('no such area', 404);
  it.each<{ title: string; outcome: { data: string } | { error: unknown }; last: string | null; keep: boolean; settled: Settled<string> }>([
    {
      title: 'an answer is ready and becomes the last one',
      outcome: { data: 'B' },
      last: 'A',
      keep: false,
      settled: { key: 'k', attempt: 2, value: { status: 'ready', data: 'B' }, last: 'B' },
    },
    {
      title: 'an error keeps the last answer as data with keep',
      outcome: { error: failure },
      last: 'A',
      keep: true,
      settled: { key: 'k', attempt: 2, value: { status: 'error', data: 'A', error: failure }, last: 'A' },
    },
    {
      title: 'an error without keep shows no data, but the last answer is remembered',
      outcome: { error: failure },
      last: 'A',
      keep: false,
      settled: { key: 'k', attempt: 2, value: { status: 'error', data: null, error: failure }, last: 'A' },
    },
  ])('$title', ({ outcome, last, keep, settled }) => {
    expect(settle('k', 2, outcome, last, keep)).toEqual(settled);
  });
});

describe('toApiError', () => {
  it.each([
    { title: 'an ApiError stays itself', err: new ApiError('gone', 410), message: 'gone', status: 410 },
    { title: 'an Error: its message, status 0', err: new TypeError('Failed to fetch'), message: 'Failed to fetch', status: 0 },
    { title: 'anything else: as text, status 0', err: 'boom', message: 'boom', status: 0 },
  ])('$title', ({ err, message, status }) => {
    const e = toApiError(err);
    expect([e instanceof ApiError, e.message, e.status]).toEqual([true, message, status]);
    if (err instanceof ApiError) expect(e).toBe(err);
  });
});
