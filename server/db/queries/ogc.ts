/**
 * What the OGC API – Features service (server/routes/ogc.ts) reads besides the layer queries it
 * shares with the map: the extent of each collection, and pages of division boundaries (GeoJSON
 * geometry built by PostGIS). Measure values come from the measure engine, never from here.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';

export type Bbox = [number, number, number, number];
export type BoundaryLevel = 'county' | 'township' | 'village';

/** Bounding boxes of the located projects, PV stations and the boundaries of each level (null when empty). */
export async function collectionExtents(database: Database): Promise<Record<'projects' | 'pv' | BoundaryLevel, Bbox | null>> {
  const [row] = await database.rows<Record<string, string | null>>(sql`
    SELECT
      (SELECT ST_Extent(geom)::text FROM projects) AS projects,
      (SELECT ST_Extent(geom)::text FROM pv_stations) AS pv,
      (SELECT ST_Extent(geom)::text FROM regions WHERE level = 'county') AS county,
      (SELECT ST_Extent(geom)::text FROM regions WHERE level = 'township') AS township,
      (SELECT ST_Extent(geom)::text FROM regions WHERE level = 'village') AS village`);
  const parse = (box: string | null): Bbox | null => {
    const m = box && /^BOX\(([-\d.e]+) ([-\d.e]+),([-\d.e]+) ([-\d.e]+)\)$/.exec(box);
    if (!m) return null;
    // Outward to 6 decimals, so every feature lies inside the published box.
    const [a, b, c, d] = m.slice(1).map(Number);
    return [Math.floor(a * 1e6) / 1e6, Math.floor(b * 1e6) / 1e6, Math.ceil(c * 1e6) / 1e6, Math.ceil(d * 1e6) / 1e6];
  };
  return {
    projects: parse(row.projects),
    pv: parse(row.pv),
    county: parse(row.county),
    township: parse(row.township),
    village: parse(row.village),
  };
}

export interface BoundaryRow {
  code: string;
  name: string;
  parentCode: string | null;
  countyCode: string | null;
  synthesized: boolean;
  poorVillage: boolean;
  /** GeoJSON text of the boundary, or null for a division without a polygon. */
  geometry: string | null;
}

/**
 * One page of the divisions of `level` (ordered by code) whose boundary meets `bbox`, or the one
 * division `code`; `matched` counts every division of the selection.
 */
export async function boundaryPage(
  database: Database,
  q: { level: BoundaryLevel; bbox?: Bbox; limit: number; offset: number; code?: string },
): Promise<{ matched: number; rows: BoundaryRow[] }> {
  const box = q.bbox ? sql`ST_MakeEnvelope(${q.bbox[0]}, ${q.bbox[1]}, ${q.bbox[2]}, ${q.bbox[3]}, 4326)` : null;
  const where = sql`r.level = ${q.level}
    ${box ? sql`AND r.geom && ${box} AND ST_Intersects(r.geom, ${box})` : sql``}
    ${q.code !== undefined ? sql`AND r.code = ${q.code}` : sql``}`;
  const [counted] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM regions r WHERE ${where}`);
  const rows = await database.rows<BoundaryRow & Record<string, unknown>>(sql`
    SELECT r.code, r.name, r.parent_code AS "parentCode", r.county_code AS "countyCode", r.synthesized,
      r.is_poor_village AS "poorVillage", ST_AsGeoJSON(r.geom, 6) AS geometry
    FROM regions r WHERE ${where} ORDER BY r.code LIMIT ${q.limit} OFFSET ${q.offset}`);
  return { matched: Number(counted.n), rows };
}

/** Codes of the top-level divisions (the city of the demo, the province of the province dataset), under which measures are evaluated. */
export async function rootRegions(database: Database): Promise<string[]> {
  const rows = await database.rows<{ code: string }>(
    sql`SELECT code FROM regions WHERE parent_code IS NULL AND level IN ('province', 'city') ORDER BY code`,
  );
  return rows.map((r) => r.code);
}
