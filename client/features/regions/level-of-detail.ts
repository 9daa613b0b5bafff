/**
 * Level of detail for the province view (pure: no map, no network). Counties at province zoom, townships
 * closer, villages closer still; below the county level the boundaries come in per-county chunks, only
 * for the counties whose extent meets the screen, never the whole province at once.
 */
import type { MapLevel } from '../../app-state/view-state.ts';
import type { LngLatBounds, MapViewport } from '../../map/types.ts';

/** Zoom (MapLibre, 512-px tiles) from which townships, then villages, are drawn. */
export const lodZoom = { township: 8.3, village: 9.6 } as const;
/** At most this many county chunks at once (a 1920-px screen at village zoom shows about a dozen). */
export const maxChunks = 16;

/** The level drawn at a zoom. */
export function lodLevel(zoom: number): MapLevel {
  return zoom >= lodZoom.village ? 'village' : zoom >= lodZoom.township ? 'township' : 'county';
}

/** The geographic extent of a north-up viewport (Web Mercator, 512-px world at zoom 0). */
export function viewportBounds(v: Pick<MapViewport, 'longitude' | 'latitude' | 'zoom' | 'width' | 'height'>): LngLatBounds {
  const scale = 512 * 2 ** v.zoom;
  const yOf = (lat: number) => {
    const phi = (Math.max(-85.0511287798, Math.min(85.0511287798, lat)) * Math.PI) / 180;
    return (scale * (1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI)) / 2;
  };
  const latOf = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / scale))) * 180) / Math.PI;
  const halfLng = (v.width / 2 / scale) * 360;
  const cy = yOf(v.latitude);
  return [
    [v.longitude - halfLng, latOf(cy + v.height / 2)],
    [v.longitude + halfLng, latOf(cy - v.height / 2)],
  ];
}

export interface ChunkExtent {
  /** County code: the chunk is `regions?level=…&parent=<code>`. */
  code: string;
  bounds: LngLatBounds;
}

const meets = (a: LngLatBounds, b: LngLatBounds) => a[0][0] <= b[1][0] && b[0][0] <= a[1][0] && a[0][1] <= b[1][1] && b[0][1] <= a[1][1];

/**
 * Codes of the chunks whose extent meets `view`, nearest to the view's centre first, at most `max`
 * (the far ones are left out rather than the screen flooded), in code order for stable requests.
 */
export function chunksInView(chunks: readonly ChunkExtent[], view: LngLatBounds, max = maxChunks): string[] {
  const cx = (view[0][0] + view[1][0]) / 2;
  const cy = (view[0][1] + view[1][1]) / 2;
  return chunks
    .filter((c) => meets(c.bounds, view))
    .map((c) => ({
      code: c.code,
      d: ((c.bounds[0][0] + c.bounds[1][0]) / 2 - cx) ** 2 + ((c.bounds[0][1] + c.bounds[1][1]) / 2 - cy) ** 2,
    }))
    .sort((a, b) => a.d - b.d || (a.code < b.code ? -1 : 1))
    .slice(0, max)
    .map((c) => c.code)
    .sort();
}

export interface Lod {
  level: MapLevel;
  /** County chunks to draw below the county level (empty at county level: one answer for the province). */
  chunks: string[];
}

/** What the province view draws for a viewport. */
export function provinceLod(
  viewport: Pick<MapViewport, 'longitude' | 'latitude' | 'zoom' | 'width' | 'height'>,
  counties: readonly ChunkExtent[],
): Lod {
  const level = lodLevel(viewport.zoom);
  return level === 'county' ? { level, chunks: [] } : { level, chunks: chunksInView(counties, viewportBounds(viewport)) };
}

export const sameLod = (a: Lod, b: Lod) => a.level === b.level && a.chunks.join() === b.chunks.join();
