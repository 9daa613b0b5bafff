/**
 * Map layers from PostGIS: project and PV-station points (GeoJSON text built by the database), and
 * household AGGREGATES (per area, per hexagon). Household rows, ids and locations never leave here.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { completedStatuses } from '../../contracts/enums.ts';
import type { FundingSource, HouseholdAggregateQuery, HouseholdHexQuery, ProjectLayerQuery, PvLayerQuery } from '../../contracts/layers.ts';
import { minHouseholdsPerCell, type HouseholdAreaCounts } from '../../contracts/layers.ts';

export type { HouseholdAreaCounts };
import type { RegionLevel } from '../../contracts/regions.ts';
import { countiesOfProvince, underAncestor, type RegionRef } from './regions.ts';
import { recordKey } from './record-key.ts';
import {
  generalisedDecimals,
  protectCount,
  protectKeyed,
  smallCountLimit,
  sumKeyed,
  type DisclosureScope,
  type KeyedCount,
} from '../../domain/disclosure.ts';

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
const and = (conds: SQL[]) => (conds.length ? sql.join(conds, sql` AND `) : sql`true`);

/** The latest data cut-off of any dispatch meeting, or the latest progress date; null on an empty database. */
export async function latestCutOff(database: Database): Promise<string | null> {
  const [row] = await database.rows<{ d: string | null }>(sql`
    SELECT coalesce((SELECT max(cut_off) FROM meetings), (SELECT max(as_of) FROM project_progress))::text AS d`);
  return row?.d ?? null;
}

/** Rows of table alias `t` (with county/township/village code columns) under an area of any level. */
export function inArea(area: RegionRef, t = 'p'): SQL {
  const a = sql.raw(t);
  switch (area.level) {
    case 'province':
      return sql`${a}.county_code IN ${countiesOfProvince(area.code)}`;
    case 'city':
      return sql`${a}.county_code IN (SELECT code FROM regions WHERE parent_code = ${area.code} AND level = 'county')`;
    case 'county':
      return sql`${a}.county_code = ${area.code}`;
    case 'township':
      return sql`${a}.township_code = ${area.code}`;
    default:
      return sql`${a}.village_code = ${area.code}`;
  }
}

const fundColumn: Record<FundingSource, SQL> = {
  central: sql.raw('p.fund_central_wan'),
  province: sql.raw('p.fund_province_wan'),
  city: sql.raw('p.fund_city_wan'),
  county: sql.raw('p.fund_county_wan'),
  finance: sql.raw('p.fund_finance_wan'),
  bond: sql.raw('p.fund_bond_wan'),
  social: sql.raw('p.fund_social_wan'),
};

/**
 * The published geometry of a ledger row: its own, or — when `generalise` holds (a point standing for
 * one household, server/domain/disclosure.ts) — its village's label point, rounded to ~1 km.
 */
const generalised = (generalise: SQL, t: string) => {
  const a = sql.raw(t);
  const label = (col: string) => sql`(SELECT v.label_point FROM regions v WHERE v.code = ${a}.${sql.raw(col)})`;
  const anchor = sql`coalesce(${label('village_code')}, ${label('township_code')}, ${label('county_code')})`;
  return sql`CASE WHEN ${generalise} AND ${a}.geom IS NOT NULL THEN ST_SnapToGrid(${anchor}, ${10 ** -generalisedDecimals}::float8) ELSE ${a}.geom END`;
};

const bboxCond = (bbox: [number, number, number, number] | undefined, col: string) =>
  bbox ? sql`${sql.raw(col)} && ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326)` : undefined;

export interface ProjectLayerResult {
  /** GeoJSON FeatureCollection text with foreign member `meta`. */
  json: string;
}

/**
 * Projects matching the filters as GeoJSON (points, or lines/polygons for roads and irrigation),
 * with their status as of `asOf`. `meta` counts all matches, located or not, lists unlocated ones,
 * and gives the plan years of the area's projects (whatever the other filters: the year filter's choices).
 */
export async function projectLayerJson(
  database: Database,
  q: Omit<ProjectLayerQuery, 'area'> & { asOf: string; area?: RegionRef; exactCounty?: string | null; code?: string },
): Promise<string> {
  const conds: SQL[] = [];
  if (q.code !== undefined) conds.push(sql`p.code = ${q.code}`);
  if (q.year) conds.push(sql`p.year = ${q.year}`);
  if (q.area) conds.push(inArea(q.area));
  if (q.category) conds.push(sql`p.category IN (${list(q.category)})`);
  if (q.mode) conds.push(sql`p.industry_mode IN (${list(q.mode)})`);
  if (q.responsibleLevel) conds.push(sql`p.responsible_level IN (${list(q.responsibleLevel)})`);
  if (q.fundingSource)
    conds.push(
      sql`(${sql.join(
        q.fundingSource.map((f) => sql`${fundColumn[f]} > 0`),
        sql` OR `,
      )})`,
    );
  if (q.signed !== undefined) {
    const signed = sql`(p.sign_main_date IS NOT NULL AND p.sign_deputy_date IS NOT NULL)`;
    conds.push(q.signed ? signed : sql`NOT ${signed}`);
  }
  const completed = list(completedStatuses);
  const isOverdue = sql`(p.planned_completion < ${q.asOf}::date AND coalesce(s.status::text, 'planned') NOT IN (${completed}))`;
  const after: SQL[] = [];
  if (q.status) after.push(sql`coalesce(s.status::text, 'planned') IN (${list(q.status)})`);
  if (q.overdue !== undefined) after.push(q.overdue ? isOverdue : sql`NOT ${isOverdue}`);
  const bbox = bboxCond(q.bbox, 'p.geom');
  const generalise = sql`(p.category = 'housing' AND p.households_reached < ${smallCountLimit} AND p.county_code IS DISTINCT FROM ${q.exactCounty ?? null})`;

  const [row] = await database.rows<{ json: string }>(sql`
    WITH matched AS (
      SELECT p.code, p.name, p.year, p.county_code, p.township_code, p.village_code, p.category, p.industry_mode,
             p.total_investment_wan, p.households_reached, p.planned_completion, ${generalised(generalise, 'p')} AS geom,
             ${generalise} AS generalised,
             coalesce(s.status::text, 'planned') AS status, coalesce(s.spent_wan, 0) AS spent_wan, ${isOverdue} AS overdue
      FROM projects p
      LEFT JOIN LATERAL (
        SELECT pp.status, pp.spent_wan FROM project_progress pp
        WHERE pp.project_code = p.code AND pp.as_of <= ${q.asOf}::date ORDER BY pp.as_of DESC LIMIT 1
      ) s ON true
      WHERE ${and(conds)} AND ${and(after)}
    ),
    page AS (
      SELECT * FROM matched WHERE geom IS NOT NULL ${bbox ? sql`AND ${bboxCond(q.bbox, 'geom')}` : sql``}
      ORDER BY code LIMIT ${q.limit} OFFSET ${q.offset}
    )
    SELECT json_build_object(
      'type', 'FeatureCollection',
      'features', coalesce((SELECT json_agg(json_build_object(
        'type', 'Feature',
        'geometry', ST_AsGeoJSON(geom, CASE WHEN generalised THEN ${generalisedDecimals} ELSE 6 END)::json,
        'properties', json_build_object(
          'code', code, 'name', name, 'year', year, 'generalised', generalised, 'countyCode', county_code, 'townshipCode', township_code,
          'villageCode', village_code, 'category', category, 'mode', industry_mode, 'status', status,
          'overdue', overdue, 'totalWan', total_investment_wan::float8, 'spentWan', spent_wan::float8,
          'householdsReached', households_reached, 'plannedCompletion', planned_completion)
      ) ORDER BY code) FROM page), '[]'::json),
      'meta', json_build_object(
        'asOf', ${q.asOf}::text,
        'matched', (SELECT count(*) FROM matched),
        'located', (SELECT count(*) FROM matched WHERE geom IS NOT NULL),
        'inView', (SELECT count(*) FROM matched WHERE geom IS NOT NULL ${bbox ? sql`AND ${bboxCond(q.bbox, 'geom')}` : sql``}),
        'returned', (SELECT count(*) FROM page),
        'limit', ${q.limit}::int, 'offset', ${q.offset}::int,
        'unlocated', coalesce((SELECT json_agg(json_build_object('code', code, 'name', name, 'countyCode', county_code) ORDER BY code)
                      FROM (SELECT * FROM matched WHERE geom IS NOT NULL IS FALSE ORDER BY code LIMIT 500) u), '[]'::json),
        'unlocatedCount', (SELECT count(*) FROM matched WHERE geom IS NULL),
        'years', coalesce((SELECT json_agg(DISTINCT p.year ORDER BY p.year) FROM projects p WHERE ${q.area ? inArea(q.area) : sql`true`}), '[]'::json))
    )::text AS json`);
  return row.json;
}

/** PV stations matching the filters as GeoJSON points, status and registration as of `asOf`. */
export async function pvLayerJson(
  database: Database,
  q: Omit<PvLayerQuery, 'area'> & { asOf: string; area?: RegionRef; exactCounty?: string | null; code?: string },
): Promise<string> {
  const conds: SQL[] = [];
  if (q.code !== undefined) conds.push(sql`st.code = ${q.code}`);
  if (q.area) conds.push(inArea(q.area, 'st'));
  if (q.type) conds.push(sql`st.type IN (${list(q.type)})`);
  const statusAsOf = sql`(CASE WHEN st.grid_date IS NOT NULL AND st.grid_date <= ${q.asOf}::date THEN 'grid_connected' ELSE 'building' END)`;
  const registeredAsOf = sql`(st.registered AND st.registered_date <= ${q.asOf}::date)`;
  if (q.status) conds.push(sql`${statusAsOf} IN (${list(q.status)})`);
  if (q.registered !== undefined) conds.push(q.registered ? registeredAsOf : sql`NOT ${registeredAsOf}`);
  // The bounding box filters on the published (possibly generalised) point, so it cannot locate a household.
  const bbox = bboxCond(q.bbox, 'geom');
  const generalise = sql`(st.type = 'household' AND st.county_code IS DISTINCT FROM ${q.exactCounty ?? null})`;
  const [row] = await database.rows<{ json: string }>(sql`
    WITH located AS (
      SELECT st.code, st.name, st.type, st.capacity_kw, st.county_code, st.village_code, st.households_reached, st.yearly_income_wan,
        ${generalised(generalise, 'st')} AS geom, ${generalise} AS generalised,
        ${statusAsOf} AS status_as_of, ${registeredAsOf} AS registered_as_of FROM pv_stations st WHERE ${and(conds)}
    ),
    matched AS (SELECT * FROM located ${bbox ? sql`WHERE ${bbox}` : sql``}),
    page AS (SELECT * FROM matched WHERE geom IS NOT NULL ORDER BY code LIMIT ${q.limit} OFFSET ${q.offset})
    SELECT json_build_object(
      'type', 'FeatureCollection',
      'features', coalesce((SELECT json_agg(json_build_object(
        'type', 'Feature',
        'geometry', ST_AsGeoJSON(geom, CASE WHEN generalised THEN ${generalisedDecimals} ELSE 6 END)::json,
        'properties', json_build_object(
          'code', code, 'name', name, 'type', type, 'generalised', generalised, 'capacityKw', capacity_kw::float8, 'status', status_as_of,
          'registered', registered_as_of, 'countyCode', county_code, 'villageCode', village_code,
          'householdsReached', households_reached, 'yearlyIncomeWan', yearly_income_wan::float8)
      ) ORDER BY code) FROM page), '[]'::json),
      'meta', json_build_object('asOf', ${q.asOf}::text, 'matched', (SELECT count(*) FROM matched),
        'returned', (SELECT count(*) FROM page), 'unlocatedCount', (SELECT count(*) FROM matched WHERE geom IS NULL),
        'limit', ${q.limit}::int, 'offset', ${q.offset}::int)
    )::text AS json`);
  return row.json;
}

const householdConds = (q: { category?: string[]; labour?: string[] }) => {
  const conds: SQL[] = [];
  if (q.category) conds.push(sql`h.category IN (${list(q.category)})`);
  if (q.labour) conds.push(sql`h.labour IN (${list(q.labour)})`);
  return conds;
};

const areaColumn: Record<Exclude<RegionLevel, 'province' | 'city'>, SQL> = {
  county: sql.raw('county_code'),
  township: sql.raw('township_code'),
  village: sql.raw('village_code'),
};

/** `count(*)` and the sum of record keys of the rows matching `filter` (names `<name>` and `<name>_k`). */
const keyedCount = (name: string, filter: SQL | null, rk: SQL | string) => {
  const key = typeof rk === 'string' ? sql.raw(rk) : rk;
  const f = filter ? sql` FILTER (WHERE ${filter})` : sql``;
  return sql`count(*)${f}::int AS ${sql.raw(name)}, coalesce(sum(${key})${f}, 0)::int AS ${sql.raw(`${name}_k`)}`;
};

const areaCountColumns = [
  ['total', null],
  ['notLifted', sql`h.category = 'not_lifted'`],
  ['edge', sql`h.category = 'edge'`],
  ['monitored', sql`h.category = 'monitored'`],
  ['lifted', sql`h.category = 'lifted'`],
  ['labourNone', sql`h.labour = 'none'`],
  ['labourWeak', sql`h.labour = 'weak'`],
  ['labourFull', sql`h.labour = 'full'`],
] as const satisfies readonly (readonly [keyof HouseholdAreaCounts, SQL | null])[];

/**
 * Household counts per area of a level under `parent`, by category and labour capacity; published
 * through `protectCount` for a protected scope (counts 1–4 suppressed, others rounded to 5).
 */
export async function householdCountsByArea(
  database: Database,
  q: HouseholdAggregateQuery & { parentRef: RegionRef; scope: DisclosureScope; secret: string },
): Promise<{ rows: HouseholdAreaCounts[]; total: number | null }> {
  const col = areaColumn[q.level];
  const rows = await database.rows<Record<string, string | number>>(sql`
    WITH areas AS (SELECT r.code, r.name FROM regions r WHERE r.level = ${q.level} AND ${underAncestor(q.parentRef)}),
    c AS (
      SELECT h.${col} AS code, ${sql.join(
        areaCountColumns.map(([name, filter]) => keyedCount(name, filter, recordKey(q.secret))),
        sql`, `,
      )}
      FROM households h WHERE h.${col} IN (SELECT code FROM areas) AND ${and(householdConds(q))} GROUP BY 1
    )
    SELECT a.code, a.name, ${sql.join(
      areaCountColumns.map(
        ([name]) => sql`coalesce(c.${sql.raw(name)}, 0) AS "${sql.raw(name)}", coalesce(c.${sql.raw(name)}_k, 0) AS "${sql.raw(name)}_k"`,
      ),
      sql`, `,
    )}
    FROM areas a LEFT JOIN c ON c.code = a.code ORDER BY a.code`);
  const published = rows.map((r) => {
    const out: Record<string, unknown> = { code: r.code, name: r.name };
    for (const [name] of areaCountColumns) out[name] = protectCount(Number(r[name]), Number(r[`${name}_k`]), q.scope);
    return out as unknown as HouseholdAreaCounts;
  });
  // The total over all areas is a cell of its own (its key is the sum of the areas' keys).
  const total = protectKeyed(sumKeyed(rows.map((r) => ({ value: Number(r.total), keySum: Number(r.total_k) }))), q.scope);
  return { rows: published, total };
}

/**
 * Household density on a hexagon grid (edge ≈ `size` metres on the ground) over the area `parent`:
 * GeoJSON of cells with at least `minHouseholdsPerCell` households; smaller cells are suppressed so a
 * cell never singles out a household. Counts per category in each cell; no ids, no points. For a
 * protected scope every count (and the meta totals) goes through `protectCount`.
 */
export async function householdHexJson(
  database: Database,
  q: HouseholdHexQuery & { parentRef: RegionRef; scope: DisclosureScope; secret: string },
): Promise<string> {
  const size = Number(q.size);
  const rows = await database.rows<Record<string, string | number | null>>(sql`
    WITH hh AS (
      SELECT ST_Transform(h.geom, 3857) AS m, ST_Y(h.geom) AS lat, h.category, ${recordKey(q.secret)} AS rk FROM households h
      WHERE h.geom IS NOT NULL AND ${inArea(q.parentRef, 'h')} AND ${and(householdConds(q))}
    ),
    -- Web Mercator stretches distances by 1 / cos(latitude): scale the edge so cells are ~size metres on the ground.
    params AS (SELECT ${size}::float8 / cos(radians(coalesce((min(lat) + max(lat)) / 2, 0))) AS s FROM hh),
    -- Pointy-top hexagons in axial coordinates, cube-rounded: each household falls in exactly one cell.
    axial AS (
      SELECT (sqrt(3) / 3 * ST_X(m) - ST_Y(m) / 3) / s AS qf, (2.0 / 3 * ST_Y(m)) / s AS rf, category, rk FROM hh, params
    ),
    rounded AS (
      SELECT round(qf) AS rx, round(-qf - rf) AS ry, round(rf) AS rz,
        abs(round(qf) - qf) AS dx, abs(round(-qf - rf) - (-qf - rf)) AS dy, abs(round(rf) - rf) AS dz, category, rk
      FROM axial
    ),
    cell_of AS (
      SELECT CASE WHEN dx > dy AND dx > dz THEN -ry - rz ELSE rx END AS q,
             CASE WHEN dx > dy AND dx > dz THEN rz WHEN dy > dz THEN rz ELSE -rx - ry END AS r, category, rk
      FROM rounded
    ),
    counted AS (
      SELECT q, r, ${keyedCount('total', null, 'rk')},
        ${keyedCount('not_lifted', sql`category = 'not_lifted'`, 'rk')},
        ${keyedCount('edge', sql`category = 'edge'`, 'rk')},
        ${keyedCount('monitored', sql`category = 'monitored'`, 'rk')},
        ${keyedCount('lifted', sql`category = 'lifted'`, 'rk')}
      FROM cell_of GROUP BY q, r
    )
    SELECT c.*, CASE WHEN c.total >= ${minHouseholdsPerCell} THEN ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_MakePolygon(ST_MakeLine(ARRAY(
          SELECT ST_MakePoint(p.s * sqrt(3) * (c.q + c.r / 2.0) + p.s * cos(radians(30 + 60 * (k % 6))),
                              p.s * 1.5 * c.r + p.s * sin(radians(30 + 60 * (k % 6))))
          FROM generate_series(0, 6) AS k ORDER BY k))), 3857), 4326), 5) END AS geom
    FROM counted c, params p ORDER BY c.q, c.r`);
  const keyed = (r: Record<string, unknown>, name: string): KeyedCount => ({ value: Number(r[name]), keySum: Number(r[`${name}_k`]) });
  const publish = (k: KeyedCount) => protectKeyed(k, q.scope);
  const shown = rows.filter((r) => Number(r.total) >= minHouseholdsPerCell);
  const hidden = rows.filter((r) => Number(r.total) < minHouseholdsPerCell);
  const features = shown.map((r) => ({
    type: 'Feature',
    geometry: JSON.parse(String(r.geom)),
    properties: {
      total: publish(keyed(r, 'total')),
      notLifted: publish(keyed(r, 'not_lifted')),
      edge: publish(keyed(r, 'edge')),
      monitored: publish(keyed(r, 'monitored')),
      lifted: publish(keyed(r, 'lifted')),
    },
  }));
  const meta = {
    sizeM: size,
    minPerCell: minHouseholdsPerCell,
    households: publish(sumKeyed(rows.map((r) => keyed(r, 'total')))),
    suppressedHouseholds: publish(sumKeyed(hidden.map((r) => keyed(r, 'total')))),
    disclosure: q.scope,
  };
  return JSON.stringify({ type: 'FeatureCollection', features, meta });
}
