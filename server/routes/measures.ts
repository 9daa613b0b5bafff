/**
 * Measures: the catalogue, one measure's values for every area of a level (no geometry: the client
 * joins them to the cached boundaries by code), an area's history, and the dates the data knows.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app.ts';
import { MeasureHistoryQuery, MeasureParam, MeasureQuery } from '../contracts/measures.ts';
import { levelDepth } from '../contracts/regions.ts';
import type { Database } from '../db/client.ts';
import { queryAreaFacts } from '../db/queries/area-facts.ts';
import { queryCalendar, querySetting, queryTargets, type Calendar } from '../db/queries/calendar.ts';
import { findRegion, type RegionRef } from '../db/queries/regions.ts';
import { measureFamily, measureInputs } from '../domain/area-facts.ts';
import { evaluateMeasure } from '../domain/evaluate.ts';
import { getMeasure, measureCatalogue, measureGroupNames, measureValue, type MeasureId } from '../domain/measures.ts';
import { resolveTarget, type TargetConfig } from '../domain/time-target.ts';
import { HttpError } from '../errors.ts';
import { requires } from '../auth/context.ts';
import { ErrorBody, newRouter } from '../http.ts';

const errors = {
  400: { description: 'Invalid parameter (named in the message, with the allowed values)', content: { 'application/json': { schema: ErrorBody } } },
  404: { description: 'Unknown area', content: { 'application/json': { schema: ErrorBody } } },
};

/** Minimum dividend rate (percent) for dividend compliance when no setting exists. */
const defaultDividendMinPct = 5;

function checkDate(calendar: Calendar, date: string, param: string) {
  const first = calendar.historyDates[0];
  const last = calendar.defaultAsOf;
  if (!first || !last) throw new HttpError(404, 'There is no progress data yet: import a ledger or start with DEMO_DATA=on.');
  const latest = [last, calendar.historyDates.at(-1)!].sort().at(-1)!;
  if (date < first || date > latest) {
    throw new HttpError(400, `${param}: ${date} is outside the data; choose a date from ${first} to ${latest}.`);
  }
}

async function resolveParent(database: Database, code: string, level: 'county' | 'township' | 'village'): Promise<RegionRef> {
  const parent = await findRegion(database, code);
  if (!parent) throw new HttpError(404, `parent: no division with code ${code}. Use the city (4114), a county or a township code.`);
  if (levelDepth[parent.level] >= levelDepth[level]) {
    throw new HttpError(400, `parent: ${code} (${parent.name}) is a ${parent.level}; it must be above level "${level}" (city > county > township > village).`);
  }
  return parent;
}

/** Evaluate one measure for every area of `level` under `parent` on `asOf`. */
async function evaluateOn(database: Database, id: MeasureId, level: 'county' | 'township' | 'village', parent: RegionRef, asOf: string) {
  const measure = getMeasure(id);
  const year = Number(asOf.slice(0, 4));
  // Targets and the facts are independent: on a server pool they run at the same time.
  const [targets, facts] = await Promise.all([
    queryTargets(database, year),
    querySetting(database, 'dividend_min_rate_pct', defaultDividendMinPct).then((min) =>
      queryAreaFacts(database, { level, parent, asOf, dividendMinPct: Number(min), families: [measureFamily[id]] }),
    ),
  ]);
  const inputs = facts.map((f) => ({ code: f.code, name: f.name, ...measureInputs(id, f) }));
  const target: TargetConfig | undefined = resolveTarget(targets, id, year);
  const rows = evaluateMeasure(measure, inputs, { asOf, target });
  const numerator = inputs.reduce((s, r) => s + r.numerator, 0);
  const denominator = measure.denominatorUnit ? inputs.reduce((s, r) => s + (r.denominator ?? 0), 0) : null;
  return { measure, target, rows, total: { numerator, denominator, value: measureValue(measure, numerator, denominator) } };
}

const routes = {
  catalogue: createRoute({
    method: 'get',
    path: '/measures',
    ...requires('aggregates:read'),
    tags: ['measures'],
    summary: 'The measure catalogue: names, formulas, units, direction, groups',
    responses: { 200: { description: 'Catalogue', content: { 'application/json': { schema: z.any() } } } },
  }),
  dates: createRoute({
    method: 'get',
    path: '/dates',
    ...requires('aggregates:read'),
    tags: ['measures'],
    summary: 'Dispatch meetings, monthly history dates and the default as-of date',
    responses: { 200: { description: 'Calendar', content: { 'application/json': { schema: z.any() } } } },
  }),
  values: createRoute({
    method: 'get',
    path: '/measures/{id}',
    ...requires('aggregates:read'),
    tags: ['measures'],
    summary: 'One measure for every area of a level under a parent: value, numerator, denominator, 序时进度, lag, status, rank',
    description: 'Values only, never geometry: join to GET /regions by code. With compareTo, each row also carries its earlier value, rank and the change in points.',
    request: { params: MeasureParam, query: MeasureQuery },
    responses: { 200: { description: 'Rows per area', content: { 'application/json': { schema: z.any() } } }, ...errors },
  }),
  history: createRoute({
    method: 'get',
    path: '/measures/{id}/history',
    ...requires('aggregates:read'),
    tags: ['measures'],
    summary: "One area's value on every history date (month ends and meeting cut-offs) with the expected value",
    request: { params: MeasureParam, query: MeasureHistoryQuery },
    responses: { 200: { description: 'Series', content: { 'application/json': { schema: z.any() } } }, ...errors },
  }),
};

export const measureRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(routes.catalogue, (c) =>
      c.json({ groups: measureGroupNames, measures: measureCatalogue }, 200, { 'Cache-Control': 'public, max-age=3600' }),
    )
    .openapi(routes.dates, async (c) => c.json(await queryCalendar(database), 200))
    .openapi(routes.values, async (c) => {
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      const [calendar, parent] = await Promise.all([queryCalendar(database), resolveParent(database, q.parent, q.level)]);
      const asOf = q.asOf ?? calendar.defaultAsOf;
      if (!asOf) throw new HttpError(404, 'There is no progress data yet: import a ledger or start with DEMO_DATA=on.');
      checkDate(calendar, asOf, 'asOf');
      if (q.compareTo) {
        checkDate(calendar, q.compareTo, 'compareTo');
        if (q.compareTo >= asOf) throw new HttpError(400, `compareTo: ${q.compareTo} must be before asOf (${asOf}).`);
      }
      const [now, before] = await Promise.all([
        evaluateOn(database, id, q.level, parent, asOf),
        q.compareTo ? evaluateOn(database, id, q.level, parent, q.compareTo) : undefined,
      ]);
      const prev = new Map(before?.rows.map((r) => [r.code, r]));
      const rows = now.rows.map((r) => {
        if (!before) return r;
        const p = prev.get(r.code);
        const change = r.value !== null && p?.value != null ? Math.round((r.value - p.value) * 1e9) / 1e9 : null;
        return { ...r, previous: { value: p?.value ?? null, rank: p?.rank ?? null, expected: p?.expected ?? null }, change };
      });
      const expected = now.rows[0]?.expected ?? null;
      return c.json(
        {
          measure: now.measure,
          level: q.level,
          parent: { code: parent.code, name: parent.name, level: parent.level },
          asOf,
          compareTo: q.compareTo ?? null,
          expected,
          target: now.target ?? null,
          total: now.total,
          rankedCount: rows.filter((r) => r.rank !== null).length,
          rows,
        },
        200,
        { 'Cache-Control': 'private, max-age=60' },
      );
    })
    .openapi(routes.history, async (c) => {
      const { id } = c.req.valid('param');
      const { area } = c.req.valid('query');
      const region = await findRegion(database, area);
      if (!region) throw new HttpError(404, `area: no division with code ${area}.`);
      if (region.level === 'city' || !region.parentCode) throw new HttpError(400, `area: ${area} is the city; choose a county, township or village.`);
      const parent = (await findRegion(database, region.parentCode))!;
      const calendar = await queryCalendar(database);
      const series = [];
      for (const asOf of calendar.historyDates) {
        const { rows } = await evaluateOn(database, id, region.level as 'county' | 'township' | 'village', parent, asOf);
        const row = rows.find((r) => r.code === area)!;
        series.push({ asOf, value: row.value, numerator: row.numerator, denominator: row.denominator, expected: row.expected, rank: row.rank, of: rows.filter((r) => r.rank !== null).length });
      }
      return c.json({ measure: id, area: { code: region.code, name: region.name, level: region.level }, meetings: calendar.meetings, series }, 200);
    });
