/**
 * The root area: the one top division of the database (the city), read from the data — nothing
 * outside the demo generator assumes 商丘市. Its name, level and extent feed /api/meta, the default
 * parent of the layer queries, the siting checks and the meeting agenda.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import type { RegionLevel } from '../../contracts/regions.ts';
import { cachedAnswer } from '../../http/cache.ts';
import { HttpError } from '../../errors.ts';
import type { RegionRef } from './regions.ts';

export interface RootArea extends RegionRef {
  /** [west, south, east, north] in degrees (EPSG:4326), or null while no boundary is imported. */
  bbox: [number, number, number, number] | null;
  /** Top divisions in all (1 in a well-formed database; more when a list of several cities was loaded). */
  roots: number;
}

/** Read the root area (not cached): the highest division without a parent, the lowest code first. */
export async function readRootArea(database: Database): Promise<RootArea | null> {
  const rows = await database.rows<{
    code: string;
    level: RegionLevel;
    name: string;
    roots: number;
    w: number | null;
    s: number | null;
    e: number | null;
    n: number | null;
  }>(sql`
    WITH top AS (
      SELECT code, level, name FROM regions WHERE parent_code IS NULL
    ), pick AS (
      SELECT * FROM top ORDER BY CASE level WHEN 'province' THEN -1 WHEN 'city' THEN 0 WHEN 'county' THEN 1 WHEN 'township' THEN 2 ELSE 3 END, code LIMIT 1
    ), ext AS (
      -- The extent of the root's own boundary, else of its counties (a division list without a city polygon).
      SELECT ST_Extent(r.geom) AS b FROM regions r, pick p
      WHERE r.geom IS NOT NULL AND (r.code = p.code OR r.parent_code = p.code)
    )
    SELECT p.code, p.level, p.name, (SELECT count(*)::int FROM top) AS roots,
      ST_XMin(x.b) AS w, ST_YMin(x.b) AS s, ST_XMax(x.b) AS e, ST_YMax(x.b) AS n
    FROM pick p, ext x`);
  const r = rows[0];
  if (!r) return null;
  const bbox: RootArea['bbox'] =
    r.w === null || r.s === null || r.e === null || r.n === null
      ? null
      : ([Number(r.w), Number(r.s), Number(r.e), Number(r.n)].map((v) => Math.round(v * 1e5) / 1e5) as [number, number, number, number]);
  return { code: r.code, level: r.level, name: r.name, parentCode: null, countyCode: null, bbox, roots: Number(r.roots) };
}

/** The root area, cached under the data version (an import of divisions or boundaries changes it). */
export function rootArea(database: Database): Promise<RootArea | null> {
  return cachedAnswer(database, 'root-area', () => readRootArea(database));
}

/** The root area, or 404 with what to import when the database has no divisions yet. */
export async function requireRootArea(database: Database): Promise<RootArea> {
  const root = await rootArea(database);
  if (!root)
    throw new HttpError(
      404,
      'The database has no divisions yet: import a division list and boundaries first (导入区划名录和边界), or start with DEMO_DATA=on.',
    );
  return root;
}
