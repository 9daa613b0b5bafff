/**
 * GET /api/regions/outline — the outline of one division (the city around its counties, a county around
 * its townships …) as one GeoJSON Feature, so the browser need not dissolve the children itself.
 */
import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../app.ts';
import { requires } from '../auth/context.ts';
import { RegionOutline, RegionOutlineQuery } from '../contracts/regions.ts';
import { findRegion, regionOutlineJson } from '../db/queries/regions.ts';
import { HttpError } from '../errors.ts';
import { ErrorBody, jsonResponse, jsonText, newRouter } from '../http.ts';

const route = createRoute({
  method: 'get',
  path: '/regions/outline',
  ...requires('aggregates:read'),
  tags: ['regions'],
  summary: 'The outline of one division (GeoJSON Feature, EPSG:4326), simplified as its children are drawn',
  description: 'geometry is null for a division without a polygon. Answers carry an ETag; send If-None-Match to get 304.',
  request: { query: RegionOutlineQuery },
  responses: {
    200: jsonResponse('GeoJSON Feature', RegionOutline, 'application/geo+json'),
    304: { description: 'Not modified' },
    400: jsonResponse('Invalid code', ErrorBody),
    404: jsonResponse('Unknown code', ErrorBody),
  },
});

export const regionOutlineRoutes = ({ database }: AppDeps) =>
  newRouter().openapi(route, async (c) => {
    const { code } = c.req.valid('query');
    const region = await findRegion(database, code);
    if (!region) throw new HttpError(404, `code: no division with code ${code}. Use a city, county or township code, e.g. 4114.`);
    // Kept by the data cache (server/http/data-cache.ts) under the data version, like the regions themselves;
    // it adds the ETag and answers If-None-Match with 304.
    c.header('Cache-Control', 'public, max-age=300, must-revalidate');
    return jsonText(c, await regionOutlineJson(database, region), RegionOutline, {}, 'application/geo+json');
  });
