/**
 * The permission table: which role holds which permission, and how far (every county or its own).
 * Routes declare the permission they need (see `requires` in context.ts); queries narrow rows with
 * the county condition derived from the same grant, so the table is the single source of truth.
 */
import type { Permission, PermissionScope, Role } from '../contracts/auth.ts';

type Grants = Partial<Record<Permission, PermissionScope>>;

/** Permissions every logged-in user holds. */
const everyUser: Grants = {
  public: 'all',
  'aggregates:read': 'all',
  'account:self': 'all',
  'ledger:read': 'all',
  'meetings:write': 'all',
  'followups:read': 'all',
};

/**
 * Grants per role. A county editor's writes reach only its own county; household-level data is
 * granted to nobody but the county editor of the household's county (not even the city administrator).
 */
export const roleGrants: Record<Role, Grants> = {
  city_admin: {
    ...everyUser,
    'ledger:write': 'all',
    'import:run': 'all',
    'siting:use': 'all',
    'users:manage': 'all',
    'audit:read': 'all',
    'targets:manage': 'all',
    // 督办: the city office records, edits and closes items.
    'followups:manage': 'all',
    'followups:close': 'all',
  },
  county_editor: {
    ...everyUser,
    'ledger:write': 'own_county',
    'import:run': 'own_county',
    'households:read': 'own_county',
    'households:unmask': 'own_county',
    'households:write': 'own_county',
    // Siting anywhere in the city; household counts are exact only inside the own county (routes/siting.ts).
    'siting:use': 'all',
    // 督办: answers (progress and report) for items of the own county only.
    'followups:answer': 'own_county',
  },
  // A city leader records and edits follow-up items at or after a meeting; closing is the city office's.
  leader: { ...everyUser, 'siting:use': 'all', 'followups:manage': 'all' },
  planner: { ...everyUser, 'siting:use': 'all' },
};

/** Sign-off (签字) is held by county editors with the leader flag, for their own county. */
const leaderFlagGrants: Grants = { 'ledger:sign': 'own_county' };

/** Who is asking: an anonymous visitor or a logged-in user. */
export type Principal =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      id: number;
      username: string;
      displayName: string;
      role: Role;
      /** The county of a county editor; null for the other roles. */
      countyCode: string | null;
      /** County editor who may sign (签字) the county ledger. */
      leader: boolean;
    };

export const anonymous: Principal = { kind: 'anonymous' };

/**
 * What the read-only anonymous demo view may read: aggregates, and the project / PV-station ledger,
 * which holds no personal data and is publicly disclosed anyway (扶贫项目公告公示). Never households.
 */
const anonymousReadable: ReadonlySet<Permission> = new Set<Permission>(['aggregates:read', 'ledger:read']);

/** A grant resolved for one principal: every county, one county, or nothing. */
export type Grant = { scope: 'all' } | { scope: 'county'; countyCode: string } | null;

/**
 * What `principal` holds of `permission`. Anonymous visitors hold `public`, and `aggregates:read`
 * and `ledger:read` when anonymous read is on. An own-county grant without a county code grants nothing (fail closed).
 */
export function grantOf(principal: Principal, permission: Permission, opts: { anonymousRead: boolean }): Grant {
  if (permission === 'public') return { scope: 'all' };
  if (principal.kind === 'anonymous') return anonymousReadable.has(permission) && opts.anonymousRead ? { scope: 'all' } : null;
  const scope =
    roleGrants[principal.role][permission] ??
    (principal.role === 'county_editor' && principal.leader ? leaderFlagGrants[permission] : undefined);
  if (!scope) return null;
  if (scope === 'all') return { scope: 'all' };
  return principal.countyCode ? { scope: 'county', countyCode: principal.countyCode } : null;
}

/** True when the grant reaches rows of `countyCode`. */
export function grantCovers(grant: Grant, countyCode: string | null | undefined): boolean {
  if (!grant) return false;
  if (grant.scope === 'all') return true;
  return countyCode != null && grant.countyCode === countyCode;
}

/** Every permission with its scope for a principal (for /api/auth/me and the interface). */
export function grantsOf(principal: Principal, opts: { anonymousRead: boolean }, all: readonly Permission[]) {
  return all.flatMap((permission) => {
    const g = grantOf(principal, permission, opts);
    return g ? [{ permission, scope: g.scope === 'all' ? ('all' as const) : ('own_county' as const) }] : [];
  });
}
