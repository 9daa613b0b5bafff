/** English strings of the division list / boundary import and the GIS downloads. */
import type { GeoImportsMessageKey } from './geo-imports.zh.ts';

export const geoImportsEn: { readonly [K in GeoImportsMessageKey]: string } = {
  section: 'Division list and boundaries (city administrator)',
  'kind.divisions': 'Division list',
  'kind.boundaries': 'Boundaries',
  'drop.divisions': 'Click or drop a division list .xlsx / .csv (code, name, parent code, optional level)',
  'drop.boundaries': 'Click or drop boundaries: GeoJSON, zipped Shapefile (.zip) or GeoPackage (.gpkg)',
  skipUnknown: 'Skip codes not in the division list',
  retired: 'Retired codes ({n})',
  unknown: 'Codes not in the division list ({n})',
  invalid: '{n} boundaries are invalid.',
  makeValid: 'Repair invalid geometry (ST_MakeValid) and check again',
  crs: 'Coordinates EPSG:{srid}{swapped}',
  swapped: ' (latitude/longitude order turned round)',
  downloads: 'GIS downloads (EPSG:4326)',
  'download.boundaries': 'County boundaries',
  'download.projects': 'Projects',
  'download.pv': 'PV stations',
};
