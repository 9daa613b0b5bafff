import { describe, expect, it } from 'vitest';
import type { Me } from '../../../client/api/auth-api.ts';
import {
  canManageUsers,
  canOpenVillageHouseholds,
  canReadAudit,
  canUnmaskVillageHouseholds,
  countyOfCode,
  grantScope,
  isVillageCode,
  loginPromptAfter,
  pageMode,
  type MeLike,
} from '../../../client/features/account/permissions.ts';

type Grant = Me['grants'][number];
const everyUser: Grant[] = [
  { permission: 'public', scope: 'all' },
  { permission: 'aggregates:read', scope: 'all' },
  { permission: 'account:self', scope: 'all' },
  { permission: 'ledger:read', scope: 'all' },
];
const user = (role: NonNullable<Me['user']>['role'], countyCode: string | null = null) => ({
  id: 1,
  username: role,
  displayName: role,
  role,
  countyCode,
  leader: false,
});

const anonymous: MeLike = {
  user: null,
  anonymousRead: true,
  grants: [
    { permission: 'public', scope: 'all' },
    { permission: 'aggregates:read', scope: 'all' },
    { permission: 'ledger:read', scope: 'all' },
  ],
};
const anonymousOff: MeLike = { user: null, anonymousRead: false, grants: [{ permission: 'public', scope: 'all' }] };
const admin: MeLike = {
  user: user('city_admin'),
  anonymousRead: true,
  grants: [...everyUser, { permission: 'users:manage', scope: 'all' }, { permission: 'audit:read', scope: 'all' }],
};
const minquan: MeLike = {
  user: user('county_editor', '411421'),
  anonymousRead: true,
  grants: [...everyUser, { permission: 'households:read', scope: 'own_county' }, { permission: 'households:unmask', scope: 'own_county' }],
};
const editorNoCounty: MeLike = { ...minquan, user: user('county_editor', null) };
const readOnlyEditor: MeLike = { ...minquan, grants: [...everyUser, { permission: 'households:read', scope: 'own_county' }] };
const leader: MeLike = { user: user('leader'), anonymousRead: true, grants: everyUser };
/** A grant for every county (no role has one today; the check must still read it right). */
const cityWide: MeLike = {
  user: user('planner'),
  anonymousRead: true,
  grants: [...everyUser, { permission: 'households:read', scope: 'all' }],
};
/** Grants without a user (a stale or forged answer) open nothing. */
const grantsNoUser: MeLike = { ...admin, user: null };

describe('grants', () => {
  it.each([
    { me: admin, permission: 'users:manage' as const, expected: 'all' },
    { me: minquan, permission: 'households:read' as const, expected: 'own_county' },
    { me: leader, permission: 'households:read' as const, expected: null },
    { me: null, permission: 'public' as const, expected: null },
  ])('grantScope $permission → $expected', ({ me, permission, expected }) => {
    expect(grantScope(me, permission)).toBe(expected);
  });

  it.each([
    { name: 'admin', me: admin, users: true, audit: true },
    { name: 'county editor', me: minquan, users: false, audit: false },
    { name: 'leader', me: leader, users: false, audit: false },
    { name: 'anonymous', me: anonymous, users: false, audit: false },
    { name: 'grants without a user', me: grantsNoUser, users: false, audit: false },
    { name: 'not known yet', me: null, users: false, audit: false },
  ])('$name: 用户管理 $users, 审计日志 $audit', ({ me, users, audit }) => {
    expect(canManageUsers(me)).toBe(users);
    expect(canReadAudit(me)).toBe(audit);
  });
});

describe('codes', () => {
  it.each([
    { code: '411421101201', village: true, county: '411421' },
    { code: '411421101', village: false, county: '411421' },
    { code: '411421', village: false, county: '411421' },
    { code: '4114', village: false, county: null },
    { code: '41142110120', village: false, county: '411421' },
    { code: '41142110120x', village: false, county: null },
    { code: '', village: false, county: null },
    { code: null, village: false, county: null },
  ])('$code: village $village, county $county', ({ code, village, county }) => {
    expect(isVillageCode(code)).toBe(village);
    expect(countyOfCode(code)).toBe(county);
  });
});

describe('农户台账 button', () => {
  it.each([
    { name: 'county editor, own village', me: minquan, code: '411421101201', read: true, unmask: true },
    { name: 'county editor, other county', me: minquan, code: '411481100201', read: false, unmask: false },
    { name: 'county editor, own township (not a village)', me: minquan, code: '411421101', read: false, unmask: false },
    { name: 'county editor, own county itself', me: minquan, code: '411421', read: false, unmask: false },
    { name: 'county editor without a county (fail closed)', me: editorNoCounty, code: '411421101201', read: false, unmask: false },
    { name: 'county editor with read but no unmask grant', me: readOnlyEditor, code: '411421101201', read: true, unmask: false },
    { name: 'city administrator (no household data)', me: admin, code: '411421101201', read: false, unmask: false },
    { name: 'leader', me: leader, code: '411421101201', read: false, unmask: false },
    { name: 'anonymous', me: anonymous, code: '411421101201', read: false, unmask: false },
    { name: 'city-wide grant', me: cityWide, code: '411481100201', read: true, unmask: false },
    { name: 'nothing selected', me: minquan, code: null, read: false, unmask: false },
  ])('$name → read $read, unmask $unmask', ({ me, code, read, unmask }) => {
    expect(canOpenVillageHouseholds(me, code)).toBe(read);
    expect(canUnmaskVillageHouseholds(me, code)).toBe(unmask);
  });
});

describe('page mode and login prompts', () => {
  it.each([
    { name: 'me loading', me: null, loading: true, expected: 'loading' },
    { name: 'anonymous, anonymous read on', me: anonymous, loading: false, expected: 'app' },
    { name: 'anonymous, anonymous read off', me: anonymousOff, loading: false, expected: 'login' },
    { name: 'logged in, anonymous read off', me: { ...admin, anonymousRead: false }, loading: false, expected: 'app' },
    { name: '/me unanswered (server down): the map shows its own error', me: null, loading: false, expected: 'app' },
  ])('$name → $expected', ({ me, loading, expected }) => {
    expect(pageMode(me, loading)).toBe(expected);
  });

  it.each([
    { name: 'session ended', previous: admin, now: anonymous, expected: 'expired' },
    { name: 'never logged in', previous: anonymous, now: anonymous, expected: 'required' },
    { name: 'first answer, nobody', previous: null, now: anonymousOff, expected: 'required' },
    { name: 'still logged in', previous: admin, now: admin, expected: null },
    { name: 'logged in since', previous: anonymous, now: minquan, expected: null },
  ])('$name → $expected', ({ previous, now, expected }) => {
    expect(loginPromptAfter(previous, now)).toBe(expected);
  });
});
