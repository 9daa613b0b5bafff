/** Request shapes of the measures API. */
import { z } from '@hono/zod-openapi';
import { measureIds } from '../domain/measures.ts';
import { IsoDate } from './layers.ts';
import { RegionCode } from './regions.ts';

export const MeasureParam = z.object({
  id: z
    .enum(measureIds, { error: `must be one of ${measureIds.join(', ')}` })
    .openapi({ param: { name: 'id', in: 'path' }, example: 'spend_rate' }),
});

export const MeasureQuery = z.object({
  level: z
    .enum(['county', 'township', 'village'], { error: 'must be one of county, township, village' })
    .openapi({ param: { name: 'level', in: 'query' }, example: 'county' }),
  parent: RegionCode.openapi({ param: { name: 'parent', in: 'query' }, description: 'An ancestor: the city 4114, a county or a township.' }),
  asOf: IsoDate.optional().openapi({ param: { name: 'asOf', in: 'query' }, description: 'Data as of this date (default: the latest meeting cut-off).' }),
  compareTo: IsoDate.optional().openapi({
    param: { name: 'compareTo', in: 'query' },
    description: 'An earlier date: each row then carries its value and rank on that date and the change in points.',
  }),
});
export type MeasureQuery = z.infer<typeof MeasureQuery>;

export const MeasureHistoryQuery = z.object({
  area: RegionCode.openapi({ param: { name: 'area', in: 'query' }, example: '411421' }),
});
