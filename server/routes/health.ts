/** GET /api/health — liveness plus which backend and PostGIS version serve the data. */
import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../app.ts';
import { requires } from '../auth/context.ts';
import { newRouter } from '../http.ts';

export const Health = z
  .object({
    status: z.literal('ok'),
    db: z.enum(['embedded', 'postgres']),
    postgis: z.string().openapi({ example: '3.6.2' }),
    demo: z.boolean().openapi({ description: 'True when the database holds the generated demo data (演示数据).' }),
    counts: z.object({ regions: z.number(), projects: z.number(), pvStations: z.number(), households: z.number() }),
  })
  .openapi('Health');

const route = createRoute({
  method: 'get',
  path: '/health',
  ...requires('public'),
  tags: ['system'],
  summary: 'Service and database status',
  responses: { 200: { description: 'The service is up', content: { 'application/json': { schema: Health } } } },
});

export const healthRoutes = ({ database }: AppDeps) =>
  newRouter().openapi(route, async (c) => {
    const [row] = await database.rows<{ postgis: string; demo: boolean; regions: number; projects: number; pv: number; households: number }>(sql`
      SELECT postgis_lib_version() AS postgis,
             EXISTS (SELECT 1 FROM settings WHERE key = 'demo_seeded') AS demo,
             (SELECT count(*)::int FROM regions) AS regions,
             (SELECT count(*)::int FROM projects) AS projects,
             (SELECT count(*)::int FROM pv_stations) AS pv,
             (SELECT count(*)::int FROM households) AS households`);
    return c.json(
      {
        status: 'ok' as const,
        db: database.kind,
        postgis: row.postgis,
        demo: row.demo,
        counts: { regions: row.regions, projects: row.projects, pvStations: row.pv, households: row.households },
      },
      200,
    );
  });
