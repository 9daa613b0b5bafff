/**
 * The root area of the data (the city): its code, name, level and extent come from GET /api/meta, read
 * once at start before the view state is parsed — the default view, the map extent, the header and the
 * "whole city" wording follow whatever city the database holds (nothing here assumes one city).
 */
import type { Language } from './view-state.ts';
import { defaultViewState, type Camera } from './view-state.ts';

export interface RootArea {
  code: string;
  name: string;
  /** English name when the data has one (the demo: Shangqiu); else the name is used in English too. */
  nameEn: string | null;
  level: 'province' | 'city' | 'county' | 'township' | 'village';
  /** [west, south, east, north] EPSG:4326, or null without boundaries. */
  bbox: [number, number, number, number] | null;
}

let current: RootArea | null = null;

/** Make `root` the root area: the default area of the view state becomes its code. */
export function setRootArea(root: RootArea | null): void {
  current = root;
  defaultViewState.area = root?.code ?? '';
}

/** The root area, or null before /api/meta answered or in an empty database. */
export function rootArea(): RootArea | null {
  return current;
}

/** The root area's code ('' before /api/meta answered or in an empty database). */
export function rootCode(): string {
  return current?.code ?? '';
}

/** The root area's name in `lang` ('' when there is none). */
export function rootName(lang: Language): string {
  if (!current) return '';
  return lang === 'en' ? (current.nameEn ?? current.name) : current.name;
}

/**
 * A camera that shows `bbox` in a map of `width` × `height` CSS pixels (MapLibre zoom, 512-px tiles,
 * Web Mercator), with a margin: what the map shows while the boundaries load, before it fits them.
 */
export function cameraForBbox(bbox: [number, number, number, number], width: number, height: number): Camera {
  const [w, s, e, n] = bbox;
  const mercY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const lng = (w + e) / 2;
  const midY = (mercY(s) + mercY(n)) / 2;
  const lat = ((2 * Math.atan(Math.exp(midY)) - Math.PI / 2) * 180) / Math.PI;
  const dx = Math.max((e - w) / 360, 1e-9);
  const dy = Math.max((mercY(n) - mercY(s)) / (2 * Math.PI), 1e-9);
  const fill = 0.85;
  const zoom = Math.log2(Math.min((width * fill) / 512 / dx, (height * fill) / 512 / dy));
  return { lng, lat, zoom: Math.max(0, Math.min(16, zoom)) };
}
