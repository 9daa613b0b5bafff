/**
 * The projects holding an area back (the area card's short list): the top N projects of an area by
 * shortfall — money that should have been spent by now (total × expected %) minus what was spent.
 */
import { z } from '@hono/zod-openapi';
import { IsoDate } from './layers.ts';
import { RegionCode } from './regions.ts';

export const maxLaggingProjects = 50;

export const LaggingProjectsQuery = z.object({
  area: RegionCode.openapi({ description: 'City (4114), county, township or village code.' }),
  asOf: IsoDate.optional().openapi({ description: 'Spending as of this date (default: latest cut-off).' }),
  expected: z.coerce
    .number({ error: 'must be a number (percent, e.g. 45.3)' })
    .min(0, 'must be 0 or more (percent)')
    .max(100, 'must be at most 100 (percent)')
    .openapi({ description: 'Expected share of each project’s total investment spent by now, in percent (序时进度).', example: 45.3 }),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(maxLaggingProjects, `must be at most ${maxLaggingProjects}`)
    .default(5),
});
export type LaggingProjectsQuery = z.infer<typeof LaggingProjectsQuery>;

export const LaggingProject = z
  .object({
    code: z.string(),
    name: z.string(),
    totalWan: z.number().openapi({ description: 'Total investment, 万元' }),
    spentWan: z.number().openapi({ description: 'Spent as of asOf, 万元' }),
    shortfallWan: z.number().openapi({ description: 'totalWan × expected / 100 − spentWan, 万元 (> 0)' }),
    overdue: z.boolean().openapi({ description: 'Planned completion passed and not completed as of asOf' }),
  })
  .openapi('LaggingProject');
export type LaggingProject = z.infer<typeof LaggingProject>;

export const LaggingProjects = z
  .object({
    area: z.string(),
    asOf: z.string(),
    expected: z.number(),
    /** How many projects of the area are behind (the list holds the first `limit`). */
    behindCount: z.number().int(),
    projects: z.array(LaggingProject),
  })
  .openapi('LaggingProjects');
export type LaggingProjects = z.infer<typeof LaggingProjects>;
