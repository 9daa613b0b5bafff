/**
 * Siting (选址) for the next industry project: request and response shapes of the catchment, the
 * suggested villages and the effect on the measures. Coordinates are [lng, lat] in EPSG:4326; radii
 * in km; money in 万元. Household counts are null where the small-count rule withholds them.
 */
import { z } from '@hono/zod-openapi';
import { industryModes, projectStatuses, pvStatuses, pvTypes } from './enums.ts';
import { sitingCategories, sitingLabours } from '../domain/siting-counts.ts';

/** Largest catchment radius the API accepts (km). */
export const maxSitingRadiusKm = 50;
/** Most vertices of a drawn range. */
export const maxRangeVertices = 500;

const Lng = z.number({ error: 'must be a longitude in degrees' }).min(-180, 'must be ≥ −180').max(180, 'must be ≤ 180');
const Lat = z.number({ error: 'must be a latitude in degrees' }).min(-90, 'must be ≥ −90').max(90, 'must be ≤ 90');
export const LngLat = z.tuple([Lng, Lat]).openapi({ description: '[longitude, latitude] in EPSG:4326', example: [115.15, 34.65] });
export type LngLat = z.infer<typeof LngLat>;

export const RadiusKm = z
  .number({ error: 'must be a number of kilometres' })
  .gt(0, 'must be greater than 0 km')
  .max(maxSitingRadiusKm, `must be at most ${maxSitingRadiusKm} km`)
  .openapi({ example: 5, description: `Catchment radius in km, 0 < r ≤ ${maxSitingRadiusKm}` });

/** The candidate site: a point, a drawn range (one ring), or a village (its label point). */
export const SitingSite = z
  .discriminatedUnion(
    'kind',
    [
      z.object({ kind: z.literal('point'), point: LngLat }),
      z.object({
        kind: z.literal('polygon'),
        ring: z
          .array(LngLat)
          .min(3, 'needs at least 3 corners (画范围: click three or more points)')
          .max(maxRangeVertices, `may have at most ${maxRangeVertices} corners`)
          .openapi({ description: 'Outer ring, [lng, lat] corners; closing the ring is optional' }),
      }),
      z.object({ kind: z.literal('village'), village: z.string().regex(/^\d{12}$/, 'must be a 12-digit village code') }),
    ],
    { error: 'must be {kind: "point", point}, {kind: "polygon", ring} or {kind: "village", village}' },
  )
  .openapi('SitingSite');
export type SitingSite = z.infer<typeof SitingSite>;

export const CatchmentBody = z.object({ site: SitingSite, radiusKm: RadiusKm }).openapi('CatchmentBody');
export type CatchmentBody = z.infer<typeof CatchmentBody>;

const Count = z.number().int().nonnegative().nullable().openapi({ description: 'Households; null = 1–4, withheld (不足5户)' });
const Category = z.enum(sitingCategories);
const Labour = z.enum(sitingLabours);
const Km = z.number().nonnegative().openapi({ description: 'Distance in km from the site (0 inside a drawn range)' });

export const CatchmentHouseholds = z
  .object({
    exact: z
      .boolean()
      .openapi({ description: 'True for the county editor of the county all these households belong to: no count withheld' }),
    minCount: z.number().int().openapi({ description: 'Counts from 1 to minCount − 1 are withheld unless exact' }),
    cells: z.array(z.object({ category: Category, labour: Labour, total: Count, fewerThanTwo: Count })),
    byCategory: z.array(z.object({ category: Category, total: Count, fewerThanTwo: Count })),
    byLabour: z.array(z.object({ labour: Labour, total: Count, fewerThanTwo: Count })),
    total: Count,
    withLabour: Count,
    target: Count.openapi({ description: 'With labour capacity (weak or full) and fewer than two industry measures' }),
    targetServed: Count.openapi({ description: 'Target households already within the radius of an existing industry project' }),
  })
  .openapi('CatchmentHouseholds');
export type CatchmentHouseholds = z.infer<typeof CatchmentHouseholds>;

export const CatchmentVillage = z.object({
  code: z.string(),
  name: z.string(),
  townshipName: z.string().nullable(),
  countyCode: z.string(),
  poorVillage: z.boolean(),
  distanceKm: Km.openapi({ description: 'From the site to the village label point' }),
});

export const CatchmentProject = z.object({
  code: z.string(),
  name: z.string(),
  industryMode: z.enum(industryModes).nullable(),
  status: z.enum(projectStatuses),
  householdsReached: z.number().int(),
  totalInvestmentWan: z.number(),
  distanceKm: Km,
  location: LngLat.openapi({ description: 'A point on the project (its location or a point on its line/polygon)' }),
});

export const CatchmentPvStation = z.object({
  code: z.string(),
  name: z.string(),
  type: z.enum(pvTypes),
  status: z.enum(pvStatuses),
  capacityKw: z.number(),
  yearlyIncomeWan: z.number(),
  distanceKm: Km,
  location: LngLat,
});

export const Catchment = z
  .object({
    site: z.object({
      kind: z.enum(['point', 'polygon', 'village']),
      label: z.string().openapi({ description: 'The village or township the site lies in, e.g. 民权县 城关镇 东村' }),
      centre: LngLat,
      countyCode: z.string().nullable().openapi({ description: 'County of the site (null when on a boundary gap)' }),
      villageCode: z.string().nullable(),
    }),
    radiusKm: z.number(),
    catchment: z.object({
      areaKm2: z.number(),
      geometry: z
        .object({ type: z.literal('Polygon'), coordinates: z.array(z.array(LngLat)) })
        .or(z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(LngLat))) }))
        .openapi({ description: 'The catchment outline (site buffered by the radius), simplified' }),
    }),
    households: CatchmentHouseholds,
    villages: z.array(CatchmentVillage),
    projects: z.array(CatchmentProject).openapi({ description: 'Industry projects inside the catchment, nearest first' }),
    pvStations: z.array(CatchmentPvStation).openapi({ description: 'PV stations inside the catchment, nearest first' }),
    overlap: z.object({
      projects: z
        .array(CatchmentProject)
        .openapi({ description: 'Industry projects whose own catchment (same radius) overlaps this one, nearest first' }),
      areaSharePct: z.number().openapi({ description: 'Share of the catchment area inside existing catchments, percent' }),
    }),
  })
  .openapi('Catchment');
export type Catchment = z.infer<typeof Catchment>;

const Weight = (part: string) =>
  z.coerce
    .number({ error: 'must be a number' })
    .min(0, 'must be 0 or more')
    .max(100, 'must be at most 100')
    .optional()
    .openapi({ description: `Weight of the ${part} part (only ratios matter; default from the score module)` });

export const SuggestionsQuery = z.object({
  area: z
    .string()
    .regex(/^(\d{4}|\d{6})$/, 'must be the city (4 digits) or a county code (6 digits), e.g. 4114 or 411421')
    .openapi({ param: { name: 'area', in: 'query' }, example: '411421' }),
  radiusKm: z.coerce
    .number({ error: 'must be a number of kilometres' })
    .gt(0, 'must be greater than 0 km')
    .max(20, 'must be at most 20 km')
    .default(5)
    .openapi({ param: { name: 'radiusKm', in: 'query' }, example: 5 }),
  top: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(5000, 'must be at most 5000').default(20),
  wTarget: Weight('target households'),
  wDistance: Weight('distance to the nearest industry project'),
  wPoor: Weight('poor village'),
  wPv: Weight('PV income nearby'),
});
export type SuggestionsQuery = z.infer<typeof SuggestionsQuery>;

const ScoreParts = z.object({ target: z.number(), distance: z.number(), poor: z.number(), pv: z.number() });

export const Suggestions = z
  .object({
    area: z.object({ code: z.string(), name: z.string() }),
    radiusKm: z.number(),
    weights: ScoreParts,
    halfPoints: z.object({ target: z.number(), distanceKm: z.number(), pvWan: z.number() }),
    villages: z.number().int().openapi({ description: 'Villages ranked (all of the area)' }),
    items: z.array(
      z.object({
        rank: z.number().int(),
        code: z.string(),
        name: z.string(),
        townshipName: z.string().nullable(),
        countyCode: z.string(),
        poorVillage: z.boolean(),
        location: LngLat,
        targetHouseholds: Count.openapi({ description: 'Target households within the radius (null = 1–4, withheld; scored as 2.5)' }),
        nearestIndustryKm: z.number().nullable(),
        pvIncomeWan: z.number(),
        score: z.number(),
        parts: ScoreParts.openapi({ description: 'Points of each part; they add up to the score' }),
      }),
    ),
  })
  .openapi('SitingSuggestions');
export type Suggestions = z.infer<typeof Suggestions>;

export const EffectQuery = z.object({
  county: z
    .string()
    .regex(/^\d{6}$/, 'must be a 6-digit county code')
    .openapi({ param: { name: 'county', in: 'query' }, example: '411421' }),
  households: z.coerce
    .number({ error: 'must be a number of households' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(100_000, 'must be at most 100000')
    .openapi({ param: { name: 'households', in: 'query' }, example: 120 }),
  investmentWan: z.coerce
    .number({ error: 'must be an amount in 万元' })
    .min(0, 'must be 0 or more')
    .max(1_000_000, 'must be at most 1000000 万元')
    .default(0)
    .openapi({ param: { name: 'investmentWan', in: 'query' }, example: 300 }),
});
export type EffectQuery = z.infer<typeof EffectQuery>;

const BeforeAfter = z.object({
  before: z.number().nullable(),
  after: z.number().nullable(),
  change: z.number().nullable(),
  numeratorBefore: z.number(),
  numeratorAfter: z.number(),
  denominatorBefore: z.number(),
  denominatorAfter: z.number(),
});
const AreaEffect = z.object({
  code: z.string(),
  name: z.string(),
  coverage: BeforeAfter.openapi({ description: '两项以上产业措施覆盖率, percent' }),
  reach: BeforeAfter.openapi({ description: '带贫效益, households per 10,000 元' }),
  householdsGainingCoverage: z.number().int(),
});
export const SitingEffect = z
  .object({ asOf: z.string(), households: z.number().int(), investmentWan: z.number(), county: AreaEffect, city: AreaEffect })
  .openapi('SitingEffect');
export type SitingEffect = z.infer<typeof SitingEffect>;
