/** Request shapes of the map layers: projects, PV stations and household aggregates. */
import { z } from '@hono/zod-openapi';
import {
  householdCategories,
  industryModes,
  labourCapacities,
  projectCategories,
  projectStatuses,
  pvStatuses,
  pvTypes,
  responsibleLevels,
} from './enums.ts';
import { RegionCode } from './regions.ts';
import { fundingSources, hexSizes, maxLayerLimit } from './layer-constants.ts';

export { fundingSources, hexSizes, maxLayerLimit, minHouseholdsPerCell, type FundingSource } from './layer-constants.ts';

const allowed = (values: readonly string[]) => `allowed: ${values.join(', ')}`;

/** A comma-separated list of enum values, e.g. `status=started,completed`. */
export const csvEnum = <T extends readonly [string, ...string[]]>(values: T, name: string) =>
  z
    .string()
    .transform((s, ctx) => {
      const items = s.split(',').map((x) => x.trim()).filter(Boolean);
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
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'is not a real calendar date');

const bool = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');


const paging = {
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(maxLayerLimit, `must be at most ${maxLayerLimit}`)
    .default(20_000),
  offset: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').max(10_000_000).default(0),
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
  parent: RegionCode.default('4114'),
  category: csvEnum(householdCategories, 'category').optional(),
  labour: csvEnum(labourCapacities, 'labour').optional(),
});
export type HouseholdAggregateQuery = z.infer<typeof HouseholdAggregateQuery>;

export const HouseholdHexQuery = z.object({
  parent: RegionCode.default('4114'),
  size: z.enum(hexSizes, { error: `must be one of ${hexSizes.join(', ')} (metres)` }).default('2000'),
  category: csvEnum(householdCategories, 'category').optional(),
  labour: csvEnum(labourCapacities, 'labour').optional(),
});
export type HouseholdHexQuery = z.infer<typeof HouseholdHexQuery>;


/** Household counts of one area, by category and labour capacity (an aggregate: no ids, no locations). */
export interface HouseholdAreaCounts {
  code: string;
  name: string;
  total: number;
  notLifted: number;
  edge: number;
  monitored: number;
  lifted: number;
  labourNone: number;
  labourWeak: number;
  labourFull: number;
}
