/**
 * Request and response shapes of the OGC API – Features service under /ogc (Part 1 Core, GeoJSON):
 * landing page, conformance, collections and their items. Field names follow the standard (its JSON
 * schemas are in tests/fixtures/ogc-schemas/, against which the tests validate real answers).
 */
import { z } from '@hono/zod-openapi';
import { measureCatalogue } from '../domain/measures.ts';
import { Geometry } from './geojson.ts';
import { IsoDate } from './layers.ts';

/** Collections the service offers, in the order of the collections list. */
export const ogcCollectionIds = ['projects', 'pv-stations', 'counties', 'townships', 'villages'] as const;
export type OgcCollectionId = (typeof ogcCollectionIds)[number];

/** Largest page of items; the default page is `ogcDefaultLimit`. */
export const ogcMaxLimit = 10_000;
export const ogcDefaultLimit = 100;

export const crs84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

export const conformanceClasses = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
] as const;

export const Link = z
  .object({
    href: z.string(),
    rel: z.string(),
    type: z.string().optional(),
    title: z.string().optional(),
    hreflang: z.string().optional(),
  })
  .openapi('OgcLink');
export type Link = z.infer<typeof Link>;

export const LandingPage = z.object({ title: z.string(), description: z.string(), links: z.array(Link) }).openapi('OgcLandingPage');
export type LandingPage = z.infer<typeof LandingPage>;

export const Conformance = z.object({ conformsTo: z.array(z.string()) }).openapi('OgcConformance');
export type Conformance = z.infer<typeof Conformance>;

/** `[minLng, minLat, maxLng, maxLat]` in CRS84. */
const BboxNumbers = z.array(z.number()).length(4);

export const Extent = z
  .object({
    spatial: z.object({ bbox: z.array(BboxNumbers).min(1), crs: z.literal(crs84) }),
    temporal: z
      .object({ interval: z.array(z.tuple([z.string().nullable(), z.string().nullable()])).min(1), trs: z.string() })
      .optional()
      .openapi({ description: 'The as-of dates the data know (first to last progress date).' }),
  })
  .openapi('OgcExtent');
export type Extent = z.infer<typeof Extent>;

export const Collection = z
  .object({
    id: z.enum(ogcCollectionIds),
    title: z.string(),
    description: z.string(),
    links: z.array(Link),
    extent: Extent,
    itemType: z.literal('feature'),
    crs: z.array(z.string()),
  })
  .openapi('OgcCollection');
export type Collection = z.infer<typeof Collection>;

export const Collections = z.object({ links: z.array(Link), collections: z.array(Collection) }).openapi('OgcCollections');
export type Collections = z.infer<typeof Collections>;

export const OgcFeature = z
  .object({
    type: z.literal('Feature'),
    id: z.string(),
    geometry: Geometry.nullable(),
    properties: z.record(z.string(), z.unknown()),
    links: z.array(Link).optional(),
  })
  .openapi('OgcFeature');
export type OgcFeature = z.infer<typeof OgcFeature>;

export const OgcFeatureCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(OgcFeature),
    links: z.array(Link),
    timeStamp: z.string(),
    numberMatched: z.number().int(),
    numberReturned: z.number().int(),
    asOf: z.string().openapi({ description: 'Status and measure values as of this date (a foreign member).' }),
  })
  .openapi('OgcFeatureCollection');
export type OgcFeatureCollection = z.infer<typeof OgcFeatureCollection>;

/**
 * Properties of a boundary feature: the division and every measure's value as of `asOf` (null: no
 * data, or a household count withheld under the small-count rule).
 */
export const BoundaryProperties = z.object({
  code: z.string().meta({ title: '代码' }),
  name: z.string().meta({ title: '名称' }),
  level: z.enum(['county', 'township', 'village']),
  parentCode: z.string().nullable(),
  countyCode: z.string().nullable(),
  synthesized: z.boolean().meta({ description: 'Boundary generated for the demo (Voronoi), not surveyed.' }),
  poorVillage: z.boolean().meta({ title: '贫困村' }),
  asOf: z.string().meta({ title: '数据截至' }),
  ...Object.fromEntries(
    measureCatalogue.map((m) => [
      m.id,
      z
        .number()
        .nullable()
        .meta({ title: m.nameZh, description: `${m.nameEn}: ${m.formulaZh}` }),
    ]),
  ),
});

/** A JSON Schema of a collection's feature properties (the `describedby` link; GIS clients take field types from it). */
export const PropertiesSchema = z
  .object({
    $schema: z.string(),
    $id: z.string(),
    title: z.string(),
    type: z.literal('object'),
    properties: z.record(z.string(), z.unknown()),
  })
  .passthrough()
  .openapi('OgcPropertiesSchema');

/** The OpenAPI 3.0 document of the service (GET /ogc/api). */
export const OpenApiDocument = z
  .object({ openapi: z.string(), info: z.object({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) })
  .passthrough()
  .openapi('OgcOpenApiDocument');

const format = z
  .enum(['json'], { error: 'only json is offered (f=json); GeoJSON for items' })
  .optional()
  .openapi({ param: { name: 'f', in: 'query' }, description: 'Encoding: json (the default and only one).' });

export const FormatQuery = z.object({ f: format });

/**
 * `bbox`: `minLng,minLat,maxLng,maxLat` in CRS84 (or six numbers with heights, which are ignored:
 * the data are two-dimensional).
 */
export const OgcBbox = z
  .string()
  .transform((s, ctx) => {
    const n = s.split(',').map((x) => (x.trim() === '' ? NaN : Number(x)));
    if ((n.length !== 4 && n.length !== 6) || n.some((x) => !Number.isFinite(x))) {
      ctx.addIssue({ code: 'custom', message: 'must be four numbers minLng,minLat,maxLng,maxLat, e.g. 115.2,33.7,116.7,34.9' });
      return z.NEVER;
    }
    const [minLng, minLat, maxLng, maxLat] = n.length === 4 ? n : [n[0], n[1], n[3], n[4]];
    if (minLng < -180 || maxLng > 180 || minLat < -90 || maxLat > 90) {
      ctx.addIssue({ code: 'custom', message: 'is outside the world: longitudes must be within −180…180 and latitudes within −90…90' });
      return z.NEVER;
    }
    if (minLng >= maxLng || minLat >= maxLat) {
      ctx.addIssue({ code: 'custom', message: 'is inverted or empty: min must be below max (minLng,minLat,maxLng,maxLat)' });
      return z.NEVER;
    }
    return [minLng, minLat, maxLng, maxLat] as [number, number, number, number];
  })
  .openapi({
    param: { name: 'bbox', in: 'query', style: 'form', explode: false },
    type: 'string',
    example: '115.2,33.7,116.7,34.9',
    description: 'minLng,minLat,maxLng,maxLat in CRS84 (WGS 84 longitude, latitude).',
  });

const asOfParam = {
  asOf: IsoDate.optional().openapi({
    param: { name: 'asOf', in: 'query' },
    description: 'Status and measure values as of this date (default: the latest meeting cut-off, as in the map).',
    example: '2020-06-20',
  }),
  datetime: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)?$/, 'must be one instant, a date or date-time (intervals are not offered)')
    .optional()
    .openapi({
      param: { name: 'datetime', in: 'query' },
      description: 'One instant (date or date-time): the same as asOf with its date.',
      example: '2020-06-20',
    }),
};

export const ItemsQuery = z.object({
  f: format,
  bbox: OgcBbox.optional(),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(ogcMaxLimit, `must be at most ${ogcMaxLimit}`)
    .default(ogcDefaultLimit)
    .openapi({
      param: { name: 'limit', in: 'query', style: 'form', explode: false },
      type: 'integer',
      minimum: 1,
      maximum: ogcMaxLimit,
      default: ogcDefaultLimit,
    }),
  offset: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(10_000_000, 'must be at most 10000000')
    .default(0)
    .openapi({ param: { name: 'offset', in: 'query' }, type: 'integer', minimum: 0, default: 0 }),
  ...asOfParam,
});
export type ItemsQuery = z.infer<typeof ItemsQuery>;

export const ItemQuery = z.object({ f: format, ...asOfParam });
export type ItemQuery = z.infer<typeof ItemQuery>;

export const CollectionParam = z.object({
  collectionId: z
    .string()
    .openapi({ param: { name: 'collectionId', in: 'path' }, example: 'projects', description: ogcCollectionIds.join(', ') }),
});

export const FeatureParam = CollectionParam.extend({
  featureId: z.string().openapi({
    param: { name: 'featureId', in: 'path' },
    example: 'P411421-2020-0001',
    description: 'Project or station code, or division code.',
  }),
});
