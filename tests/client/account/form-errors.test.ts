import { describe, expect, it } from 'vitest';
import { fieldErrorsOf, localizeServerMessage, submitErrors } from '../../../client/features/account/form-errors.ts';
import { LOGIN_FAILED_MESSAGE } from '../../../server/routes/auth.ts';
import { checkPassword } from '../../../server/auth/password-policy.ts';

const userFields = { username: 'username', displayName: 'displayName', password: 'password', countyCode: 'countyCode' } as const;

describe('fieldErrorsOf', () => {
  it.each([
    {
      name: 'validation issues go to their fields',
      problem: {
        message: 'Invalid request — username: must be 3–32 characters',
        issues: [{ path: 'username', message: 'must be 3–32 characters' }],
      },
      fields: [{ name: 'username', errors: ['must be 3–32 characters'] }],
      general: null,
    },
    {
      name: 'several password problems at one field',
      problem: {
        message: 'password: a b',
        issues: [
          { path: 'password', message: 'a' },
          { path: 'password', message: 'b' },
        ],
      },
      fields: [{ name: 'password', errors: ['a', 'b'] }],
      general: null,
    },
    {
      name: 'a field named as the message prefix (409 username taken)',
      problem: { message: 'username: zhecheng is already taken.' },
      fields: [{ name: 'username', errors: ['zhecheng is already taken.'] }],
      general: null,
    },
    {
      name: 'a prefix naming no field of the form stays general',
      problem: { message: 'leader: only a county editor can hold the sign-off (leader) flag.' },
      fields: [],
      general: 'leader: only a county editor can hold the sign-off (leader) flag.',
    },
    {
      name: 'an issue naming no field is shown above the form, the rest at theirs',
      problem: {
        message: 'Invalid request — role: bad; username: bad',
        issues: [
          { path: 'role', message: 'bad' },
          { path: 'username', message: 'bad' },
        ],
      },
      fields: [{ name: 'username', errors: ['bad'] }],
      general: 'Invalid request — role: bad; username: bad',
    },
    {
      name: 'no field at all',
      problem: { message: 'You cannot disable or demote your own account: ask another city administrator.' },
      fields: [],
      general: 'You cannot disable or demote your own account: ask another city administrator.',
    },
  ])('$name', ({ problem, fields, general }) => {
    expect(fieldErrorsOf(problem, userFields)).toEqual({ fields, general });
  });
});

describe('submitErrors', () => {
  const passwordFields = { newPassword: 'newPassword', currentPassword: 'currentPassword' } as const;
  const changePassword = (status: number, problem: { message: string; issues?: { path: string; message: string }[] }, lang: 'zh' | 'en') =>
    submitErrors({ status, ...problem }, passwordFields, lang, { forbidden: 'currentPassword' });

  it('the server’s policy sentences arrive at the new-password field in the interface language', () => {
    const problems = checkPassword('pw-河南', { mode: 'length', minLength: 12 }, 'minquan');
    const issues = problems.map((message) => ({ path: 'newPassword', message }));
    expect(changePassword(400, { message: `newPassword: ${problems.join(' ')}`, issues }, 'zh')).toEqual({
      fields: [{ name: 'newPassword', errors: ['密码至少 12 个字符'] }],
      general: null,
    });
    expect(changePassword(400, { message: '', issues }, 'en')?.fields[0].errors).toEqual(['At least 12 characters.']);
  });

  const wrong = 'The current password is wrong (当前密码错误).';
  const wait = 'Wrong username or password (用户名或密码错误).';
  it.each([
    {
      title: 'a wrong current password (403) belongs to the current-password field',
      status: 403,
      options: { forbidden: 'currentPassword' as const },
      shown: { fields: [{ name: 'currentPassword', errors: ['当前密码错误'] }], general: null },
    },
    { title: 'a 403 without a field for it goes above the form', status: 403, options: {}, shown: { fields: [], general: '当前密码错误' } },
    { title: 'a 401 shows nothing: the session ended, the login form takes over', status: 401, options: {}, shown: null },
    {
      title: 'a 401 of the login form itself is shown above it',
      status: 401,
      message: wait,
      options: { ownUnauthorized: true },
      shown: { fields: [], general: '用户名或密码错误' },
    },
    {
      title: 'no answer at all (status 0) goes above the form',
      status: 0,
      message: 'Failed to fetch',
      options: {},
      shown: { fields: [], general: 'Failed to fetch' },
    },
  ])('$title', ({ status, message, options, shown }) => {
    expect(submitErrors({ status, message: message ?? wrong }, passwordFields, 'zh', options)).toEqual(shown);
  });

  it('the login form (no fields) shows every sentence whole above the button, even one naming a field', () => {
    expect(submitErrors({ status: 400, message: 'username: must not be empty' }, {}, 'en', { ownUnauthorized: true })).toEqual({
      fields: [],
      general: 'username: must not be empty',
    });
  });
});

describe('localizeServerMessage', () => {
  it.each([
    { name: 'login failure, zh', message: LOGIN_FAILED_MESSAGE, lang: 'zh' as const, expected: '用户名或密码错误' },
    { name: 'login failure, en', message: LOGIN_FAILED_MESSAGE, lang: 'en' as const, expected: 'Wrong username or password.' },
    {
      name: 'lockout keeps its minutes, zh',
      message: 'Too many failed logins for this username: try again in 15 min (登录失败次数过多，请 15 分钟后再试).',
      lang: 'zh' as const,
      expected: '登录失败次数过多，请 15 分钟后再试',
    },
    {
      name: 'lockout, en',
      message: 'Too many failed logins for this username: try again in 15 min (登录失败次数过多，请 15 分钟后再试).',
      lang: 'en' as const,
      expected: 'Too many failed logins for this username: try again in 15 min.',
    },
    {
      name: 'rate limit: the Chinese half has no wait time, so the whole sentence',
      message: 'Too many login attempts: wait 42 s and try again (登录过于频繁).',
      lang: 'zh' as const,
      expected: 'Too many login attempts: wait 42 s and try again (登录过于频繁).',
    },
    { name: 'Chinese first, zh', message: '密码过于常见 (this password is too common).', lang: 'zh' as const, expected: '密码过于常见' },
    {
      name: 'Chinese first, en',
      message: '密码过于常见 (this password is too common).',
      lang: 'en' as const,
      expected: 'This password is too common.',
    },
    { name: 'one language only', message: 'No user with id 9.', lang: 'zh' as const, expected: 'No user with id 9.' },
    {
      name: 'brackets in one language',
      message: 'leader: only a county editor can hold the sign-off (leader) flag.',
      lang: 'zh' as const,
      expected: 'leader: only a county editor can hold the sign-off (leader) flag.',
    },
    { name: 'empty', message: '', lang: 'en' as const, expected: '' },
  ])('$name', ({ message, lang, expected }) => {
    expect(localizeServerMessage(message, lang)).toBe(expected);
  });
});
