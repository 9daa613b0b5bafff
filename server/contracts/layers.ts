/**
 * Request and response shapes of the map layers (projects, PV stations, household aggregates), the
 * detail cards and benefit links. PostGIS builds most of these answers as JSON text; the schemas
 * describe that text (see `jsonText` in server/http.ts) and the schema test checks real answers.
 */
import { z } from '@hono/zod-openapi';
import {
  householdCategories,
  linkageMechanisms,
  industryModes,
  labourCapacities,
  projectCategories,
  projectStatuses,
  pvStatuses,
  pvTypes,
  responsibleLevels,
} from './enums.ts';
import { feature, Geometry, LineString, Point, Polygon } from './geojson.ts';
import { RegionCode } from './regions.ts';
import { fundingSources, hexSizes, maxLayerLimit } from './layer-constants.ts';

export { fundingSources, hexSizes, maxLayerLimit, minHouseholdsPerCell, type FundingSource } from './layer-constants.ts';

const allowed = (values: readonly string[]) => `allowed: ${values.join(', ')}`;

/** A comma-separated list of enum values, e.g. `status=started,completed`. */
export const csvEnum = <T extends readonly [string, ...string[]]>(values: T, name: string) =>
  z
    .string()
    .transform((s, ctx) => {
      const items = s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const bad = items.filter((x) => !(values as readonly string[]).includes(x));
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `unknown ${name} ${bad.map((b) => `"${b}"`).join(', ')} (${allowed(values)})` });
        return z.NEVER;
      }
      return items as T[number][];
    })
    .openapi({ type: 'string', description: `Comma-separated; ${allowed(values)}` });

/** `minLng,minLat,maxLng,maxLat` in EPSG:4326. */
export const Bbox = z
  .string()
  .transform((s, ctx) => {
    const n = s.split(',').map(Number);
    if (n.length !== 4 || n.some((x) => !Number.isFinite(x))) {
      ctx.addIssue({ code: 'custom', message: 'must be four numbers minLng,minLat,maxLng,maxLat, e.g. 115.2,33.7,116.7,34.9' });
      return z.NEVER;
    }
    const [minLng, minLat, maxLng, maxLat] = n;
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
  .openapi({ type: 'string', example: '115.2,33.7,116.7,34.9' });

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD, e.g. 2020-06-20')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'is not a real calendar date',
  )
  .refine((s) => s >= '2000-01-01' && s <= '2100-12-31', 'must be a date from 2000-01-01 to 2100-12-31');

const bool = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

const paging = {
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(maxLayerLimit, `must be at most ${maxLayerLimit}`)
    .default(20_000),
  offset: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(10_000_000)
    .default(0),
};

export const ProjectLayerQuery = z.object({
  bbox: Bbox.optional(),
  asOf: IsoDate.optional().openapi({ description: 'Status as of this date (default: latest cut-off).' }),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  area: RegionCode.optional().openapi({ description: 'Only projects under this city, county, township or village.' }),
  category: csvEnum(projectCategories, 'category').optional(),
  mode: csvEnum(industryModes, 'mode').optional(),
  status: csvEnum(projectStatuses, 'status').optional(),
  responsibleLevel: csvEnum(responsibleLevels, 'responsibleLevel').optional(),
  fundingSource: csvEnum(fundingSources, 'fundingSource').optional(),
  overdue: bool.optional(),
  signed: bool.optional(),
  ...paging,
});
export type ProjectLayerQuery = z.infer<typeof ProjectLayerQuery>;

export const PvLayerQuery = z.object({
  bbox: Bbox.optional(),
  asOf: IsoDate.optional(),
  area: RegionCode.optional(),
  type: csvEnum(pvTypes, 'type').optional(),
  status: csvEnum(pvStatuses, 'status').optional(),
  registered: bool.optional(),
  ...paging,
});
export type PvLayerQuery = z.infer<typeof PvLayerQuery>;

export const HouseholdAggregateQuery = z.object({
  level: z.enum(['county', 'township', 'village'], { error: 'must be one of county, township, village' }).default('village'),
  parent: RegionCode.optional().openapi({ description: 'Ancestor whose divisions are counted (default: the root area, the city).' }),
  category: csvEnum(householdCategories, 'category').optional(),
  labour: csvEnum(labourCapacities, 'labour').optional(),
});
export type HouseholdAggregateQuery = z.infer<typeof HouseholdAggregateQuery>;

export const HouseholdHexQuery = z.object({
  parent: RegionCode.optional().openapi({ description: 'Ancestor whose divisions are counted (default: the root area, the city).' }),
  size: z.enum(hexSizes, { error: `must be one of ${hexSizes.join(', ')} (metres)` }).default('2000'),
  category: csvEnum(householdCategories, 'category').optional(),
  labour: csvEnum(labourCapacities, 'labour').optional(),
});
export type HouseholdHexQuery = z.infer<typeof HouseholdHexQuery>;

const nullableNumber = z.number().nullable();
const DateText = z.string().openapi({ example: '2020-06-20' });

export const ProjectProperties = z
  .object({
    code: z.string(),
    name: z.string(),
    year: z.number().int(),
    generalised: z
      .boolean()
      .openapi({ description: "Drawn at its village's label point (~1 km): the point would stand for one household." }),
    countyCode: z.string(),
    townshipCode: z.string().nullable(),
    villageCode: z.string().nullable(),
    category: z.enum(projectCategories),
    mode: z.enum(industryModes).nullable(),
    status: z.enum(projectStatuses).openapi({ description: 'As of meta.asOf.' }),
    overdue: z.boolean().openapi({ description: 'Planned completion passed and not completed as of meta.asOf.' }),
    totalWan: nullableNumber,
    spentWan: nullableNumber,
    householdsReached: z.number().int().nullable(),
    plannedCompletion: DateText.nullable(),
  })
  .openapi('ProjectProperties');
export type ProjectProperties = z.infer<typeof ProjectProperties>;

export const ProjectFeature = feature(Geometry, ProjectProperties).openapi('ProjectFeature');
export type ProjectFeature = z.infer<typeof ProjectFeature>;

const pageMeta = { limit: z.number().int(), offset: z.number().int() };

export const ProjectLayerMeta = z
  .object({
    asOf: DateText,
    matched: z.number().int().openapi({ description: 'Every project matching the filters, located or not.' }),
    located: z.number().int(),
    inView: z.number().int(),
    returned: z.number().int(),
    ...pageMeta,
    unlocated: z
      .array(z.object({ code: z.string(), name: z.string(), countyCode: z.string() }))
      .openapi({ description: '未定位项目 (at most 500).' }),
    unlocatedCount: z.number().int(),
    years: z.array(z.number().int()).openapi({ description: "Plan years of the area's projects (whatever the other filters), ascending." }),
  })
  .openapi('ProjectLayerMeta');
export type ProjectLayerMeta = z.infer<typeof ProjectLayerMeta>;

export const ProjectCollection = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(ProjectFeature), meta: ProjectLayerMeta })
  .openapi('ProjectCollection');
export type ProjectCollection = z.infer<typeof ProjectCollection>;

export const PvProperties = z
  .object({
    code: z.string(),
    name: z.string(),
    type: z.enum(pvTypes),
    generalised: z
      .boolean()
      .openapi({ description: "Drawn at its village's label point (~1 km): the point would stand for one household." }),
    capacityKw: nullableNumber,
    status: z.enum(pvStatuses),
    registered: z.boolean(),
    countyCode: z.string(),
    villageCode: z.string().nullable(),
    householdsReached: z.number().int().nullable(),
    yearlyIncomeWan: nullableNumber,
  })
  .openapi('PvProperties');
export type PvProperties = z.infer<typeof PvProperties>;

export const PvFeature = feature(Point, PvProperties).openapi('PvFeature');
export type PvFeature = z.infer<typeof PvFeature>;

export const PvCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(PvFeature),
    meta: z.object({
      asOf: DateText,
      matched: z.number().int(),
      returned: z.number().int(),
      unlocatedCount: z.number().int(),
      ...pageMeta,
    }),
  })
  .openapi('PvCollection');
export type PvCollection = z.infer<typeof PvCollection>;

/** A published household count: null = a suppressed count of 1–4 ("<5"); see server/domain/disclosure.ts. */
const PublishedCount = z.number().int().nullable().openapi({ description: 'null: 1–4 households, withheld ("<5")' });
/** Who reads exact counts: the county editor of the county; everyone else gets protected counts. */
export const DisclosureScope = z
  .enum(['exact', 'protected'])
  .openapi({ description: 'protected: counts 1–4 withheld, others rounded to 5' });

/**
 * Household counts of one area, by category and labour capacity (an aggregate: no ids, no locations).
 * Null = a suppressed count of 1–4 ("<5"); other counts are rounded to 5 unless the reader is the
 * county editor of the county (server/domain/disclosure.ts).
 */
export const HouseholdAreaCounts = z
  .object({
    code: z.string(),
    name: z.string(),
    total: PublishedCount,
    notLifted: PublishedCount,
    edge: PublishedCount,
    monitored: PublishedCount,
    lifted: PublishedCount,
    labourNone: PublishedCount,
    labourWeak: PublishedCount,
    labourFull: PublishedCount,
  })
  .openapi('HouseholdAreaCounts');
export type HouseholdAreaCounts = z.infer<typeof HouseholdAreaCounts>;

export const HouseholdAreas = z
  .object({
    level: z.enum(['county', 'township', 'village']),
    parent: z.string(),
    categories: z.array(z.enum(householdCategories)).nullable(),
    labour: z.array(z.enum(labourCapacities)).nullable(),
    disclosure: DisclosureScope,
    total: PublishedCount,
    rows: z.array(HouseholdAreaCounts),
  })
  .openapi('HouseholdAreas');
export type HouseholdAreas = z.infer<typeof HouseholdAreas>;

export const HexProperties = z
  .object({ total: PublishedCount, notLifted: PublishedCount, edge: PublishedCount, monitored: PublishedCount, lifted: PublishedCount })
  .openapi('HexProperties');
export type HexProperties = z.infer<typeof HexProperties>;

export const HexCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(feature(Polygon, HexProperties)),
    meta: z.object({
      sizeM: z.number().int(),
      minPerCell: z.number().int(),
      households: PublishedCount,
      suppressedHouseholds: PublishedCount.openapi({ description: 'Households in cells under minPerCell (not sent).' }),
      disclosure: DisclosureScope,
    }),
  })
  .openapi('HexCollection');
export type HexCollection = z.infer<typeof HexCollection>;

export const BenefitLinkProperties = z
  .object({ villageCode: z.string(), villageName: z.string(), households: z.number().int() })
  .openapi('BenefitLinkProperties');
export type BenefitLinkProperties = z.infer<typeof BenefitLinkProperties>;

export const BenefitLinkFeature = feature(LineString, BenefitLinkProperties).openapi('BenefitLinkFeature');
export type BenefitLinkFeature = z.infer<typeof BenefitLinkFeature>;

export const BenefitLinkCollection = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(BenefitLinkFeature) })
  .openapi('BenefitLinkCollection');
export type BenefitLinkCollection = z.infer<typeof BenefitLinkCollection>;

export const ProjectDetail = z
  .object({
    code: z.string(),
    name: z.string(),
    year: z.number().int(),
    countyCode: z.string(),
    countyName: z.string().nullable(),
    townshipCode: z.string().nullable(),
    townshipName: z.string().nullable(),
    villageCode: z.string().nullable(),
    villageName: z.string().nullable(),
    located: z.boolean(),
    geometryType: z.string().nullable(),
    category: z.enum(projectCategories),
    mode: z.enum(industryModes).nullable(),
    responsibleLevel: z.enum(responsibleLevels).nullable(),
    responsibleUnit: z.string().nullable(),
    status: z.enum(projectStatuses),
    funds: z.object({ totalWan: nullableNumber, arrangedWan: nullableNumber, disbursedWan: nullableNumber, spentWan: nullableNumber }),
    sources: z.record(z.enum(fundingSources), nullableNumber),
    dates: z.object({
      plannedStart: DateText.nullable(),
      plannedCompletion: DateText.nullable(),
      actualStart: DateText.nullable(),
      actualCompletion: DateText.nullable(),
    }),
    householdsReached: z.number().int().nullable(),
    poorHouseholdsReached: z.number().int().nullable(),
    linkages: z.array(z.enum(linkageMechanisms)).nullable(),
    dividendRatePct: nullableNumber,
    signOff: z.object({
      mainLeader: z.string().nullable(),
      mainDate: DateText.nullable(),
      deputyLeader: z.string().nullable(),
      deputyDate: DateText.nullable(),
    }),
    history: z.array(
      z.object({
        asOf: DateText,
        status: z.enum(projectStatuses),
        arrangedWan: nullableNumber,
        disbursedWan: nullableNumber,
        spentWan: nullableNumber,
        physicalProgressPct: nullableNumber,
      }),
    ),
    beneficiaries: z.array(z.object({ villageCode: z.string(), villageName: z.string(), households: z.number().int() })),
  })
  .openapi('ProjectDetail');
export type ProjectDetail = z.infer<typeof ProjectDetail>;

export const PvDetail = z
  .object({
    code: z.string(),
    name: z.string(),
    type: z.enum(pvTypes),
    capacityKw: nullableNumber,
    countyCode: z.string(),
    countyName: z.string().nullable(),
    villageCode: z.string().nullable(),
    villageName: z.string().nullable(),
    status: z.enum(pvStatuses),
    gridDate: DateText.nullable(),
    registered: z.boolean(),
    registeredDate: DateText.nullable(),
    yearlyGenerationKwh: nullableNumber,
    yearlyIncomeWan: nullableNumber,
    incomeWelfareJobsWan: nullableNumber,
    incomeCollectiveWan: nullableNumber,
    householdsReached: z.number().int().nullable(),
  })
  .openapi('PvDetail');
export type PvDetail = z.infer<typeof PvDetail>;

const codeParam = (description: string, example: string) =>
  z.object({
    code: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be a code of letters, digits, _ or - (at most 32)')
      .openapi({ param: { name: 'code', in: 'path' }, example, description }),
  });
export const ProjectCodeParam = codeParam('项目编号', 'P411421-2020-0001');
export type ProjectCodeParam = z.infer<typeof ProjectCodeParam>;
export const PvCodeParam = codeParam('电站编号', 'PV411421-0001');
export type PvCodeParam = z.infer<typeof PvCodeParam>;
