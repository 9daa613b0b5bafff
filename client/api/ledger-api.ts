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
type ProgressPatch = (typeof ledger)['projects'][':code']['progress'][':asOf']['$patch'];
type ProgressPost = (typeof ledger)['projects'][':code']['progress']['$post'];
type ProjectPost = (typeof ledger)['projects']['$post'];
export type EditableRow = InferResponseType<(typeof ledger)['projects'][':code']['$get'], 200>;
export type EditResult = InferResponseType<ProjectPatch, 200>;
export type EditConflict = InferResponseType<ProjectPatch, 409>;
export type ProjectEditBody = InferRequestType<ProjectPatch>['json'];
export type PvEditBody = InferRequestType<PvPatch>['json'];
export type ProgressEditBody = InferRequestType<ProgressPatch>['json'];
export type ProgressCreateBody = InferRequestType<ProgressPost>['json'];
export type ProjectCreateBody = InferRequestType<ProjectPost>['json'];
export type CreateConflict = InferResponseType<ProjectPost, 409>;
export type EditKind = 'projects' | 'pv_stations' | 'progress';
/** The row an edit form opens: a project or PV station by code, a monthly report by its project's code and as-of date. */
export type EditTarget = { kind: 'projects' | 'pv_stations'; code: string } | { kind: 'progress'; code: string; asOf: string };

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

export function readEditable(target: EditTarget): Promise<EditableRow> {
  const { code } = target;
  if (target.kind === 'progress')
    return call(() => ledger.projects[':code'].progress[':asOf'].$get({ param: { code, asOf: target.asOf } }));
  const endpoint = target.kind === 'projects' ? ledger.projects[':code'] : ledger['pv-stations'][':code'];
  return call(() => endpoint.$get({ param: { code } }));
}

/** A save based on an older version: the row as it is now and the fields someone else changed. */
export class LedgerConflictError extends ApiError {
  constructor(readonly conflict: EditConflict) {
    super(conflict.error.message, 409);
    this.name = 'LedgerConflictError';
  }
}

export function saveEdit(target: EditTarget, body: ProjectEditBody | PvEditBody | ProgressEditBody): Promise<EditResult> {
  const send = () => {
    const param = { code: target.code };
    if (target.kind === 'progress')
      return ledger.projects[':code'].progress[':asOf'].$patch({ param: { ...param, asOf: target.asOf }, json: body as ProgressEditBody });
    if (target.kind === 'pv_stations') return ledger['pv-stations'][':code'].$patch({ param, json: body as PvEditBody });
    return ledger.projects[':code'].$patch({ param, json: body as ProjectEditBody });
  };
  return call(async () => {
    const res = await send();
    if (res.status === 409) {
      const conflict = await res.json();
      if (conflict.current) throw new LedgerConflictError(conflict);
    }
    return res;
  });
}

/** A create whose key is taken (a report of that date, a project of that code): the stored row when readable. */
export class LedgerExistsError extends ApiError {
  constructor(readonly conflict: CreateConflict) {
    super(conflict.error.message, 409);
    this.name = 'LedgerExistsError';
  }
}

async function created<R extends Response & { status: number; json(): Promise<unknown> }>(res: R): Promise<R> {
  if (res.status === 409) throw new LedgerExistsError((await res.json()) as CreateConflict);
  return res;
}

export function createProgressReport(code: string, body: ProgressCreateBody): Promise<EditableRow> {
  return call(async () => created(await ledger.projects[':code'].progress.$post({ param: { code }, json: body })));
}

export function createProject(body: ProjectCreateBody): Promise<EditableRow> {
  return call(async () => created(await ledger.projects.$post({ json: body })));
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
