/**
 * Password policy. Two modes (PASSWORD_POLICY):
 * - `length` (default), after OWASP ASVS 4/5 (V2.1 / V6.2): at least 12 characters, at most 128,
 *   any characters including spaces and Chinese, no composition rules, not a well-known password.
 * - `complexity`, for MLPS 2.0 (等保 2.0) assessments: the same length rule plus at least three of the
 *   four character classes (upper case, lower case, digits, symbols).
 * Both refuse a password that contains the username.
 */
export type PasswordPolicyMode = 'length' | 'complexity';

export interface PasswordPolicy {
  mode: PasswordPolicyMode;
  /** Minimum length in characters (Unicode code points). Default 12. */
  minLength: number;
}

export const defaultPasswordPolicy: PasswordPolicy = { mode: 'length', minLength: 12 };
export const PASSWORD_MAX_LENGTH = 128;

/** A few of the most common passwords of at least 12 characters (breach lists); refused in both modes. */
const commonPasswords = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456123456', '111111111111', '000000000000',
  'password1234', 'password123456', 'passwordpassword', 'qwertyuiop12', 'qwertyuiop123', '1q2w3e4r5t6y',
  'qwerty123456', 'abc123456789', 'iloveyou1234', 'admin1234567', 'administrator', 'woaini1314520',
  'a123456789012', 'aa123456789012', 'zxcvbnm12345', '147258369123', '5201314520131',
]);

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
  if (commonPasswords.has(password.toLowerCase())) problems.push('密码过于常见 (this password is too common).');
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('密码不能包含用户名 (must not contain the username).');
  }
  return problems;
}
