/** Request and response shapes of the briefing API (通报). */
import { z } from '@hono/zod-openapi';
import { measureIds } from '../domain/measures.ts';
import { MeasureQuery } from './measures.ts';
import { RegionCode } from './regions.ts';

export const BriefingQuery = MeasureQuery.extend({
  lang: z
    .enum(['zh', 'en'], { error: 'must be zh or en' })
    .default('zh')
    .openapi({ param: { name: 'lang', in: 'query' }, description: 'Language of the sentences (default zh).' }),
});
export type BriefingQuery = z.infer<typeof BriefingQuery>;

export const BriefingUnit = z.object({
  code: RegionCode,
  name: z.string(),
  value: z.number(),
  lag: z.number().nullable(),
  change: z.number().nullable(),
});
export type BriefingUnit = z.infer<typeof BriefingUnit>;

export const Briefing = z
  .object({
    measure: z.enum(measureIds),
    level: z.enum(['county', 'township', 'village']),
    scope: z.object({ code: RegionCode, name: z.string(), level: z.enum(['city', 'county', 'township']) }),
    asOf: z.string(),
    compareTo: z
      .string()
      .nullable()
      .openapi({ description: 'The previous meeting cut-off (default) or the date asked for; null when there is none.' }),
    expected: z.number().nullable(),
    expectedKind: z.enum(['schedule', 'fixed']),
    lang: z.enum(['zh', 'en']),
    sentences: z.array(z.string()).openapi({ example: ['截至2020年6月20日，全市…'] }),
    facts: z.object({
      kind: z.enum(['no_data', 'one', 'all_equal', 'ranked']),
      rankedCount: z.number().int(),
      best: z.array(BriefingUnit),
      worst: z.array(BriefingUnit),
      lagging: z.array(BriefingUnit),
      noData: z.array(z.string()),
      totalChange: z.number().nullable(),
    }),
  })
  .openapi('Briefing');
export type Briefing = z.infer<typeof Briefing>;
