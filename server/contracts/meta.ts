/** The answer of GET /api/meta: what the database is about (its root area), read from the data. */
import { z } from '@hono/zod-openapi';
import { RegionLevel } from './regions.ts';

export const RootAreaInfo = z
  .object({
    code: z.string().openapi({ example: '4114' }),
    name: z.string().openapi({ example: '商丘市' }),
    nameEn: z
      .string()
      .nullable()
      .openapi({ description: 'English name when the data has one (setting root_area_name_en).', example: 'Shangqiu' }),
    level: RegionLevel,
    bbox: z
      .tuple([z.number(), z.number(), z.number(), z.number()])
      .nullable()
      .openapi({
        description: '[west, south, east, north], EPSG:4326 degrees; null while no boundary is imported.',
        example: [114.82, 33.72, 116.65, 34.87],
      }),
  })
  .openapi('RootArea');
export type RootAreaInfo = z.infer<typeof RootAreaInfo>;

export const AppMeta = z
  .object({
    root: RootAreaInfo.nullable().openapi({
      description: 'The one top division (the city); null in an empty database (import a division list).',
    }),
    demo: z.boolean().openapi({ description: 'True when the database holds the generated demo data (演示数据).' }),
    counts: z.object({
      divisions: z.number().int(),
      boundaries: z.number().int().openapi({ description: 'Divisions with a boundary.' }),
      projects: z.number().int(),
    }),
  })
  .openapi('AppMeta');
export type AppMeta = z.infer<typeof AppMeta>;
