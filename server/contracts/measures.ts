/** Request and response shapes of the measures API: catalogue, dates, values per area, one area's history. */
import { z } from '@hono/zod-openapi';
import { measureGroups, measureIds, quantityUnits, statusRules, valueUnits, type Measure as DomainMeasure } from '../domain/measures.ts';
import type { MeasureStatus as DomainMeasureStatus } from '../domain/evaluate.ts';
import type { TargetConfig as DomainTargetConfig } from '../domain/time-target.ts';
import type { Calendar } from '../db/queries/calendar.ts';
import { regionLevels, targetMethods } from './enums.ts';
import { IsoDate } from './layers.ts';
import { RegionCode } from './regions.ts';
import { sameType } from './same.ts';

export const MeasureParam = z.object({
  id: z
    .enum(measureIds, { error: `must be one of ${measureIds.join(', ')}` })
    .openapi({ param: { name: 'id', in: 'path' }, example: 'spend_rate' }),
});
export type MeasureParam = z.infer<typeof MeasureParam>;

export const MeasureQuery = z.object({
  level: z
    .enum(['county', 'township', 'village'], { error: 'must be one of county, township, village' })
    .openapi({ param: { name: 'level', in: 'query' }, example: 'county' }),
  parent: RegionCode.openapi({
    param: { name: 'parent', in: 'query' },
    description: 'An ancestor: the city 4114, a county or a township.',
  }),
  asOf: IsoDate.optional().openapi({
    param: { name: 'asOf', in: 'query' },
    description: 'Data as of this date (default: the latest meeting cut-off).',
  }),
  compareTo: IsoDate.optional().openapi({
    param: { name: 'compareTo', in: 'query' },
    description: 'An earlier date: each row then carries its value and rank on that date and the change in points.',
  }),
});
export type MeasureQuery = z.infer<typeof MeasureQuery>;

export const MeasureHistoryQuery = z.object({
  area: RegionCode.openapi({ param: { name: 'area', in: 'query' }, example: '411421' }),
});
export type MeasureHistoryQuery = z.infer<typeof MeasureHistoryQuery>;

const MeasureId = z.enum(measureIds);
const QuantityUnit = z.enum(quantityUnits);
const AreaLevel = z.enum(['county', 'township', 'village']);

/** One measure of the catalogue (server/domain/measures.ts `Measure`). */
export const Measure = z
  .object({
    id: MeasureId,
    group: z.enum(measureGroups),
    nameZh: z.string(),
    nameEn: z.string(),
    formulaZh: z.string().openapi({ example: '已支出 ÷ 项目投资总额' }),
    formulaEn: z.string(),
    numeratorLabelZh: z.string(),
    numeratorLabelEn: z.string(),
    denominatorLabelZh: z.string().nullable(),
    denominatorLabelEn: z.string().nullable(),
    numeratorUnit: QuantityUnit,
    denominatorUnit: QuantityUnit.nullable(),
    unit: z.enum(valueUnits).openapi({ description: 'pct: percent; per_10k_yuan: households per 10,000 元; count: the numerator itself.' }),
    higherIsBetter: z.boolean(),
    hasTarget: z.boolean().openapi({ description: 'Whether 序时进度 (expected value, lag) applies.' }),
    statusRule: z.enum(statusRules),
  })
  .openapi('Measure');
export type Measure = z.infer<typeof Measure>;
sameType<Measure, DomainMeasure>(true);

const GroupName = z.object({ zh: z.string(), en: z.string() });
export const MeasureCatalogue = z
  .object({ groups: z.record(z.enum(measureGroups), GroupName), measures: z.array(Measure) })
  .openapi('MeasureCatalogue');
export type MeasureCatalogue = z.infer<typeof MeasureCatalogue>;

export const Meeting = z
  .object({
    year: z.number().int(),
    number: z.number().int(),
    meetingDate: z.string(),
    cutOff: z.string().openapi({ description: 'Data as of this date.' }),
  })
  .openapi('Meeting');
export type Meeting = z.infer<typeof Meeting>;

/** GET /dates: dispatch meetings, monthly history dates and the default as-of date (null on an empty database). */
export const DatesInfo = z
  .object({ meetings: z.array(Meeting), historyDates: z.array(z.string()), defaultAsOf: z.string().nullable() })
  .openapi('Dates');
export type DatesInfo = z.infer<typeof DatesInfo>;
sameType<DatesInfo, Calendar>(true);

/** Status of an area: against 序时进度, or 'none' for measures that are only ranked. */
export const measureStatuses = ['ahead', 'on_track', 'lagging', 'no_data', 'none'] as const;
export const AreaStatus = z.enum(measureStatuses);
export type AreaStatus = z.infer<typeof AreaStatus>;
sameType<AreaStatus, DomainMeasureStatus>(true);

export const TargetConfig = z
  .object({
    windowStart: z.string(),
    basicCompletion: z.string().optional(),
    fullCompletion: z.string(),
    method: z.enum(targetMethods).optional(),
    lagThresholdPts: z.number().optional(),
    milestones: z
      .array(z.object({ date: z.string(), valuePct: z.number() }))
      .readonly()
      .optional(),
  })
  .openapi('TargetConfig');
export type TargetConfig = z.infer<typeof TargetConfig>;
sameType<TargetConfig, DomainTargetConfig>(true);

/** One area's value of a measure; value in the measure's unit, lag and change in points. */
export const MeasureRow = z
  .object({
    code: z.string(),
    name: z.string(),
    value: z.number().nullable(),
    numerator: z.number().nullable(),
    denominator: z.number().nullable(),
    expected: z.number().nullable(),
    lag: z.number().nullable(),
    status: AreaStatus,
    rank: z.number().int().nullable(),
    previous: z
      .object({ value: z.number().nullable(), rank: z.number().int().nullable(), expected: z.number().nullable() })
      .optional()
      .openapi({ description: 'With compareTo: the value, rank and 序时进度 on that date.' }),
    change: z.number().nullable().optional().openapi({ description: 'With compareTo: value − previous value, in points.' }),
    suppressed: z
      .literal(true)
      .optional()
      .openapi({ description: 'A household count of 1–4 is withheld ("<5"): numerator or denominator null (docs/security.md).' }),
  })
  .openapi('MeasureRow');
export type MeasureRow = z.infer<typeof MeasureRow>;

export const MeasureValues = z
  .object({
    measure: Measure,
    level: AreaLevel,
    parent: z.object({ code: z.string(), name: z.string(), level: z.enum(regionLevels) }),
    asOf: z.string(),
    compareTo: z.string().nullable(),
    expected: z.number().nullable(),
    target: TargetConfig.nullable(),
    total: z.object({ numerator: z.number().nullable(), denominator: z.number().nullable(), value: z.number().nullable() }),
    rankedCount: z.number().int(),
    rows: z.array(MeasureRow),
  })
  .openapi('MeasureValues');
export type MeasureValues = z.infer<typeof MeasureValues>;

export const HistoryPoint = z
  .object({
    asOf: z.string(),
    value: z.number().nullable(),
    numerator: z.number().nullable(),
    denominator: z.number().nullable(),
    expected: z.number().nullable(),
    rank: z.number().int().nullable(),
    of: z.number().int().openapi({ description: 'Number of ranked areas on that date.' }),
  })
  .openapi('HistoryPoint');
export type HistoryPoint = z.infer<typeof HistoryPoint>;

export const MeasureHistory = z
  .object({
    measure: MeasureId,
    area: z.object({ code: z.string(), name: z.string(), level: z.enum(regionLevels) }),
    meetings: z.array(Meeting),
    series: z.array(HistoryPoint),
  })
  .openapi('MeasureHistory');
export type MeasureHistory = z.infer<typeof MeasureHistory>;
