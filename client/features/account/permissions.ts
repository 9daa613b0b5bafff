/**
 * What the interface offers, read from /api/auth/me (user and grants). The server decides every
 * request on its own; these checks only hide what would be refused, and never widen anything.
 */
import type { Me, Permission } from '../../api/auth-api.ts';

/** The part of /api/auth/me the checks read. */
export type MeLike = Pick<Me, 'user' | 'grants' | 'anonymousRead'>;

/** The scope of `permission` in the grants, or null when not held. */
export function grantScope(me: MeLike | null, permission: Permission): 'all' | 'own_county' | null {
  return me?.grants.find((g) => g.permission === permission)?.scope ?? null;
}

export const hasGrant = (me: MeLike | null, permission: Permission) => grantScope(me, permission) !== null;

/** 用户管理 in the account menu. */
export const canManageUsers = (me: MeLike | null) => !!me?.user && grantScope(me, 'users:manage') === 'all';

/** 数据导入 in the account menu: county editors (own county) and the city administrator. */
export const canImport = (me: MeLike | null) => !!me?.user && grantScope(me, 'import:run') !== null;

/** 审计日志 in the account menu. */
export const canReadAudit = (me: MeLike | null) => !!me?.user && grantScope(me, 'audit:read') === 'all';

/** A 12-digit village code (NBS: county 6 + township 3 + village 3). */
export const isVillageCode = (code: string | null | undefined): code is string => typeof code === 'string' && /^\d{12}$/.test(code);

/** The county-level code a division code lies in (its first 6 digits), or null above the county. */
export function countyOfCode(code: string | null | undefined): string | null {
  if (typeof code !== 'string' || !/^\d+$/.test(code) || code.length < 6) return null;
  return code.slice(0, 6);
}

/**
 * Whether the user may open the household records of `villageCode` (农户台账): a logged-in user
 * holding `permission` for every county, or for its own county when the village lies in it.
 * An own-county grant without a county code on the user grants nothing (fail closed, as the server).
 */
export function canOpenVillageHouseholds(
  me: MeLike | null,
  villageCode: string | null | undefined,
  permission: Permission = 'households:read',
): boolean {
  if (!me?.user || !isVillageCode(villageCode)) return false;
  const scope = grantScope(me, permission);
  if (scope === 'all') return true;
  if (scope === 'own_county') return !!me.user.countyCode && countyOfCode(villageCode) === me.user.countyCode;
  return false;
}

/** Whether the user may unmask households of `villageCode` (查看完整信息). */
export const canUnmaskVillageHouseholds = (me: MeLike | null, villageCode: string | null | undefined) =>
  canOpenVillageHouseholds(me, villageCode, 'households:unmask');

/**
 * What the page shows: nothing yet (me loading), the full login screen (anonymous read is off and
 * nobody is logged in: the map would only get 401 answers), or the map.
 */
export function pageMode(me: MeLike | null, loading: boolean): 'loading' | 'login' | 'app' {
  if (loading) return 'loading';
  if (me && !me.user && !me.anonymousRead) return 'login';
  return 'app';
}

/**
 * After a 401 (or a fresh /me showing nobody): 'expired' when someone was logged in (say the session
 * ended), 'required' when nobody was (say a login is needed), null when it changes nothing.
 */
export function loginPromptAfter(previous: MeLike | null, now: MeLike | null): 'expired' | 'required' | null {
  if (previous?.user && !now?.user) return 'expired';
  if (!previous?.user && !now?.user) return 'required';
  return null;
}
