/** Request and response shapes of the regions (administrative divisions) API. */
import { z } from '@hono/zod-openapi';
import { regionLevels } from './enums.ts';

export const RegionLevel = z.enum(regionLevels);
export type RegionLevel = z.infer<typeof RegionLevel>;

/** Division code: 4 digits (city), 6 (county-level), 9 (township) or 12 (village). */
export const RegionCode = z
  .string()
  .regex(/^(\d{4}|\d{6}|\d{9}|\d{12})$/, 'must be a division code of 4, 6, 9 or 12 digits, e.g. 4114 or 411421')
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

export const RegionCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.object({ type: z.string(), coordinates: z.array(z.any()) }).nullable(),
        properties: RegionProperties,
      }),
    ),
  })
  .openapi('RegionCollection');
export type RegionCollection = z.infer<typeof RegionCollection>;

/** Rank of a level in the hierarchy (city 0 … village 3). */
export const levelDepth: Record<RegionLevel, number> = { city: 0, county: 1, township: 2, village: 3 };
