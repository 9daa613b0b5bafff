/** Plain geographic types shared by the map and its callers (EPSG:4326, [lng, lat]). */

/** [[west, south], [east, north]] in degrees. */
export type LngLatBounds = [[number, number], [number, number]];

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
