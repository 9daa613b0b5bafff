/**
 * Pure synthesis of the demo city's region rows: the city (union of its counties), the real county
 * polygons (repaired), the development zones carved out of their host district, and township and
 * village polygons as Voronoi cells of seeded, relaxed points clipped to their parent. Coordinates are
 * [lng, lat] in EPSG:4326, rounded to 6 decimals. Township, village and zone polygons are synthetic
 * (`synthesized: true`): no open data has them.
 */
import * as turf from '@turf/turf';
import type { regions } from '../../db/schema.ts';
import type { RegionLevel } from '../../contracts/enums.ts';
import { createRandom, hashSeed, type Random } from './random.ts';

export type RegionRow = typeof regions.$inferInsert;
type Position = [number, number];
type Ring = Position[];
type PolygonCoords = Ring[];
/** MultiPolygon coordinates. */
export type MultiCoords = PolygonCoords[];

/** A row of `henan-divisions.csv`. */
export interface DivisionRow {
  level: RegionLevel;
  code: string;
  name: string;
  parentCode: string;
}

/** A development zone without a polygon, carved out of the district it lies in. */
export interface DevZoneSpec {
  code: string;
  /** County-level unit the zone's polygon is taken from. */
  hostCode: string;
  /** Preferred centre [lng, lat]; the nearest position where the zone fits inside the host is used. */
  anchor: Position;
  /** Mean radius of the zone polygon in km. */
  radiusKm: number;
}

export interface BoundaryOptions {
  /** 4-digit city code. */
  cityCode: string;
  /** [lng, lat] of the city's urban centre; street offices (街道) of the districts cluster around it. */
  urbanCentre?: Position;
  /** County-level units whose 街道 are placed around `urbanCentre` rather than the county's middle. */
  urbanDistricts: readonly string[];
  devZones: readonly DevZoneSpec[];
  /** Share of villages flagged as poor villages (贫困村) per county-level code; `defaultPoorShare` else. */
  poorVillageShare: Readonly<Record<string, number>>;
  defaultPoorShare: number;
  /** Only these county-level units (and their townships and villages); default all of the city. */
  countyCodes?: readonly string[];
  /**
   * A county-level unit with neither a polygon nor a zone spec: 'throw' (the demo city, default) or
   * 'keep' (the province: the unit, its townships and villages get rows without geometry).
   */
  withoutPolygon?: 'throw' | 'keep';
  /** Parent code of the city row (the province dataset: '41'); default null (the city is the root). */
  cityParentCode?: string | null;
}

/** 商丘市 (4114): districts 梁园区 and 睢阳区 around the urban centre, the two zones, poor-village density. */
export const shangqiuBoundaryOptions: BoundaryOptions = {
  cityCode: '4114',
  urbanCentre: [115.65, 34.43],
  urbanDistricts: ['411402', '411403'],
  devZones: [
    // 豫东综合物流产业聚集区 lies in 梁园区, 河南商丘经济开发区 in 睢阳区; sized for their village counts.
    { code: '411471', hostCode: '411402', anchor: [115.63, 34.47], radiusKm: 4.6 },
    { code: '411472', hostCode: '411403', anchor: [115.68, 34.39], radiusKm: 3.6 },
  ],
  poorVillageShare: {
    '411402': 0.1,
    '411403': 0.12,
    '411421': 0.22,
    '411422': 0.2,
    '411423': 0.18,
    '411424': 0.24,
    '411425': 0.2,
    '411426': 0.26,
    '411471': 0.08,
    '411472': 0.05,
    '411481': 0.14,
  },
  defaultPoorShare: 0.17,
};

const KM_PER_DEG_LAT = 111.32;
/** Parts and holes smaller than this (deg², ≈ 1 km² at 34° N) are display-data artefacts. */
const MIN_REAL_PART_DEG2 = 1e-4;
/** Holes in the city union below this (deg², ≈ 5 km²) are gaps between neighbouring county outlines. */
const MAX_CITY_GAP_DEG2 = 5e-4;

/** Parse `henan-divisions.csv` (header `level,code,name,parentCode`; names have no commas or quotes). */
export function parseDivisionsCsv(csv: string): DivisionRow[] {
  const lines = csv.split(/\r?\n/);
  const header = lines[0]?.trim();
  if (header !== 'level,code,name,parentCode') throw new Error(`Unexpected divisions CSV header: ${header}`);
  const rows: DivisionRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const [level, code, name, parentCode] = line.split(',');
    if (level !== 'city' && level !== 'county' && level !== 'township' && level !== 'village') {
      throw new Error(`Divisions CSV line ${i + 1}: unknown level ${level}`);
    }
    rows.push({ level, code, name, parentCode });
  }
  return rows;
}

/** County codes present in the boundary GeoJSON (`properties.code`) but absent from the divisions list, sorted. */
export function unknownCountyCodes(geojson: GeoJSON.FeatureCollection, csvOrRows: string | readonly DivisionRow[]): string[] {
  const rows = typeof csvOrRows === 'string' ? parseDivisionsCsv(csvOrRows) : csvOrRows;
  const known = new Set(rows.filter((r) => r.level === 'county').map((r) => r.code));
  const unknown = new Set<string>();
  for (const f of geojson.features) {
    const code = String(f.properties?.code ?? '');
    if (!known.has(code)) unknown.add(code);
  }
  return [...unknown].sort();
}

// ---------------------------------------------------------------------------------------------
// Planar geometry helpers on raw coordinates (degrees). Only arithmetic, so results are the same on
// every machine; areas and distances are planar, good enough to compare and threshold.

/** Signed shoelace area of a closed ring in deg² (positive when counter-clockwise). */
export function ringAreaDeg2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

/** Planar area of MultiPolygon coordinates in deg² (outer rings minus holes). */
export function multiAreaDeg2(m: MultiCoords): number {
  let area = 0;
  for (const poly of m) {
    area += Math.abs(ringAreaDeg2(poly[0]));
    for (let h = 1; h < poly.length; h++) area -= Math.abs(ringAreaDeg2(poly[h]));
  }
  return area;
}

/** Bounding box [minX, minY, maxX, maxY] of the outer rings. */
export function multiBbox(m: MultiCoords): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const poly of m) {
    for (const [x, y] of poly[0]) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

function ringIncludesPoint(ring: readonly Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Even-odd point-in-polygon test for MultiPolygon coordinates (boundary points count either way). */
export function multiIncludesPoint(m: MultiCoords, p: readonly number[]): boolean {
  for (const poly of m) {
    if (!ringIncludesPoint(poly[0], p[0], p[1])) continue;
    let inHole = false;
    for (let h = 1; h < poly.length && !inHole; h++) inHole = ringIncludesPoint(poly[h], p[0], p[1]);
    if (!inHole) return true;
  }
  return false;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * Round a ring to 6 decimals and drop what rounding can break: repeated points and spikes (A, B, A).
 * Returns null when fewer than three distinct corners or (almost) no area remain.
 */
function ringRounded(ring: readonly Position[]): Ring | null {
  const pts: Ring = [];
  for (const [x, y] of ring) {
    const p: Position = [round6(x), round6(y)];
    const last = pts[pts.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
  }
  if (pts.length > 1 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1]) pts.pop();
  // Remove spikes and collinear back-tracks until stable (the ring is cyclic here, not closed).
  let changed = true;
  while (changed && pts.length >= 3) {
    changed = false;
    for (let i = 0; i < pts.length && pts.length >= 3; i++) {
      const a = pts[(i + pts.length - 1) % pts.length];
      const b = pts[i];
      const c = pts[(i + 1) % pts.length];
      const cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
      const dot = (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]);
      // Drop b when a, b, c are collinear and the path turns back at b (a spike), or a == c.
      if ((cross === 0 && dot <= 0) || (a[0] === c[0] && a[1] === c[1])) {
        pts.splice(i, 1);
        changed = true;
        i--;
      }
    }
  }
  if (pts.length < 3) return null;
  pts.push([pts[0][0], pts[0][1]]);
  if (Math.abs(ringAreaDeg2(pts)) < 1e-11) return null;
  return pts;
}

/** Round MultiPolygon coordinates to 6 decimals, dropping rings and parts that degenerate. */
export function multiRounded(m: MultiCoords): MultiCoords {
  const out: MultiCoords = [];
  for (const poly of m) {
    const outer = ringRounded(poly[0]);
    if (!outer) continue;
    const rings: PolygonCoords = [outer];
    for (let h = 1; h < poly.length; h++) {
      const hole = ringRounded(poly[h]);
      if (hole) rings.push(hole);
    }
    out.push(rings);
  }
  return out;
}

/** Drop parts smaller than `minPartDeg2` (keeping at least the largest) and holes smaller than `minHoleDeg2`. */
function multiWithoutSlivers(m: MultiCoords, minPartDeg2: number, minHoleDeg2: number): MultiCoords {
  const parts = m
    .map((poly) => [poly[0], ...poly.slice(1).filter((h) => Math.abs(ringAreaDeg2(h)) >= minHoleDeg2)])
    .map((poly) => ({ poly, area: Math.abs(ringAreaDeg2(poly[0])) }));
  const largest = parts.reduce((best, p) => (p.area > best.area ? p : best), parts[0]);
  return parts.filter((p) => p === largest || p.area >= minPartDeg2).map((p) => p.poly);
}

function asMulti(geom: GeoJSON.Polygon | GeoJSON.MultiPolygon): MultiCoords {
  return (geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates) as MultiCoords;
}

function featureOf(m: MultiCoords): GeoJSON.Feature<GeoJSON.MultiPolygon> {
  return turf.multiPolygon(m as GeoJSON.Position[][][]);
}

/** Intersection of two MultiPolygons (polyclip through turf), null when empty. */
function multiIntersection(a: MultiCoords, b: MultiCoords): MultiCoords | null {
  const res = turf.intersect(turf.featureCollection([featureOf(a), featureOf(b)]));
  return res ? asMulti(res.geometry) : null;
}

function multiDifference(a: MultiCoords, b: MultiCoords): MultiCoords | null {
  const res = turf.difference(turf.featureCollection([featureOf(a), featureOf(b)]));
  return res ? asMulti(res.geometry) : null;
}

function multiUnion(list: MultiCoords[]): MultiCoords {
  if (list.length === 1) return list[0];
  const res = turf.union(turf.featureCollection(list.map(featureOf)));
  if (!res) throw new Error('union of the county polygons is empty');
  return asMulti(res.geometry);
}

/**
 * Repair a display-data polygon: polyclip resolves self-intersections (figure-8 loops become holes or
 * separate parts), then the artefacts below ~1 km² are dropped and coordinates rounded.
 */
export function polygonRepaired(geom: GeoJSON.Polygon | GeoJSON.MultiPolygon): MultiCoords {
  const m = asMulti(geom);
  const [minX, minY, maxX, maxY] = multiBbox(m);
  const box: MultiCoords = [
    [
      [
        [minX - 1, minY - 1],
        [maxX + 1, minY - 1],
        [maxX + 1, maxY + 1],
        [minX - 1, maxY + 1],
        [minX - 1, minY - 1],
      ],
    ],
  ];
  const resolved = multiIntersection(m, box);
  if (!resolved) throw new Error('polygon has no area');
  return multiRounded(multiWithoutSlivers(resolved, MIN_REAL_PART_DEG2, MIN_REAL_PART_DEG2));
}

/** A point inside `m`, chosen uniformly by rejection sampling from the bounding box. */
function pointInside(m: MultiCoords, bbox: [number, number, number, number], rnd: Random): Position {
  for (let i = 0; i < 100000; i++) {
    const p: Position = [rnd.float(bbox[0], bbox[2]), rnd.float(bbox[1], bbox[3])];
    if (multiIncludesPoint(m, p)) return p;
  }
  throw new Error('could not place a point inside a polygon');
}

/**
 * East-west scale of a degree of longitude relative to latitude at the polygon's mid-latitude: cos(lat)
 * by its Taylor series (error < 1e-9 below 60°), because Math.cos may differ in the last bit between
 * engines and the scale feeds every synthesized coordinate.
 */
function lonScale(bbox: [number, number, number, number]): number {
  const x = (((bbox[1] + bbox[3]) / 2) * Math.PI) / 180;
  const x2 = x * x;
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= 10; k++) {
    term *= -x2 / ((2 * k - 1) * (2 * k));
    sum += term;
  }
  return sum;
}

/**
 * `count` points inside `m`, at least a spacing apart that shrinks when the polygon is crowded, then
 * moved by two discrete Lloyd steps (each seed to the mean of the sample points nearest to it), so the
 * Voronoi cells come out even-sized. Distances are measured with longitude scaled by `kx`.
 */
function seedsRelaxed(m: MultiCoords, count: number, rnd: Random, kx: number): Position[] {
  const bbox = multiBbox(m);
  const area = multiAreaDeg2(m) * kx;
  let spacing = 0.6 * Math.sqrt(area / count);
  const seeds: Position[] = [];
  let failures = 0;
  while (seeds.length < count) {
    const p = pointInside(m, bbox, rnd);
    const ok = seeds.every((s) => {
      const dx = (s[0] - p[0]) * kx;
      const dy = s[1] - p[1];
      return dx * dx + dy * dy >= spacing * spacing;
    });
    if (ok) {
      seeds.push(p);
      failures = 0;
    } else if (++failures > 60) {
      spacing *= 0.8;
      failures = 0;
    }
  }
  if (count === 1) return seeds;
  const samples: Position[] = [];
  for (let i = 0; i < count * 40; i++) samples.push(pointInside(m, bbox, rnd));
  const owner = new Int32Array(samples.length);
  for (let iteration = 0; iteration < 2; iteration++) {
    const sumX = new Float64Array(count);
    const sumY = new Float64Array(count);
    const n = new Int32Array(count);
    samples.forEach((q, qi) => {
      let best = 0;
      let bestD = Infinity;
      for (let i = 0; i < count; i++) {
        const dx = (seeds[i][0] - q[0]) * kx;
        const dy = seeds[i][1] - q[1];
        const d = dx * dx + dy * dy;
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      }
      owner[qi] = best;
      sumX[best] += q[0];
      sumY[best] += q[1];
      n[best]++;
    });
    for (let i = 0; i < count; i++) {
      if (n[i] === 0) continue;
      const mean: Position = [sumX[i] / n[i], sumY[i] / n[i]];
      if (multiIncludesPoint(m, mean)) {
        seeds[i] = mean;
        continue;
      }
      // A concave cell: the mean can fall outside; take the cell's sample nearest to it instead.
      let best = seeds[i];
      let bestD = Infinity;
      samples.forEach((q, qi) => {
        if (owner[qi] !== i) return;
        const dx = (q[0] - mean[0]) * kx;
        const dy = q[1] - mean[1];
        if (dx * dx + dy * dy < bestD) {
          bestD = dx * dx + dy * dy;
          best = q;
        }
      });
      seeds[i] = best;
    }
  }
  // Relaxation can make two seeds coincide in degenerate cases; Voronoi needs distinct sites.
  const seen = new Set<string>();
  for (let i = 0; i < seeds.length; i++) {
    while (seen.has(`${seeds[i][0]},${seeds[i][1]}`)) seeds[i] = pointInside(m, bbox, rnd);
    seen.add(`${seeds[i][0]},${seeds[i][1]}`);
  }
  return seeds;
}

/**
 * Partition `m` into one cell per seed: Voronoi cells (computed with longitude scaled by `kx`, so cells
 * are not stretched north–south) clipped to `m` and rounded. Cells of the same order as `seeds`.
 */
function cellsPartitioning(m: MultiCoords, seeds: Position[], kx: number): MultiCoords[] {
  if (seeds.length === 1) return [m];
  const [minX, minY, maxX, maxY] = multiBbox(m);
  const padX = (maxX - minX) * 0.1 + 0.01;
  const padY = (maxY - minY) * 0.1 + 0.01;
  const points = turf.featureCollection(seeds.map((s) => turf.point([s[0] * kx, s[1]])));
  const cells = turf.voronoi(points, { bbox: [(minX - padX) * kx, minY - padY, (maxX + padX) * kx, maxY + padY] });
  return cells.features.map((cell, i) => {
    if (!cell) throw new Error(`no Voronoi cell for seed ${i}`);
    const ring = (cell.geometry.coordinates[0] as Position[]).map(([x, y]) => [x / kx, y] as Position);
    const clipped = cellClipped(ring, m);
    const rounded = clipped ? multiRounded(clipped) : [];
    if (rounded.length === 0) throw new Error(`empty cell for seed ${i}`);
    return rounded;
  });
}

const orient = (a: Position, b: Position, c: Position) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);

/** 0: disjoint; 1: a proper crossing (interiors cross at one point); 2: touching or collinear overlap. */
function segmentsMeet(a: Position, b: Position, c: Position, d: Position): 0 | 1 | 2 {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return 1;
  const meets = (o1 <= 0 || o2 <= 0) && (o1 >= 0 || o2 >= 0) && (o3 <= 0 || o4 <= 0) && (o3 >= 0 || o4 >= 0);
  if (!meets) return 0;
  // All four orientations allow contact; for collinear segments also require overlapping extents.
  if (o1 === 0 && o2 === 0) {
    const overlap = (u: number, v: number, w: number, z: number) =>
      Math.max(Math.min(u, v), Math.min(w, z)) <= Math.min(Math.max(u, v), Math.max(w, z));
    return overlap(a[0], b[0], c[0], d[0]) && overlap(a[1], b[1], c[1], d[1]) ? 2 : 0;
  }
  return 2;
}

const lexLess = (a: Position, b: Position) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

/**
 * Where segment p–q meets the line through a–b. Both pairs are put in a canonical order first, so the
 * two cells sharing a Voronoi edge compute bit-identical points on the parent's boundary.
 */
function lineCrossing(p: Position, q: Position, a: Position, b: Position): Position {
  if (lexLess(q, p)) [p, q] = [q, p];
  if (lexLess(b, a)) [a, b] = [b, a];
  const t = orient(a, b, p) / (orient(a, b, p) - orient(a, b, q));
  return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
}

/**
 * Sutherland–Hodgman: `subject` (a simple ring) clipped by the convex ring `clip`; closed ring or null.
 * With a concave subject the result can join separate pieces by edges along a clip line that lie
 * outside the subject, so such edges are checked and null is returned then (the caller falls back to
 * exact clipping).
 */
function ringClippedConvex(subject: Ring, clip: Ring): Ring | null {
  const sign = ringAreaDeg2(clip) > 0 ? 1 : -1;
  // Which clip line each crossing point lies on (subject vertices are not in the map).
  const lineOf = new Map<Position, number>();
  let out: Position[] = subject.slice(0, -1);
  for (let i = 0; i + 1 < clip.length && out.length > 0; i++) {
    const a = clip[i];
    const b = clip[i + 1];
    const input = out;
    out = [];
    const cross = (p: Position, q: Position) => {
      const x = lineCrossing(p, q, a, b);
      lineOf.set(x, i);
      return x;
    };
    for (let j = 0; j < input.length; j++) {
      const prev = input[(j + input.length - 1) % input.length];
      const cur = input[j];
      const sPrev = sign * orient(a, b, prev);
      const sCur = sign * orient(a, b, cur);
      if (sCur >= 0) {
        if (sPrev < 0) out.push(cross(prev, cur));
        out.push(cur);
      } else if (sPrev >= 0) out.push(cross(prev, cur));
    }
  }
  if (out.length < 3) return null;
  const subjectPolygon: MultiCoords = [[subject]];
  for (let j = 0; j < out.length; j++) {
    const p = out[j];
    const q = out[(j + 1) % out.length];
    const line = lineOf.get(p);
    if (line === undefined || line !== lineOf.get(q)) continue;
    // An edge along a clip line: part of the intersection only if it runs inside the subject.
    if (!multiIncludesPoint(subjectPolygon, [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2])) return null;
  }
  return [...out, [out[0][0], out[0][1]]];
}

/**
 * True when no two non-adjacent edges of the closed ring meet. Adjacent edges are not compared: the
 * ring must come from `ringRounded`, which removes repeated points and spikes (the only ways adjacent
 * edges can overlap).
 */
function ringIsSimple(ring: Ring): boolean {
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // the closing edge is adjacent to the first
      if (segmentsMeet(ring[i], ring[i + 1], ring[j], ring[j + 1]) !== 0) return false;
    }
  }
  return true;
}

/**
 * Clip a convex cell to `m`. Cells wholly inside `m` are returned as they are. When a single hole-free
 * part of `m` reaches the cell and touches it nowhere degenerately, Sutherland–Hodgman gives the exact
 * intersection cheaply whenever that is one simple ring (checked). Everything else goes through
 * polyclip, after `m` is cut to the cell's bounding box to keep the exact clipper's input small.
 */
function cellClipped(cell: Ring, m: MultiCoords): MultiCoords | null {
  const [minX, minY, maxX, maxY] = multiBbox([[cell]]);
  let proper = 0;
  let degenerate = 0;
  for (const poly of m) {
    for (const ring of poly) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const p = ring[i];
        const q = ring[i + 1];
        if ((p[0] < minX && q[0] < minX) || (p[0] > maxX && q[0] > maxX) || (p[1] < minY && q[1] < minY) || (p[1] > maxY && q[1] > maxY))
          continue;
        for (let k = 0; k + 1 < cell.length; k++) {
          const meet = segmentsMeet(p, q, cell[k], cell[k + 1]);
          if (meet === 1) proper++;
          else if (meet === 2) degenerate++;
        }
      }
    }
  }
  if (proper === 0 && degenerate === 0) {
    // Without crossings every ring of m lies wholly inside or wholly outside the cell.
    const ringInCell = m.some((poly) => poly.some((ring) => multiIncludesPoint([[cell]], ring[0])));
    if (!ringInCell) return multiIncludesPoint(m, cell[0]) ? [[cell]] : null;
  }
  const near = m.filter((poly) => {
    const [x0, y0, x1, y1] = multiBbox([poly]);
    return !(x1 < minX || x0 > maxX || y1 < minY || y0 > maxY);
  });
  if (degenerate === 0 && near.length === 1 && near[0].length === 1) {
    const clipped = ringClippedConvex(near[0][0], cell);
    // Checked after rounding, which can fold a crossing point over a nearby vertex. A disconnected
    // intersection shows up as a non-simple ring (zero-width bridges). Either way: polyclip.
    const ring = clipped && ringRounded(clipped);
    if (ring && ringIsSimple(ring)) return [[ring]];
  }
  const padX = (maxX - minX) * 0.01;
  const padY = (maxY - minY) * 0.01;
  const box: [number, number, number, number] = [minX - padX, minY - padY, maxX + padX, maxY + padY];
  const boxed = turf.bboxClip(featureOf(m), box).geometry;
  const nearCoords = asMulti(boxed as GeoJSON.Polygon | GeoJSON.MultiPolygon).filter((poly) => poly.length > 0 && poly[0].length >= 4);
  if (nearCoords.length === 0) return null;
  return multiIntersection([[cell]], nearCoords);
}

/** Squared scaled distance. */
function distance2(a: Position, b: Position, kx: number): number {
  const dx = (a[0] - b[0]) * kx;
  const dy = a[1] - b[1];
  return dx * dx + dy * dy;
}

/** Pseudo-angle of b around a in [0, 4): monotone in the true angle, without trigonometry. */
function pseudoAngle(a: Position, b: Position, kx: number): number {
  const dx = (b[0] - a[0]) * kx;
  const dy = b[1] - a[1];
  const p = dx / (Math.abs(dx) + Math.abs(dy) || 1);
  return dy < 0 ? 3 + p : 1 - p;
}

/**
 * Assign children to cells: urban children (街道 / 社区) to the seeds nearest the anchor, the rest in
 * order of code around the anchor, so neighbouring codes tend to be neighbours on the map.
 */
function childrenToSeeds<T extends { code: string; urban: boolean }>(
  children: T[],
  seeds: Position[],
  anchor: Position,
  kx: number,
): number[] {
  const byDistance = seeds.map((_, i) => i).sort((a, b) => distance2(seeds[a], anchor, kx) - distance2(seeds[b], anchor, kx) || a - b);
  const urban = children.map((c, i) => ({ c, i })).filter((x) => x.c.urban);
  const assignment = new Array<number>(children.length);
  const used = new Set<number>();
  urban.forEach((x, k) => {
    assignment[x.i] = byDistance[k];
    used.add(byDistance[k]);
  });
  const rest = seeds
    .map((_, i) => i)
    .filter((i) => !used.has(i))
    .sort((a, b) => pseudoAngle(anchor, seeds[a], kx) - pseudoAngle(anchor, seeds[b], kx) || a - b);
  let k = 0;
  children.forEach((c, i) => {
    if (!c.urban) assignment[i] = rest[k++];
  });
  return assignment;
}

/** Mean of sample points inside `m` (falls back to a sample when the mean lies outside). */
function interiorCentre(m: MultiCoords, rnd: Random): Position {
  const bbox = multiBbox(m);
  const pts: Position[] = [];
  for (let i = 0; i < 200; i++) pts.push(pointInside(m, bbox, rnd));
  const mean: Position = [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
  if (multiIncludesPoint(m, mean)) return mean;
  return pts.reduce((best, p) => (distance2(p, mean, 1) < distance2(best, mean, 1) ? p : best), pts[0]);
}

/** `target` when it lies inside `m`, else the nearest of 400 sample points inside `m`. */
function nearestInside(m: MultiCoords, target: Position, rnd: Random, kx: number): Position {
  if (multiIncludesPoint(m, target)) return target;
  const bbox = multiBbox(m);
  let best = pointInside(m, bbox, rnd);
  for (let i = 0; i < 400; i++) {
    const p = pointInside(m, bbox, rnd);
    if (distance2(p, target, kx) < distance2(best, target, kx)) best = p;
  }
  return best;
}

// Unit vectors at 30° steps, written out so the zone outline needs no trigonometry.
const UNIT_12: Position[] = [
  [1, 0],
  [0.8660254037844387, 0.5],
  [0.5, 0.8660254037844387],
  [0, 1],
  [-0.5, 0.8660254037844387],
  [-0.8660254037844387, 0.5],
  [-1, 0],
  [-0.8660254037844387, -0.5],
  [-0.5, -0.8660254037844387],
  [0, -1],
  [0.5, -0.8660254037844387],
  [0.8660254037844387, -0.5],
];

/**
 * Outline of a development zone: a 12-gon with jittered radii around `centre`, scaled by `scale`.
 * `radii` are relative (≈ 1) and fixed per zone so candidate positions only translate the shape.
 */
function zoneOutline(centre: Position, radiusKm: number, radii: number[], kx: number, scale = 1): MultiCoords {
  const ry = (radiusKm * scale) / KM_PER_DEG_LAT;
  const rx = ry / kx;
  const ring: Ring = UNIT_12.map(
    ([ux, uy], i) => [round6(centre[0] + ux * rx * radii[i]), round6(centre[1] + uy * ry * radii[i])] as Position,
  );
  ring.push([ring[0][0], ring[0][1]]);
  return [[ring]];
}

/**
 * Place a development zone inside its host: the candidate centre nearest the anchor (on a 0.005° grid
 * out to 0.2°) whose outline, enlarged by 30 % as a margin, lies inside the host.
 */
function zonePlaced(host: MultiCoords, spec: DevZoneSpec, rnd: Random): MultiCoords {
  const kx = lonScale(multiBbox(host));
  const radii = UNIT_12.map(() => rnd.float(0.85, 1.15));
  const hostArea = multiAreaDeg2(host);
  const candidates: { centre: Position; d: number }[] = [];
  for (let i = -40; i <= 40; i++) {
    for (let j = -40; j <= 40; j++) {
      const centre: Position = [round6(spec.anchor[0] + i * 0.005), round6(spec.anchor[1] + j * 0.005)];
      candidates.push({ centre, d: distance2(centre, spec.anchor, kx) });
    }
  }
  candidates.sort((a, b) => a.d - b.d || a.centre[0] - b.centre[0] || a.centre[1] - b.centre[1]);
  for (const { centre } of candidates) {
    if (!multiIncludesPoint(host, centre)) continue;
    const margin = zoneOutline(centre, spec.radiusKm, radii, kx, 1.3);
    if (!margin[0][0].every((p) => multiIncludesPoint(host, p))) continue;
    const inside = multiIntersection(margin, host);
    if (!inside || Math.abs(multiAreaDeg2(inside) - multiAreaDeg2(margin)) > 1e-9 * hostArea + 1e-10) continue;
    return zoneOutline(centre, spec.radiusKm, radii, kx);
  }
  throw new Error(`no room for development zone ${spec.code} inside ${spec.hostCode}`);
}

function multiGeometry(m: MultiCoords): GeoJSON.MultiPolygon {
  return { type: 'MultiPolygon', coordinates: m };
}

const isUrbanTownship = (name: string) => name.endsWith('街道');
const isUrbanVillage = (name: string) => name.includes('社区') || name.endsWith('居委会');

/**
 * Region rows of one city: the city, its county-level units, townships and villages, parents before
 * children (city, counties, townships, villages; each sorted by code). Throws when a county-level unit
 * has neither a polygon nor a development-zone spec, or when the city has no polygon at all.
 * `labelPoint` is left unset (the loader computes it in PostGIS).
 */
export function synthesizeBoundaries(
  countiesGeojson: GeoJSON.FeatureCollection,
  divisions: readonly DivisionRow[],
  seed: number,
  options: BoundaryOptions = shangqiuBoundaryOptions,
): RegionRow[] {
  const { cityCode } = options;
  const city = divisions.find((d) => d.level === 'city' && d.code === cityCode);
  if (!city) throw new Error(`city ${cityCode} is not in the divisions list`);
  const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const only = options.countyCodes ? new Set(options.countyCodes) : null;
  const counties = divisions.filter((d) => d.level === 'county' && d.parentCode === cityCode && (!only || only.has(d.code))).sort(byCode);
  const countySet = new Set(counties.map((c) => c.code));
  const townships = divisions.filter((d) => d.level === 'township' && countySet.has(d.parentCode)).sort(byCode);
  const townshipSet = new Set(townships.map((t) => t.code));
  const villages = divisions.filter((d) => d.level === 'village' && townshipSet.has(d.parentCode)).sort(byCode);

  // 1. Real county polygons, repaired.
  const real = new Map<string, MultiCoords>();
  for (const f of countiesGeojson.features) {
    const code = String(f.properties?.code ?? '');
    if (!countySet.has(code) || !f.geometry) continue;
    if (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') continue;
    real.set(code, polygonRepaired(f.geometry));
  }
  if (real.size === 0) throw new Error(`no county polygon of city ${cityCode} in the GeoJSON`);

  // 2. The city: union of the real counties, without the slivers left by gaps between their outlines.
  const realCodes = [...real.keys()].sort();
  const cityGeom = multiRounded(multiWithoutSlivers(multiUnion(realCodes.map((c) => real.get(c)!)), MIN_REAL_PART_DEG2, MAX_CITY_GAP_DEG2));

  // 3. Development zones carved out of their host.
  const countyGeom = new Map(real);
  for (const spec of options.devZones) {
    if (!countySet.has(spec.code)) continue;
    const host = countyGeom.get(spec.hostCode);
    if (!host) throw new Error(`host ${spec.hostCode} of development zone ${spec.code} has no polygon`);
    const zone = zonePlaced(host, spec, createRandom(hashSeed(seed, 'zone', spec.code)));
    const rest = multiDifference(host, zone);
    if (!rest) throw new Error(`development zone ${spec.code} covers its host`);
    countyGeom.set(spec.hostCode, multiRounded(rest));
    countyGeom.set(spec.code, zone);
  }
  if (options.withoutPolygon !== 'keep')
    for (const c of counties) if (!countyGeom.has(c.code)) throw new Error(`county-level unit ${c.code} ${c.name} has no polygon`);

  const rows: RegionRow[] = [];
  rows.push({
    code: city.code,
    level: 'city',
    name: city.name,
    parentCode: options.cityParentCode ?? null,
    countyCode: null,
    geom: multiGeometry(cityGeom),
    isPoorVillage: false,
    synthesized: false,
  });
  for (const c of counties) {
    rows.push({
      code: c.code,
      level: 'county',
      name: c.name,
      parentCode: cityCode,
      countyCode: c.code,
      geom: countyGeom.has(c.code) ? multiGeometry(countyGeom.get(c.code)!) : null,
      isPoorVillage: false,
      synthesized: countyGeom.has(c.code) && !real.has(c.code),
    });
  }

  // 4. Townships: Voronoi cells in each county; 5. villages: Voronoi cells in each township.
  const townshipGeom = new Map<string, MultiCoords>();
  const townshipRows: RegionRow[] = [];
  for (const c of counties) {
    const geom = countyGeom.get(c.code);
    const children = townships.filter((t) => t.parentCode === c.code).map((t) => ({ ...t, urban: isUrbanTownship(t.name) }));
    if (!geom) {
      // A unit kept without a polygon: its townships are listed without one too.
      for (const t of children)
        townshipRows.push({
          code: t.code,
          level: 'township',
          name: t.name,
          parentCode: c.code,
          countyCode: c.code,
          geom: null,
          isPoorVillage: false,
          synthesized: false,
        });
      continue;
    }
    const kx = lonScale(multiBbox(geom));
    const rnd = createRandom(hashSeed(seed, 'townships', c.code));
    if (children.length === 0) continue;
    const anchor =
      options.urbanCentre && options.urbanDistricts.includes(c.code)
        ? nearestInside(geom, options.urbanCentre, rnd, kx)
        : interiorCentre(geom, rnd);
    const seeds = seedsRelaxed(geom, children.length, rnd, kx);
    const cells = cellsPartitioning(geom, seeds, kx);
    const assignment = childrenToSeeds(children, seeds, anchor, kx);
    children.forEach((t, i) => {
      townshipGeom.set(t.code, cells[assignment[i]]);
      townshipRows.push({
        code: t.code,
        level: 'township',
        name: t.name,
        parentCode: c.code,
        countyCode: c.code,
        geom: multiGeometry(cells[assignment[i]]),
        isPoorVillage: false,
        synthesized: true,
      });
    });
  }
  rows.push(...townshipRows);

  const villageRows: RegionRow[] = [];
  const villagesOf = new Map<string, DivisionRow[]>();
  for (const v of villages) {
    const list = villagesOf.get(v.parentCode);
    if (list) list.push(v);
    else villagesOf.set(v.parentCode, [v]);
  }
  for (const t of townships) {
    const geom = townshipGeom.get(t.code);
    const children = (villagesOf.get(t.code) ?? []).map((v) => ({ ...v, urban: isUrbanVillage(v.name) }));
    if (!geom) {
      for (const v of children)
        villageRows.push({
          code: v.code,
          level: 'village',
          name: v.name,
          parentCode: t.code,
          countyCode: t.parentCode,
          geom: null,
          isPoorVillage: false,
          synthesized: false,
        });
      continue;
    }
    const kx = lonScale(multiBbox(geom));
    const rnd = createRandom(hashSeed(seed, 'villages', t.code));
    if (children.length === 0) continue;
    const seeds = seedsRelaxed(geom, children.length, rnd, kx);
    const anchor = interiorCentre(geom, rnd);
    const cells = cellsPartitioning(geom, seeds, kx);
    const assignment = childrenToSeeds(children, seeds, anchor, kx);
    const countyCode = t.parentCode;
    children.forEach((v, i) => {
      villageRows.push({
        code: v.code,
        level: 'village',
        name: v.name,
        parentCode: t.code,
        countyCode,
        geom: multiGeometry(cells[assignment[i]]),
        isPoorVillage: false,
        synthesized: true,
      });
    });
  }

  // 6. Poor villages (贫困村): an exact share per county, picked at random, rarely an urban community.
  const villagesOfCounty = new Map<string, RegionRow[]>();
  for (const v of villageRows) {
    const list = villagesOfCounty.get(v.countyCode!);
    if (list) list.push(v);
    else villagesOfCounty.set(v.countyCode!, [v]);
  }
  for (const c of counties) {
    const rnd = createRandom(hashSeed(seed, 'poor', c.code));
    const list = (villagesOfCounty.get(c.code) ?? []).filter((v) => v.geom);
    const share = options.poorVillageShare[c.code] ?? options.defaultPoorShare;
    const keyed = list.map((v) => ({ v, key: rnd.next() * (isUrbanVillage(v.name) ? 0.15 : 1) }));
    keyed.sort((a, b) => b.key - a.key || byCode(a.v, b.v));
    keyed.slice(0, Math.round(list.length * share)).forEach((k) => (k.v.isPoorVillage = true));
  }
  rows.push(...villageRows);
  return rows;
}
