/**
 * The catchment ring the map previews at once, before the server answers: turf in the browser.
 * A point or a village's point becomes a circle; a drawn range is buffered by the radius. Radii in
 * km; coordinates [lng, lat] EPSG:4326.
 */
import { buffer, circle, polygon as turfPolygon } from '@turf/turf';
import type { SitingSite } from '../../../server/contracts/siting.ts';

export type RingGeometry = GeoJSON.Polygon | GeoJSON.MultiPolygon;

/** The site's anchor: the point, the village's point (when known), or the first corner of a range. */
export function siteAnchor(site: SitingSite, villagePoint?: [number, number] | null): [number, number] | null {
  if (site.kind === 'point') return site.point;
  if (site.kind === 'village') return villagePoint ?? null;
  return site.ring[0] ?? null;
}

/** The preview of a catchment: null when it cannot be drawn (a village whose point is unknown, a broken range). */
export function catchmentPreview(site: SitingSite, radiusKm: number, villagePoint?: [number, number] | null): RingGeometry | null {
  if (!(radiusKm > 0)) return null;
  if (site.kind === 'polygon') {
    if (site.ring.length < 3) return null;
    const ring = [...site.ring];
    if (ring[0][0] !== ring.at(-1)![0] || ring[0][1] !== ring.at(-1)![1]) ring.push(ring[0]);
    try {
      return buffer(turfPolygon([ring]), radiusKm, { units: 'kilometers', steps: 16 })?.geometry ?? null;
    } catch {
      return null;
    }
  }
  const centre = siteAnchor(site, villagePoint);
  return centre ? circle(centre, radiusKm, { units: 'kilometers', steps: 96 }).geometry : null;
}
