/** Queries on administrative divisions: lookup and GeoJSON collections per level. */
import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import type { RegionLevel } from '../../contracts/regions.ts';

export interface RegionRef {
  code: string;
  level: RegionLevel;
  name: string;
  parentCode: string | null;
  countyCode: string | null;
}

export async function findRegion(database: Database, code: string): Promise<RegionRef | undefined> {
  const [row] = await database.rows<RegionRef & Record<string, unknown>>(sql`
    SELECT code, level, name, parent_code AS "parentCode", county_code AS "countyCode" FROM regions WHERE code = ${code}`);
  return row;
}

/** Simplification tolerance in degrees per level: coarse for counties, none for the already simple villages. */
const simplifyDegrees: Record<RegionLevel, number> = { province: 0.002, city: 0.001, county: 0.0003, township: 0.0001, village: 0 };

/** Tolerance for the counties of a province (its first view, zoom ≈ 6.5: a pixel is ≈ 0.008°). */
const provinceCountyDegrees = 0.002;

/**
 * The county-level units under a province (directly or through its cities), as a SQL subquery; the
 * province dataset hangs counties under their real cities.
 */
export function countiesOfProvince(code: string) {
  return sql`(SELECT c.code FROM regions c WHERE c.level = 'county'
    AND (c.parent_code = ${code} OR c.parent_code IN (SELECT code FROM regions WHERE parent_code = ${code})))`;
}

/**
 * The SQL condition "region r lies under ancestor `parent`" — by the stored county code and parent
 * code, not by code prefixes, so imported divisions with irregular codes still work.
 */
export function underAncestor(parent: RegionRef, alias = 'r') {
  const a = sql.raw(alias);
  switch (parent.level) {
    case 'province':
      return sql`${a}.county_code IN ${countiesOfProvince(parent.code)}`;
    case 'city':
      return sql`${a}.county_code IN (SELECT code FROM regions WHERE parent_code = ${parent.code} AND level = 'county')`;
    case 'county':
      return sql`${a}.county_code = ${parent.code}`;
    case 'township':
      return sql`(${a}.parent_code = ${parent.code} OR ${a}.code = ${parent.code})`;
    default:
      return sql`${a}.code = ${parent.code}`;
  }
}

/** A GeoJSON FeatureCollection (as JSON text, built by PostGIS) of the regions of `level` under `parent`. */
export async function regionCollectionJson(database: Database, level: RegionLevel, parent: RegionRef): Promise<string> {
  // Zoom bands: the counties of a whole province are drawn at province zoom (≈ 0.008° per pixel).
  const tol = level === 'county' && parent.level === 'province' ? provinceCountyDegrees : simplifyDegrees[level];
  const geom = tol > 0 ? sql`ST_SimplifyPreserveTopology(r.geom, ${tol}::float8)` : sql`r.geom`;
  const [row] = await database.rows<{ fc: string }>(sql`
    SELECT json_build_object(
      'type', 'FeatureCollection',
      'features', COALESCE(json_agg(json_build_object(
        'type', 'Feature',
        'geometry', ST_AsGeoJSON(${geom}, 5)::json,
        'properties', json_build_object(
          'code', r.code, 'name', r.name, 'level', r.level, 'parentCode', r.parent_code,
          'countyCode', r.county_code, 'synthesized', r.synthesized, 'poorVillage', r.is_poor_village,
          'label', CASE WHEN r.label_point IS NULL THEN NULL
                   ELSE json_build_array(round(ST_X(r.label_point)::numeric, 5), round(ST_Y(r.label_point)::numeric, 5)) END)
      ) ORDER BY r.code), '[]'::json)
    )::text AS fc
    FROM regions r
    WHERE r.level = ${level} AND ${underAncestor(parent)}`);
  return row.fc;
}

/**
 * The outline of `region` as a GeoJSON Feature (JSON text built by PostGIS), simplified with the
 * tolerance of the level below it so it meets its children's edges; geometry null without a polygon.
 */
export async function regionOutlineJson(database: Database, region: RegionRef): Promise<string> {
  const childLevel: Record<RegionLevel, RegionLevel> = {
    province: 'city',
    city: 'county',
    county: 'township',
    township: 'village',
    village: 'village',
  };
  // A province is drawn over its counties at province zoom: their zoom band's tolerance.
  const tol = region.level === 'province' ? provinceCountyDegrees : simplifyDegrees[childLevel[region.level]];
  const [row] = await database.rows<{ f: string }>(sql`
    SELECT json_build_object(
      'type', 'Feature',
      'geometry', CASE WHEN geom IS NULL THEN NULL
                  ELSE ST_AsGeoJSON(CASE WHEN ${tol}::float8 > 0 THEN ST_SimplifyPreserveTopology(geom, ${tol}::float8) ELSE geom END, 5)::json END,
      'properties', json_build_object('code', code, 'name', name, 'level', level)
    )::text AS f
    FROM regions WHERE code = ${region.code}`);
  return row.f;
}
