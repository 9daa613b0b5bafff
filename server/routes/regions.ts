/** GET /api/regions — boundaries of one level under an ancestor, as GeoJSON, cacheable. */
import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../app.ts';
import { RegionCollection, RegionsQuery, levelDepth } from '../contracts/regions.ts';
import { findRegion, regionCollectionJson } from '../db/queries/regions.ts';
import { HttpError } from '../errors.ts';
import { requires } from '../auth/context.ts';
import { ErrorBody, jsonResponse, jsonText, newRouter } from '../http.ts';

const route = createRoute({
  method: 'get',
  path: '/regions',
  ...requires('aggregates:read'),
  tags: ['regions'],
  summary: 'Boundaries of the divisions of one level under an ancestor (GeoJSON, EPSG:4326)',
  description:
    'Geometry is simplified to suit the level (counties of a province more, for province zoom). Townships and villages of a province are sent per county (parent = a county; a province parent is refused). Township and village boundaries of the demo are synthesized (properties.synthesized). Answers carry an ETag; send If-None-Match to get 304.',
  request: { query: RegionsQuery },
  responses: {
    200: jsonResponse('GeoJSON FeatureCollection', RegionCollection, 'application/geo+json'),
    304: { description: 'Not modified' },
    400: jsonResponse('Invalid level or parent', ErrorBody),
    404: jsonResponse('Unknown parent code', ErrorBody),
  },
});

export const regionRoutes = ({ database }: AppDeps) =>
  newRouter().openapi(route, async (c) => {
    const { level, parent } = c.req.valid('query');
    const ancestor = await findRegion(database, parent);
    if (!ancestor) throw new HttpError(404, `parent: no division with code ${parent}. Use a city, county or township code, e.g. 4114.`);
    if (levelDepth[ancestor.level] >= levelDepth[level]) {
      throw new HttpError(
        400,
        `parent: ${parent} (${ancestor.name}) is a ${ancestor.level}; it must be above level "${level}" (province > city > county > township > village).`,
      );
    }
    // Level of detail: below the counties a province is sent per county, never all at once (52,378 villages).
    if (ancestor.level === 'province' && level !== 'county') {
      throw new HttpError(
        400,
        `parent: ${parent} (${ancestor.name}) is a province; ${level === 'village' ? 'villages' : 'townships'} are sent per county: use parent=<a county code>, e.g. one of level=county&parent=${parent}.`,
      );
    }
    // Kept by the data cache (server/http/data-cache.ts) under the data version, which an import of divisions
    // or boundaries bumps; it adds the ETag and answers If-None-Match with 304.
    c.header('Cache-Control', 'public, max-age=300, must-revalidate');
    return jsonText(c, await regionCollectionJson(database, level, ancestor), RegionCollection, {}, 'application/geo+json');
  });
