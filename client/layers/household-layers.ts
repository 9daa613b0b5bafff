/**
 * Pure factories for the household layers, from AGGREGATES only: a proportional circle per village
 * (at its label point) and hexagon cells coloured on a single-hue purple ramp. No household point,
 * id or name ever reaches these functions.
 */
import { GeoJsonLayer, ScatterplotLayer, type Color } from 'deck.gl';
import type { HexCollection, HexProperties, HouseholdAreaSymbol } from '../features/layers/layers-api.ts';
import type { Rgb } from './project-layers.ts';

/** Single-hue purple ramp (ColorBrewer Purples, 5 classes), light to dark. */
export const householdRamp: readonly Rgb[] = [
  [218, 218, 235],
  [188, 189, 220],
  [158, 154, 200],
  [117, 107, 177],
  [84, 39, 143],
];
export const householdSymbolColor: Rgb = [84, 39, 143];

/**
 * Upper bounds of the ramp's classes for counts up to `max`: equal steps rounded to whole households,
 * strictly increasing (e.g. max 100 → [20, 40, 60, 80, 100]). Empty for max ≤ 0.
 */
export function hexBreaks(max: number, classes = householdRamp.length): number[] {
  if (!(max > 0)) return [];
  const out: number[] = [];
  for (let i = 1; i <= classes; i++) {
    const b = Math.ceil((max * i) / classes);
    if (!out.length || b > out[out.length - 1]) out.push(b);
  }
  return out;
}

/** Ramp colour of a count given the breaks (the first class whose bound is ≥ count). */
export function hexColor(count: number, breaks: readonly number[]): Rgb {
  const i = breaks.findIndex((b) => count <= b);
  return householdRamp[i < 0 ? householdRamp.length - 1 : Math.min(i, householdRamp.length - 1)];
}

export interface HexLayerOptions {
  id?: string;
  opacity?: number;
}

/** Hexagon density of households (cell fill on the purple ramp, thin white edges). */
export function createHouseholdHexLayer(data: HexCollection | null, options: HexLayerOptions = {}) {
  const features = data?.features ?? [];
  const breaks = hexBreaks(Math.max(0, ...features.map((f) => f.properties.total ?? 0)));
  return new GeoJsonLayer<HexProperties>({
    id: options.id ?? 'op-households-hex',
    data: features,
    opacity: options.opacity ?? 0.7,
    filled: true,
    stroked: true,
    getFillColor: (f) => [...hexColor(f.properties.total ?? 0, breaks), 255] as Color,
    getLineColor: [255, 255, 255, 200],
    getLineWidth: 1,
    lineWidthUnits: 'pixels',
    pickable: true,
    updateTriggers: { getFillColor: [breaks.join(',')] },
  });
}

/**
 * Radius in CSS px of a village symbol: area proportional to the households (square root) from
 * `minPx` to `maxPx` at `maxCount`; 0 households → 0 (nothing drawn).
 */
export function householdRadiusPx(count: number, maxCount: number, minPx = 3, maxPx = 26): number {
  if (!(count > 0) || !(maxCount > 0)) return 0;
  return minPx + (maxPx - minPx) * Math.min(1, Math.sqrt(count / maxCount));
}

/**
 * Largest village / township symbol, CSS px, for `n` symbols: the more areas, the smaller the
 * symbols (the total ink stays about the same), between 10 and 22 px — 186 townships of the city get
 * about 18 px, the ~500 villages of a county about 10.
 */
export function householdMaxRadiusPx(n: number): number {
  if (!(n > 0)) return 22;
  return Math.max(10, Math.min(22, 22 * Math.sqrt(120 / n)));
}

export interface HouseholdAreaLayerOptions {
  id?: string;
  opacity?: number;
}

/**
 * A circle per village (or township), its area proportional to the households of the chosen groups:
 * a purple ring on a faint purple tint, so the choropleth's colour stays readable inside and around it.
 */
export function createHouseholdAreaLayer(rows: readonly HouseholdAreaSymbol[], options: HouseholdAreaLayerOptions = {}) {
  // A suppressed total (null: 1–4 households, "<5") is drawn as the smallest symbol.
  const data = rows.filter((r) => r.total !== 0) as HouseholdAreaSymbol[];
  const maxCount = Math.max(0, ...data.map((r) => r.total ?? 0));
  const maxPx = householdMaxRadiusPx(data.length);
  return new ScatterplotLayer<HouseholdAreaSymbol>({
    id: options.id ?? 'op-households-areas',
    data,
    opacity: options.opacity ?? 0.85,
    getPosition: (r) => r.position,
    getRadius: (r) => householdRadiusPx(r.total ?? 0, maxCount, 3, maxPx),
    radiusUnits: 'pixels',
    getFillColor: [...householdSymbolColor, 56],
    stroked: true,
    getLineColor: [...householdSymbolColor, 255],
    getLineWidth: 2,
    lineWidthUnits: 'pixels',
    pickable: true,
    updateTriggers: { getRadius: [maxCount, maxPx] },
  });
}
