/**
 * Typed fetchers of the account APIs: login, the current user, password change, user administration,
 * the audit log and household records. Mutations send a JSON body (the server's CSRF check wants
 * `Content-Type: application/json` from this origin); 401 answers reach `onUnauthorized` listeners,
 * except the login's own "wrong username or password".
 */
import type { CreateUserBody, Me, UpdateUserBody, UserView } from '../../server/contracts/auth.ts';
import { api, call, type FetchInit, type SuccessBody } from './client.ts';

export type {
  AuditEntry,
  AuditResult,
  CreateUserBody,
  HouseholdRecord,
  Me,
  Permission,
  PermissionScope,
  Role,
  SessionUser,
  UpdateUserBody,
  UserView,
} from '../../server/contracts/auth.ts';

/** One page of the audit log. */
export type AuditPage = SuccessBody<Awaited<ReturnType<typeof api.audit.$get>>>;
/** A village's household records (masked unless the reader may see them). */
export type HouseholdList = SuccessBody<Awaited<ReturnType<typeof api.households.$get>>>;
/** The full name and ID number of one household. */
export type UnmaskedHousehold = SuccessBody<Awaited<ReturnType<(typeof api.households)[':id']['unmask']['$post']>>>;
/** A user with the generated password, to show once (null when the administrator typed one). */
export type UserWithPassword = SuccessBody<Awaited<ReturnType<typeof api.users.$post>>>;

export function fetchMe(): Promise<Me> {
  return call(() => api.auth.me.$get());
}

/** Log in; a wrong password answers 401 to this caller only (it is not an ended session). */
export function login(username: string, password: string) {
  return call(() => api.auth.login.$post({ json: { username, password } }), { notifyUnauthorized: false });
}

export function logout(): Promise<void> {
  return call(() => api.auth.logout.$post(), { notifyUnauthorized: false });
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return call(() => api.auth.password.$post({ json: { currentPassword, newPassword } }));
}

export async function listUsers(): Promise<UserView[]> {
  return (await call(() => api.users.$get())).items;
}

export function createUser(body: CreateUserBody): Promise<UserWithPassword> {
  return call(() => api.users.$post({ json: body }));
}

export function updateUser(id: number, body: UpdateUserBody): Promise<UserView> {
  return call(() => api.users[':id'].$patch({ param: { id: String(id) }, json: body }));
}

/** Reset a password; without `password` the server generates one and answers it once. */
export function resetUserPassword(id: number, password?: string): Promise<UserWithPassword> {
  return call(() => api.users[':id'].password.$post({ param: { id: String(id) }, json: password ? { password } : {} }));
}

/** One page of the audit log; `search` from auditSearch() (filters, page, pageSize). */
export function fetchAuditPage(search: string, init?: FetchInit): Promise<AuditPage> {
  return call(() => api.audit.$get({ query: Object.fromEntries(new URLSearchParams(search)) }, { init }));
}

export function fetchHouseholds(villageCode: string, init?: FetchInit): Promise<HouseholdList> {
  return call(() => api.households.$get({ query: { village: villageCode } }, { init }));
}

/** The full name and ID number of one household; the server writes the audit row first. */
export function unmaskHousehold(id: string, reason: string): Promise<UnmaskedHousehold> {
  return call(() => api.households[':id'].unmask.$post({ param: { id }, json: { reason } }));
}
