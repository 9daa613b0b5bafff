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
import { underAncestor, type RegionRef } from './regions.ts';

const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);
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
export async function projectLayerJson(database: Database, q: Omit<ProjectLayerQuery, 'area'> & { asOf: string; area?: RegionRef }): Promise<string> {
  const conds: SQL[] = [];
  if (q.year) conds.push(sql`p.year = ${q.year}`);
  if (q.area) conds.push(inArea(q.area));
  if (q.category) conds.push(sql`p.category IN (${list(q.category)})`);
  if (q.mode) conds.push(sql`p.industry_mode IN (${list(q.mode)})`);
  if (q.responsibleLevel) conds.push(sql`p.responsible_level IN (${list(q.responsibleLevel)})`);
  if (q.fundingSource) conds.push(sql`(${sql.join(q.fundingSource.map((f) => sql`${fundColumn[f]} > 0`), sql` OR `)})`);
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

  const [row] = await database.rows<{ json: string }>(sql`
    WITH matched AS (
      SELECT p.code, p.name, p.year, p.county_code, p.township_code, p.village_code, p.category, p.industry_mode,
             p.total_investment_wan, p.households_reached, p.planned_completion, p.geom,
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
        'geometry', ST_AsGeoJSON(geom, 6)::json,
        'properties', json_build_object(
          'code', code, 'name', name, 'year', year, 'countyCode', county_code, 'townshipCode', township_code,
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
export async function pvLayerJson(database: Database, q: Omit<PvLayerQuery, 'area'> & { asOf: string; area?: RegionRef }): Promise<string> {
  const conds: SQL[] = [];
  if (q.area) conds.push(inArea(q.area, 'st'));
  if (q.type) conds.push(sql`st.type IN (${list(q.type)})`);
  const statusAsOf = sql`(CASE WHEN st.grid_date IS NOT NULL AND st.grid_date <= ${q.asOf}::date THEN 'grid_connected' ELSE 'building' END)`;
  const registeredAsOf = sql`(st.registered AND st.registered_date <= ${q.asOf}::date)`;
  if (q.status) conds.push(sql`${statusAsOf} IN (${list(q.status)})`);
  if (q.registered !== undefined) conds.push(q.registered ? registeredAsOf : sql`NOT ${registeredAsOf}`);
  const bbox = bboxCond(q.bbox, 'st.geom');
  if (bbox) conds.push(bbox);
  const [row] = await database.rows<{ json: string }>(sql`
    WITH matched AS (
      SELECT st.*, ${statusAsOf} AS status_as_of, ${registeredAsOf} AS registered_as_of FROM pv_stations st WHERE ${and(conds)}
    ),
    page AS (SELECT * FROM matched WHERE geom IS NOT NULL ORDER BY code LIMIT ${q.limit} OFFSET ${q.offset})
    SELECT json_build_object(
      'type', 'FeatureCollection',
      'features', coalesce((SELECT json_agg(json_build_object(
        'type', 'Feature',
        'geometry', ST_AsGeoJSON(geom, 6)::json,
        'properties', json_build_object(
          'code', code, 'name', name, 'type', type, 'capacityKw', capacity_kw::float8, 'status', status_as_of,
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

const areaColumn: Record<Exclude<RegionLevel, 'city'>, SQL> = {
  county: sql.raw('county_code'),
  township: sql.raw('township_code'),
  village: sql.raw('village_code'),
};

/** Household counts per area of a level under `parent`, by category and labour capacity. */
export async function householdCountsByArea(
  database: Database,
  q: HouseholdAggregateQuery & { parentRef: RegionRef },
): Promise<HouseholdAreaCounts[]> {
  const col = areaColumn[q.level];
  return database.rows<HouseholdAreaCounts & Record<string, unknown>>(sql`
    WITH areas AS (SELECT r.code, r.name FROM regions r WHERE r.level = ${q.level} AND ${underAncestor(q.parentRef)}),
    c AS (
      SELECT h.${col} AS code, count(*)::int AS total,
        count(*) FILTER (WHERE h.category = 'not_lifted')::int AS not_lifted,
        count(*) FILTER (WHERE h.category = 'edge')::int AS edge,
        count(*) FILTER (WHERE h.category = 'monitored')::int AS monitored,
        count(*) FILTER (WHERE h.category = 'lifted')::int AS lifted,
        count(*) FILTER (WHERE h.labour = 'none')::int AS labour_none,
        count(*) FILTER (WHERE h.labour = 'weak')::int AS labour_weak,
        count(*) FILTER (WHERE h.labour = 'full')::int AS labour_full
      FROM households h WHERE h.${col} IN (SELECT code FROM areas) AND ${and(householdConds(q))} GROUP BY 1
    )
    SELECT a.code, a.name, coalesce(c.total, 0) AS total, coalesce(c.not_lifted, 0) AS "notLifted", coalesce(c.edge, 0) AS edge,
      coalesce(c.monitored, 0) AS monitored, coalesce(c.lifted, 0) AS lifted, coalesce(c.labour_none, 0) AS "labourNone",
      coalesce(c.labour_weak, 0) AS "labourWeak", coalesce(c.labour_full, 0) AS "labourFull"
    FROM areas a LEFT JOIN c ON c.code = a.code ORDER BY a.code`);
}

/**
 * Household density on a hexagon grid (edge ≈ `size` metres on the ground) over the area `parent`:
 * GeoJSON of cells with at least `minHouseholdsPerCell` households; smaller cells are suppressed so a
 * cell never singles out a household. Counts per category in each cell; no ids, no points.
 */
export async function householdHexJson(database: Database, q: HouseholdHexQuery & { parentRef: RegionRef }): Promise<string> {
  const size = Number(q.size);
  const [row] = await database.rows<{ json: string }>(sql`
    WITH hh AS (
      SELECT ST_Transform(h.geom, 3857) AS m, ST_Y(h.geom) AS lat, h.category FROM households h
      WHERE h.geom IS NOT NULL AND ${inArea(q.parentRef, 'h')} AND ${and(householdConds(q))}
    ),
    -- Web Mercator stretches distances by 1 / cos(latitude): scale the edge so cells are ~size metres on the ground.
    params AS (SELECT ${size}::float8 / cos(radians(coalesce((min(lat) + max(lat)) / 2, 0))) AS s FROM hh),
    -- Pointy-top hexagons in axial coordinates, cube-rounded: each household falls in exactly one cell.
    axial AS (
      SELECT (sqrt(3) / 3 * ST_X(m) - ST_Y(m) / 3) / s AS qf, (2.0 / 3 * ST_Y(m)) / s AS rf, category FROM hh, params
    ),
    rounded AS (
      SELECT round(qf) AS rx, round(-qf - rf) AS ry, round(rf) AS rz,
        abs(round(qf) - qf) AS dx, abs(round(-qf - rf) - (-qf - rf)) AS dy, abs(round(rf) - rf) AS dz, category
      FROM axial
    ),
    cell_of AS (
      SELECT CASE WHEN dx > dy AND dx > dz THEN -ry - rz ELSE rx END AS q,
             CASE WHEN dx > dy AND dx > dz THEN rz WHEN dy > dz THEN rz ELSE -rx - ry END AS r, category
      FROM rounded
    ),
    counted AS (
      SELECT q, r, count(*)::int AS total,
        count(*) FILTER (WHERE category = 'not_lifted')::int AS not_lifted,
        count(*) FILTER (WHERE category = 'edge')::int AS edge,
        count(*) FILTER (WHERE category = 'monitored')::int AS monitored,
        count(*) FILTER (WHERE category = 'lifted')::int AS lifted
      FROM cell_of GROUP BY q, r
    ),
    cells AS (
      SELECT c.*, c.q AS i, c.r AS j,
        CASE WHEN c.total >= ${minHouseholdsPerCell} THEN ST_Transform(ST_SetSRID(ST_MakePolygon(ST_MakeLine(ARRAY(
          SELECT ST_MakePoint(p.s * sqrt(3) * (c.q + c.r / 2.0) + p.s * cos(radians(30 + 60 * (k % 6))),
                              p.s * 1.5 * c.r + p.s * sin(radians(30 + 60 * (k % 6))))
          FROM generate_series(0, 6) AS k ORDER BY k))), 3857), 4326) END AS geom
      FROM counted c, params p
    )
    SELECT json_build_object(
      'type', 'FeatureCollection',
      'features', coalesce((SELECT json_agg(json_build_object(
        'type', 'Feature',
        'geometry', ST_AsGeoJSON(geom, 5)::json,
        'properties', json_build_object('total', total, 'notLifted', not_lifted, 'edge', edge, 'monitored', monitored, 'lifted', lifted)
      ) ORDER BY i, j) FROM cells WHERE total >= ${minHouseholdsPerCell}), '[]'::json),
      'meta', json_build_object('sizeM', ${size}::int, 'minPerCell', ${minHouseholdsPerCell}::int,
        'households', (SELECT count(*) FROM hh),
        'suppressedHouseholds', coalesce((SELECT sum(total) FROM cells WHERE total < ${minHouseholdsPerCell}), 0))
    )::text AS json`);
  return row.json;
}
