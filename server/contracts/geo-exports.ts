/** Downloads of boundaries (with a measure's values) and of the project and PV-station layers as GeoJSON or GeoPackage. */
import { z } from '@hono/zod-openapi';
import { measureIds } from '../domain/measures.ts';
import { IsoDate } from './layers.ts';
import { RegionCode } from './regions.ts';

const format = z
  .enum(['geojson', 'gpkg'], { error: 'must be geojson or gpkg' })
  .default('geojson')
  .openapi({ param: { name: 'format', in: 'query' }, example: 'gpkg' });

export const BoundaryExportQuery = z.object({
  format,
  level: z
    .enum(['county', 'township', 'village'], { error: 'must be one of county, township, village' })
    .default('county')
    .openapi({ param: { name: 'level', in: 'query' }, example: 'county' }),
  parent: RegionCode.optional().openapi({
    param: { name: 'parent', in: 'query' },
    description: 'Ancestor whose divisions are exported (default: the root area, the city).',
  }),
  measure: z
    .enum(measureIds, { error: `must be one of ${measureIds.join(', ')}` })
    .optional()
    .openapi({ param: { name: 'measure', in: 'query' }, description: 'Add this measure’s values (with 序时进度, lag, status, rank).' }),
  asOf: IsoDate.optional().openapi({
    param: { name: 'asOf', in: 'query' },
    description: 'Values as of this date (default: the latest cut-off).',
  }),
});
export type BoundaryExportQuery = z.infer<typeof BoundaryExportQuery>;

export const LayerExportParam = z.object({
  layer: z
    .enum(['projects', 'pv_stations'], { error: 'must be projects or pv_stations' })
    .openapi({ param: { name: 'layer', in: 'path' }, example: 'projects' }),
});
export type LayerExportParam = z.infer<typeof LayerExportParam>;

export const LayerExportQuery = z.object({
  format,
  area: RegionCode.optional().openapi({ param: { name: 'area', in: 'query' }, description: 'Only this area (default: the whole city).' }),
  asOf: IsoDate.optional().openapi({
    param: { name: 'asOf', in: 'query' },
    description: 'Status as of this date (default: the latest cut-off).',
  }),
});
export type LayerExportQuery = z.infer<typeof LayerExportQuery>;

/** A GeoPackage download. */
export const GeoFileBody = z.string().openapi({ type: 'string', format: 'binary' });

/** A GeoJSON download: features with Chinese property names, EPSG:4326 (RFC 7946). */
export const GeoExportCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    name: z.string(),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
        geometry: z.object({ type: z.string() }).passthrough().nullable(),
      }),
    ),
  })
  .openapi('GeoExportCollection');
