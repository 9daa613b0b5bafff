/**
 * Map layers: projects and PV stations (GeoJSON points, filtered), household aggregates (per area and
 * per hexagon; never a household's id or location), detail cards and a project's benefit links.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { z } from '@hono/zod-openapi';
import type { AppDeps } from '../app.ts';
import {
  BenefitLinkCollection,
  HexCollection,
  HouseholdAggregateQuery,
  HouseholdAreas,
  HouseholdHexQuery,
  ProjectCodeParam,
  ProjectCollection,
  ProjectDetail,
  ProjectLayerQuery,
  PvCodeParam,
  PvCollection,
  PvDetail,
  PvLayerQuery,
} from '../contracts/layers.ts';
import { findRegion, type RegionRef } from '../db/queries/regions.ts';
import { requireRootArea } from '../db/queries/root-area.ts';
import { householdCountsByArea, householdHexJson, latestCutOff, projectLayerJson, pvLayerJson } from '../db/queries/layers.ts';
import { benefitLinksJson, projectDetailJson, pvDetailJson } from '../db/queries/ledger.ts';
import type { Database } from '../db/client.ts';
import { HttpError } from '../errors.ts';
import { requires } from '../auth/context.ts';
import { disclosureOf, exactCountyOf } from '../auth/disclosure.ts';
import { ErrorBody, jsonResponse, jsonText, newRouter } from '../http.ts';
import { levelDepth } from '../contracts/regions.ts';

const geojson = <S extends z.ZodType>(description: string, schema: S) => jsonResponse(description, schema, 'application/geo+json');
const errors = {
  400: jsonResponse('Invalid parameter: the message names it and the allowed values', ErrorBody),
  404: jsonResponse('Unknown code', ErrorBody),
};

async function resolveArea(database: Database, code: string | undefined, param: string): Promise<RegionRef | undefined> {
  if (!code) return undefined;
  const area = await findRegion(database, code);
  if (!area)
    throw new HttpError(
      404,
      `${param}: no division with code ${code}. Use the city, a county, township or village code (GET /api/meta names the city).`,
    );
  return area;
}

async function resolveAsOf(database: Database, asOf: string | undefined): Promise<string> {
  if (asOf) return asOf;
  const latest = await latestCutOff(database);
  if (!latest) throw new HttpError(404, 'There is no progress data yet: import a ledger or start with DEMO_DATA=on.');
  return latest;
}

/** The database's JSON text, typed by `schema`, cacheable for a minute in the browser. */
const sendJson = <S extends z.ZodType>(c: Context, body: string, schema: S, type = 'application/json') =>
  jsonText(c, body, schema, { 'Cache-Control': 'private, max-age=60' }, type);

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
    responses: { 200: geojson('FeatureCollection with meta', ProjectCollection), ...errors },
  }),
  pv: createRoute({
    method: 'get',
    path: '/layers/pv-stations',
    ...requires('ledger:read'),
    tags: ['layers'],
    summary: 'PV poverty-alleviation stations as GeoJSON points, status and registration as of a date',
    request: { query: PvLayerQuery },
    responses: { 200: geojson('FeatureCollection with meta', PvCollection), ...errors },
  }),
  householdAreas: createRoute({
    method: 'get',
    path: '/layers/households/areas',
    ...requires('aggregates:read'),
    tags: ['layers'],
    summary: 'Household counts per area (category × labour capacity) — aggregates only, no ids or locations',
    request: { query: HouseholdAggregateQuery },
    responses: { 200: jsonResponse('Counts per area', HouseholdAreas), ...errors },
  }),
  householdHex: createRoute({
    method: 'get',
    path: '/layers/households/hexagons',
    ...requires('aggregates:read'),
    tags: ['layers'],
    summary: 'Household density on a hexagon grid; cells under the minimum count are suppressed',
    request: { query: HouseholdHexQuery },
    responses: { 200: geojson('FeatureCollection of hexagons with counts', HexCollection), ...errors },
  }),
  project: createRoute({
    method: 'get',
    path: '/projects/{code}',
    ...requires('ledger:read'),
    tags: ['ledger'],
    summary: "A project's ledger row, monthly history and beneficiary villages",
    request: { params: ProjectCodeParam },
    responses: { 200: jsonResponse('Project detail', ProjectDetail), ...errors },
  }),
  benefitLinks: createRoute({
    method: 'get',
    path: '/projects/{code}/benefit-links',
    ...requires('ledger:read'),
    tags: ['layers'],
    summary: 'Lines from a project to the villages whose households it reaches, weighted by households',
    request: { params: ProjectCodeParam },
    responses: { 200: geojson('FeatureCollection of LineStrings', BenefitLinkCollection), ...errors },
  }),
  pvStation: createRoute({
    method: 'get',
    path: '/pv-stations/{code}',
    ...requires('ledger:read'),
    tags: ['ledger'],
    summary: "A PV station's detail: generation, income and its use, households reached",
    request: { params: PvCodeParam },
    responses: { 200: jsonResponse('PV station detail', PvDetail), ...errors },
  }),
};

export const layerRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(routes.projects, async (c) => {
      const q = c.req.valid('query');
      const [area, asOf] = await Promise.all([resolveArea(database, q.area, 'area'), resolveAsOf(database, q.asOf)]);
      return sendJson(
        c,
        await projectLayerJson(database, { ...q, area, asOf, exactCounty: exactCountyOf(c) }),
        ProjectCollection,
        'application/geo+json',
      );
    })
    .openapi(routes.pv, async (c) => {
      const q = c.req.valid('query');
      const [area, asOf] = await Promise.all([resolveArea(database, q.area, 'area'), resolveAsOf(database, q.asOf)]);
      return sendJson(
        c,
        await pvLayerJson(database, { ...q, area, asOf, exactCounty: exactCountyOf(c) }),
        PvCollection,
        'application/geo+json',
      );
    })
    .openapi(routes.householdAreas, async (c) => {
      const q = c.req.valid('query');
      const parentRef = (await resolveArea(database, q.parent, 'parent')) ?? (await requireRootArea(database));
      if (levelDepth[parentRef.level] >= levelDepth[q.level]) {
        throw new HttpError(
          400,
          `parent: ${parentRef.code} (${parentRef.name}) is a ${parentRef.level}; it must be above level "${q.level}".`,
        );
      }
      const disclosure = await disclosureOf(c, database, parentRef);
      const { rows, total } = await householdCountsByArea(database, { ...q, parentRef, ...disclosure });
      const body = {
        level: q.level,
        parent: parentRef.code,
        categories: q.category ?? null,
        labour: q.labour ?? null,
        disclosure: disclosure.scope,
        total,
        rows,
      };
      return c.json(body, 200);
    })
    .openapi(routes.householdHex, async (c) => {
      const q = c.req.valid('query');
      const parentRef = (await resolveArea(database, q.parent, 'parent')) ?? (await requireRootArea(database));
      const disclosure = await disclosureOf(c, database, parentRef);
      return sendJson(c, await householdHexJson(database, { ...q, parentRef, ...disclosure }), HexCollection, 'application/geo+json');
    })
    .openapi(routes.project, async (c) => {
      const { code } = c.req.valid('param');
      const body = await projectDetailJson(database, code);
      if (!body) throw new HttpError(404, `No project with code ${code}.`);
      return sendJson(c, body, ProjectDetail);
    })
    .openapi(routes.benefitLinks, async (c) => {
      const { code } = c.req.valid('param');
      const body = await benefitLinksJson(database, code);
      if (!body) throw new HttpError(404, `No project with code ${code}.`);
      return sendJson(c, body, BenefitLinkCollection, 'application/geo+json');
    })
    .openapi(routes.pvStation, async (c) => {
      const { code } = c.req.valid('param');
      const body = await pvDetailJson(database, code);
      if (!body) throw new HttpError(404, `No PV station with code ${code}.`);
      return sendJson(c, body, PvDetail);
    });
