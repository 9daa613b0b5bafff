/**
 * The one file that knows the server's types: a typed Hono client (`hc<AppType>`) and small fetchers
 * that turn non-2xx answers into errors carrying the server's sentence.
 */
import { hc, type InferResponseType } from 'hono/client';
import type { AppType } from '../../server/app.ts';
import type { Measure, MeasureId } from '../../server/domain/measures.ts';

const api = hc<AppType>(typeof window === 'undefined' ? 'http://localhost' : window.location.origin).api;

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

export async function errorOf(res: Response): Promise<ApiError> {
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

/** Run a request; non-2xx answers throw an ApiError with the server's sentence, 204 gives undefined. */
export async function call<T>(request: () => Promise<Response & { json(): Promise<T> }>, options: CallOptions = {}): Promise<T> {
  let res: Response & { json(): Promise<T> };
  try {
    res = await request();
  } catch (err) {
    throw new ApiError(err instanceof Error ? err.message : String(err), 0);
  }
  if (!res.ok) {
    const error = await errorOf(res);
    if (res.status === 401 && options.notifyUnauthorized !== false) for (const listener of [...unauthorizedListeners]) listener(error);
    throw error;
  }
  if (res.status === 204) return undefined as T;
  return res.json();
}

/** Boundaries of the divisions of `level` under the ancestor `parent`. */
export function fetchRegions(query: RegionQuery, init?: { signal?: AbortSignal }): Promise<RegionCollection> {
  return call(() => api.regions.$get({ query }, { init }) as never);
}

export function fetchHealth(init?: { signal?: AbortSignal }): Promise<Health> {
  return call(() => api.health.$get(undefined, { init }) as never);
}

// ---------------------------------------------------------------------------------------------
// Measures: the routes answer with loosely typed JSON (z.any()), so the shapes are written here once.

export type AreaStatus = 'ahead' | 'on_track' | 'lagging' | 'no_data' | 'none';

/** One area's value of a measure (GET /api/measures/{id}); value in the measure's unit, lag and change in points. */
export interface MeasureRow {
  code: string;
  name: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
  expected: number | null;
  lag: number | null;
  status: AreaStatus;
  rank: number | null;
  previous?: { value: number | null; rank: number | null; expected: number | null };
  change?: number | null;
}

export interface MeasureValues {
  measure: Measure;
  level: 'county' | 'township' | 'village';
  parent: { code: string; name: string; level: string };
  asOf: string;
  compareTo: string | null;
  expected: number | null;
  total: { numerator: number; denominator: number | null; value: number | null };
  rankedCount: number;
  rows: MeasureRow[];
}

export interface Meeting {
  year: number;
  number: number;
  meetingDate: string;
  cutOff: string;
}

export interface DatesInfo {
  meetings: Meeting[];
  historyDates: string[];
  defaultAsOf: string;
}

export interface HistoryPoint {
  asOf: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
  expected: number | null;
  rank: number | null;
  of: number;
}

export interface MeasureHistory {
  series: HistoryPoint[];
  meetings: Meeting[];
}

export interface ProjectProperties {
  code: string;
  name: string;
  status: string;
  overdue: boolean;
  totalWan: number | null;
  spentWan: number | null;
}

export interface ProjectCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: unknown; properties: ProjectProperties }[];
}

/** GET a JSON answer of our API; non-2xx answers become an ApiError with the server's message. */
export async function getJson<T>(url: string, init?: { signal?: AbortSignal }): Promise<T> {
  return call<T>(() => fetch(url, init) as never);
}

const qs = (params: Record<string, string | null | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') p.set(k, v);
  return p.toString();
};

export function fetchMeasureValues(id: MeasureId, query: { level: string; parent: string; asOf?: string | null; compareTo?: string | null }): Promise<MeasureValues> {
  return getJson(`/api/measures/${encodeURIComponent(id)}?${qs(query)}`);
}

export function fetchDates(): Promise<DatesInfo> {
  return getJson('/api/dates');
}

export function fetchMeasureHistory(id: MeasureId, area: string): Promise<MeasureHistory> {
  return getJson(`/api/measures/${encodeURIComponent(id)}/history?${qs({ area })}`);
}

export function fetchProjects(area: string, asOf: string | null): Promise<ProjectCollection> {
  return getJson(`/api/layers/projects?${qs({ area, asOf })}`);
}
