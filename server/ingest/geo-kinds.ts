/** The import kinds of the division list and the boundaries (pure data; the importer is geo-import.ts). */
export const geoImportKinds = ['divisions', 'boundaries'] as const;
export type GeoImportKind = (typeof geoImportKinds)[number];
export const geoImportKindLabels: Record<GeoImportKind, string> = { divisions: '区划名录', boundaries: '行政区划边界' };
export const isGeoImportKind = (kind: string): kind is GeoImportKind => (geoImportKinds as readonly string[]).includes(kind);
