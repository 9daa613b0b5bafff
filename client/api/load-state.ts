/**
 * The pure parts of the loader hook (`use-load.ts`): a bounded cache of answers (least recently used
 * goes first), the key of a request, and what a key shows while its answer is on the way.
 */
import { ApiError } from './client.ts';

/** Answers by key, at most `max` of them: adding one more drops the one used longest ago. */
export class LruCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`LruCache: max must be a positive integer, got ${max}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The answer without counting it as a use (what a render reads). */
  peek(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** The answer, now the most recently used. */
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Store (as the most recently used); returns the keys dropped to stay within `max`. */
  set(key: string, value: V): string[] {
    this.entries.delete(key);
    this.entries.set(key, value);
    const dropped: string[] = [];
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.max) break;
      this.entries.delete(oldest);
      dropped.push(oldest);
    }
    return dropped;
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  /** The answers, least recently used first. */
  values(): V[] {
    return [...this.entries.values()];
  }
}

/**
 * What a load shows. `idle`: nothing to load (key null). While loading and after an error, `data` is
 * the last answer when the caller keeps it (`keep`), otherwise null.
 */
export type Loadable<T> =
  | { status: 'idle'; data: null }
  | { status: 'loading'; data: T | null }
  | { status: 'ready'; data: T }
  | { status: 'error'; data: T | null; error: ApiError };

/** The hook's state: the settled outcome of one key and attempt, and the last answer of any key. */
export interface Settled<T> {
  key: string | null;
  attempt: number;
  value: Loadable<T>;
  last: T | null;
}

export const unsettled: Settled<never> = { key: null, attempt: 0, value: { status: 'idle', data: null }, last: null };

/**
 * What `key` (at its `attempt`) shows: idle without a key, the outcome that settled for this very key
 * and attempt, else a cached answer at once, else loading (with the last answer when `keep`).
 */
export function shownLoadable<T>(
  key: string | null,
  attempt: number,
  settled: Settled<T>,
  cached: T | undefined,
  keep: boolean,
): Loadable<T> {
  if (key === null) return { status: 'idle', data: null };
  if (settled.key === key && settled.attempt === attempt) return settled.value;
  if (cached !== undefined) return { status: 'ready', data: cached };
  return { status: 'loading', data: keep ? settled.last : null };
}

/** The outcome of a load for the hook's state: an answer becomes the last one; an error keeps the last. */
export function settle<T>(
  key: string,
  attempt: number,
  outcome: { data: T } | { error: unknown },
  last: T | null,
  keep: boolean,
): Settled<T> {
  if ('data' in outcome) return { key, attempt, value: { status: 'ready', data: outcome.data }, last: outcome.data };
  return { key, attempt, value: { status: 'error', data: keep ? last : null, error: toApiError(outcome.error) }, last };
}

/** Any failure as an ApiError (status 0: no answer from the server). */
export function toApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(err instanceof Error ? err.message : String(err), 0);
}

/**
 * The key of a request from its parts: `loadKey('values', 'poverty_rate', 'county', '4114', null)` →
 * `values/poverty_rate/county/4114/`. A missing part stays a place of its own (two keys differ when any
 * part differs); a part holding `/` is escaped, so parts cannot run into each other.
 */
export function loadKey(...parts: readonly (string | number | boolean | null | undefined)[]): string {
  return parts.map((p) => (p === null || p === undefined ? '' : String(p).replace(/%/g, '%25').replace(/\//g, '%2F'))).join('/');
}
