/**
 * OGC API – Features (Part 1 Core, GeoJSON) under /ogc, for GIS clients (QGIS, GDAL/OGR, OWSLib):
 * landing page, conformance, the OpenAPI 3.0 document of the service, collections and their items.
 *
 * Nothing here re-derives the data: projects and PV stations come from the map's layer queries
 * (with the same generalisation of points standing for one household), boundary values from the
 * measure engine (`evaluateManyOn`, with the same small-count protection), under the same
 * permissions and security layer as /api (server/app.ts). Household records are no collection.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { enforcePermission, requires } from '../auth/context.ts';
import { disclosureOf, exactCountyOf } from '../auth/disclosure.ts';
import { SESSION_COOKIE } from '../auth/security.ts';
import type { Permission } from '../contracts/auth.ts';
import { IsoDate, ProjectProperties, PvProperties } from '../contracts/layers.ts';
import {
  Collection,
  CollectionParam,
  Collections,
  Conformance,
  FeatureParam,
  FormatQuery,
  ItemQuery,
  ItemsQuery,
  LandingPage,
  BoundaryProperties,
  PropertiesSchema,
  OgcFeature,
  OgcFeatureCollection,
  OpenApiDocument,
  conformanceClasses,
  crs84,
  ogcCollectionIds,
  type Link,
  type OgcCollectionId,
} from '../contracts/ogc.ts';
import type { Database } from '../db/client.ts';
import { queryCalendar, type Calendar } from '../db/queries/calendar.ts';
import { projectLayerJson, pvLayerJson } from '../db/queries/layers.ts';
import { boundaryPage, collectionExtents, rootRegions, type Bbox, type BoundaryLevel } from '../db/queries/ogc.ts';
import { findRegion } from '../db/queries/regions.ts';
import { measureCatalogue, measureIds, type MeasureId } from '../domain/measures.ts';
import { HttpError } from '../errors.ts';
import { cachedAnswer } from '../http/cache.ts';
import { ErrorBody, jsonResponse, jsonText, newRouter } from '../http.ts';
import { checkDate, evaluateManyOn } from './measures.ts';

const geoJson = 'application/geo+json';
const openApiType = 'application/vnd.oai.openapi+json;version=3.0';
const schemaType = 'application/schema+json';

interface CollectionDef {
  title: string;
  description: string;
  /** What reading the items needs (as the corresponding /api routes). */
  permission: Permission;
  extent: 'projects' | 'pv' | BoundaryLevel;
  level?: BoundaryLevel;
}

const unitOf = { pct: '%', per_10k_yuan: '户/万元', count: '户' } as const;
const measureList = measureCatalogue.map((m) => `${m.id} ${m.nameZh}（${unitOf[m.unit]}）`).join('；');
const boundaryDescription = (what: string) =>
  `${what}，属性含代码、名称及截至 asOf 日期的各项指标值（与地图同一计算，户数指标按小数保护规则发布）：${measureList}。` +
  ` Boundaries with every measure's value as of asOf (the map's own evaluation; household measures published under the small-count rule).`;

const collectionDefs: Record<OgcCollectionId, CollectionDef> = {
  projects: {
    title: '扶贫项目',
    description:
      '扶贫项目台账中已定位的项目（点，道路、水利为线或面），状态与已支出截至 asOf 日期；危房改造等代表单户的点位对无权查看者概化到村。 Located poverty-alleviation projects, status as of asOf; points standing for one household are generalised to their village (~1 km).',
    permission: 'ledger:read',
    extent: 'projects',
  },
  'pv-stations': {
    title: '光伏扶贫电站',
    description:
      '光伏扶贫电站（点），并网与纳入系统状态截至 asOf 日期；户用电站对无权查看者概化到村。 PV stations, status and registration as of asOf; household rooftop stations are generalised to their village (~1 km).',
    permission: 'ledger:read',
    extent: 'pv',
  },
  counties: {
    title: '县（市、区）',
    description: boundaryDescription('县级行政区界'),
    permission: 'aggregates:read',
    extent: 'county',
    level: 'county',
  },
  townships: {
    title: '乡镇',
    description: boundaryDescription('乡镇界'),
    permission: 'aggregates:read',
    extent: 'township',
    level: 'township',
  },
  villages: {
    title: '行政村',
    description: boundaryDescription('行政村界'),
    permission: 'aggregates:read',
    extent: 'village',
    level: 'village',
  },
};

const errors = {
  400: jsonResponse('Invalid parameter: the message names it and the allowed values', ErrorBody),
  404: jsonResponse('Unknown collection or feature', ErrorBody),
};

const routes = {
  landing: createRoute({
    method: 'get',
    path: '/',
    ...requires('aggregates:read'),
    tags: ['ogc'],
    summary: 'Landing page: links to the API definition, the conformance declaration and the collections',
    request: { query: FormatQuery },
    responses: { 200: jsonResponse('Landing page', LandingPage), 400: errors[400] },
  }),
  conformance: createRoute({
    method: 'get',
    path: '/conformance',
    ...requires('aggregates:read'),
    tags: ['ogc'],
    summary: 'The conformance classes the service implements (Core, GeoJSON, OpenAPI 3.0)',
    request: { query: FormatQuery },
    responses: { 200: jsonResponse('Conformance declaration', Conformance), 400: errors[400] },
  }),
  api: createRoute({
    method: 'get',
    path: '/api',
    ...requires('aggregates:read'),
    tags: ['ogc'],
    summary: 'This document: the OpenAPI 3.0 definition of the service',
    request: { query: FormatQuery },
    responses: {
      200: jsonResponse('OpenAPI 3.0 document', OpenApiDocument, 'application/vnd.oai.openapi+json'),
      400: errors[400],
    },
  }),
  collections: createRoute({
    method: 'get',
    path: '/collections',
    ...requires('aggregates:read'),
    tags: ['ogc'],
    summary: 'The feature collections: projects, PV stations, county, township and village boundaries with measure values',
    request: { query: FormatQuery },
    responses: { 200: jsonResponse('Collections', Collections), 400: errors[400] },
  }),
  collection: createRoute({
    method: 'get',
    path: '/collections/{collectionId}',
    ...requires('aggregates:read'),
    tags: ['ogc'],
    summary: 'One collection: title, description, extent (CRS84) and links',
    request: { params: CollectionParam, query: FormatQuery },
    responses: { 200: jsonResponse('Collection', Collection), ...errors },
  }),
  items: createRoute({
    method: 'get',
    path: '/collections/{collectionId}/items',
    ...requires('aggregates:read'),
    tags: ['ogc'],
    summary: 'Features of a collection (GeoJSON), paged by limit/offset, filtered by bbox, as of a date',
    description:
      'Projects and PV stations also need ledger:read (as /api/layers). numberMatched counts every feature of the selection; links next/prev page through it.',
    request: { params: CollectionParam, query: ItemsQuery },
    responses: { 200: jsonResponse('GeoJSON FeatureCollection', OgcFeatureCollection, geoJson), ...errors },
  }),
  schema: createRoute({
    method: 'get',
    path: '/collections/{collectionId}/schema',
    ...requires('aggregates:read'),
    tags: ['ogc'],
    summary: "JSON Schema of the collection's feature properties (describedby; the path of Part 5 Schemas): names, types, Chinese titles",
    request: { params: CollectionParam, query: FormatQuery },
    responses: { 200: jsonResponse('JSON Schema', PropertiesSchema, schemaType), ...errors },
  }),
  item: createRoute({
    method: 'get',
    path: '/collections/{collectionId}/items/{featureId}',
    ...requires('aggregates:read'),
    tags: ['ogc'],
    summary: 'One feature by its code',
    request: { params: FeatureParam, query: ItemQuery },
    responses: { 200: jsonResponse('GeoJSON Feature', OgcFeature, geoJson), ...errors },
  }),
};

/** Query parameters each route takes; anything else is refused (OGC API – Features, /req/core/query-param-unknown). */
const formatParams = ['f'];
const itemsParams = ['f', 'bbox', 'limit', 'offset', 'asOf', 'datetime'];
const itemParams = ['f', 'asOf', 'datetime'];

function onlyParams(c: Context, allowed: readonly string[]) {
  for (const name of new URL(c.req.url).searchParams.keys()) {
    if (!allowed.includes(name)) {
      throw new HttpError(400, `Unknown parameter "${name.slice(0, 40)}": this request takes ${allowed.join(', ')}.`);
    }
  }
}

/** The absolute URL of the service, as the client addressed it (behind a trusted proxy: the forwarded host and scheme). */
function baseOf(c: Context): string {
  const security = c.get('security');
  return `${security.isHttps(c) ? 'https' : 'http'}://${security.requestHost(c)}/ogc`;
}

function collectionOf(id: string): [OgcCollectionId, CollectionDef] {
  if (!(ogcCollectionIds as readonly string[]).includes(id)) {
    throw new HttpError(404, `No collection "${id.slice(0, 40)}". Collections: ${ogcCollectionIds.join(', ')}.`);
  }
  return [id as OgcCollectionId, collectionDefs[id as OgcCollectionId]];
}

/** The as-of date of a request: asOf, or the date of datetime, or the app's default (latest cut-off); 400 outside the data. */
function asOfOf(calendar: Calendar, q: { asOf?: string; datetime?: string }): string {
  if (q.asOf && q.datetime) throw new HttpError(400, 'asOf and datetime say the same thing: give one of them.');
  const param = q.datetime ? 'datetime' : 'asOf';
  const date = q.asOf ?? q.datetime?.slice(0, 10);
  if (date !== undefined) {
    const parsed = IsoDate.safeParse(date);
    if (!parsed.success) throw new HttpError(400, `${param}: ${parsed.error.issues[0].message}.`);
  }
  const asOf = date ?? calendar.defaultAsOf;
  if (!asOf) throw new HttpError(404, 'There is no progress data yet: import a ledger or start with DEMO_DATA=on.');
  checkDate(calendar, asOf, param);
  return asOf;
}

function collectionBody(
  base: string,
  id: OgcCollectionId,
  extents: Awaited<ReturnType<typeof collectionExtents>>,
  calendar: Calendar,
): Collection {
  const def = collectionDefs[id];
  const bbox = extents[def.extent] ?? [-180, -90, 180, 90];
  const first = calendar.historyDates[0];
  const last = [calendar.defaultAsOf, calendar.historyDates.at(-1)]
    .filter((d): d is string => !!d)
    .sort()
    .at(-1);
  return {
    id,
    title: def.title,
    description: def.description,
    links: [
      { href: `${base}/collections/${id}`, rel: 'self', type: 'application/json', title: def.title },
      { href: `${base}/collections/${id}/items`, rel: 'items', type: geoJson, title: def.title },
      { href: `${base}/collections/${id}/schema`, rel: 'describedby', type: schemaType, title: `${def.title}：属性` },
      { href: `${base}/collections/${id}/schema`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/schema', type: schemaType },
    ],
    extent: {
      spatial: { bbox: [bbox], crs: crs84 },
      ...(first && last
        ? {
            temporal: {
              interval: [[`${first}T00:00:00Z`, `${last}T00:00:00Z`]],
              trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian',
            },
          }
        : {}),
    },
    itemType: 'feature',
    crs: [crs84],
  };
}

/**
 * The JSON Schema of a collection's properties, from the same zod contracts the answers follow:
 * one `type` per property (with "null" where the value may be missing), its enum, Chinese title.
 */
function propertiesSchema(base: string, id: OgcCollectionId) {
  const contract = id === 'projects' ? ProjectProperties : id === 'pv-stations' ? PvProperties : BoundaryProperties;
  const full = z.toJSONSchema(contract, { io: 'output', unrepresentable: 'any' }) as { properties: Record<string, JsonProp> };
  const plain = (p: JsonProp): JsonProp => {
    const branches = p.anyOf ?? [p];
    const types = branches.flatMap((b) => (Array.isArray(b.type) ? b.type : b.type ? [b.type] : []));
    const values = branches.find((b) => b.enum)?.enum;
    return {
      type: types.length === 1 ? types[0] : types,
      ...(values ? { enum: types.includes('null') ? [...values, null] : values } : {}),
      ...(p.title ? { title: p.title } : {}),
      ...(p.description ? { description: p.description } : {}),
    };
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${base}/collections/${id}/schema`,
    title: collectionDefs[id].title,
    type: 'object' as const,
    properties: Object.fromEntries(Object.entries(full.properties).map(([k, p]) => [k, plain(p)])),
  };
}

interface JsonProp {
  type?: string | string[];
  anyOf?: JsonProp[];
  enum?: unknown[];
  title?: string;
  description?: string;
}

interface Page {
  features: OgcFeature[];
  matched: number;
}

interface LayerJson {
  features: { geometry: OgcFeature['geometry']; properties: Record<string, unknown> & { code: string } }[];
  meta: { inView?: number; matched: number; unlocatedCount: number };
}

const asOgcFeature = (f: LayerJson['features'][number]): OgcFeature => ({
  type: 'Feature',
  id: f.properties.code,
  geometry: f.geometry,
  properties: f.properties,
});

/** One page of features of a collection (or the feature `code`). */
async function pageOf(
  c: Context,
  database: Database,
  id: OgcCollectionId,
  q: { asOf: string; bbox?: Bbox; limit: number; offset: number; code?: string },
): Promise<Page> {
  const exactCounty = exactCountyOf(c);
  if (id === 'projects') {
    // The map's own layer query: status as of the date, points of one household generalised.
    const fc = JSON.parse(await projectLayerJson(database, { ...q, exactCounty })) as LayerJson;
    return { features: fc.features.map(asOgcFeature), matched: fc.meta.inView ?? 0 };
  }
  if (id === 'pv-stations') {
    const fc = JSON.parse(await pvLayerJson(database, { ...q, exactCounty })) as LayerJson;
    return { features: fc.features.map(asOgcFeature), matched: fc.meta.matched - fc.meta.unlocatedCount };
  }
  const level = collectionDefs[id].level!;
  const { matched, rows } = await boundaryPage(database, { level, ...q });
  const values = rows.length
    ? await measureValues(
        c,
        database,
        level,
        q.asOf,
        rows.map((r) => r.code),
      )
    : new Map<string, Record<MeasureId, number | null>>();
  const features = rows.map((r): OgcFeature => ({
    type: 'Feature',
    id: r.code,
    geometry: r.geometry === null ? null : (JSON.parse(r.geometry) as OgcFeature['geometry']),
    properties: {
      code: r.code,
      name: r.name,
      level,
      parentCode: r.parentCode,
      countyCode: r.countyCode,
      synthesized: r.synthesized,
      poorVillage: r.poorVillage,
      asOf: q.asOf,
      ...(values.get(r.code) ?? Object.fromEntries(measureIds.map((m) => [m, null]))),
    },
  }));
  return { features, matched };
}

/**
 * Every measure's value for the areas `codes` (one page) of `level`, under each top-level division (the
 * city, or the province), as of `asOf`: the measure engine's evaluation of only those areas (a page of the
 * province's 52,378 villages costs what a page of the city's does), with the disclosure of the request
 * (household measures protected for everyone who may not read the records of the whole parent).
 */
async function measureValues(c: Context, database: Database, level: BoundaryLevel, asOf: string, codes: readonly string[]) {
  const out = new Map<string, Record<MeasureId, number | null>>();
  for (const code of await rootRegions(database)) {
    const root = (await findRegion(database, code))!;
    const disclosure = await disclosureOf(c, database, root);
    // Cached per data version and page.
    const values = await cachedAnswer(
      database,
      `ogc:values|${level}|${root.code}|${asOf}|${disclosure.scope}|${codes.join(',')}`,
      async () => {
        const results = await evaluateManyOn(database, measureIds, level, root, asOf, disclosure, codes);
        const byCode: Record<string, Record<MeasureId, number | null>> = {};
        for (const [i, id] of measureIds.entries()) {
          for (const row of results[i].rows) (byCode[row.code] ??= {} as Record<MeasureId, number | null>)[id] = row.value;
        }
        return byCode;
      },
    );
    for (const [area, v] of Object.entries(values)) out.set(area, v);
  }
  return out;
}

/** The URL of the items with `offset` changed (other parameters kept, f=json made explicit). */
function itemsUrl(c: Context, base: string, id: string, offset: number): string {
  const params = new URL(c.req.url).searchParams;
  params.set('offset', String(offset));
  params.set('f', 'json');
  return `${base}/collections/${id}/items?${params.toString()}`;
}

const cacheHeaders = { 'Cache-Control': 'private, max-age=60' };

export const ogcRoutes = ({ database }: AppDeps) => {
  const router = newRouter();
  router.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'HttpOnly session cookie set by POST /api/auth/login (anonymous read is on by default).',
  });
  return router
    .openapi(routes.landing, (c) => {
      onlyParams(c, formatParams);
      const base = baseOf(c);
      return c.json(
        {
          title: '扶贫项目调度一张图 · OGC API – Features',
          description:
            '扶贫项目、光伏电站与县、乡、村界及其指标值（截至某日）。 Projects, PV stations and county, township and village boundaries with measure values as of a date.',
          links: [
            { href: base, rel: 'self', type: 'application/json', title: 'This document' },
            { href: `${base}/api`, rel: 'service-desc', type: openApiType, title: 'The API definition (OpenAPI 3.0)' },
            { href: `${base}/conformance`, rel: 'conformance', type: 'application/json', title: 'Conformance classes' },
            { href: `${base}/collections`, rel: 'data', type: 'application/json', title: 'Collections' },
          ] satisfies Link[],
        },
        200,
      );
    })
    .openapi(routes.conformance, (c) => {
      onlyParams(c, formatParams);
      return c.json({ conformsTo: [...conformanceClasses] }, 200);
    })
    .openapi(routes.api, (c) => {
      onlyParams(c, formatParams);
      const doc = router.getOpenAPIDocument({
        openapi: '3.0.3',
        info: {
          title: '扶贫项目调度一张图 · OGC API – Features',
          version: '0.1.0',
          description: 'OGC API – Features Part 1 (Core, GeoJSON) of the poverty-alleviation dispatch map.',
        },
        servers: [{ url: baseOf(c) }],
      });
      return jsonText(c, JSON.stringify(doc), OpenApiDocument, {}, openApiType);
    })
    .openapi(routes.collections, async (c) => {
      onlyParams(c, formatParams);
      const base = baseOf(c);
      const [extents, calendar] = await Promise.all([collectionExtents(database), queryCalendar(database)]);
      return c.json(
        {
          links: [{ href: `${base}/collections`, rel: 'self', type: 'application/json', title: 'Collections' }],
          collections: ogcCollectionIds.map((id) => collectionBody(base, id, extents, calendar)),
        },
        200,
      );
    })
    .openapi(routes.collection, async (c) => {
      onlyParams(c, formatParams);
      const [id] = collectionOf(c.req.valid('param').collectionId);
      const [extents, calendar] = await Promise.all([collectionExtents(database), queryCalendar(database)]);
      return c.json(collectionBody(baseOf(c), id, extents, calendar), 200);
    })
    .openapi(routes.items, async (c) => {
      const [id, def] = collectionOf(c.req.valid('param').collectionId);
      await enforcePermission(c, def.permission);
      onlyParams(c, itemsParams);
      const q = c.req.valid('query');
      const asOf = asOfOf(await queryCalendar(database), q);
      const { features, matched } = await pageOf(c, database, id, { asOf, bbox: q.bbox, limit: q.limit, offset: q.offset });
      const base = baseOf(c);
      const links: Link[] = [
        { href: itemsUrl(c, base, id, q.offset), rel: 'self', type: geoJson, title: 'This page' },
        { href: `${base}/collections/${id}`, rel: 'collection', type: 'application/json', title: def.title },
      ];
      if (q.offset + features.length < matched) {
        links.push({ href: itemsUrl(c, base, id, q.offset + features.length), rel: 'next', type: geoJson, title: 'Next page' });
      }
      if (q.offset > 0) {
        links.push({ href: itemsUrl(c, base, id, Math.max(0, q.offset - q.limit)), rel: 'prev', type: geoJson, title: 'Previous page' });
      }
      const body: OgcFeatureCollection = {
        type: 'FeatureCollection',
        features,
        links,
        timeStamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        numberMatched: matched,
        numberReturned: features.length,
        asOf,
      };
      return jsonText(c, JSON.stringify(body), OgcFeatureCollection, cacheHeaders, geoJson);
    })
    .openapi(routes.schema, (c) => {
      onlyParams(c, formatParams);
      const [id] = collectionOf(c.req.valid('param').collectionId);
      return jsonText(c, JSON.stringify(propertiesSchema(baseOf(c), id)), PropertiesSchema, {}, schemaType);
    })
    .openapi(routes.item, async (c) => {
      const { collectionId, featureId } = c.req.valid('param');
      const [id, def] = collectionOf(collectionId);
      await enforcePermission(c, def.permission);
      onlyParams(c, itemParams);
      const asOf = asOfOf(await queryCalendar(database), c.req.valid('query'));
      const code = /^[A-Za-z0-9_-]{1,32}$/.test(featureId) ? featureId : null;
      const { features } = code ? await pageOf(c, database, id, { asOf, limit: 1, offset: 0, code }) : { features: [] };
      if (!features.length) throw new HttpError(404, `No feature "${featureId.slice(0, 40)}" in ${id} (located features only).`);
      const base = baseOf(c);
      const body: OgcFeature = {
        ...features[0],
        links: [
          { href: `${base}/collections/${id}/items/${encodeURIComponent(features[0].id)}`, rel: 'self', type: geoJson },
          { href: `${base}/collections/${id}`, rel: 'collection', type: 'application/json', title: def.title },
        ],
      };
      return jsonText(c, JSON.stringify(body), OgcFeature, cacheHeaders, geoJson);
    });
};
