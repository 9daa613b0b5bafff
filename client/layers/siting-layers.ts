/**
 * Pure factories for the siting overlay: each candidate's catchment ring with its letter (A/B/C),
 * the corners of a range being drawn, and the suggested villages (top N) as numbered circles.
 */
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from 'deck.gl';
import type { LayersList } from 'deck.gl';
import type { Rgb } from './project-layers.ts';
import { labelFontFamily } from './region-style.ts';

/** Candidate colours A, B, C: blue, orange, purple (tell apart for colour-blind readers and on a projector). */
export const candidateColors: readonly Rgb[] = [
  [0, 90, 181],
  [230, 97, 0],
  [120, 40, 160],
];
export const suggestionColor: Rgb = [0, 120, 60];

export interface SitingRing {
  letter: string;
  index: number;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  anchor: [number, number] | null;
  active: boolean;
}

export interface SuggestedPoint {
  rank: number;
  code: string;
  name: string;
  location: [number, number];
}

export function createSitingLayers(opts: { rings: SitingRing[]; draft: [number, number][]; suggestions: SuggestedPoint[] }): LayersList {
  const { rings, draft, suggestions } = opts;
  const features = rings.map((r) => ({ type: 'Feature' as const, geometry: r.geometry, properties: r }));
  return [
    new GeoJsonLayer({
      id: 'siting-rings',
      data: features,
      stroked: true,
      filled: true,
      getFillColor: (f: { properties: SitingRing }) =>
        [...candidateColors[f.properties.index], f.properties.active ? 46 : 26] as [number, number, number, number],
      getLineColor: (f: { properties: SitingRing }) => [...candidateColors[f.properties.index], 255] as [number, number, number, number],
      getLineWidth: (f: { properties: SitingRing }) => (f.properties.active ? 3 : 2),
      lineWidthUnits: 'pixels',
      pickable: false,
      updateTriggers: { getFillColor: rings.map((r) => r.active).join(), getLineWidth: rings.map((r) => r.active).join() },
    }),
    new ScatterplotLayer<SuggestedPoint>({
      id: 'siting-suggestions',
      data: suggestions,
      getPosition: (d) => d.location,
      getRadius: 11,
      radiusUnits: 'pixels',
      getFillColor: [...suggestionColor, 235],
      getLineColor: [255, 255, 255, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      pickable: true,
    }),
    new TextLayer<SuggestedPoint>({
      id: 'siting-suggestion-ranks',
      data: suggestions,
      getPosition: (d) => d.location,
      getText: (d) => String(d.rank),
      getSize: 14,
      getColor: [255, 255, 255, 255],
      fontFamily: labelFontFamily,
      fontWeight: 700,
      characterSet: '0123456789',
    }),
    new ScatterplotLayer<[number, number]>({
      id: 'siting-draft',
      data: draft,
      getPosition: (d) => d,
      getRadius: 5,
      radiusUnits: 'pixels',
      getFillColor: [...candidateColors[0], 255],
    }),
    new ScatterplotLayer<SitingRing>({
      id: 'siting-sites',
      data: rings.filter((r) => r.anchor),
      getPosition: (d) => d.anchor!,
      getRadius: 15,
      radiusUnits: 'pixels',
      getFillColor: (d) => [...candidateColors[d.index], 255],
      getLineColor: [255, 255, 255, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }),
    new TextLayer<SitingRing>({
      id: 'siting-letters',
      data: rings.filter((r) => r.anchor),
      getPosition: (d) => d.anchor!,
      getText: (d) => d.letter,
      getSize: 18,
      getColor: [255, 255, 255, 255],
      fontFamily: labelFontFamily,
      fontWeight: 700,
      characterSet: 'ABC',
    }),
  ];
}
