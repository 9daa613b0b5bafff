/** The area card's short list: the projects holding an area back, ranked by shortfall in SQL. */
import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../app.ts';
import { requires } from '../auth/context.ts';
import { LaggingProjects, LaggingProjectsQuery } from '../contracts/lagging-projects.ts';
import { laggingProjects } from '../db/queries/lagging-projects.ts';
import { latestCutOff } from '../db/queries/layers.ts';
import { findRegion } from '../db/queries/regions.ts';
import { HttpError } from '../errors.ts';
import { ErrorBody, newRouter } from '../http.ts';

const json = <T>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });

const route = createRoute({
  method: 'get',
  path: '/lagging-projects',
  ...requires('ledger:read'),
  tags: ['ledger'],
  summary: 'The projects of an area furthest behind the schedule of spending (top N by shortfall)',
  description: 'Shortfall = total investment × expected / 100 − spent as of asOf, in 万元; only projects with a shortfall above 0.',
  request: { query: LaggingProjectsQuery },
  responses: {
    200: json('Largest shortfall first', LaggingProjects),
    400: json('Invalid parameter: the message names it and the allowed values', ErrorBody),
    404: json('Unknown area, or no progress data yet', ErrorBody),
  },
});

export const laggingProjectRoutes = ({ database }: AppDeps) =>
  newRouter().openapi(route, async (c) => {
    const q = c.req.valid('query');
    const [area, latest] = await Promise.all([findRegion(database, q.area), q.asOf ? Promise.resolve(q.asOf) : latestCutOff(database)]);
    if (!area) throw new HttpError(404, `area: no division with code ${q.area}. Use a city (4114), county, township or village code.`);
    if (!latest) throw new HttpError(404, 'There is no progress data yet: import a ledger or start with DEMO_DATA=on.');
    const { behindCount, projects } = await laggingProjects(database, { area, asOf: latest, expectedPct: q.expected, limit: q.limit });
    return c.json({ area: area.code, asOf: latest, expected: q.expected, behindCount, projects } satisfies LaggingProjects, 200);
  });
