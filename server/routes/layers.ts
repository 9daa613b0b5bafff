/**
 * Map layers: projects and PV stations (GeoJSON points, filtered), household aggregates (per area and
 * per hexagon; never a household's id or location), detail cards and a project's benefit links.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { HouseholdAggregateQuery, HouseholdHexQuery, ProjectLayerQuery, PvLayerQuery } from '../contracts/layers.ts';
import { findRegion, type RegionRef } from '../db/queries/regions.ts';
import { householdCountsByArea, householdHexJson, latestCutOff, projectLayerJson, pvLayerJson } from '../db/queries/layers.ts';
import { benefitLinksJson, projectDetailJson, pvDetailJson } from '../db/queries/ledger.ts';
import type { Database } from '../db/client.ts';
import { HttpError } from '../errors.ts';
import { requires } from '../auth/context.ts';
import { ErrorBody, newRouter } from '../http.ts';
import { levelDepth } from '../contracts/regions.ts';

const json = (description: string, schema: z.ZodType = z.any()) => ({ description, content: { 'application/json': { schema } } });
const geojson = (description: string) => ({ description, content: { 'application/geo+json': { schema: z.any() } } });
const errors = {
  400: json('Invalid parameter: the message names it and the allowed values', ErrorBody),
  404: json('Unknown code', ErrorBody),
};

async function resolveArea(database: Database, code: string | undefined, param: string): Promise<RegionRef | undefined> {
  if (!code) return undefined;
  const area = await findRegion(database, code);
  if (!area) throw new HttpError(404, `${param}: no division with code ${code}. Use a city (4114), county, township or village code.`);
  return area;
}

async function resolveAsOf(database: Database, asOf: string | undefined): Promise<string> {
  if (asOf) return asOf;
  const latest = await latestCutOff(database);
  if (!latest) throw new HttpError(404, 'There is no progress data yet: import a ledger or start with DEMO_DATA=on.');
  return latest;
}

const sendJson = (c: Context, body: string, type = 'application/json') =>
  c.body(body, 200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'private, max-age=60' });

const CodeParam = (name: string, example: string) =>
  z.object({
    code: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be a code of letters, digits, _ or - (at most 32)')
      .openapi({ param: { name: 'code', in: 'path' }, example, description: name }),
  });

const routes = {
  projects: createRoute({
    method: 'get',
    path: '/layers/projects',
    ...requires('ledger:read'),
    tags: ['layers'],
    summary: 'Projects as GeoJSON (points; lines/polygons for roads and irrigation), filtered, status as of a date',
    description:
      'meta counts every match (located or not) and lists unlocated projects (未定位项目), so none is silently dropped. Paged by limit/offset.',
    request: { query: ProjectLayerQuery },
    responses: { 200: geojson('FeatureCollection with meta'), ...errors },
  }),
  pv: createRoute({
    method: 'get',
    path: '/layers/pv-stations',
    ...requires('ledger:read'),
    tags: ['layers'],
    summary: 'PV poverty-alleviation stations as GeoJSON points, status and registration as of a date',
    request: { query: PvLayerQuery },
    responses: { 200: geojson('FeatureCollection with meta'), ...errors },
  }),
  householdAreas: createRoute({
    method: 'get',
    path: '/layers/households/areas',
    ...requires('aggregates:read'),
    tags: ['layers'],
    summary: 'Household counts per area (category × labour capacity) — aggregates only, no ids or locations',
    request: { query: HouseholdAggregateQuery },
    responses: { 200: json('Counts per area'), ...errors },
  }),
  householdHex: createRoute({
    method: 'get',
    path: '/layers/households/hexagons',
    ...requires('aggregates:read'),
    tags: ['layers'],
    summary: 'Household density on a hexagon grid; cells under the minimum count are suppressed',
    request: { query: HouseholdHexQuery },
    responses: { 200: geojson('FeatureCollection of hexagons with counts'), ...errors },
  }),
  project: createRoute({
    method: 'get',
    path: '/projects/{code}',
    ...requires('ledger:read'),
    tags: ['ledger'],
    summary: "A project's ledger row, monthly history and beneficiary villages",
    request: { params: CodeParam('项目编号', 'P411421-2020-0001') },
    responses: { 200: json('Project detail'), ...errors },
  }),
  benefitLinks: createRoute({
    method: 'get',
    path: '/projects/{code}/benefit-links',
    ...requires('ledger:read'),
    tags: ['layers'],
    summary: 'Lines from a project to the villages whose households it reaches, weighted by households',
    request: { params: CodeParam('项目编号', 'P411421-2020-0001') },
    responses: { 200: geojson('FeatureCollection of LineStrings'), ...errors },
  }),
  pvStation: createRoute({
    method: 'get',
    path: '/pv-stations/{code}',
    ...requires('ledger:read'),
    tags: ['ledger'],
    summary: "A PV station's detail: generation, income and its use, households reached",
    request: { params: CodeParam('电站编号', 'PV411421-0001') },
    responses: { 200: json('PV station detail'), ...errors },
  }),
};

export const layerRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(routes.projects, async (c) => {
      const q = c.req.valid('query');
      const [area, asOf] = await Promise.all([resolveArea(database, q.area, 'area'), resolveAsOf(database, q.asOf)]);
      return sendJson(c, await projectLayerJson(database, { ...q, area, asOf }), 'application/geo+json') as never;
    })
    .openapi(routes.pv, async (c) => {
      const q = c.req.valid('query');
      const [area, asOf] = await Promise.all([resolveArea(database, q.area, 'area'), resolveAsOf(database, q.asOf)]);
      return sendJson(c, await pvLayerJson(database, { ...q, area, asOf }), 'application/geo+json') as never;
    })
    .openapi(routes.householdAreas, async (c) => {
      const q = c.req.valid('query');
      const parentRef = (await resolveArea(database, q.parent, 'parent'))!;
      if (levelDepth[parentRef.level] >= levelDepth[q.level]) {
        throw new HttpError(400, `parent: ${q.parent} (${parentRef.name}) is a ${parentRef.level}; it must be above level "${q.level}".`);
      }
      const rows = await householdCountsByArea(database, { ...q, parentRef });
      return c.json({ level: q.level, parent: q.parent, categories: q.category ?? null, labour: q.labour ?? null, rows }, 200);
    })
    .openapi(routes.householdHex, async (c) => {
      const q = c.req.valid('query');
      const parentRef = (await resolveArea(database, q.parent, 'parent'))!;
      return sendJson(c, await householdHexJson(database, { ...q, parentRef }), 'application/geo+json') as never;
    })
    .openapi(routes.project, async (c) => {
      const { code } = c.req.valid('param');
      const body = await projectDetailJson(database, code);
      if (!body) throw new HttpError(404, `No project with code ${code}.`);
      return sendJson(c, body) as never;
    })
    .openapi(routes.benefitLinks, async (c) => {
      const { code } = c.req.valid('param');
      const body = await benefitLinksJson(database, code);
      if (!body) throw new HttpError(404, `No project with code ${code}.`);
      return sendJson(c, body, 'application/geo+json') as never;
    })
    .openapi(routes.pvStation, async (c) => {
      const { code } = c.req.valid('param');
      const body = await pvDetailJson(database, code);
      if (!body) throw new HttpError(404, `No PV station with code ${code}.`);
      return sendJson(c, body) as never;
    });
