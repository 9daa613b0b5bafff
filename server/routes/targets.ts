/** Target rules per measure: read by everyone, set by the city administrator (audited). */
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app.ts';
import { audit } from '../auth/audit.ts';
import { requires } from '../auth/context.ts';
import { TargetList, TargetMeasureParam, TargetRule, TargetsQuery, TargetUpdate } from '../contracts/targets.ts';
import { queryCalendar, queryTargets } from '../db/queries/calendar.ts';
import { upsertTarget } from '../db/queries/targets.ts';
import { measureCatalogue, type MeasureId } from '../domain/measures.ts';
import { defaultLagThresholdPts, resolveTarget, type TargetRow } from '../domain/time-target.ts';
import { HttpError } from '../errors.ts';
import { ErrorBody, newRouter } from '../http.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

const list = createRoute({
  method: 'get',
  path: '/targets',
  ...requires('aggregates:read'),
  tags: ['targets'],
  summary: 'The target rule of every measure for a year (its own row or the year’s default)',
  request: { query: TargetsQuery },
  responses: { 200: { description: 'Rules', ...json(TargetList) }, 400: { description: 'Invalid year', ...json(ErrorBody) } },
});

const update = createRoute({
  method: 'put',
  path: '/targets/{measureId}',
  ...requires('targets:manage'),
  tags: ['targets'],
  summary: 'Set a measure’s target rule for a year: linear / elapsed_months (序时进度), milestone, fixed (e.g. 100 % by a date) or none',
  request: { params: TargetMeasureParam, body: { required: true, ...json(TargetUpdate) } },
  responses: {
    200: { description: 'The rule now in force', ...json(TargetRule) },
    400: { description: 'Invalid rule', ...json(ErrorBody) },
    404: { description: 'The year has no targets', ...json(ErrorBody) },
  },
});

function ruleOf(rows: readonly TargetRow[], measureId: MeasureId, year: number): TargetRule | null {
  const row = resolveTarget(rows, measureId, year);
  if (!row) return null;
  return {
    measureId,
    year,
    own: row.measureId === measureId,
    method: row.method ?? 'linear',
    windowStart: row.windowStart,
    basicCompletion: row.basicCompletion ?? row.fullCompletion,
    fullCompletion: row.fullCompletion,
    lagThresholdPts: row.lagThresholdPts ?? defaultLagThresholdPts,
    milestones: [...(row.milestones ?? [])],
  };
}

async function yearOf(database: AppDeps['database'], year: number | undefined): Promise<number> {
  if (year) return year;
  const calendar = await queryCalendar(database);
  return Number((calendar.defaultAsOf ?? new Date().toISOString()).slice(0, 4));
}

export const targetRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(list, async (c) => {
      const year = await yearOf(database, c.req.valid('query').year);
      const rows = await queryTargets(database, year);
      const items = measureCatalogue.flatMap((m) => ruleOf(rows, m.id, year) ?? []);
      return c.json({ year, items }, 200);
    })
    .openapi(update, async (c) => {
      const { measureId } = c.req.valid('param');
      const body = c.req.valid('json');
      const rows = await queryTargets(database, body.year);
      const base = resolveTarget(rows, measureId, body.year);
      if (!base) throw new HttpError(404, `year: ${body.year} has no targets; set the year's default window first (targets row '*').`);
      const row: TargetRow = {
        year: body.year,
        measureId,
        windowStart: base.windowStart,
        basicCompletion: base.basicCompletion,
        fullCompletion: base.fullCompletion,
        method: body.method,
        lagThresholdPts: body.lagThresholdPts ?? base.lagThresholdPts ?? defaultLagThresholdPts,
        milestones: [...body.milestones].sort((a, b) => (a.date < b.date ? -1 : 1)),
      };
      await upsertTarget(database, row);
      await audit(c, {
        action: 'targets.update',
        target: `target:${body.year}:${measureId}`,
        result: 'ok',
        detail: { method: row.method, milestones: row.milestones },
      });
      return c.json(ruleOf([row], measureId, body.year)!, 200);
    });
