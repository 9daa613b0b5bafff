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
const simplifyDegrees: Record<RegionLevel, number> = { city: 0.001, county: 0.0003, township: 0.0001, village: 0 };

/**
 * The SQL condition "region r lies under ancestor `parent`" — by the stored county code and parent
 * code, not by code prefixes, so imported divisions with irregular codes still work.
 */
export function underAncestor(parent: RegionRef, alias = 'r') {
  const a = sql.raw(alias);
  switch (parent.level) {
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
  const tol = simplifyDegrees[level];
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
