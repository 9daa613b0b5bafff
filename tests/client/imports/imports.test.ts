import { describe, expect, it } from 'vitest';
import { canImport } from '../../../client/features/account/permissions.ts';
import { importsEn } from '../../../client/i18n/imports.en.ts';
import { importsZh } from '../../../client/i18n/imports.zh.ts';

const me = (role: string, grants: { permission: string; scope: 'all' | 'own_county' }[]) =>
  ({ user: { id: 1, username: 'u', displayName: 'u', role, countyCode: null, leader: false }, anonymousRead: true, grants }) as never;

describe('import wizard', () => {
  it.each([
    ['city administrator', me('city_admin', [{ permission: 'import:run', scope: 'all' }]), true],
    ['county editor', me('county_editor', [{ permission: 'import:run', scope: 'own_county' }]), true],
    ['leader', me('leader', [{ permission: 'ledger:read', scope: 'all' }]), false],
    ['anonymous', { user: null, anonymousRead: true, grants: [{ permission: 'import:run', scope: 'all' }] } as never, false],
  ])('menu entry for %s: %s', (_who, m, expected) => expect(canImport(m)).toBe(expected));
  it('has every string in English, none left in Chinese', () => {
    expect(Object.keys(importsEn).sort()).toEqual(Object.keys(importsZh).sort());
    expect(Object.values(importsEn).filter((v) => /[\u4e00-\u9fff]/.test(v))).toEqual([]);
  });
});
