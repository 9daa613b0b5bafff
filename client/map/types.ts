/** Plain geographic types shared by the map and its callers (EPSG:4326, [lng, lat]). */

/** [[west, south], [east, north]] in degrees. */
export type LngLatBounds = [[number, number], [number, number]];

/**
 * A click on the map: the deck object under it (if any; typed loosely here so that this module needs no
 * deck.gl), the division under it (if any) and where it is.
 */
export interface MapClick<Pick = unknown> {
  deck: Pick | null;
  code: string | null;
  lngLat: [number, number];
}

/** Screen space kept free along each edge, CSS px (e.g. under boxes drawn over the map). */
export interface ScreenPadding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Centre in degrees and MapLibre zoom (512-px tiles). */
export interface MapCamera {
  lng: number;
  lat: number;
  zoom: number;
}

/** What is on screen: camera plus the size of the map in CSS px (enough to project points exactly). */
export interface MapViewport {
  longitude: number;
  latitude: number;
  zoom: number;
  bearing: number;
  pitch: number;
  width: number;
  height: number;
}

/**
 * [lng, lat] → screen [x, y] in CSS px for a north-up, untilted viewport (Web Mercator, 512-px world
 * at zoom 0, as MapLibre and deck.gl); pure, so label placement needs neither library.
 */
export function mercatorProjector(viewport: MapViewport): (lngLat: [number, number]) => [number, number] {
  const scale = 512 * 2 ** viewport.zoom;
  const x = (lng: number) => (scale * (lng + 180)) / 360;
  const y = (lat: number) => {
    const phi = (Math.max(-85.0511287798, Math.min(85.0511287798, lat)) * Math.PI) / 180;
    return (scale * (1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI)) / 2;
  };
  const cx = x(viewport.longitude);
  const cy = y(viewport.latitude);
  return ([lng, lat]) => [x(lng) - cx + viewport.width / 2, y(lat) - cy + viewport.height / 2];
}
