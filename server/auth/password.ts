/**
 * Password hashing with scrypt (node:crypto, memory-hard, no native dependency).
 *
 * Default parameters follow the OWASP Password Storage Cheat Sheet's scrypt row N=2^15, r=8, p=3:
 * 32 MiB of memory per hash (128·N·r bytes) and about 0.1–0.3 s of CPU on a server core. The stored
 * string carries its own parameters (`scrypt$N$r$p$salt$hash`, base64url), so raising them later
 * only affects new hashes and old ones keep verifying.
 */
import crypto from 'node:crypto';
import { Gate } from '../http/gate.ts';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelization. */
  p: number;
}

export const defaultScryptParams: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;

/**
 * Every hash runs on libuv's thread pool (never on the event loop), at most two at a time for the
 * whole process, with a short queue: a login flood gets 503 + Retry-After instead of taking every
 * thread (and the memory: 32 MiB per hash) from the map's reads.
 */
export const hashGate = new Gate({ concurrency: 2, queue: 16, maxWaitMs: 5_000, retryAfterSeconds: 5, what: 'password checks' });

function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // maxmem must exceed 128·N·r; leave headroom so Node does not refuse the call.
  const maxmem = 256 * params.N * params.r + 1024 * 1024;
  return hashGate.run(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        crypto.scrypt(password.normalize('NFC'), salt, KEY_BYTES, { ...params, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );
}

/** Hash a password with a fresh 128-bit salt. */
export async function hashPassword(password: string, params: ScryptParams = defaultScryptParams): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Parse a stored hash; undefined when it is not one of ours. */
export function parsePasswordHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0) || (N & (N - 1)) !== 0 || N > 2 ** 20 || r > 32 || p > 16) return undefined;
  const salt = Buffer.from(parts[4], 'base64url');
  const key = Buffer.from(parts[5], 'base64url');
  if (salt.length < 8 || key.length !== KEY_BYTES) return undefined;
  return { params: { N, r, p }, salt, key };
}

/** Compare a password with a stored hash in constant time; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  const key = await scrypt(password, parsed.salt, parsed.params);
  return crypto.timingSafeEqual(key, parsed.key);
}

/** True when a hash was made with weaker parameters than `params` (re-hash it at the next login). */
export function needsRehash(stored: string, params: ScryptParams = defaultScryptParams): boolean {
  const parsed = parsePasswordHash(stored);
  return !parsed || parsed.params.N < params.N || parsed.params.r < params.r || parsed.params.p < params.p;
}

/**
 * A random password for generated accounts: 16 characters from an alphabet without look-alikes
 * (no 0/O, 1/l/I), always with upper case, lower case and digits, so it passes either policy.
 */
export function generatePassword(length = 16): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789'];
  const all = sets.join('');
  for (;;) {
    const chars = Array.from({ length }, () => all[crypto.randomInt(all.length)]);
    if (sets.every((s) => chars.some((ch) => s.includes(ch)))) return chars.join('');
  }
}
