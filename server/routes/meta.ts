/** GET /api/meta — the root area (the city) of the data: code, name, level and extent; cached under the data version. */
import { createRoute } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../app.ts';
import { requires } from '../auth/context.ts';
import { AppMeta } from '../contracts/meta.ts';
import { rootArea } from '../db/queries/root-area.ts';
import { cachedAnswer } from '../http/cache.ts';
import { jsonResponse, newRouter } from '../http.ts';

const route = createRoute({
  method: 'get',
  path: '/meta',
  ...requires('public'),
  tags: ['system'],
  summary: 'The root area of the data (the city: code, name, level, extent) and what the database holds',
  description: 'The client takes its default view, map extent and the city’s name from here; `root` is null in an empty database.',
  responses: { 200: jsonResponse('The root area and counts', AppMeta) },
});

export const metaRoutes = ({ database }: AppDeps) =>
  newRouter().openapi(route, async (c) => {
    const [root, counts] = await Promise.all([
      rootArea(database),
      cachedAnswer(database, 'meta-counts', async () => {
        const [row] = await database.rows<{
          demo: boolean;
          nameEn: string | null;
          divisions: number;
          boundaries: number;
          projects: number;
        }>(sql`
          SELECT EXISTS (SELECT 1 FROM settings WHERE key = 'demo_seeded') AS demo,
                 (SELECT value #>> '{}' FROM settings WHERE key = 'root_area_name_en') AS "nameEn",
                 (SELECT count(*)::int FROM regions) AS divisions,
                 (SELECT count(*)::int FROM regions WHERE geom IS NOT NULL) AS boundaries,
                 (SELECT count(*)::int FROM projects) AS projects`);
        return row;
      }),
    ]);
    const body: AppMeta = {
      root: root ? { code: root.code, name: root.name, nameEn: counts.nameEn, level: root.level, bbox: root.bbox } : null,
      demo: counts.demo,
      counts: { divisions: counts.divisions, boundaries: counts.boundaries, projects: counts.projects },
    };
    c.header('Cache-Control', 'no-cache');
    return c.json(body, 200);
  });
