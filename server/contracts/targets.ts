/** Target rules per measure (序时进度, milestone, fixed, none): request and response shapes. */
import { z } from '@hono/zod-openapi';
import { measureIds } from '../domain/measures.ts';
import { targetMethods } from './enums.ts';
import { IsoDate } from './layers.ts';

export const TargetsQuery = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .optional()
    .openapi({ param: { name: 'year', in: 'query' }, description: 'Default: the year of the latest as-of date.', example: 2020 }),
});

export const TargetMeasureParam = z.object({
  measureId: z
    .enum(measureIds, { error: `must be one of ${measureIds.join(', ')}` })
    .openapi({ param: { name: 'measureId', in: 'path' }, example: 'pv_registration' }),
});

export const Milestone = z.object({
  date: IsoDate,
  valuePct: z.number().min(0, 'must be 0–100').max(100, 'must be 0–100'),
});

export const TargetRule = z
  .object({
    measureId: z.enum(measureIds),
    year: z.number().int(),
    /** True when the measure has its own row; false when it follows the year's default ('*'). */
    own: z.boolean(),
    method: z.enum(targetMethods),
    windowStart: z.string(),
    basicCompletion: z.string(),
    fullCompletion: z.string(),
    lagThresholdPts: z.number(),
    milestones: z.array(Milestone),
  })
  .openapi('TargetRule');
export type TargetRule = z.infer<typeof TargetRule>;

export const TargetList = z.object({ year: z.number().int(), items: z.array(TargetRule) }).openapi('TargetList');
export type TargetList = z.infer<typeof TargetList>;

export const TargetUpdate = z
  .object({
    year: z.number().int().min(2000).max(2100),
    method: z.enum(targetMethods, { error: `must be one of ${targetMethods.join(', ')}` }),
    milestones: z.array(Milestone).max(24).default([]),
    lagThresholdPts: z.number().min(-50).max(0).optional(),
  })
  .refine((b) => b.method !== 'fixed' || b.milestones.length === 1, {
    message: 'a fixed target needs exactly one milestone: the value and the date it is due, e.g. [{"date":"2020-01-01","valuePct":100}]',
    path: ['milestones'],
  })
  .refine((b) => b.method !== 'milestone' || b.milestones.length >= 1, {
    message: 'a milestone rule needs at least one milestone',
    path: ['milestones'],
  })
  .openapi('TargetUpdate');
export type TargetUpdate = z.infer<typeof TargetUpdate>;
