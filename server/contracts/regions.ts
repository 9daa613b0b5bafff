/** Request and response shapes of the regions (administrative divisions) API. */
import { z } from '@hono/zod-openapi';
import { regionLevels } from './enums.ts';
import { feature, MultiPolygon, Polygon } from './geojson.ts';

export const RegionLevel = z.enum(regionLevels);
export type RegionLevel = z.infer<typeof RegionLevel>;

/** Division code: 2 digits (province), 4 (city), 6 (county-level), 9 (township) or 12 (village). */
export const RegionCode = z
  .string()
  .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, 'must be a division code of 2, 4, 6, 9 or 12 digits, e.g. 4114 or 411421')
  .openapi({ example: '4114' });

export const RegionsQuery = z.object({
  level: z
    .enum(['county', 'township', 'village'], { error: 'must be one of county, township, village' })
    .openapi({ param: { name: 'level', in: 'query' }, example: 'county' }),
  parent: RegionCode.openapi({
    param: { name: 'parent', in: 'query' },
    description: 'Code of an ancestor at a higher level: the city (4114), a county or a township.',
  }),
});
export type RegionsQuery = z.infer<typeof RegionsQuery>;

export const RegionProperties = z
  .object({
    code: z.string(),
    name: z.string(),
    level: RegionLevel,
    parentCode: z.string().nullable(),
    countyCode: z.string().nullable(),
    synthesized: z.boolean().openapi({ description: 'Boundary generated for the demo (Voronoi), not surveyed.' }),
    poorVillage: z.boolean(),
    label: z.tuple([z.number(), z.number()]).nullable().openapi({ description: 'Label anchor [lng, lat] inside the polygon.' }),
  })
  .openapi('RegionProperties');
export type RegionProperties = z.infer<typeof RegionProperties>;

/** A division boundary (simplified for its level); null for a division without a polygon. */
export const RegionFeature = feature(z.discriminatedUnion('type', [Polygon, MultiPolygon]).nullable(), RegionProperties).openapi(
  'RegionFeature',
);
export type RegionFeature = z.infer<typeof RegionFeature>;

export const RegionCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(RegionFeature),
  })
  .openapi('RegionCollection');
export type RegionCollection = z.infer<typeof RegionCollection>;

/** Rank of a level in the hierarchy (province 0, city 1 … village 4). */
export const levelDepth: Record<RegionLevel, number> = { province: 0, city: 1, county: 2, township: 3, village: 4 };

export const RegionOutlineQuery = z.object({
  code: RegionCode.openapi({
    param: { name: 'code', in: 'query' },
    description: 'The division whose outline is wanted: the area a choropleth shows the parts of (4114, a county or a township).',
  }),
});
export type RegionOutlineQuery = z.infer<typeof RegionOutlineQuery>;

/** The outline of one division, simplified as its children are drawn; null geometry when it has no polygon. */
export const RegionOutline = feature(
  z.discriminatedUnion('type', [Polygon, MultiPolygon]).nullable(),
  z.object({ code: z.string(), name: z.string(), level: RegionLevel }),
).openapi('RegionOutline');
export type RegionOutline = z.infer<typeof RegionOutline>;
