/**
 * The ledger (台账) endpoints through the typed Hono client: the project list and a project's change
 * log, its detail (monthly history), editable rows with their version (a stale save throws
 * LedgerConflictError carrying the row as it is now and what the other person changed), and sign-off.
 * Answer types are inferred from the server's contracts.
 */
import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, ApiError, call, type FetchInit } from './client.ts';

// (The shared client revalidates every answer: ledger answers change with every edit.)
const ledger = api.ledger;

type ListEndpoint = (typeof ledger)['projects']['$get'];
export type ProjectListQuery = NonNullable<InferRequestType<ListEndpoint>['query']>;
export type ProjectListPage = InferResponseType<ListEndpoint, 200>;
export type ProjectListItem = ProjectListPage['items'][number];

type ChangesEndpoint = (typeof ledger)['projects'][':code']['changes']['$get'];
export type ProjectChangeLog = InferResponseType<ChangesEndpoint, 200>;

type DetailEndpoint = (typeof api)['projects'][':code']['$get'];
export type ProjectDetail = InferResponseType<DetailEndpoint, 200>;

type ProjectPatch = (typeof ledger)['projects'][':code']['$patch'];
type PvPatch = (typeof ledger)['pv-stations'][':code']['$patch'];
export type EditableRow = InferResponseType<(typeof ledger)['projects'][':code']['$get'], 200>;
export type EditResult = InferResponseType<ProjectPatch, 200>;
export type EditConflict = InferResponseType<ProjectPatch, 409>;
export type ProjectEditBody = InferRequestType<ProjectPatch>['json'];
export type PvEditBody = InferRequestType<PvPatch>['json'];
export type EditKind = 'projects' | 'pv_stations';

type SignoffEndpoint = (typeof api)['signoffs']['$get'];
export type SignoffList = InferResponseType<SignoffEndpoint, 200>;
export type CountySignoff = SignoffList['items'][number];
export type SignBody = InferRequestType<(typeof api)['signoffs']['$post']>['json'];

export function fetchProjectPage(query: ProjectListQuery, init?: FetchInit): Promise<ProjectListPage> {
  return call(() => ledger.projects.$get({ query }, { init }));
}

export function fetchProjectChanges(code: string, init?: FetchInit): Promise<ProjectChangeLog> {
  return call(() => ledger.projects[':code'].changes.$get({ param: { code } }, { init }));
}

export function fetchLedgerProject(code: string, init?: FetchInit): Promise<ProjectDetail> {
  return call(() => api.projects[':code'].$get({ param: { code } }, { init }));
}

export function readEditable(kind: EditKind, code: string): Promise<EditableRow> {
  const endpoint = kind === 'projects' ? ledger.projects[':code'] : ledger['pv-stations'][':code'];
  return call(() => endpoint.$get({ param: { code } }));
}

/** A save based on an older version: the row as it is now and the fields someone else changed. */
export class LedgerConflictError extends ApiError {
  constructor(readonly conflict: EditConflict) {
    super(conflict.error.message, 409);
    this.name = 'LedgerConflictError';
  }
}

export function saveEdit(kind: EditKind, code: string, body: ProjectEditBody | PvEditBody): Promise<EditResult> {
  return call(async () => {
    const res =
      kind === 'projects'
        ? await ledger.projects[':code'].$patch({ param: { code }, json: body as ProjectEditBody })
        : await ledger['pv-stations'][':code'].$patch({ param: { code }, json: body as PvEditBody });
    if (res.status === 409) {
      const conflict = await res.json();
      if (conflict.current) throw new LedgerConflictError(conflict);
    }
    return res;
  });
}

export function fetchSignoffs(period: string, init?: FetchInit): Promise<SignoffList> {
  return call(() => api.signoffs.$get({ query: { period } }, { init }));
}

export function signLedger(body: SignBody): Promise<CountySignoff> {
  return call(() => api.signoffs.$post({ json: body }));
}

/** Tell the page that ledger rows or signatures changed (tables reload, map marks recount). */
export const ledgerChanged = () => window.dispatchEvent(new Event(ledgerChangedEvent));

const ledgerChangedEvent = 'ledger-changed';

/** How the ledger's tables load (`useLoad`): the last answer stays shown, and every ledger change reloads. */
export const ledgerLoad = { keep: true, reloadOn: ledgerChangedEvent } as const;
