/**
 * Pure geometry on division boundaries (EPSG:4326, [lng, lat]): extents, label anchors and list order.
 * No map, no network. (The dissolved outline is in region-outline.ts: it needs turf's polygon clipping.)
 */
import { area } from '@turf/turf';
import type { RegionFeature, RegionProperties } from '../../api/client.ts';

/** [[west, south], [east, north]] in degrees. */
export type LngLatBounds = [[number, number], [number, number]];

type PolygonalFeature = GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon, RegionProperties>;

/** Features that have a polygon (a division may have none, e.g. a new development zone). */
export function regionsWithGeometry(features: readonly RegionFeature[]): PolygonalFeature[] {
  return features.filter(
    (f): f is PolygonalFeature => f.geometry !== null && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'),
  );
}

/** Extent of the features' polygons; null when none has a geometry. NaN coordinates are ignored. */
export function regionBounds(features: readonly RegionFeature[]): LngLatBounds | null {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  for (const f of regionsWithGeometry(features)) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) {
      // The outer ring bounds the polygon; holes lie inside it.
      for (const [lng, lat] of poly[0] ?? []) {
        if (!Number.isFinite(lng) || !Number.isFinite(lat)) continue;
        if (lng < w) w = lng;
        if (lng > e) e = lng;
        if (lat < s) s = lat;
        if (lat > n) n = lat;
      }
    }
  }
  return w <= e && s <= n
    ? [
        [w, s],
        [e, n],
      ]
    : null;
}

/** A label: text at an anchor [lng, lat]. */
export interface RegionLabel {
  code: string;
  text: string;
  position: [number, number];
  /** Larger divisions keep their label when labels collide: 100 × log10(area in km²), 0 without a polygon. */
  priority: number;
}

/** Collision priority of a division of `areaKm2`: 1 km² → 0, 1,000 km² → 300; never NaN. */
export function labelPriorityOfArea(areaKm2: number): number {
  return areaKm2 > 0 && Number.isFinite(areaKm2) ? Math.round(100 * Math.log10(areaKm2)) : 0;
}

/** Labels at the server's label anchors (inside each polygon); divisions without an anchor get none. */
export function regionLabels(features: readonly RegionFeature[]): RegionLabel[] {
  const out: RegionLabel[] = [];
  for (const f of features) {
    const p = f.properties.label;
    if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) continue;
    const km2 = f.geometry ? area(f.geometry) / 1e6 : 0;
    out.push({ code: f.properties.code, text: f.properties.name, position: [p[0], p[1]], priority: labelPriorityOfArea(km2) });
  }
  return out;
}

/** Divisions in code order (the order of official tables: districts first, then counties, then county-level cities). */
export function sortRegionsByCode(features: readonly RegionFeature[]): RegionFeature[] {
  return [...features].sort((a, b) => (a.properties.code < b.properties.code ? -1 : a.properties.code > b.properties.code ? 1 : 0));
}

export function findRegion(features: readonly RegionFeature[], code: string | null): RegionFeature | undefined {
  return code === null ? undefined : features.find((f) => f.properties.code === code);
}
