import { describe, expect, it } from 'vitest';
import { accountDictionaries, isAccountKey, translateAccount } from '../../../client/features/account/account-i18n.ts';
import { knownAuditActions, auditResultOrder } from '../../../client/features/admin/audit-query.ts';
import { accountZh } from '../../../client/i18n/account.zh.ts';
import { auditResults, roles } from '../../../server/contracts/auth.ts';
import { householdCategories, labourCapacities } from '../../../server/contracts/enums.ts';

describe('account dictionaries', () => {
  it('English has exactly the keys of the Chinese source, none empty', () => {
    expect(Object.keys(accountDictionaries.en).sort()).toEqual(Object.keys(accountZh).sort());
    for (const [k, v] of Object.entries(accountDictionaries.en)) expect(v.trim(), k).not.toBe('');
  });

  it('placeholders match between languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(accountZh) as (keyof typeof accountZh)[]) expect(names(accountDictionaries.en[key]), key).toEqual(names(accountZh[key]));
  });

  it.each([
    ...roles.map((r) => `role.${r}`),
    ...auditResults.map((r) => `result.${r}`),
    ...auditResultOrder.map((r) => `result.${r}`),
    ...householdCategories.map((c) => `category.${c}`),
    ...labourCapacities.map((l) => `labour.${l}`),
    ...knownAuditActions.map((a) => `action.${a}`),
  ])('labels %s', (key) => {
    expect(isAccountKey(key)).toBe(true);
  });

  it.each<{ lang: 'zh' | 'en'; key: Parameters<typeof translateAccount>[1]; params?: Record<string, string | number>; expected: unknown }>([
    { lang: 'zh' as const, key: 'login.expired' as const, params: undefined, expected: '会话已过期，请重新登录' },
    { lang: 'en' as const, key: 'login.button' as const, params: undefined, expected: 'Log in' },
    { lang: 'zh' as const, key: 'users.otpFor' as const, params: { username: 'zhecheng' }, expected: '用户 zhecheng 的密码：' },
    { lang: 'zh' as const, key: 'password.policy.length' as const, params: { min: 12 }, expected: expect.stringContaining('至少 12 个字符') },
    { lang: 'en' as const, key: 'households.title' as const, params: {}, expected: 'Household ledger · {village}' },
  ])('$lang $key', ({ lang, key, params, expected }) => {
    expect(translateAccount(lang, key, params)).toEqual(expected);
  });
});
