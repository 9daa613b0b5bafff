/**
 * What the ledger offers an account, read from /api/auth/me: editing a county's rows, signing its
 * ledger, reading a project's change log. The server decides every request; these only hide what it
 * would refuse.
 */
import { grantScope, type MeLike } from '../account/permissions.ts';
import type { Permission } from '../../api/auth-api.ts';

function covers(me: MeLike | null, permission: Permission, countyCode: string | null | undefined): boolean {
  if (!me?.user || !countyCode) return false;
  const scope = grantScope(me, permission);
  if (scope === 'all') return true;
  return scope === 'own_county' && !!me.user.countyCode && me.user.countyCode === countyCode;
}

/** 修改 of a project or PV station of `countyCode`: the county's editors and the city office. */
export const canEditCounty = (me: MeLike | null, countyCode: string | null | undefined) => covers(me, 'ledger:write', countyCode);

/** 签字 for `countyCode`: accounts holding the signing right of that county. */
export const canSignCounty = (me: MeLike | null, countyCode: string | null | undefined) => covers(me, 'ledger:sign', countyCode);

/** The project's change log: the city office (audit) and the county's own editors and signers. */
export const canReadChanges = (me: MeLike | null, countyCode: string | null | undefined) =>
  (!!me?.user && grantScope(me, 'audit:read') === 'all') || canEditCounty(me, countyCode) || canSignCounty(me, countyCode);
