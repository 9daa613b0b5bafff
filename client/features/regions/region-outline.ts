/**
 * The outline of a set of divisions dissolved in the browser (turf union). The map asks the server for
 * an area's outline (GET /api/regions/outline); this is the fallback for a division without a polygon of
 * its own, loaded only then: polygon clipping is a sizeable module and slow on thousands of villages.
 */
import { area, featureCollection, polygon, union } from '@turf/turf';
import type { RegionFeature } from '../../api/client.ts';
import { regionsWithGeometry } from './region-geometry.ts';

export interface OutlineOptions {
  /**
   * Holes smaller than this (km²) are dropped: the gaps that independently simplified neighbours leave
   * between them, not real enclaves. Default 5 km².
   */
  minHoleKm2?: number;
}

/**
 * The outline of the union of the features (e.g. the city from its counties), as a (Multi)Polygon
 * without the slivers between neighbours; null when no feature has a polygon.
 */
export function dissolveRegions(
  features: readonly RegionFeature[],
  options: OutlineOptions = {},
): GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon> | null {
  const minHoleM2 = (options.minHoleKm2 ?? 5) * 1e6;
  const polys = regionsWithGeometry(features);
  if (polys.length === 0) return null;
  const merged = polys.length === 1 ? polys[0] : union(featureCollection(polys.map((f) => ({ ...f, properties: {} }))));
  if (!merged) return null;
  const keepRings = (rings: GeoJSON.Position[][]) => [rings[0], ...rings.slice(1).filter((hole) => area(polygon([hole])) >= minHoleM2)];
  const geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon =
    merged.geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: keepRings(merged.geometry.coordinates) }
      : { type: 'MultiPolygon', coordinates: merged.geometry.coordinates.map(keepRings) };
  return { type: 'Feature', properties: {}, geometry };
}
