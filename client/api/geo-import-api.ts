/**
 * The division list and boundary imports (validate; the commit is the ledger's, import-api.ts) and the
 * GeoJSON / GeoPackage download links of boundaries and layers.
 */
import type { GeoImportReport } from '../../server/contracts/geo-imports.ts';
import type { GeoImportKind } from '../../server/ingest/geo-kinds.ts';
import { api, call } from './client.ts';

export type { GeoImportKind, GeoImportReport };

export function validateGeoFile(
  kind: GeoImportKind,
  file: File,
  options: { makeValid?: boolean; skipUnknown?: boolean } = {},
): Promise<GeoImportReport> {
  const flags = {
    ...(options.makeValid ? { makeValid: 'true' as const } : {}),
    ...(options.skipUnknown ? { skipUnknown: 'true' as const } : {}),
  };
  return kind === 'divisions'
    ? call(() => api.imports.divisions.validate.$post({ form: { file, ...flags } }))
    : call(() => api.imports.boundaries.validate.$post({ form: { file, ...flags } }));
}

export type GeoFormat = 'geojson' | 'gpkg';
export const boundaryExportHref = (format: GeoFormat, level: 'county' | 'township' | 'village' = 'county', measure?: string) =>
  `/api/exports/geo/boundaries?${new URLSearchParams({ format, level, ...(measure ? { measure } : {}) })}`;
export const layerExportHref = (layer: 'projects' | 'pv_stations', format: GeoFormat) =>
  `/api/exports/geo/layers/${layer}?format=${format}`;
