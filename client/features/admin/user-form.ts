/**
 * The user form's values and the API bodies: what a create sends, what an edit changes, and whether
 * the change ends the user's sessions (role, county, sign-off flag, disabling — as the server does).
 */
import type { CreateUserBody, Role, UpdateUserBody, UserView } from '../../api/auth-api.ts';

export const roleOrder: readonly Role[] = ['city_admin', 'county_editor', 'leader', 'planner'];

/**
 * What the form holds: the create body. `countyCode` and `leader` matter only for a county editor;
 * `password` only on create (empty → the server generates one).
 */
export type UserFormValues = CreateUserBody;

/** The username rule of the server (contracts/auth.ts), checked as the user types. */
export const usernamePattern = /^[a-z0-9_.-]{3,32}$/;

/** Lower-case and trim a typed username the way the server will. */
export const normalizeUsername = (s: string) => s.trim().toLowerCase();

/** County and flag as the role allows them: only a county editor has a county and may sign. */
function assignment(v: Pick<UserFormValues, 'role' | 'countyCode' | 'leader'>): { countyCode: string | null; leader: boolean } {
  return v.role === 'county_editor' ? { countyCode: v.countyCode || null, leader: !!v.leader } : { countyCode: null, leader: false };
}

export function createBody(v: UserFormValues): CreateUserBody {
  const body: CreateUserBody = {
    username: normalizeUsername(v.username),
    displayName: v.displayName.trim(),
    role: v.role,
    ...assignment(v),
  };
  if (v.password) body.password = v.password;
  return body;
}

/** The form filled from an existing user. */
export function formOfUser(u: UserView): UserFormValues {
  return { username: u.username, displayName: u.displayName, role: u.role, countyCode: u.countyCode, leader: u.leader };
}

/** Only what changed (an empty object when nothing did). */
export function updateBody(original: UserView, v: UserFormValues): UpdateUserBody {
  const body: UpdateUserBody = {};
  const a = assignment(v);
  const name = v.displayName.trim();
  if (name && name !== original.displayName) body.displayName = name;
  if (v.role !== original.role) body.role = v.role;
  if (a.countyCode !== original.countyCode) body.countyCode = a.countyCode;
  if (a.leader !== original.leader) body.leader = a.leader;
  return body;
}

/** Whether saving `body` ends the user's sessions at once (the server revokes them on these changes). */
export function endsSessions(original: UserView, body: UpdateUserBody): boolean {
  return (
    (body.role !== undefined && body.role !== original.role) ||
    (body.countyCode !== undefined && body.countyCode !== original.countyCode) ||
    (body.leader !== undefined && body.leader !== original.leader) ||
    (body.disabled === true && !original.disabled)
  );
}
