import { describe, expect, it } from 'vitest';
import { permissions, type Permission } from '../../../server/contracts/auth.ts';
import { anonymous, grantCovers, grantOf, type Principal } from '../../../server/auth/permissions.ts';

const user = (role: Extract<Principal, { kind: 'user' }>['role'], countyCode: string | null = null, leader = false): Principal => ({
  kind: 'user',
  id: 1,
  username: 'u',
  displayName: 'u',
  role,
  countyCode,
  leader,
});

const principals = {
  anonymous,
  city_admin: user('city_admin'),
  editor_minquan_leader: user('county_editor', '411421', true),
  editor_yongcheng: user('county_editor', '411481'),
  leader: user('leader'),
  planner: user('planner'),
};
type Who = keyof typeof principals;

// Expected grants: 'all', a county code (own county only) or '-' (none). Anonymous with ANONYMOUS_READ=on.
const table: Record<Permission, Record<Who, string>> = {
  public: { anonymous: 'all', city_admin: 'all', editor_minquan_leader: 'all', editor_yongcheng: 'all', leader: 'all', planner: 'all' },
  'aggregates:read': {
    anonymous: 'all',
    city_admin: 'all',
    editor_minquan_leader: 'all',
    editor_yongcheng: 'all',
    leader: 'all',
    planner: 'all',
  },
  'account:self': {
    anonymous: '-',
    city_admin: 'all',
    editor_minquan_leader: 'all',
    editor_yongcheng: 'all',
    leader: 'all',
    planner: 'all',
  },
  'ledger:read': {
    anonymous: 'all',
    city_admin: 'all',
    editor_minquan_leader: 'all',
    editor_yongcheng: 'all',
    leader: 'all',
    planner: 'all',
  },
  'ledger:write': {
    anonymous: '-',
    city_admin: 'all',
    editor_minquan_leader: '411421',
    editor_yongcheng: '411481',
    leader: '-',
    planner: '-',
  },
  'ledger:sign': { anonymous: '-', city_admin: '-', editor_minquan_leader: '411421', editor_yongcheng: '-', leader: '-', planner: '-' },
  'households:read': {
    anonymous: '-',
    city_admin: '-',
    editor_minquan_leader: '411421',
    editor_yongcheng: '411481',
    leader: '-',
    planner: '-',
  },
  'households:unmask': {
    anonymous: '-',
    city_admin: '-',
    editor_minquan_leader: '411421',
    editor_yongcheng: '411481',
    leader: '-',
    planner: '-',
  },
  'households:write': {
    anonymous: '-',
    city_admin: '-',
    editor_minquan_leader: '411421',
    editor_yongcheng: '411481',
    leader: '-',
    planner: '-',
  },
  'siting:use': { anonymous: '-', city_admin: 'all', editor_minquan_leader: 'all', editor_yongcheng: 'all', leader: 'all', planner: 'all' },
  'import:run': {
    anonymous: '-',
    city_admin: 'all',
    editor_minquan_leader: '411421',
    editor_yongcheng: '411481',
    leader: '-',
    planner: '-',
  },
  'users:manage': { anonymous: '-', city_admin: 'all', editor_minquan_leader: '-', editor_yongcheng: '-', leader: '-', planner: '-' },
  'audit:read': { anonymous: '-', city_admin: 'all', editor_minquan_leader: '-', editor_yongcheng: '-', leader: '-', planner: '-' },
  'targets:manage': { anonymous: '-', city_admin: 'all', editor_minquan_leader: '-', editor_yongcheng: '-', leader: '-', planner: '-' },
  'meetings:write': {
    anonymous: '-',
    city_admin: 'all',
    editor_minquan_leader: 'all',
    editor_yongcheng: 'all',
    leader: 'all',
    planner: 'all',
  },
  'followups:read': {
    anonymous: '-',
    city_admin: 'all',
    editor_minquan_leader: 'all',
    editor_yongcheng: 'all',
    leader: 'all',
    planner: 'all',
  },
  'followups:manage': { anonymous: '-', city_admin: 'all', editor_minquan_leader: '-', editor_yongcheng: '-', leader: 'all', planner: '-' },
  'followups:answer': {
    anonymous: '-',
    city_admin: '-',
    editor_minquan_leader: '411421',
    editor_yongcheng: '411481',
    leader: '-',
    planner: '-',
  },
  'followups:close': { anonymous: '-', city_admin: 'all', editor_minquan_leader: '-', editor_yongcheng: '-', leader: '-', planner: '-' },
};

const show = (g: ReturnType<typeof grantOf>) => (!g ? '-' : g.scope === 'all' ? 'all' : g.countyCode);

describe('permission table', () => {
  it('covers every permission', () => {
    expect(Object.keys(table).sort()).toEqual([...permissions].sort());
  });

  const cases = permissions.flatMap((permission) =>
    (Object.keys(principals) as Who[]).map((who) => ({ permission, who, expected: table[permission][who] })),
  );
  it.each(cases)('$who holds $permission: $expected', ({ permission, who, expected }) => {
    expect(show(grantOf(principals[who], permission, { anonymousRead: true }))).toBe(expected);
  });

  it('anonymous read off: anonymous visitors hold only public', () => {
    const held = permissions.filter((p) => grantOf(anonymous, p, { anonymousRead: false }));
    expect(held).toEqual(['public']);
  });

  it('household-level data: nobody but a county editor, and only for its own county', () => {
    for (const [who, p] of Object.entries(principals)) {
      for (const perm of ['households:read', 'households:unmask', 'households:write'] as const) {
        const g = grantOf(p, perm, { anonymousRead: true });
        expect(grantCovers(g, '411421'), `${who} ${perm} 411421`).toBe(who === 'editor_minquan_leader');
        expect(grantCovers(g, '411481'), `${who} ${perm} 411481`).toBe(who === 'editor_yongcheng');
        expect(grantCovers(g, '411402'), `${who} ${perm} 411402`).toBe(false);
        expect(grantCovers(g, null), `${who} ${perm} null`).toBe(false);
      }
    }
  });

  it('fails closed: a county editor without a county holds no county-scoped permission', () => {
    const broken = user('county_editor', null, true);
    expect(grantOf(broken, 'households:read', { anonymousRead: true })).toBeNull();
    expect(grantOf(broken, 'ledger:sign', { anonymousRead: true })).toBeNull();
    expect(grantOf(broken, 'aggregates:read', { anonymousRead: true })).toEqual({ scope: 'all' });
  });

  it('the leader flag grants nothing to other roles', () => {
    expect(grantOf(user('planner', null, true), 'ledger:sign', { anonymousRead: true })).toBeNull();
  });
});
