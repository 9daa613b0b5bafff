/**
 * The one file that knows the server's types: a typed Hono client (`hc<AppType>`) and small fetchers
 * that turn non-2xx answers into errors carrying the server's sentence.
 */
import { hc, type ClientResponse, type InferResponseType } from 'hono/client';
import type { ResponseFormat } from 'hono/types';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { AppType } from '../../server/app.ts';
import type { MeasureId } from '../../server/domain/measures.ts';

// Every answer is revalidated (ETag → 304): after an edit, an import (boundaries included) or a signature the
// map shows the new data at once instead of an answer the browser kept for a few minutes. A fetch of its own,
// not the client's `init` option: a call's own `init`, even undefined, would replace that.
export const api = hc<AppType>(typeof window === 'undefined' ? 'http://localhost' : window.location.origin, {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, { cache: 'no-cache', ...init }),
}).api;

type RegionsEndpoint = (typeof api)['regions']['$get'];
export type RegionQuery = Parameters<RegionsEndpoint>[0]['query'];

/** Properties of a division as the server sends them (code, name, level, label [lng, lat], synthesized…). */
export type RegionProperties = InferResponseType<RegionsEndpoint, 200>['features'][number]['properties'];
/** A division boundary, EPSG:4326; geometry is null for a division without a polygon. */
export type RegionFeature = GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon | null, RegionProperties>;
/** GET /api/regions: the contract types geometry loosely; the server sends (Multi)Polygons. */
export interface RegionCollection {
  type: 'FeatureCollection';
  features: RegionFeature[];
}

export type Health = InferResponseType<(typeof api)['health']['$get'], 200>;

/** An API answer that was not 2xx (status 0: no answer at all, e.g. the server is down). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** Per-field problems the server named (`{ path: 'newPassword', message }`), when it did. */
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function errorOf(res: Pick<Response, 'status' | 'statusText' | 'json'>): Promise<ApiError> {
  let message = `${res.status} ${res.statusText}`;
  let issues: { path: string; message: string }[] = [];
  try {
    const body = (await res.json()) as { error?: { message?: string; issues?: { path: string; message: string }[] } };
    if (body.error?.message) message = body.error.message;
    if (Array.isArray(body.error?.issues)) issues = body.error.issues;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(message, res.status, issues);
}

/** What a fetcher passes on to its request: the signal that aborts it (a superseded load). */
export interface FetchInit {
  signal?: AbortSignal;
}

/** Listeners told about every 401 answer (session expired or revoked), e.g. to open the login form. */
const unauthorizedListeners = new Set<(err: ApiError) => void>();

/** Be told about 401 answers of the API (except the login's own); returns the unsubscribe function. */
export function onUnauthorized(listener: (err: ApiError) => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface CallOptions {
  /** false: a 401 is the caller's business (the login form), not a sign of an ended session. */
  notifyUnauthorized?: boolean;
}

/** The body type of a typed client's answer when it is a success (2xx); the error answers' types drop out. */
export type SuccessBody<R> =
  R extends ClientResponse<infer T, infer S, ResponseFormat> ? (S extends SuccessStatusCode ? (S extends 204 ? void : T) : never) : never;

/**
 * Run a request of the typed client (`api.x.$get(...)`); non-2xx answers throw an ApiError with the
 * server's sentence, 204 gives undefined. The answer's type is the route's success schema.
 */
export async function call<R extends ClientResponse<unknown, number, ResponseFormat>>(
  request: () => Promise<R>,
  options: CallOptions = {},
): Promise<SuccessBody<R>> {
  return send(request, options) as Promise<SuccessBody<R>>;
}

async function send(
  request: () => Promise<Pick<Response, 'ok' | 'status' | 'statusText' | 'json'>>,
  options: CallOptions,
): Promise<unknown> {
  let res: Pick<Response, 'ok' | 'status' | 'statusText' | 'json'>;
  try {
    res = await request();
  } catch (err) {
    // A request that decided itself (e.g. a 409 turned into a conflict error with the other version) keeps its error.
    if (err instanceof ApiError) throw err;
    throw new ApiError(err instanceof Error ? err.message : String(err), 0);
  }
  if (!res.ok) {
    const error = await errorOf(res);
    if (res.status === 401 && options.notifyUnauthorized !== false) for (const listener of [...unauthorizedListeners]) listener(error);
    throw error;
  }
  if (res.status === 204) return undefined;
  return res.json();
}

/** Boundaries of the divisions of `level` under the ancestor `parent`. */
export function fetchRegions(query: RegionQuery, init?: FetchInit): Promise<RegionCollection> {
  return call(() => api.regions.$get({ query }, { init })) as Promise<RegionCollection>;
}

/** GET /api/regions/outline: one division's outline (geometry null when it has no polygon). */
export type RegionOutline = InferResponseType<(typeof api)['regions']['outline']['$get'], 200>;

export function fetchRegionOutline(code: string, init?: FetchInit): Promise<RegionOutline> {
  return call(() => api.regions.outline.$get({ query: { code } }, { init }));
}

type LaggingEndpoint = (typeof api)['lagging-projects']['$get'];
/** GET /api/lagging-projects: an area's projects furthest behind the schedule of spending (top N by shortfall). */
export type LaggingProjects = InferResponseType<LaggingEndpoint, 200>;

export function fetchLaggingProjects(
  query: { area: string; expected: number; asOf?: string | null; limit?: number },
  init?: FetchInit,
): Promise<LaggingProjects> {
  const q = {
    area: query.area,
    expected: String(query.expected),
    ...(query.asOf ? { asOf: query.asOf } : {}),
    ...(query.limit ? { limit: String(query.limit) } : {}),
  };
  return call(() => api['lagging-projects'].$get({ query: q }, { init }));
}

export function fetchHealth(init?: FetchInit): Promise<Health> {
  return call(() => api.health.$get(undefined, { init }));
}

// ---------------------------------------------------------------------------------------------
// Measures: the answers' types are the routes' schemas (server/contracts/measures.ts), types only.

export type {
  AreaStatus,
  DatesInfo,
  HistoryPoint,
  MeasureHistory,
  MeasureRow,
  MeasureValues,
  Meeting,
} from '../../server/contracts/measures.ts';

export function fetchMeasureValues(
  id: MeasureId,
  query: { level: 'county' | 'township' | 'village'; parent: string; asOf?: string | null; compareTo?: string | null },
  init?: FetchInit,
) {
  const { asOf, compareTo, ...rest } = query;
  const q = { ...rest, ...(asOf ? { asOf } : {}), ...(compareTo ? { compareTo } : {}) };
  return call(() => api.measures[':id'].$get({ param: { id }, query: q }, { init }));
}

export function fetchDates(init?: FetchInit) {
  return call(() => api.dates.$get(undefined, { init }));
}

export function fetchMeasureHistory(id: MeasureId, area: string, init?: FetchInit) {
  return call(() => api.measures[':id'].history.$get({ param: { id }, query: { area } }, { init }));
}
