import { describe, expect, it } from 'vitest';
import {
  checkPassword,
  commonPasswords,
  isCommonPassword,
  passwordClasses,
  type PasswordPolicy,
} from '../../../server/auth/password-policy.ts';

const length: PasswordPolicy = { mode: 'length', minLength: 12 };
const complexity: PasswordPolicy = { mode: 'complexity', minLength: 12 };

describe('password policy', () => {
  it.each([
    { title: 'long lower-case passphrase', pw: 'correct horse battery', policy: length, ok: true },
    {
      title: 'long lower-case passphrase under MLPS complexity (2 classes: lower, space)',
      pw: 'correct horse battery',
      policy: complexity,
      ok: false,
    },
    { title: '11 characters', pw: 'Abcdefgh12!', policy: length, ok: false },
    { title: 'exactly 12 characters', pw: 'abcdefghijkm', policy: length, ok: true },
    { title: 'Chinese passphrase counts characters, not bytes', pw: '扶贫项目调度一张图真好用啊', policy: length, ok: true },
    { title: 'Chinese passphrase of 11 characters', pw: '扶贫项目调度一张图真好', policy: length, ok: false },
    { title: 'complexity: upper + lower + digit', pw: 'Shangqiu2020abc', policy: complexity, ok: true },
    { title: 'complexity: lower + digit only', pw: 'shangqiu2020abc', policy: complexity, ok: false },
    { title: 'complexity: upper + lower + symbol', pw: 'Shangqiu-Henan', policy: complexity, ok: true },
    { title: 'too common', pw: 'password1234', policy: length, ok: false },
    { title: 'too common, any case', pw: 'Password1234', policy: length, ok: false },
    { title: 'more than 128 characters', pw: 'a'.repeat(129), policy: length, ok: false },
    { title: 'contains the username', pw: 'minquan-is-my-county', policy: length, ok: false, username: 'minquan' },
    { title: 'twelve spaces', pw: ' '.repeat(12), policy: length, ok: false },
    { title: 'blank (tabs, ideographic spaces)', pw: '\t\u3000'.repeat(8), policy: length, ok: false },
    { title: 'one character repeated', pw: 'aaaaaaaaaaaa', policy: length, ok: false },
    { title: 'one Chinese character repeated', pw: '好'.repeat(12), policy: length, ok: false },
    { title: 'a short group repeated', pw: 'abababababab', policy: length, ok: false },
    { title: 'a four-character group repeated', pw: 'Ab1!Ab1!Ab1!', policy: complexity, ok: false },
    { title: 'a straight sequence', pw: 'abcdefghijklmn', policy: length, ok: false },
    { title: 'a descending digit sequence (wrapping)', pw: '321098765432', policy: length, ok: false },
    { title: 'common, from the large list', pw: 'qazwsxedcrfv', policy: length, ok: false },
    { title: 'common, from the large list, any case', pw: 'LeaveMeAlone', policy: length, ok: false },
    { title: 'common with digits added', pw: 'sunshine2020!', policy: length, ok: false },
    { title: 'common with digits before it', pw: '2020football', policy: length, ok: false },
    { title: 'not common: a passphrase with a year', pw: 'shangqiu-minquan-2020', policy: length, ok: true },
  ])('$title → ok=$ok', ({ pw, policy, ok, username }) => {
    const problems = checkPassword(pw, policy, username);
    expect(problems.length === 0).toBe(ok);
    for (const p of problems) expect(p).toMatch(/\(.+\)\.?$/); // each problem in Chinese and English
  });

  it('checks against a common-password list of at least 10,000, offline (data/common-passwords.txt)', () => {
    expect(commonPasswords().size).toBeGreaterThanOrEqual(10_000);
    for (const pw of ['123456', 'password', 'qwerty', 'dragon', 'iloveyou', 'woaini1314']) expect(isCommonPassword(pw)).toBe(true);
    expect(isCommonPassword('扶贫项目调度一张图真好用啊')).toBe(false);
  });

  it('says in Chinese what is wrong with a blank, repeated, sequential or common password', () => {
    expect(checkPassword(' '.repeat(12))).toEqual(['密码不能为空或只含空格 (must not be blank or only spaces).']);
    expect(checkPassword('a'.repeat(12))[0]).toMatch(/^密码不能由同一个字符或一小段字符重复组成/);
    expect(checkPassword('abcdefghijkl')[0]).toMatch(/^密码不能是连续的字符/);
    expect(checkPassword('qazwsxedcrfv')[0]).toMatch(/^密码过于常见，请换一句只有您知道的话/);
  });

  it('minimum length is configurable', () => {
    expect(checkPassword('shangqiu-henan-x', { mode: 'length', minLength: 16 })).toEqual([]);
    expect(checkPassword('shangqiu-henan-', { mode: 'length', minLength: 16 })).toHaveLength(1);
  });

  it.each([
    { pw: 'abc', classes: 1 },
    { pw: 'aB', classes: 2 },
    { pw: 'aB3', classes: 3 },
    { pw: 'aB3!', classes: 4 },
    { pw: '密码', classes: 1 },
  ])('$pw has $classes character classes', ({ pw, classes }) => {
    expect(passwordClasses(pw)).toBe(classes);
  });
});
