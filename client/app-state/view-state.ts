/**
 * The whole view as one serialisable object, and its round trip through the URL query string.
 * A link reopens the same view. To add a field: extend `ViewState`, `defaultViewState` and `viewStateFields`
 * (the mapped type makes the compiler ask for the codec).
 */

export const languages = ['zh', 'en'] as const;
export type Language = (typeof languages)[number];

import { measureIds, type MeasureId } from '../../server/domain/measures.ts';
import { defaultLayersState, parseLayersState, writeLayersState, type LayersState } from '../features/layers/layers-state.ts';
import { formatSitingState, parseSitingState, type SitingState } from '../features/siting/siting-state.ts';

/** Levels the map can show (the divisions *under* `area`). */
export const mapLevels = ['county', 'township', 'village'] as const;
export type MapLevel = (typeof mapLevels)[number];

/** Map camera: centre in EPSG:4326 degrees (longitude, latitude) and MapLibre zoom (512-px tiles). */
export interface Camera {
  lng: number;
  lat: number;
  zoom: number;
}

export interface ViewState {
  /** Interface language; zh (Simplified Chinese) is the default. */
  lang: Language;
  /** Level of the divisions drawn on the map. */
  level: MapLevel;
  /** Code of the ancestor whose divisions are drawn (the root area, the city, by default). */
  area: string;
  /** Code of the selected division, or null. */
  selected: string | null;
  /** Camera chosen by the user, or null to fit the area on load. */
  camera: Camera | null;
  /** Measure drawn on the map (default spend_rate, the speech's fair basis). */
  measure: MeasureId;
  /** Classification of the choropleth; 'target' = against 序时进度 (status colours). */
  method: ClassMethod;
  /** Breaks of the 'custom' classification, ascending, in the measure's unit. */
  breaks: number[];
  /** Data as of this date (YYYY-MM-DD), or null for the server's default (latest meeting cut-off). */
  asOf: string | null;
  /** Earlier date for the change-since map, or null (off). */
  compareTo: string | null;
  /** Operational layers (own codec in features/layers/layers-state.ts, several parameters). */
  layers: LayersState;
  /** The siting analysis (features/siting/siting-state.ts), or null when the tool is closed. */
  siting: SitingState | null;
}

export const classMethods = ['target', 'quantile', 'equal', 'jenks', 'custom'] as const;
export type ClassMethod = (typeof classMethods)[number];

/**
 * The defaults. `area` is the root area of the data (the city), set once from GET /api/meta before the
 * first view state is read (app-state/root-area.ts); '' until then and in an empty database.
 */
export const defaultViewState: ViewState = {
  lang: 'zh',
  level: 'county',
  area: '',
  selected: null,
  camera: null,
  measure: 'spend_rate',
  method: 'target',
  breaks: [],
  asOf: null,
  compareTo: null,
  layers: defaultLayersState,
  siting: null,
};

/** How one field is written to and read from a query parameter. `parse` returns undefined for bad input. */
export interface FieldCodec<T> {
  /** Query parameter name (short, stable: links in e-mails and slides depend on it). */
  key: string;
  parse(raw: string): T | undefined;
  format(value: T): string;
}

const divisionCode = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;

const oneOf = <T extends string>(key: string, values: readonly T[]): FieldCodec<T> => ({
  key,
  parse: (raw) => ((values as readonly string[]).includes(raw) ? (raw as T) : undefined),
  format: (v) => v,
});

const codeField = (key: string): FieldCodec<string> => ({
  key,
  parse: (raw) => (divisionCode.test(raw) ? raw : undefined),
  format: (v) => v,
});

const nullable = <T>(codec: FieldCodec<T>): FieldCodec<T | null> => ({
  key: codec.key,
  parse: (raw) => codec.parse(raw),
  format: (v) => (v === null ? '' : codec.format(v)),
});

/** Round a number for the URL: enough digits for ~1 m at the equator, none of the float noise. */
const round = (x: number, digits: number) => Number(x.toFixed(digits));

export const cameraCodec: FieldCodec<Camera> = {
  key: 'cam',
  parse(raw) {
    const parts = raw.split(',');
    if (parts.length !== 3 || parts.some((p) => p.trim() === '')) return undefined;
    const [lng, lat, zoom] = parts.map(Number);
    if (![lng, lat, zoom].every(Number.isFinite)) return undefined;
    if (lng < -180 || lng > 180 || lat < -85.06 || lat > 85.06 || zoom < 0 || zoom > 24) return undefined;
    return { lng, lat, zoom };
  },
  format: (c) => `${round(c.lng, 5)},${round(c.lat, 5)},${round(c.zoom, 2)}`,
};

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const dateField = (key: string): FieldCodec<string | null> => ({
  key,
  parse: (raw) => (isoDate.test(raw) && !Number.isNaN(Date.parse(raw)) ? raw : undefined),
  format: (v) => v ?? '',
});

export const breaksCodec: FieldCodec<number[]> = {
  key: 'brk',
  parse(raw) {
    if (raw.trim() === '') return [];
    const parts = raw.split(',').map((p) => (p.trim() === '' ? NaN : Number(p)));
    if (!parts.every(Number.isFinite)) return undefined;
    return [...new Set(parts)].sort((a, b) => a - b);
  },
  format: (b) => b.map((x) => String(round(x, 4))).join(','),
};

/** One codec per field, in the order the parameters appear in the URL. */
export const viewStateFields: { [K in Exclude<keyof ViewState, 'layers'>]: FieldCodec<ViewState[K]> } = {
  lang: oneOf('lang', languages),
  level: oneOf('level', mapLevels),
  area: codeField('area'),
  selected: nullable(codeField('sel')),
  camera: nullable(cameraCodec),
  measure: oneOf('m', measureIds),
  method: oneOf('cls', classMethods),
  breaks: breaksCodec,
  asOf: dateField('asOf'),
  compareTo: dateField('cmp'),
  siting: { key: 'site', parse: (raw) => parseSitingState(raw), format: (v) => (v ? formatSitingState(v) : '') },
};

const fieldNames = Object.keys(viewStateFields) as Exclude<keyof ViewState, 'layers'>[];

/**
 * Read a view state from a query string (`?lang=en&sel=411421`, with or without the `?`).
 * Missing, unknown or invalid parameters fall back to the defaults — a damaged link still opens.
 */
export function parseViewState(search: string, defaults: ViewState = defaultViewState): ViewState {
  const params = new URLSearchParams(search);
  const state = { ...defaults } as Record<keyof ViewState, unknown>;
  for (const name of fieldNames) {
    const codec = viewStateFields[name] as FieldCodec<unknown>;
    const raw = params.get(codec.key);
    if (raw === null) continue;
    const value = codec.parse(raw);
    if (value !== undefined) state[name] = value;
  }
  state.layers = params.size > 0 ? parseLayersState(params) : defaults.layers;
  return state as unknown as ViewState;
}

/**
 * Write a view state as a query string with a leading `?` (or '' when everything is default).
 * Fields equal to their default are left out, so the plain address stays the plain address.
 * `extra` parameters that are not view-state fields (e.g. `debug`) are kept after the state.
 */
export function formatViewState(state: ViewState, defaults: ViewState = defaultViewState, extra?: URLSearchParams): string {
  const params = new URLSearchParams();
  for (const name of fieldNames) {
    const codec = viewStateFields[name] as FieldCodec<unknown>;
    const text = codec.format(state[name]);
    if (text === codec.format(defaults[name]) || text === '') continue;
    params.set(codec.key, text);
  }
  // The layers write their own parameters (and delete their stale ones) on a copy of the extras, so
  // parameters nobody here knows are kept as they are.
  const rest = new URLSearchParams(extra);
  writeLayersState(state.layers, rest);
  const own = new Set(fieldNames.map((n) => viewStateFields[n].key));
  for (const [k, v] of rest) if (!own.has(k)) params.append(k, v);
  // Commas separate the camera's numbers; they are legal in a query and more readable unescaped.
  const text = params.toString().replace(/%2C/gi, ',');
  return text ? `?${text}` : '';
}

/** Equality on the serialised form: two states that give the same URL are the same view. */
export function sameViewState(a: ViewState, b: ViewState): boolean {
  return formatViewState(a) === formatViewState(b);
}
