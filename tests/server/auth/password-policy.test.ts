import { describe, expect, it } from 'vitest';
import { checkPassword, passwordClasses, type PasswordPolicy } from '../../../server/auth/password-policy.ts';

const length: PasswordPolicy = { mode: 'length', minLength: 12 };
const complexity: PasswordPolicy = { mode: 'complexity', minLength: 12 };

describe('password policy', () => {
  it.each([
    { title: 'long lower-case passphrase', pw: 'correct horse battery', policy: length, ok: true },
    { title: 'long lower-case passphrase under MLPS complexity (2 classes: lower, space)', pw: 'correct horse battery', policy: complexity, ok: false },
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
  ])('$title → ok=$ok', ({ pw, policy, ok, username }) => {
    const problems = checkPassword(pw, policy, username);
    expect(problems.length === 0).toBe(ok);
    for (const p of problems) expect(p).toMatch(/\(.+\)\.?$/); // each problem in Chinese and English
  });

  it('minimum length is configurable', () => {
    expect(checkPassword('abcdefghijklmnop', { mode: 'length', minLength: 16 })).toEqual([]);
    expect(checkPassword('abcdefghijklmno', { mode: 'length', minLength: 16 })).toHaveLength(1);
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
