/** GET /api/health — liveness plus which backend and PostGIS version serve the data. */
import { createRoute } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../app.ts';
import { requires } from '../auth/context.ts';
import { Health } from '../contracts/health.ts';
import { jsonResponse, newRouter } from '../http.ts';

const route = createRoute({
  method: 'get',
  path: '/health',
  ...requires('public'),
  tags: ['system'],
  summary: 'Service and database status',
  responses: { 200: jsonResponse('The service is up', Health) },
});

/**
 * The database facts of the health answer, read in the background (at most every 10 s): /api/health
 * answers from memory and never waits behind the database queue once the first read is done.
 */
const snapshots = new WeakMap<AppDeps['database'], { at: number; value?: Promise<HealthFacts>; last?: HealthFacts; reading?: boolean }>();
type HealthFacts = { postgis: string; demo: boolean; regions: number; projects: number; pv: number; households: number };

function healthFacts(database: AppDeps['database']): Promise<HealthFacts> | HealthFacts {
  let s = snapshots.get(database);
  if (!s) snapshots.set(database, (s = { at: 0 }));
  const state = s;
  if (!state.reading && Date.now() - state.at > 10_000) {
    state.reading = true;
    state.value = readHealthFacts(database)
      .then((facts) => {
        state.last = facts;
        state.at = Date.now();
        return facts;
      })
      .finally(() => {
        state.reading = false;
      });
    state.value.catch(() => {});
  }
  return state.last ?? state.value!;
}

async function readHealthFacts(database: AppDeps['database']): Promise<HealthFacts> {
  const [row] = await database.rows<{
    postgis: string;
    demo: boolean;
    regions: number;
    projects: number;
    pv: number;
    households: number;
  }>(sql`
    SELECT postgis_lib_version() AS postgis,
           EXISTS (SELECT 1 FROM settings WHERE key = 'demo_seeded') AS demo,
           (SELECT count(*)::int FROM regions) AS regions,
           (SELECT count(*)::int FROM projects) AS projects,
           (SELECT count(*)::int FROM pv_stations) AS pv,
           (SELECT count(*)::int FROM households) AS households`);
  return row;
}

export const healthRoutes = ({ database }: AppDeps) =>
  newRouter().openapi(route, async (c) => {
    const row = await healthFacts(database);
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
