/**
 * Password policy. Two modes (PASSWORD_POLICY):
 * - `length` (default), after OWASP ASVS 4/5 (V2.1 / V6.2): at least 12 characters, at most 128,
 *   any characters including spaces and Chinese, no composition rules, not a well-known password.
 * - `complexity`, for MLPS 2.0 (等保 2.0) assessments: the same length rule plus at least three of the
 *   four character classes (upper case, lower case, digits, symbols).
 * Both refuse a password that is blank or only spaces, one character or a short group repeated
 * (`aaaaaaaaaaaa`, `abababababab`), a straight sequence (`abcdefghijkl`, `987654321098`), a common
 * password — from data/common-passwords.txt (49,233 passwords that occur most often in Mark Burnett's
 * ten million leaked passwords, as published in the npm package @zxcvbn-ts/language-common; read from
 * disk, never fetched), also with a few digits or symbols added before or after — and one that
 * contains the username.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The common-password list, one per line (source: data/README.md). */
export const commonPasswordsFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/common-passwords.txt');

export type PasswordPolicyMode = 'length' | 'complexity';

export interface PasswordPolicy {
  mode: PasswordPolicyMode;
  /** Minimum length in characters (Unicode code points). Default 12. */
  minLength: number;
}

export const defaultPasswordPolicy: PasswordPolicy = { mode: 'length', minLength: 12 };
export const PASSWORD_MAX_LENGTH = 128;

/** A few common passwords of at least 12 characters missing from the package's list (Chinese favourites). */
const localCommonPasswords = [
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456123456',
  '111111111111',
  '000000000000',
  'password1234',
  'password123456',
  'passwordpassword',
  'qwertyuiop12',
  'qwertyuiop123',
  '1q2w3e4r5t6y',
  'qwerty123456',
  'abc123456789',
  'iloveyou1234',
  'admin1234567',
  'administrator',
  'woaini1314520',
  'a123456789012',
  'aa123456789012',
  'zxcvbnm12345',
  '147258369123',
  '5201314520131',
  'woaini1314woaini',
  'iloveyou1314',
];

let commonSet: Set<string> | undefined;
/** The common-password list (lower case), loaded on first use. */
export function commonPasswords(): ReadonlySet<string> {
  if (!commonSet) {
    const listed = fs.readFileSync(commonPasswordsFile, 'utf8').split('\n').filter(Boolean);
    commonSet = new Set([...listed, ...localCommonPasswords].map((p) => p.toLowerCase()));
  }
  return commonSet;
}

/** True when `password` is a common password, also with up to 6 digits or symbols added before or after it. */
export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  const lower = password.normalize('NFKC').toLowerCase();
  const variants = [lower, lower.trim(), lower.replace(/\s+/g, '')];
  const bare = lower.replace(/^[\d\W_]{1,6}/u, '').replace(/[\d\W_]{1,6}$/u, '');
  if (bare !== lower && [...bare].length >= 6) variants.push(bare);
  return variants.some((v) => list.has(v));
}

/** True when the password is one character or a group of up to 4 characters repeated (`aaaa…`, `abab…`, `12341234…`). */
export function isRepetitive(password: string): boolean {
  const chars = [...password];
  for (let unit = 1; unit <= 4 && unit * 2 <= chars.length; unit++) {
    if (chars.every((ch, i) => ch === chars[i % unit])) return true;
  }
  return false;
}

/** True when every character is the one before it plus (or minus) one: `abcdef…`, `123456…` (digits wrap 9 → 0). */
export function isSequence(password: string): boolean {
  const cps = [...password.toLowerCase()].map((ch) => ch.codePointAt(0)!);
  if (cps.length < 4) return false;
  const digit = (c: number) => c >= 48 && c <= 57;
  const step = (a: number, b: number) => (digit(a) && digit(b) ? (((b - a) % 10) + 10) % 10 : b - a);
  const first = step(cps[0], cps[1]);
  const up = first === 1;
  const down = first === -1 || (digit(cps[0]) && digit(cps[1]) && first === 9);
  if (!up && !down) return false;
  return cps.slice(1).every((c, i) => {
    const d = step(cps[i], c);
    return up ? d === 1 : d === -1 || (digit(cps[i]) && digit(c) && d === 9);
  });
}

/** The character classes of a password: upper, lower, digit, other (symbols, spaces, CJK…). */
export function passwordClasses(password: string): number {
  let n = 0;
  if (/\p{Lu}/u.test(password)) n++;
  if (/\p{Ll}/u.test(password)) n++;
  if (/\p{Nd}/u.test(password)) n++;
  if (/[^\p{Lu}\p{Ll}\p{Nd}]/u.test(password)) n++;
  return n;
}

/** Problems of a candidate password under `policy`, as sentences; empty when it is acceptable. */
export function checkPassword(password: string, policy: PasswordPolicy = defaultPasswordPolicy, username?: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < policy.minLength) problems.push(`密码至少 ${policy.minLength} 个字符 (at least ${policy.minLength} characters).`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`密码最多 ${PASSWORD_MAX_LENGTH} 个字符 (at most ${PASSWORD_MAX_LENGTH} characters).`);
  if (policy.mode === 'complexity' && passwordClasses(password) < 3) {
    problems.push('密码须包含大写字母、小写字母、数字、符号中的至少三类 (at least 3 of: upper case, lower case, digits, symbols).');
  }
  if (password.trim().length === 0) problems.push('密码不能为空或只含空格 (must not be blank or only spaces).');
  else if (isRepetitive(password.trim()))
    problems.push('密码不能由同一个字符或一小段字符重复组成，如 aaaa、abab (must not repeat one character or a short group).');
  else if (isSequence(password.trim())) problems.push('密码不能是连续的字符，如 abcdef、123456 (must not be a straight sequence).');
  else if (isCommonPassword(password))
    problems.push('密码过于常见，请换一句只有您知道的话 (this password is too common: choose a phrase only you would know).');
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('密码不能包含用户名 (must not contain the username).');
  }
  return problems;
}
