import { describe, expect, it } from 'vitest';
import { isAccountKey, translateAccount } from '../../../client/features/account/account-i18n.ts';
import { knownAuditActions, auditResultOrder } from '../../../client/features/admin/audit-query.ts';
import { auditResults, roles } from '../../../server/contracts/auth.ts';
import { householdCategories, labourCapacities } from '../../../server/contracts/enums.ts';

describe('account strings', () => {
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
    {
      lang: 'zh' as const,
      key: 'password.policy.length' as const,
      params: { min: 12 },
      expected: expect.stringContaining('至少 12 个字符'),
    },
    { lang: 'en' as const, key: 'households.title' as const, params: {}, expected: 'Household ledger · {village}' },
  ])('$lang $key', ({ lang, key, params, expected }) => {
    expect(translateAccount(lang, key, params)).toEqual(expected);
  });
});
