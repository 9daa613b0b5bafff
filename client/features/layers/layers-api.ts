/**
 * Fetchers and response types of the layer endpoints, and the pure mapping from filters to query
 * strings. Household data comes ONLY from the aggregate endpoints (/api/layers/households/areas and
 * /hexagons): the browser never asks for a household's id or location.
 */
import { maxLayerLimit } from '../../../server/contracts/layer-constants.ts';
import type { HexProperties, HouseholdAreaCounts } from '../../../server/contracts/layers.ts';
import { api, call, fetchRegions, type FetchInit } from '../../api/client.ts';
import type { HouseholdCategory } from '../../../server/contracts/enums.ts';
import { projectArea, type HexSize, type LayersState } from './layers-state.ts';

// The answers' types are the routes' schemas (server/contracts/layers.ts), types only: no zod in the bundle.
export type {
  BenefitLinkCollection,
  BenefitLinkFeature,
  BenefitLinkProperties,
  HexCollection,
  HexProperties,
  ProjectCollection,
  ProjectDetail,
  ProjectFeature,
  ProjectLayerMeta,
  ProjectProperties,
  PvCollection,
  PvDetail,
  PvFeature,
  PvProperties,
} from '../../../server/contracts/layers.ts';
export type HouseholdAreaRow = HouseholdAreaCounts;

export interface HouseholdAreaSymbol extends HouseholdAreaRow {
  position: [number, number];
}

/**
 * Query parameters of GET /api/layers/projects for the filters (only set values are sent); `area` is
 * the map's area, narrowed by the county / township filter when that lies inside it.
 */
export function projectLayerParams(area: string, asOf: string | null, state: Pick<LayersState, 'projectFilters'>): URLSearchParams {
  const f = state.projectFilters;
  const p = new URLSearchParams({ area: projectArea(area, f.area) });
  if (asOf) p.set('asOf', asOf);
  if (f.year !== null) p.set('year', String(f.year));
  const lists = {
    category: f.category,
    mode: f.mode,
    status: f.status,
    responsibleLevel: f.responsibleLevel,
    fundingSource: f.fundingSource,
  };
  for (const [key, list] of Object.entries(lists)) if (list.length) p.set(key, list.join(','));
  if (f.overdue !== null) p.set('overdue', String(f.overdue));
  if (f.signed !== null) p.set('signed', String(f.signed));
  // As many as the server gives (tens of thousands): the map clusters them; the panel says if some are left out.
  p.set('limit', String(maxLayerLimit));
  return p;
}

/** Query parameters of GET /api/layers/pv-stations. */
export function pvLayerParams(area: string, asOf: string | null, state: Pick<LayersState, 'pvFilters'>): URLSearchParams {
  const p = new URLSearchParams({ area });
  if (asOf) p.set('asOf', asOf);
  const f = state.pvFilters;
  if (f.type.length) p.set('type', f.type.join(','));
  if (f.status.length) p.set('status', f.status.join(','));
  if (f.registered !== null) p.set('registered', String(f.registered));
  p.set('limit', String(maxLayerLimit));
  return p;
}

/** Query parameters of the household aggregate endpoints (groups and labour filters). */
export function householdParams(
  parent: string,
  state: Pick<LayersState, 'householdGroups' | 'labour'>,
  extra: Record<string, string> = {},
): URLSearchParams {
  const p = new URLSearchParams({ parent, ...extra });
  if (state.householdGroups.length) p.set('category', state.householdGroups.join(','));
  if (state.labour.length) p.set('labour', state.labour.join(','));
  return p;
}

const query = (params: URLSearchParams) => Object.fromEntries(params);
export const fetchProjectLayer = (params: URLSearchParams, init?: FetchInit) =>
  call(() => api.layers.projects.$get({ query: query(params) }, { init }));
export const fetchPvLayer = (params: URLSearchParams, init?: FetchInit) =>
  call(() => api.layers['pv-stations'].$get({ query: query(params) }, { init }));
export const fetchHexagons = (parent: string, size: HexSize, state: Pick<LayersState, 'householdGroups' | 'labour'>, init?: FetchInit) =>
  call(() => api.layers.households.hexagons.$get({ query: query(householdParams(parent, state, { size })) }, { init }));
export const fetchProjectDetail = (code: string, init?: FetchInit) => call(() => api.projects[':code'].$get({ param: { code } }, { init }));
export const fetchBenefitLinks = (code: string, init?: FetchInit) =>
  call(() => api.projects[':code']['benefit-links'].$get({ param: { code } }, { init }));
export const fetchPvDetail = (code: string, init?: FetchInit) =>
  call(() => api['pv-stations'][':code'].$get({ param: { code } }, { init }));

/** A division to choose in a filter. */
export interface AreaOption {
  code: string;
  name: string;
}

/** The counties or townships under `parent` (names and codes, in code order) for the area filter. */
export async function fetchAreaOptions(level: 'county' | 'township', parent: string, init?: FetchInit): Promise<AreaOption[]> {
  const fc = await fetchRegions({ level, parent }, init);
  return fc.features.map((f) => ({ code: f.properties.code, name: f.properties.name })).sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * The area filter as the panel shows it, for the map's area `mapArea` and the filter's `filterArea`:
 * the county and township chosen (or fixed by the map), whether each can be changed, and whose
 * townships to offer. Codes nest by prefix (4114 → 411421 → 411421101).
 */
export function areaFilterView(
  mapArea: string,
  filterArea: string | null,
): { county: string | null; township: string | null; countyFixed: boolean; townshipFixed: boolean } {
  const area = projectArea(mapArea, filterArea);
  return {
    county: area.length >= 6 ? area.slice(0, 6) : null,
    township: area.length >= 9 ? area.slice(0, 9) : null,
    countyFixed: mapArea.length >= 6,
    townshipFixed: mapArea.length >= 9,
  };
}

/**
 * Level of the household symbols under `parent`: townships under the city (thousands of village
 * circles would be noise at that scale), villages under a county or township.
 */
export function householdSymbolLevel(parent: string): 'township' | 'village' {
  return /^\d{4}$/.test(parent) ? 'township' : 'village';
}

/** Household counts per area (see householdSymbolLevel) joined to the areas' label points. */
export async function fetchHouseholdSymbols(
  parent: string,
  state: Pick<LayersState, 'householdGroups' | 'labour'>,
  init?: FetchInit,
): Promise<HouseholdAreaSymbol[]> {
  const level = householdSymbolLevel(parent);
  const [counts, areas] = await Promise.all([
    call(() => api.layers.households.areas.$get({ query: query(householdParams(parent, state, { level })) }, { init })),
    fetchRegions({ level, parent }, init),
  ]);
  return joinHouseholdRows(
    counts.rows,
    areas.features.map((f) => ({ code: f.properties.code, label: f.properties.label })),
  );
}

/** Sum of published household counts; suppressed ones ("<5", null) are left out. */
export function sumPublished(counts: readonly (number | null)[]): number {
  return counts.reduce<number>((s, n) => s + (n ?? 0), 0);
}

/** Join counts to label points by code; rows with no point or no households (0) are dropped. */
export function joinHouseholdRows(
  rows: readonly HouseholdAreaRow[],
  points: readonly { code: string; label: [number, number] | null }[],
): HouseholdAreaSymbol[] {
  const at = new Map(points.map((p) => [p.code, p.label]));
  const out: HouseholdAreaSymbol[] = [];
  for (const r of rows) {
    const position = at.get(r.code);
    // A suppressed total (null, 1–4 households) still gets its symbol: there are households there.
    if (position && r.total !== 0) out.push({ ...r, position });
  }
  return out;
}

/** Households of the chosen groups in a count row (the server already filtered by group; this reads them). */
export function householdsOfGroups(row: HexProperties, groups: readonly HouseholdCategory[]): number {
  const key: Record<HouseholdCategory, keyof HexProperties> = {
    not_lifted: 'notLifted',
    edge: 'edge',
    monitored: 'monitored',
    lifted: 'lifted',
  };
  return groups.reduce((s, g) => s + (row[key[g]] ?? 0), 0);
}
