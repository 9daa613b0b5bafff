/**
 * Measures: the catalogue, one measure's values for every area of a level (no geometry: the client
 * joins them to the cached boundaries by code), an area's history, and the dates the data knows.
 */
import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../app.ts';
import {
  DatesInfo,
  MeasureCatalogue,
  MeasureHistory,
  MeasureHistoryQuery,
  MeasureParam,
  MeasureQuery,
  MeasureValues,
} from '../contracts/measures.ts';
import { levelDepth } from '../contracts/regions.ts';
import type { Database } from '../db/client.ts';
import { queryAreaFacts, type AreaFacts } from '../db/queries/area-facts.ts';
import { queryCalendar, querySetting, queryTargets, type Calendar } from '../db/queries/calendar.ts';
import { findRegion, type RegionRef } from '../db/queries/regions.ts';
import { measureFamily, measureInputs, measureKeys } from '../domain/area-facts.ts';
import { protectCount, type DisclosureScope } from '../domain/disclosure.ts';
import { disclosureOf, type Disclosure } from '../auth/disclosure.ts';
import { evaluateMeasure } from '../domain/evaluate.ts';
import { getMeasure, measureCatalogue, measureGroupNames, measureValue, type MeasureId } from '../domain/measures.ts';
import { resolveTarget, type TargetConfig, type TargetRow } from '../domain/time-target.ts';
import { HttpError } from '../errors.ts';
import { requires } from '../auth/context.ts';
import { ErrorBody, jsonResponse, newRouter } from '../http.ts';

const errors = {
  400: jsonResponse('Invalid parameter (named in the message, with the allowed values)', ErrorBody),
  404: jsonResponse('Unknown area', ErrorBody),
};

/** Minimum dividend rate (percent) for dividend compliance when no setting exists. */
const defaultDividendMinPct = 5;

export function checkDate(calendar: Calendar, date: string, param: string) {
  const first = calendar.historyDates[0];
  const last = calendar.defaultAsOf;
  if (!first || !last) throw new HttpError(404, 'There is no progress data yet: import a ledger or start with DEMO_DATA=on.');
  const latest = [last, calendar.historyDates.at(-1)!].sort().at(-1)!;
  if (date < first || date > latest) {
    throw new HttpError(400, `${param}: ${date} is outside the data; choose a date from ${first} to ${latest}.`);
  }
}

export async function resolveParent(database: Database, code: string, level: 'county' | 'township' | 'village'): Promise<RegionRef> {
  const parent = await findRegion(database, code);
  if (!parent)
    throw new HttpError(
      404,
      `parent: no division with code ${code}. Use the city, a county or a township code (GET /api/meta names the city).`,
    );
  if (levelDepth[parent.level] >= levelDepth[level]) {
    throw new HttpError(
      400,
      `parent: ${code} (${parent.name}) is a ${parent.level}; it must be above level "${level}" (city > county > township > village).`,
    );
  }
  return parent;
}

/**
 * The published numerator and denominator of a row: as they are for non-household measures or an
 * exact scope, else through `protectCount` (null = suppressed "<5", flagged `suppressed`).
 */
function publishInputs(
  r: { numerator: number; denominator: number | null },
  keys: { numerator: number; denominator: number | null } | null,
  scope: DisclosureScope,
): { numerator: number | null; denominator: number | null; suppressed: boolean } {
  if (!keys || scope === 'exact') return { ...r, suppressed: false };
  const numerator = protectCount(r.numerator, keys.numerator);
  const denominator = r.denominator === null ? null : protectCount(r.denominator, keys.denominator ?? 0);
  return { numerator, denominator, suppressed: numerator === null || (r.denominator !== null && denominator === null) };
}

/** The targets of the year of `asOf` and the facts of the families the measures `ids` need, for every area of `level` under `parent`. */
async function factsFor(
  database: Database,
  ids: readonly MeasureId[],
  level: 'county' | 'township' | 'village',
  parent: RegionRef,
  asOf: string,
  disclosure: Disclosure,
  codes?: readonly string[],
) {
  const year = Number(asOf.slice(0, 4));
  // Targets and the facts are independent: on a server pool they run at the same time.
  const [targets, facts] = await Promise.all([
    queryTargets(database, year),
    querySetting(database, 'dividend_min_rate_pct', defaultDividendMinPct).then((min) =>
      queryAreaFacts(database, {
        level,
        parent,
        asOf,
        dividendMinPct: Number(min),
        families: [...new Set(ids.map((id) => measureFamily[id]))],
        secret: disclosure.secret,
        codes,
      }),
    ),
  ]);
  return { targets, facts };
}

/** Evaluate one measure on the facts of every area (the one evaluation the API, the deck and the OGC service share). */
function evaluateFacts(id: MeasureId, facts: AreaFacts[], targets: TargetRow[], asOf: string, disclosure: Disclosure) {
  const measure = getMeasure(id);
  const year = Number(asOf.slice(0, 4));
  const exact = facts.map((f) => ({ code: f.code, name: f.name, ...measureInputs(id, f) }));
  // Household measures publish protected counts (docs/security.md): the value is computed from them.
  const keys = facts.map((f) => measureKeys(id, f));
  const inputs = exact.map((r, i) => ({ ...r, ...publishInputs(r, keys[i], disclosure.scope) }));
  const target: TargetConfig | undefined = resolveTarget(targets, id, year);
  const rows = evaluateMeasure(measure, inputs, { asOf, target }).map((r, i) =>
    inputs[i].suppressed ? { ...r, suppressed: true as const } : r,
  );
  const totalExact = {
    numerator: exact.reduce((s, r) => s + r.numerator, 0),
    denominator: measure.denominatorUnit ? exact.reduce((s, r) => s + (r.denominator ?? 0), 0) : null,
  };
  const totalKeys = keys[0]
    ? { numerator: keys.reduce((s, k) => s + k!.numerator, 0), denominator: keys.reduce((s, k) => s + (k!.denominator ?? 0), 0) }
    : null;
  const { numerator, denominator } = publishInputs(totalExact, totalKeys, disclosure.scope);
  return { measure, target, rows, total: { numerator, denominator, value: measureValue(measure, numerator, denominator) } };
}

/** Evaluate one measure for every area of `level` under `parent` on `asOf`. */
export async function evaluateOn(
  database: Database,
  id: MeasureId,
  level: 'county' | 'township' | 'village',
  parent: RegionRef,
  asOf: string,
  disclosure: Disclosure,
) {
  const { targets, facts } = await factsFor(database, [id], level, parent, asOf, disclosure);
  return evaluateFacts(id, facts, targets, asOf, disclosure);
}

/**
 * Evaluate several measures for every area of `level` under `parent` on `asOf`: one facts query per
 * fact family (one query joining every family is several times slower at village level), results in
 * the order of `ids`.
 */
export async function evaluateManyOn(
  database: Database,
  ids: readonly MeasureId[],
  level: 'county' | 'township' | 'village',
  parent: RegionRef,
  asOf: string,
  disclosure: Disclosure,
  /** Only these areas (their values do not depend on the others'; ranks and totals do). */
  codes?: readonly string[],
) {
  const families = [...new Set(ids.map((id) => measureFamily[id]))];
  const byFamily = await Promise.all(
    families.map(async (family) => {
      const members = ids.filter((id) => measureFamily[id] === family);
      const { targets, facts } = await factsFor(database, members, level, parent, asOf, disclosure, codes);
      return members.map((id) => [id, evaluateFacts(id, facts, targets, asOf, disclosure)] as const);
    }),
  );
  const results = new Map(byFamily.flat());
  return ids.map((id) => results.get(id)!);
}

/** The answer of GET /measures/{id} from an evaluation (the area ledger's export reads the same). */
export function measureAnswer(
  now: ReturnType<typeof evaluateFacts> & { rows: MeasureValues['rows'] },
  level: 'county' | 'township' | 'village',
  parent: RegionRef,
  asOf: string,
  compareTo: string | null = null,
): MeasureValues {
  return {
    measure: now.measure,
    level,
    parent: { code: parent.code, name: parent.name, level: parent.level },
    asOf,
    compareTo,
    expected: now.rows[0]?.expected ?? null,
    target: now.target ?? null,
    total: now.total,
    rankedCount: now.rows.filter((r) => r.rank !== null).length,
    rows: now.rows,
  };
}

const routes = {
  catalogue: createRoute({
    method: 'get',
    path: '/measures',
    ...requires('aggregates:read'),
    tags: ['measures'],
    summary: 'The measure catalogue: names, formulas, units, direction, groups',
    responses: { 200: jsonResponse('Catalogue', MeasureCatalogue) },
  }),
  dates: createRoute({
    method: 'get',
    path: '/dates',
    ...requires('aggregates:read'),
    tags: ['measures'],
    summary: 'Dispatch meetings, monthly history dates and the default as-of date',
    responses: { 200: jsonResponse('Calendar', DatesInfo) },
  }),
  values: createRoute({
    method: 'get',
    path: '/measures/{id}',
    ...requires('aggregates:read'),
    tags: ['measures'],
    summary: 'One measure for every area of a level under a parent: value, numerator, denominator, 序时进度, lag, status, rank',
    description:
      'Values only, never geometry: join to GET /regions by code. With compareTo, each row also carries its earlier value, rank and the change in points.',
    request: { params: MeasureParam, query: MeasureQuery },
    responses: { 200: jsonResponse('Rows per area', MeasureValues), ...errors },
  }),
  history: createRoute({
    method: 'get',
    path: '/measures/{id}/history',
    ...requires('aggregates:read'),
    tags: ['measures'],
    summary: "One area's value on every history date (month ends and meeting cut-offs) with the expected value",
    request: { params: MeasureParam, query: MeasureHistoryQuery },
    responses: { 200: jsonResponse('Series', MeasureHistory), ...errors },
  }),
};

export const measureRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(routes.catalogue, (c) =>
      c.json({ groups: measureGroupNames, measures: [...measureCatalogue] }, 200, { 'Cache-Control': 'public, max-age=3600' }),
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
      const disclosure = await disclosureOf(c, database, parent);
      const [now, before] = await Promise.all([
        evaluateOn(database, id, q.level, parent, asOf, disclosure),
        q.compareTo ? evaluateOn(database, id, q.level, parent, q.compareTo, disclosure) : undefined,
      ]);
      const prev = new Map(before?.rows.map((r) => [r.code, r]));
      const rows = now.rows.map((r) => {
        if (!before) return r;
        const p = prev.get(r.code);
        const change = r.value !== null && p?.value != null ? Math.round((r.value - p.value) * 1e9) / 1e9 : null;
        return { ...r, previous: { value: p?.value ?? null, rank: p?.rank ?? null, expected: p?.expected ?? null }, change };
      });
      return c.json(measureAnswer({ ...now, rows }, q.level, parent, asOf, q.compareTo ?? null), 200, {
        'Cache-Control': 'private, max-age=60',
      });
    })
    .openapi(routes.history, async (c) => {
      const { id } = c.req.valid('param');
      const { area } = c.req.valid('query');
      const region = await findRegion(database, area);
      if (!region) throw new HttpError(404, `area: no division with code ${area}.`);
      if (region.level === 'city' || !region.parentCode)
        throw new HttpError(
          400,
          `area: ${area} is the ${region.level === 'province' ? 'province' : 'city'}; choose a county, township or village.`,
        );
      const parent = (await findRegion(database, region.parentCode))!;
      const calendar = await queryCalendar(database);
      const disclosure = await disclosureOf(c, database, region);
      const series = [];
      for (const asOf of calendar.historyDates) {
        const { rows } = await evaluateOn(database, id, region.level as 'county' | 'township' | 'village', parent, asOf, disclosure);
        const row = rows.find((r) => r.code === area)!;
        series.push({
          asOf,
          value: row.value,
          numerator: row.numerator,
          denominator: row.denominator,
          expected: row.expected,
          rank: row.rank,
          of: rows.filter((r) => r.rank !== null).length,
        });
      }
      return c.json(
        { measure: id, area: { code: region.code, name: region.name, level: region.level }, meetings: calendar.meetings, series },
        200,
      );
    });
