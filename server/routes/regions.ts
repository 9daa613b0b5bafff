/** GET /api/regions — boundaries of one level under an ancestor, as GeoJSON, cacheable. */
import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../app.ts';
import { RegionCollection, RegionsQuery, levelDepth } from '../contracts/regions.ts';
import { findRegion, regionCollectionJson } from '../db/queries/regions.ts';
import { HttpError } from '../errors.ts';
import { requires } from '../auth/context.ts';
import { ErrorBody, etagOf, newRouter } from '../http.ts';

const route = createRoute({
  method: 'get',
  path: '/regions',
  ...requires('aggregates:read'),
  tags: ['regions'],
  summary: 'Boundaries of the divisions of one level under an ancestor (GeoJSON, EPSG:4326)',
  description:
    'Geometry is simplified to suit the level. Township and village boundaries of the demo are synthesized (properties.synthesized). Answers carry an ETag; send If-None-Match to get 304.',
  request: { query: RegionsQuery },
  responses: {
    200: { description: 'GeoJSON FeatureCollection', content: { 'application/geo+json': { schema: RegionCollection } } },
    304: { description: 'Not modified' },
    400: { description: 'Invalid level or parent', content: { 'application/json': { schema: ErrorBody } } },
    404: { description: 'Unknown parent code', content: { 'application/json': { schema: ErrorBody } } },
  },
});

export const regionRoutes = ({ database }: AppDeps) => {
  // Boundaries change only on import; cache the serialized answers per (level, parent).
  const cache = new Map<string, { body: string; etag: string }>();
  return newRouter().openapi(route, async (c) => {
    const { level, parent } = c.req.valid('query');
    const key = `${level}:${parent}`;
    let hit = cache.get(key);
    if (!hit) {
      const ancestor = await findRegion(database, parent);
      if (!ancestor) throw new HttpError(404, `parent: no division with code ${parent}. Use a city, county or township code, e.g. 4114.`);
      if (levelDepth[ancestor.level] >= levelDepth[level]) {
        throw new HttpError(
          400,
          `parent: ${parent} (${ancestor.name}) is a ${ancestor.level}; it must be above level "${level}" (city > county > township > village).`,
        );
      }
      const body = await regionCollectionJson(database, level, ancestor);
      hit = { body, etag: await etagOf(body) };
      cache.set(key, hit);
    }
    c.header('ETag', hit.etag);
    c.header('Cache-Control', 'public, max-age=300, must-revalidate');
    if (c.req.header('If-None-Match') === hit.etag) return c.body(null, 304);
    return c.body(hit.body, 200, { 'Content-Type': 'application/geo+json; charset=utf-8' }) as never;
  });
};
