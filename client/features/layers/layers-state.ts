/**
 * The operational layers' state (visibility, order, opacity, colouring, filters, selection) and its
 * round trip through compact URL parameters, e.g. `ly=projects,pv&pf.category=industry&op.projects=80`.
 * Pure: no React, no fetching. Unknown or malformed values are dropped, never thrown.
 */
import {
  householdCategories,
  industryModes,
  labourCapacities,
  projectCategories,
  projectStatuses,
  pvStatuses,
  pvTypes,
  responsibleLevels,
  type HouseholdCategory,
  type IndustryMode,
  type LabourCapacity,
  type ProjectCategory,
  type ProjectStatus,
  type PvStatus,
  type PvType,
  type ResponsibleLevel,
} from '../../../server/contracts/enums.ts';
import { fundingSources, hexSizes, type FundingSource } from '../../../server/contracts/layer-constants.ts';

/** The operational layers, in their default drawing order (bottom first). */
export const operationalLayerIds = ['households-hex', 'households-areas', 'benefit-links', 'pv', 'projects'] as const;
export type OperationalLayerId = (typeof operationalLayerIds)[number];

export const projectColorModes = ['category', 'status'] as const;
/** Projects coloured by category (industry modes distinct) or by status with lateness emphasised. */
export type ProjectColorMode = (typeof projectColorModes)[number];
export const pvColorModes = ['registered', 'status'] as const;
/** PV stations coloured by registration in the national system (纳入系统) or by status. */
export type PvColorMode = (typeof pvColorModes)[number];

export type HexSize = (typeof hexSizes)[number];

export interface ProjectFilters {
  /**
   * County (6 digits) or township (9 digits) the projects are limited to, or null for the whole area
   * on the map. It narrows the map's area and is ignored while the map shows an area outside it.
   */
  area: string | null;
  /** Plan year, or null for all years. */
  year: number | null;
  /** Empty list = no filter (all values). */
  category: ProjectCategory[];
  mode: IndustryMode[];
  status: ProjectStatus[];
  responsibleLevel: ResponsibleLevel[];
  fundingSource: FundingSource[];
  /** null = both. */
  overdue: boolean | null;
  /** Signed off by both leaders; null = both. */
  signed: boolean | null;
}

export interface PvFilters {
  type: PvType[];
  status: PvStatus[];
  registered: boolean | null;
}

export interface LayerSelection {
  kind: 'project' | 'pv';
  code: string;
}

export interface LayersState {
  /** Visible layers (a set; the drawing order is `order`). */
  visible: OperationalLayerId[];
  /** Every layer exactly once, bottom first. */
  order: OperationalLayerId[];
  /** Opacity per layer, percent 0–100. */
  opacity: Record<OperationalLayerId, number>;
  projectColor: ProjectColorMode;
  pvColor: PvColorMode;
  projectFilters: ProjectFilters;
  pvFilters: PvFilters;
  /** Household groups counted in the household layers (at least one). */
  householdGroups: HouseholdCategory[];
  /** Labour capacities counted; empty = all. */
  labour: LabourCapacity[];
  /** Hexagon edge on the ground, metres. */
  hexSize: HexSize;
  /** The project or PV station whose detail card is open, or null. */
  selected: LayerSelection | null;
}

const fullOpacity = 100;

/** All operational layers off, so the choropleth reads clean; the three groups counted. */
export const defaultLayersState: LayersState = Object.freeze({
  visible: [],
  order: [...operationalLayerIds],
  opacity: { 'households-hex': 50, 'households-areas': 85, 'benefit-links': fullOpacity, pv: fullOpacity, projects: fullOpacity },
  projectColor: 'category',
  pvColor: 'registered',
  projectFilters: {
    area: null,
    year: null,
    category: [],
    mode: [],
    status: [],
    responsibleLevel: [],
    fundingSource: [],
    overdue: null,
    signed: null,
  },
  pvFilters: { type: [], status: [], registered: null },
  householdGroups: ['not_lifted', 'edge', 'monitored'],
  labour: [],
  hexSize: '2000',
  selected: null,
}) as LayersState;

/** Query parameter names (short and stable: links in slides depend on them). */
export const layerParamKeys = {
  visible: 'ly',
  order: 'lo',
  opacityPrefix: 'op.',
  projectColor: 'pc',
  pvColor: 'vc',
  area: 'pf.area',
  year: 'pf.year',
  category: 'pf.category',
  mode: 'pf.mode',
  status: 'pf.status',
  responsibleLevel: 'pf.level',
  fundingSource: 'pf.fund',
  overdue: 'pf.overdue',
  signed: 'pf.signed',
  pvType: 'vf.type',
  pvStatus: 'vf.status',
  pvRegistered: 'vf.registered',
  householdGroups: 'hg',
  labour: 'hl',
  hexSize: 'hx',
  selected: 'lsel',
} as const;

const codePattern = /^[A-Za-z0-9_-]{1,32}$/;
/** A county or township code (NBS codes nest by prefix: 4114 → 411421 → 411421101). */
const filterAreaPattern = /^(\d{6}|\d{9})$/;

/** Values of a comma list that belong to `allowed`, deduplicated, in the order of `allowed`. */
function parseList<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  if (raw === null) return [];
  const items = new Set(raw.split(',').map((s) => s.trim()));
  return allowed.filter((v) => items.has(v));
}

function parseBool(raw: string | null): boolean | null {
  return raw === 'true' ? true : raw === 'false' ? false : null;
}

function parseOneOf<T extends string>(raw: string | null, allowed: readonly T[], fallback: T): T {
  return raw !== null && (allowed as readonly string[]).includes(raw) ? (raw as T) : fallback;
}

/** A full order from a partial list: listed layers first (known, once each), the rest in default order. */
function completeOrder(listed: readonly string[]): OperationalLayerId[] {
  const known = listed.filter(
    (id, i): id is OperationalLayerId => (operationalLayerIds as readonly string[]).includes(id) && listed.indexOf(id) === i,
  );
  return [...known, ...operationalLayerIds.filter((id) => !known.includes(id))];
}

/** The layers state described by `params` (defaults for what is missing or malformed). */
export function parseLayersState(params: URLSearchParams): LayersState {
  const d = defaultLayersState;
  const k = layerParamKeys;
  const rawOrder = params.get(k.order);
  const opacity = { ...d.opacity };
  for (const id of operationalLayerIds) {
    const raw = params.get(k.opacityPrefix + id);
    if (raw === null || !/^\d{1,3}$/.test(raw)) continue;
    const n = Number(raw);
    if (n >= 0 && n <= 100) opacity[id] = n;
  }
  const rawYear = params.get(k.year);
  const year = rawYear !== null && /^\d{4}$/.test(rawYear) && Number(rawYear) >= 2000 && Number(rawYear) <= 2100 ? Number(rawYear) : null;
  const groups = parseList(params.get(k.householdGroups), householdCategories);
  let selected: LayerSelection | null = null;
  const rawSel = params.get(k.selected);
  const m = rawSel ? /^(p|v):(.+)$/.exec(rawSel) : null;
  if (m && codePattern.test(m[2])) selected = { kind: m[1] === 'p' ? 'project' : 'pv', code: m[2] };
  return {
    visible: parseList(params.get(k.visible), operationalLayerIds),
    order: rawOrder ? completeOrder(rawOrder.split(',')) : [...d.order],
    opacity,
    projectColor: parseOneOf(params.get(k.projectColor), projectColorModes, d.projectColor),
    pvColor: parseOneOf(params.get(k.pvColor), pvColorModes, d.pvColor),
    projectFilters: {
      area: filterAreaPattern.test(params.get(k.area) ?? '') ? params.get(k.area) : null,
      year,
      category: parseList(params.get(k.category), projectCategories),
      mode: parseList(params.get(k.mode), industryModes),
      status: parseList(params.get(k.status), projectStatuses),
      responsibleLevel: parseList(params.get(k.responsibleLevel), responsibleLevels),
      fundingSource: parseList(params.get(k.fundingSource), fundingSources),
      overdue: parseBool(params.get(k.overdue)),
      signed: parseBool(params.get(k.signed)),
    },
    pvFilters: {
      type: parseList(params.get(k.pvType), pvTypes),
      status: parseList(params.get(k.pvStatus), pvStatuses),
      registered: parseBool(params.get(k.pvRegistered)),
    },
    householdGroups: groups.length ? groups : [...d.householdGroups],
    labour: parseList(params.get(k.labour), labourCapacities),
    hexSize: parseOneOf(params.get(k.hexSize), hexSizes, d.hexSize),
    selected,
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Write `state` into `params`: every layer parameter is removed first, then only values that differ
 * from the defaults are written (other parameters of the view are left alone).
 */
export function writeLayersState(state: LayersState, params: URLSearchParams): void {
  const d = defaultLayersState;
  const k = layerParamKeys;
  for (const key of [...params.keys()]) {
    if ((Object.values(k) as string[]).includes(key) || key.startsWith(k.opacityPrefix)) params.delete(key);
  }
  const setList = (key: string, list: readonly string[], allowed: readonly string[]) => {
    const kept = allowed.filter((v) => list.includes(v));
    if (kept.length) params.set(key, kept.join(','));
  };
  const setBool = (key: string, v: boolean | null) => {
    if (v !== null) params.set(key, String(v));
  };
  setList(k.visible, state.visible, operationalLayerIds);
  const order = completeOrder(state.order);
  if (!sameList(order, d.order)) params.set(k.order, order.join(','));
  for (const id of operationalLayerIds) {
    const v = Math.round(Math.min(100, Math.max(0, state.opacity[id] ?? d.opacity[id])));
    if (v !== d.opacity[id]) params.set(k.opacityPrefix + id, String(v));
  }
  if (state.projectColor !== d.projectColor) params.set(k.projectColor, state.projectColor);
  if (state.pvColor !== d.pvColor) params.set(k.pvColor, state.pvColor);
  const f = state.projectFilters;
  if (f.area !== null && filterAreaPattern.test(f.area)) params.set(k.area, f.area);
  if (f.year !== null) params.set(k.year, String(f.year));
  setList(k.category, f.category, projectCategories);
  setList(k.mode, f.mode, industryModes);
  setList(k.status, f.status, projectStatuses);
  setList(k.responsibleLevel, f.responsibleLevel, responsibleLevels);
  setList(k.fundingSource, f.fundingSource, fundingSources);
  setBool(k.overdue, f.overdue);
  setBool(k.signed, f.signed);
  setList(k.pvType, state.pvFilters.type, pvTypes);
  setList(k.pvStatus, state.pvFilters.status, pvStatuses);
  setBool(k.pvRegistered, state.pvFilters.registered);
  const groups = householdCategories.filter((g) => state.householdGroups.includes(g));
  if (groups.length && !sameList(groups, d.householdGroups)) params.set(k.householdGroups, groups.join(','));
  setList(k.labour, state.labour, labourCapacities);
  if (state.hexSize !== d.hexSize) params.set(k.hexSize, state.hexSize);
  if (state.selected && codePattern.test(state.selected.code))
    params.set(k.selected, `${state.selected.kind === 'project' ? 'p' : 'v'}:${state.selected.code}`);
}

/**
 * The state exactly as its URL says it (lists in their canonical order, values clamped, invalid ones
 * dropped): every change goes through this, so the state on screen and the state a reload of the
 * link gives are always the same object, field for field.
 */
export function canonicalLayersState(state: LayersState): LayersState {
  const params = new URLSearchParams();
  writeLayersState(state, params);
  return parseLayersState(params);
}

/**
 * The area the projects layer loads: the filter's county / township when it lies inside the map's
 * area (codes nest by prefix), else the map's area.
 */
export function projectArea(mapArea: string, filterArea: string | null): string {
  return filterArea && filterArea.length > mapArea.length && filterArea.startsWith(mapArea) ? filterArea : mapArea;
}

/** The layers drawn, in drawing order (bottom first). */
export function visibleInOrder(state: LayersState): OperationalLayerId[] {
  return completeOrder(state.order).filter((id) => state.visible.includes(id));
}

/** Move a layer one step up (drawn later, on top) or down in the order. */
export function moveLayer(state: LayersState, id: OperationalLayerId, direction: 'up' | 'down'): LayersState {
  const order = completeOrder(state.order);
  const i = order.indexOf(id);
  const j = direction === 'up' ? i + 1 : i - 1;
  if (j < 0 || j >= order.length) return state;
  [order[i], order[j]] = [order[j], order[i]];
  return { ...state, order };
}

/** Turn a layer on or off. */
export function setLayerVisible(state: LayersState, id: OperationalLayerId, on: boolean): LayersState {
  const visible = on ? [...new Set([...state.visible, id])] : state.visible.filter((v) => v !== id);
  return { ...state, visible: operationalLayerIds.filter((v) => visible.includes(v)) };
}

/**
 * Opacity of the choropleth under the operational layers: the household density hexagons are a
 * colour ramp of their own, so while they are shown the choropleth steps back to a faint tint
 * (names, values and boundaries stay on top) instead of mixing into unreadable colours.
 */
export function choroplethOpacity(state: Pick<LayersState, 'visible'>): number {
  return state.visible.includes('households-hex') ? 0.15 : 1;
}
