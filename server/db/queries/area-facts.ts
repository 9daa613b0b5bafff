/**
 * Area facts: the sums and counts behind every measure, aggregated by PostGIS/SQL for each area of
 * one level under an ancestor, as of a date. The measure engine (server/domain) turns facts into
 * numerators, denominators, values, targets and ranks; no project or household row reaches Node.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client.ts';
import type { RegionLevel } from '../../contracts/regions.ts';
import { completedStatuses, startedStatuses } from '../../contracts/enums.ts';
import { underAncestor, type RegionRef } from './regions.ts';
import { recordKey } from './record-key.ts';
import { withLabourCapacity } from '../../domain/labour.ts';
import type { AreaFacts, FactFamily } from '../../domain/area-facts.ts';

export type { AreaFacts, FactFamily };

/** Column that ties a ledger row to an area of each level (allowlist: never user text in SQL). */
const areaColumn: Record<Exclude<RegionLevel, 'province' | 'city'>, SQL> = {
  county: sql.raw('county_code'),
  township: sql.raw('township_code'),
  village: sql.raw('village_code'),
};

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

export interface AreaFactsQuery {
  level: Exclude<RegionLevel, 'province' | 'city'>;
  parent: RegionRef;
  /** YYYY-MM-DD; the project year is the year of this date. */
  asOf: string;
  /** Minimum dividend rate in percent for dividend compliance. */
  dividendMinPct: number;
  families?: readonly FactFamily[];
  /** Only these areas (e.g. one page of the OGC items): the facts of the others are not computed. */
  codes?: readonly string[];
  /** The server secret: keys the households' record keys (cell keys of the small-count protection); 0 keys without it. */
  secret?: string;
}

/** Build the SQL of the area-facts query (exported so the benchmark can run the same SQL directly). */
export function areaFactsSql(q: AreaFactsQuery): SQL {
  const col = areaColumn[q.level];
  const families = new Set(q.families ?? ['projects', 'pv', 'households']);
  const year = Number(q.asOf.slice(0, 4));
  const started = list(startedStatuses);
  const completed = list(completedStatuses);

  const projectsCte = families.has('projects')
    ? sql`      pj AS (
        SELECT p.${col} AS code,
          count(*)::int AS projects,
          sum(p.total_investment_wan)::float8 AS total_wan,
          sum(coalesce(s.arranged_wan, 0))::float8 AS arranged_wan,
          sum(coalesce(s.disbursed_wan, 0))::float8 AS disbursed_wan,
          sum(coalesce(s.spent_wan, 0))::float8 AS spent_wan,
          count(*) FILTER (WHERE s.status IN (${started}))::int AS started,
          count(*) FILTER (WHERE s.status IN (${completed}))::int AS completed,
          count(*) FILTER (WHERE p.planned_completion < ${q.asOf}::date AND (s.status IS NULL OR s.status NOT IN (${completed})))::int AS overdue,
          coalesce(sum(p.total_investment_wan) FILTER (WHERE p.category = 'industry'), 0)::float8 AS industry_total_wan,
          coalesce(sum(p.households_reached) FILTER (WHERE p.category = 'industry'), 0)::int AS industry_households_reached,
          count(*) FILTER (WHERE 'dividend' = ANY (p.linkages))::int AS dividend_linked,
          count(*) FILTER (WHERE 'dividend' = ANY (p.linkages) AND p.dividend_rate_pct >= ${q.dividendMinPct}::numeric)::int AS dividend_compliant
        FROM projects p
        -- The latest report on or before the date: one primary-key probe per project, whatever the statistics.
        LEFT JOIN LATERAL (
          SELECT pp.status, pp.arranged_wan, pp.disbursed_wan, pp.spent_wan FROM project_progress pp
          WHERE pp.project_code = p.code AND pp.as_of <= ${q.asOf}::date AND pp.as_of >= make_date(${year}::int, 1, 1)
          ORDER BY pp.as_of DESC LIMIT 1
        ) s ON true
        WHERE p.year = ${year} AND p.${col} IN (SELECT code FROM areas)
        GROUP BY 1
      )`
    : sql`pj AS (SELECT NULL::varchar AS code, 0 AS projects, 0 AS total_wan, 0 AS arranged_wan, 0 AS disbursed_wan, 0 AS spent_wan,
        0 AS started, 0 AS completed, 0 AS overdue, 0 AS industry_total_wan, 0 AS industry_households_reached, 0 AS dividend_linked,
        0 AS dividend_compliant WHERE false)`;

  const pvCte = families.has('pv')
    ? sql`pv AS (
        SELECT st.${col} AS code, count(*)::int AS pv_stations,
          count(*) FILTER (WHERE st.registered AND st.registered_date <= ${q.asOf}::date)::int AS pv_registered
        FROM pv_stations st WHERE st.${col} IN (SELECT code FROM areas) GROUP BY 1
      )`
    : sql`pv AS (SELECT NULL::varchar AS code, 0 AS pv_stations, 0 AS pv_registered WHERE false)`;

  const three = sql`h.category IN ('not_lifted', 'edge', 'monitored')`;
  const rk = q.secret ? recordKey(q.secret) : sql`0`;
  const keyOf = (filter: SQL) => sql`coalesce(sum(${rk}) FILTER (WHERE ${filter}), 0)::int`;
  const withLabour = sql`h.labour IN (${list(withLabourCapacity)})`;
  const hhCte = families.has('households')
    ? sql`hh AS (
        SELECT h.${col} AS code,
          count(*) FILTER (WHERE h.category = 'not_lifted')::int AS hh_not_lifted,
          count(*) FILTER (WHERE h.category = 'edge')::int AS hh_edge,
          count(*) FILTER (WHERE h.category = 'monitored')::int AS hh_monitored,
          count(*) FILTER (WHERE h.category = 'lifted')::int AS hh_lifted,
          count(*) FILTER (WHERE ${three} AND ${withLabour})::int AS hh_three_with_labour,
          count(*) FILTER (WHERE ${three} AND ${withLabour} AND h.industry_measures >= 2)::int AS hh_three_with_labour_two_measures,
          count(*) FILTER (WHERE ${three} AND h.labour = 'none')::int AS hh_three_labour_none,
          count(*) FILTER (WHERE ${three} AND h.labour = 'weak')::int AS hh_three_labour_weak,
          count(*) FILTER (WHERE ${three} AND h.labour = 'full')::int AS hh_three_labour_full,
          ${keyOf(sql`h.category = 'not_lifted'`)} AS k_not_lifted,
          ${keyOf(sql`h.category = 'edge'`)} AS k_edge,
          ${keyOf(sql`h.category = 'monitored'`)} AS k_monitored,
          ${keyOf(sql`${three} AND ${withLabour}`)} AS k_three_with_labour,
          ${keyOf(sql`${three} AND ${withLabour} AND h.industry_measures >= 2`)} AS k_three_with_labour_two_measures
        FROM households h WHERE h.${col} IN (SELECT code FROM areas) GROUP BY 1
      )`
    : sql`hh AS (SELECT NULL::varchar AS code, 0 AS hh_not_lifted, 0 AS hh_edge, 0 AS hh_monitored, 0 AS hh_lifted,
        0 AS hh_three_with_labour, 0 AS hh_three_with_labour_two_measures, 0 AS hh_three_labour_none,
        0 AS hh_three_labour_weak, 0 AS hh_three_labour_full, 0 AS k_not_lifted, 0 AS k_edge, 0 AS k_monitored,
        0 AS k_three_with_labour, 0 AS k_three_with_labour_two_measures WHERE false)`;

  return sql`
    WITH areas AS (SELECT r.code, r.name FROM regions r WHERE r.level = ${q.level} AND ${underAncestor(q.parent)}
      ${q.codes ? (q.codes.length ? sql`AND r.code IN (${list(q.codes)})` : sql`AND false`) : sql``}),
    ${projectsCte}, ${pvCte}, ${hhCte}
    SELECT a.code, a.name,
      coalesce(pj.projects, 0) AS "projects", coalesce(pj.total_wan, 0) AS "totalWan",
      coalesce(pj.arranged_wan, 0) AS "arrangedWan", coalesce(pj.disbursed_wan, 0) AS "disbursedWan",
      coalesce(pj.spent_wan, 0) AS "spentWan", coalesce(pj.started, 0) AS "started",
      coalesce(pj.completed, 0) AS "completed", coalesce(pj.overdue, 0) AS "overdue",
      coalesce(pj.industry_total_wan, 0) AS "industryTotalWan",
      coalesce(pj.industry_households_reached, 0) AS "industryHouseholdsReached",
      coalesce(pj.dividend_linked, 0) AS "dividendLinked", coalesce(pj.dividend_compliant, 0) AS "dividendCompliant",
      coalesce(pv.pv_stations, 0) AS "pvStations", coalesce(pv.pv_registered, 0) AS "pvRegistered",
      coalesce(hh.hh_not_lifted, 0) AS "hhNotLifted", coalesce(hh.hh_edge, 0) AS "hhEdge",
      coalesce(hh.hh_monitored, 0) AS "hhMonitored", coalesce(hh.hh_lifted, 0) AS "hhLifted",
      coalesce(hh.hh_three_with_labour, 0) AS "hhThreeWithLabour",
      coalesce(hh.hh_three_with_labour_two_measures, 0) AS "hhThreeWithLabourTwoMeasures",
      coalesce(hh.hh_three_labour_none, 0) AS "hhThreeLabourNone", coalesce(hh.hh_three_labour_weak, 0) AS "hhThreeLabourWeak",
      coalesce(hh.hh_three_labour_full, 0) AS "hhThreeLabourFull",
      coalesce(hh.k_not_lifted, 0) AS "hhNotLiftedKey", coalesce(hh.k_edge, 0) AS "hhEdgeKey",
      coalesce(hh.k_monitored, 0) AS "hhMonitoredKey", coalesce(hh.k_three_with_labour, 0) AS "hhThreeWithLabourKey",
      coalesce(hh.k_three_with_labour_two_measures, 0) AS "hhThreeWithLabourTwoMeasuresKey"
    FROM areas a
    LEFT JOIN pj ON pj.code = a.code
    LEFT JOIN pv ON pv.code = a.code
    LEFT JOIN hh ON hh.code = a.code
    ORDER BY a.code`;
}

/** Facts of every area of `level` under `parent` as of `asOf`. */
export async function queryAreaFacts(database: Database, q: AreaFactsQuery): Promise<AreaFacts[]> {
  const rows = await database.rows<AreaFacts & Record<string, unknown>>(areaFactsSql(q));
  // postgres.js returns int/float8 as numbers already; PGlite too. Normalise defensively (numeric → string).
  // In place, without copying: thousands of village rows per request.
  for (const r of rows as Record<string, unknown>[]) {
    for (const k in r) if (k !== 'code' && k !== 'name' && typeof r[k] === 'string') r[k] = Number(r[k]);
  }
  return rows as AreaFacts[];
}
