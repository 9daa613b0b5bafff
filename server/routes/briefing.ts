/** GET /api/measures/{id}/briefing — the briefing (通报) sentences for a measure, level, area and date. */
import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../app.ts';
import { requires } from '../auth/context.ts';
import { Briefing, BriefingQuery } from '../contracts/briefing.ts';
import { MeasureParam } from '../contracts/measures.ts';
import { queryCalendar } from '../db/queries/calendar.ts';
import { briefingFacts, briefingSentences, type BriefingInput } from '../domain/briefing.ts';
import { expectedKindOf } from '../domain/time-target.ts';
import { HttpError } from '../errors.ts';
import { ErrorBody, newRouter } from '../http.ts';
import { checkDate, evaluateOn, resolveParent } from './measures.ts';
import { disclosureOf } from '../auth/disclosure.ts';

const route = createRoute({
  method: 'get',
  path: '/measures/{id}/briefing',
  ...requires('aggregates:read'),
  tags: ['measures', 'meetings'],
  summary: 'The briefing (通报): best and worst units, units lagging the target, change since the previous meeting, as sentences',
  description:
    'Without compareTo the change is counted from the last dispatch meeting cut-off before asOf (none before the first meeting).',
  request: { params: MeasureParam, query: BriefingQuery },
  responses: {
    200: { description: 'Sentences and the facts behind them', content: { 'application/json': { schema: Briefing } } },
    400: { description: 'Invalid parameter', content: { 'application/json': { schema: ErrorBody } } },
    404: { description: 'Unknown area, or no data', content: { 'application/json': { schema: ErrorBody } } },
  },
});

export const briefingRoutes = ({ database }: AppDeps) =>
  newRouter().openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const [calendar, parent] = await Promise.all([queryCalendar(database), resolveParent(database, q.parent, q.level)]);
    const asOf = q.asOf ?? calendar.defaultAsOf;
    if (!asOf) throw new HttpError(404, 'There is no progress data yet: import a ledger or start with DEMO_DATA=on.');
    checkDate(calendar, asOf, 'asOf');
    let compareTo =
      q.compareTo ??
      calendar.meetings
        .map((m) => m.cutOff)
        .filter((d) => d < asOf)
        .at(-1) ??
      null;
    if (q.compareTo) {
      checkDate(calendar, q.compareTo, 'compareTo');
      if (q.compareTo >= asOf) throw new HttpError(400, `compareTo: ${q.compareTo} must be before asOf (${asOf}).`);
    }
    if (compareTo && compareTo < (calendar.historyDates[0] ?? compareTo)) compareTo = null;
    // Household measures are published through the small-count rule (docs/security.md).
    const disclosure = await disclosureOf(c, database, parent);
    const [now, before] = await Promise.all([
      evaluateOn(database, id, q.level, parent, asOf, disclosure),
      compareTo ? evaluateOn(database, id, q.level, parent, compareTo, disclosure) : undefined,
    ]);
    const prev = new Map(before?.rows.map((r) => [r.code, r.value]));
    const scopeLevel = parent.level as 'city' | 'county' | 'township';
    const input: BriefingInput = {
      measure: now.measure,
      asOf,
      compareTo,
      scope: { code: parent.code, name: parent.name, level: scopeLevel },
      level: q.level,
      total: now.total,
      previousTotal: before?.total.value ?? null,
      expected: now.rows[0]?.expected ?? null,
      expectedKind: expectedKindOf(now.target) ?? 'schedule',
      lagThresholdPts: now.target?.lagThresholdPts,
      rows: now.rows.map((r) => ({ ...r, previousValue: prev.get(r.code) ?? null })),
    };
    const facts = briefingFacts(input);
    return c.json(
      {
        measure: id,
        level: q.level,
        scope: input.scope,
        asOf,
        compareTo,
        expected: input.expected,
        expectedKind: input.expectedKind ?? 'schedule',
        lang: q.lang,
        sentences: briefingSentences(input, q.lang),
        facts: {
          kind: facts.kind,
          rankedCount: facts.rankedCount,
          best: [...facts.best],
          worst: [...facts.worst],
          lagging: [...facts.lagging],
          noData: [...facts.noData],
          totalChange: facts.totalChange,
        },
      },
      200,
      { 'Cache-Control': 'private, max-age=60' },
    );
  });
