/** Types of the parts of the `shapefile` package (0.6, no bundled types) that server/ingest/geo-read.ts uses. */
declare module 'shapefile' {
  export interface Source {
    read(): Promise<{ done: boolean; value: GeoJSON.Feature }>;
    cancel(): Promise<void>;
  }
  export function open(shp: ArrayBuffer | string, dbf?: ArrayBuffer | string, options?: { encoding?: string }): Promise<Source>;
}
