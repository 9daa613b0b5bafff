/**
 * Siting queries: the catchment of a candidate site (everything within a radius, on the geography
 * type so distances are metres on the ellipsoid, through the GiST expression indexes on
 * `geom::geography`) and the per-village inputs of the suggestion score. Household rows never leave
 * this module: only counts per category × labour capacity.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client.ts';
import type { LngLat, SitingSite } from '../../contracts/siting.ts';
import type { CatchmentCell } from '../../domain/siting-counts.ts';
import { sumKeyed, type KeyedCount } from '../../domain/disclosure.ts';
import { HttpError } from '../../errors.ts';
import { recordKey } from './record-key.ts';
import { rootArea } from './root-area.ts';

/** Three groups (未脱贫户, 边缘户, 风险监测户): the households siting is about. */
const threeGroups = sql`('not_lifted', 'edge', 'monitored')`;
/** Existing industry projects: located, of the industry category, not suspended. */
const existingIndustry = (p: string) => sql.raw(`${p}.category = 'industry' AND ${p}.geom IS NOT NULL AND ${p}.status <> 'suspended'`);

/** A resolved site: its geometry as GeoJSON text (EPSG:4326), centre and place. */
export interface ResolvedSite {
  kind: SitingSite['kind'];
  geojson: string;
  centre: LngLat;
  countyCode: string | null;
  villageCode: string | null;
  label: string;
}

const siteGeom = (s: ResolvedSite) => sql`ST_SetSRID(ST_GeomFromGeoJSON(${s.geojson}), 4326)`;

/**
 * Resolve and check a site: a point must lie in the city, a drawn range must be a valid (not
 * self-intersecting) polygon touching the city, a village must exist. Answers 400 otherwise.
 */
export async function resolveSite(database: Database, site: SitingSite): Promise<ResolvedSite> {
  let geojson: string;
  if (site.kind === 'village') {
    const [v] = await database.rows<{ gj: string }>(sql`
      SELECT ST_AsGeoJSON(coalesce(label_point, ST_PointOnSurface(geom)), 7) AS gj FROM regions
      WHERE code = ${site.village} AND level = 'village' AND geom IS NOT NULL`);
    if (!v) throw new HttpError(400, `site.village: no village with code ${site.village} (选村: pick a village on the map).`);
    geojson = v.gj;
  } else if (site.kind === 'point') {
    geojson = JSON.stringify({ type: 'Point', coordinates: site.point });
  } else {
    const ring = [...site.ring];
    const [f, l] = [ring[0], ring.at(-1)!];
    if (f[0] !== l[0] || f[1] !== l[1]) ring.push(f);
    if (new Set(ring.map((p) => p.join(','))).size < 3) {
      throw new HttpError(400, 'site.ring: the range is empty — it needs at least 3 different corners (画范围).');
    }
    geojson = JSON.stringify({ type: 'Polygon', coordinates: [ring] });
    const [check] = await database.rows<{ valid: boolean; reason: string; area: number }>(sql`
      SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason, ST_Area(g) AS area
      FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326) AS g) x`);
    if (!check.valid) {
      const why = /self-intersection/i.test(check.reason) ? 'its edges cross (self-intersection)' : check.reason;
      throw new HttpError(
        400,
        `site.ring: the range is not a valid polygon — ${why}. Draw it again without crossing edges (范围边界不能交叉).`,
      );
    }
    if (!(check.area > 0)) throw new HttpError(400, 'site.ring: the range is empty (its area is zero). Draw a range with an inside.');
  }
  const [row] = await database.rows<{
    inside: boolean;
    cx: number;
    cy: number;
    county: string | null;
    village: string | null;
    label: string | null;
  }>(sql`
    WITH s AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326) AS g),
    c AS (SELECT CASE WHEN GeometryType(g) = 'POINT' THEN g ELSE ST_PointOnSurface(g) END AS p FROM s),
    v AS (
      SELECT v.code, v.county_code, concat_ws(' ', k.name, t.name, v.name) AS label FROM regions v
      JOIN regions t ON t.code = v.parent_code JOIN regions k ON k.code = v.county_code, c
      WHERE v.level = 'village' AND ST_Intersects(v.geom, c.p) ORDER BY v.code LIMIT 1
    )
    SELECT EXISTS (SELECT 1 FROM regions r, s WHERE r.level = 'city' AND ST_Intersects(r.geom, s.g)) AS inside,
      ST_X(c.p) AS cx, ST_Y(c.p) AS cy, (SELECT county_code FROM v) AS county, (SELECT code FROM v) AS village, (SELECT label FROM v) AS label
    FROM c`);
  if (!row.inside) {
    const what = site.kind === 'polygon' ? 'The range lies' : 'The point lies';
    const city = (await rootArea(database))?.name ?? 'the city';
    throw new HttpError(400, `site: ${what} outside the city (不在本市范围内). Choose a site inside ${city}.`);
  }
  return {
    kind: site.kind,
    geojson,
    centre: [Number(row.cx.toFixed(6)), Number(row.cy.toFixed(6))],
    countyCode: row.county,
    villageCode: row.village,
    label: row.label ?? '',
  };
}

export interface CatchmentRows {
  cells: CatchmentCell[];
  /** Target households (labour capacity, < 2 measures) within the radius of an existing industry project, with their key sum. */
  targetServed: KeyedCount;
  /** County codes of the three-group households inside. */
  householdCounties: string[];
  areaKm2: number;
  geometry: string;
  villages: { code: string; name: string; townshipName: string | null; countyCode: string; poorVillage: boolean; distanceKm: number }[];
  projects: ProjectRow[];
  overlapProjects: ProjectRow[];
  pvStations: {
    code: string;
    name: string;
    type: string;
    status: string;
    capacityKw: number;
    yearlyIncomeWan: number;
    distanceKm: number;
    location: LngLat;
  }[];
  overlapAreaSharePct: number;
}

interface ProjectRow {
  code: string;
  name: string;
  industryMode: string | null;
  status: string;
  householdsReached: number;
  totalInvestmentWan: number;
  distanceKm: number;
  location: LngLat;
}

/**
 * The household part of a catchment: counts per category × labour capacity of the three groups
 * within `radiusM` metres of `g`. Exported (as SQL) so the benchmark runs exactly this query.
 */
export function catchmentHouseholdSql(g: SQL, radiusM: number, secret = ''): SQL {
  return sql`
    WITH s AS (SELECT (${g})::geography AS gg),
    hh AS (
      SELECT h.category, h.labour, h.industry_measures, h.county_code, h.geom, ${recordKey(secret)} AS rk FROM households h, s
      WHERE h.category IN ${threeGroups} AND h.geom IS NOT NULL AND ST_DWithin(h.geom::geography, s.gg, ${radiusM}::float8)
    )
    , hs AS (
      SELECT hh.*, industry_measures < 2 AND labour <> 'none' AND EXISTS (
        SELECT 1 FROM projects p WHERE ${existingIndustry('p')} AND ST_DWithin(p.geom::geography, hh.geom::geography, ${radiusM}::float8)
      ) AS served FROM hh
    )
    SELECT category::text, labour::text, count(*)::int AS total, coalesce(sum(rk), 0)::int AS "totalKey",
      count(*) FILTER (WHERE industry_measures < 2)::int AS "fewerThanTwo", coalesce(sum(rk) FILTER (WHERE industry_measures < 2), 0)::int AS "fewerKey",
      count(*) FILTER (WHERE served)::int AS served, coalesce(sum(rk) FILTER (WHERE served), 0)::int AS "servedKey",
      array_agg(DISTINCT county_code::text) AS counties
    FROM hs GROUP BY 1, 2`;
}

const projectColumns = sql`
  p.code, p.name, p.industry_mode::text AS "industryMode", p.status::text AS status, p.households_reached AS "householdsReached",
  p.total_investment_wan::float8 AS "totalInvestmentWan",
  round((ST_Distance(p.geom::geography, s.gg) / 1000)::numeric, 3)::float8 AS "distanceKm",
  json_build_array(round(ST_X(ST_PointOnSurface(p.geom))::numeric, 6)::float8, round(ST_Y(ST_PointOnSurface(p.geom))::numeric, 6)::float8) AS location`;

/** Everything of a catchment of `site` with `radiusKm`. */
export async function queryCatchment(database: Database, site: ResolvedSite, radiusKm: number, secret: string): Promise<CatchmentRows> {
  const g = siteGeom(site);
  const r = radiusKm * 1000;
  const s = sql`s AS (SELECT (${g})::geography AS gg)`;
  const [cells, villages, projects, overlapProjects, pvStations, shape] = await Promise.all([
    database.rows<CatchmentCell & { served: number; servedKey: number; counties: string[] } & Record<string, unknown>>(
      catchmentHouseholdSql(g, r, secret),
    ),
    database.rows<CatchmentRows['villages'][number] & Record<string, unknown>>(sql`
      WITH ${s}
      SELECT v.code, v.name, t.name AS "townshipName", v.county_code AS "countyCode", v.is_poor_village AS "poorVillage",
        round((ST_Distance(coalesce(v.label_point, ST_PointOnSurface(v.geom))::geography, s.gg) / 1000)::numeric, 3)::float8 AS "distanceKm"
      FROM regions v LEFT JOIN regions t ON t.code = v.parent_code, s
      WHERE v.level = 'village' AND v.geom && ST_Expand((${g}), ${radiusKm / 80 + 0.01}::float8)
        AND ST_DWithin(v.geom::geography, s.gg, ${r}::float8)
      ORDER BY 6, 1`),
    database.rows<ProjectRow & Record<string, unknown>>(sql`
      WITH ${s} SELECT ${projectColumns} FROM projects p, s
      WHERE p.category = 'industry' AND p.geom IS NOT NULL AND ST_DWithin(p.geom::geography, s.gg, ${r}::float8) ORDER BY "distanceKm", p.code`),
    database.rows<ProjectRow & Record<string, unknown>>(sql`
      WITH ${s} SELECT ${projectColumns} FROM projects p, s
      WHERE ${existingIndustry('p')} AND ST_DWithin(p.geom::geography, s.gg, ${2 * r}::float8) ORDER BY "distanceKm", p.code`),
    database.rows<CatchmentRows['pvStations'][number] & Record<string, unknown>>(sql`
      WITH ${s}
      SELECT p.code, p.name, p.type::text AS type, p.status::text AS status, p.capacity_kw::float8 AS "capacityKw",
        p.yearly_income_wan::float8 AS "yearlyIncomeWan", round((ST_Distance(p.geom::geography, s.gg) / 1000)::numeric, 3)::float8 AS "distanceKm",
        json_build_array(round(ST_X(p.geom)::numeric, 6)::float8, round(ST_Y(p.geom)::numeric, 6)::float8) AS location
      FROM pv_stations p, s WHERE p.geom IS NOT NULL AND ST_DWithin(p.geom::geography, s.gg, ${r}::float8) ORDER BY 7, 1`),
    database.rows<{ area: number; gj: string; share: number }>(sql`
      WITH ${s},
      c AS (SELECT ST_Buffer(s.gg, ${r}::float8, 'quad_segs=16')::geometry AS b FROM s),
      e AS (
        SELECT ST_Union(ST_Buffer(p.geom::geography, ${r}::float8, 'quad_segs=8')::geometry) AS u FROM projects p, s
        WHERE ${existingIndustry('p')} AND ST_DWithin(p.geom::geography, s.gg, ${2 * r}::float8)
      )
      SELECT ST_Area(c.b::geography) / 1e6 AS area, ST_AsGeoJSON(c.b, 5) AS gj,
        CASE WHEN e.u IS NULL THEN 0 ELSE 100 * ST_Area(ST_Intersection(c.b, e.u)::geography) / nullif(ST_Area(c.b::geography), 0) END AS share
      FROM c, e`),
  ]);
  return {
    cells: cells.map((c) => ({
      category: c.category,
      labour: c.labour,
      total: c.total,
      totalKey: c.totalKey,
      fewerThanTwo: c.fewerThanTwo,
      fewerKey: c.fewerKey,
    })),
    targetServed: sumKeyed(cells.map((c) => ({ value: c.served, keySum: c.servedKey }))),
    householdCounties: [...new Set(cells.flatMap((c) => c.counties))].sort(),
    areaKm2: Number(shape[0].area.toFixed(3)),
    geometry: shape[0].gj,
    villages,
    projects,
    overlapProjects,
    pvStations,
    overlapAreaSharePct: Number((shape[0].share ?? 0).toFixed(1)),
  };
}

/** The per-village inputs of the suggestion score for the villages of the city or a county. */
export interface VillageScoreRow {
  code: string;
  name: string;
  townshipName: string | null;
  countyCode: string;
  poorVillage: boolean;
  location: LngLat;
  targetHouseholds: number;
  /** Key sum of the target households (server/domain/disclosure.ts). */
  targetKey: number;
  nearestIndustryKm: number | null;
  pvIncomeWan: number;
}

export function villageScoreSql(area: { code: string; level: 'city' | 'county' }, radiusKm: number, secret = ''): SQL {
  const r = radiusKm * 1000;
  const where =
    area.level === 'county'
      ? sql`r.county_code = ${area.code}`
      : sql`r.county_code IN (SELECT code FROM regions WHERE parent_code = ${area.code})`;
  return sql`
    WITH v AS (
      SELECT r.code, r.name, r.parent_code, r.county_code, r.is_poor_village, coalesce(r.label_point, ST_PointOnSurface(r.geom)) AS p
      FROM regions r WHERE r.level = 'village' AND r.geom IS NOT NULL AND ${where}
    )
    SELECT v.code, v.name, t.name AS "townshipName", v.county_code AS "countyCode", v.is_poor_village AS "poorVillage",
      json_build_array(round(ST_X(v.p)::numeric, 6)::float8, round(ST_Y(v.p)::numeric, 6)::float8) AS location,
      t2.n AS "targetHouseholds", t2.k AS "targetKey",
      (SELECT round((ST_Distance(p.geom::geography, v.p::geography) / 1000)::numeric, 3)::float8 FROM projects p WHERE ${existingIndustry('p')}
         ORDER BY p.geom::geography <-> v.p::geography LIMIT 1) AS "nearestIndustryKm",
      (SELECT coalesce(sum(s.yearly_income_wan), 0)::float8 FROM pv_stations s WHERE s.status = 'grid_connected' AND s.geom IS NOT NULL
         AND ST_DWithin(s.geom::geography, v.p::geography, ${r}::float8)) AS "pvIncomeWan"
    FROM v LEFT JOIN regions t ON t.code = v.parent_code,
    LATERAL (
      SELECT count(*)::int AS n, coalesce(sum(${recordKey(secret)}), 0)::int AS k FROM households h
      WHERE h.category IN ${threeGroups} AND h.labour <> 'none' AND h.industry_measures < 2 AND ST_DWithin(h.geom::geography, v.p::geography, ${r}::float8)
    ) t2
    ORDER BY v.code`;
}

export async function queryVillageScoreInputs(
  database: Database,
  area: { code: string; level: 'city' | 'county' },
  radiusKm: number,
  secret: string,
) {
  return database.rows<VillageScoreRow & Record<string, unknown>>(villageScoreSql(area, radiusKm, secret));
}
