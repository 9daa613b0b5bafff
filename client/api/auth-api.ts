/**
 * Typed fetchers of the account APIs: login, the current user, password change, user administration,
 * the audit log and household records. Mutations send a JSON body (the server's CSRF check wants
 * `Content-Type: application/json` from this origin); 401 answers reach `onUnauthorized` listeners,
 * except the login's own "wrong username or password".
 */
import type { AuditEntry, AuditResult, HouseholdRecord, Me, Permission, PermissionScope, Role, SessionUser, UserView } from '../../server/contracts/auth.ts';
import { call, getJson } from './client.ts';

export type { AuditEntry, AuditResult, HouseholdRecord, Me, Permission, PermissionScope, Role, SessionUser, UserView };

export interface AuditPage {
  items: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
}

export interface HouseholdList {
  villageCode: string;
  villageName: string;
  items: HouseholdRecord[];
}

export interface UnmaskedHousehold {
  id: string;
  holderName: string | null;
  idNumber: string | null;
}

export interface UserWithPassword {
  user: UserView;
  /** The generated password, to show once; null when the administrator typed one. */
  password: string | null;
}

export interface CreateUserBody {
  username: string;
  displayName: string;
  role: Role;
  countyCode?: string | null;
  leader?: boolean;
  password?: string;
}

export interface UpdateUserBody {
  displayName?: string;
  role?: Role;
  countyCode?: string | null;
  leader?: boolean;
  disabled?: boolean;
}

type Method = 'POST' | 'PATCH';

/** A mutation with a JSON body (an empty object when there is nothing to say: the CSRF check wants JSON). */
function send<T>(method: Method, url: string, body: unknown, options?: { notifyUnauthorized?: boolean }): Promise<T> {
  return call<T>(
    () => fetch(url, { method, headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body ?? {}), credentials: 'same-origin' }) as never,
    options,
  );
}

export function fetchMe(): Promise<Me> {
  return getJson<Me>('/api/auth/me');
}

/** Log in; a wrong password answers 401 to this caller only (it is not an ended session). */
export function login(username: string, password: string): Promise<{ user: SessionUser }> {
  return send('POST', '/api/auth/login', { username, password }, { notifyUnauthorized: false });
}

export function logout(): Promise<void> {
  return send('POST', '/api/auth/logout', {}, { notifyUnauthorized: false });
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return send('POST', '/api/auth/password', { currentPassword, newPassword });
}

export async function listUsers(): Promise<UserView[]> {
  return (await getJson<{ items: UserView[] }>('/api/users')).items;
}

export function createUser(body: CreateUserBody): Promise<UserWithPassword> {
  return send('POST', '/api/users', body);
}

export function updateUser(id: number, body: UpdateUserBody): Promise<UserView> {
  return send('PATCH', `/api/users/${encodeURIComponent(String(id))}`, body);
}

/** Reset a password; without `password` the server generates one and answers it once. */
export function resetUserPassword(id: number, password?: string): Promise<UserWithPassword> {
  return send('POST', `/api/users/${encodeURIComponent(String(id))}/password`, password ? { password } : {});
}

/** One page of the audit log; `search` from auditSearch() (filters, page, pageSize). */
export function fetchAuditPage(search: string): Promise<AuditPage> {
  return getJson<AuditPage>(`/api/audit?${search}`);
}

export function fetchHouseholds(villageCode: string, init?: { signal?: AbortSignal }): Promise<HouseholdList> {
  return getJson<HouseholdList>(`/api/households?village=${encodeURIComponent(villageCode)}`, init);
}

/** The full name and ID number of one household; the server writes the audit row first. */
export function unmaskHousehold(id: string, reason: string): Promise<UnmaskedHousehold> {
  return send('POST', `/api/households/${encodeURIComponent(id)}/unmask`, { reason });
}
