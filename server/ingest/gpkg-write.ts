/**
 * Write features to a GeoPackage (OGC 12-128r18, version 1.2) with sql.js: one feature table in
 * EPSG:4326, geometry as the GeoPackage blob ("GP" header + little-endian WKB), attribute columns typed
 * from the values (INTEGER, REAL or TEXT; lists joined with 、). Column names may be Chinese.
 */
import { loadSqlJs } from './geo-read.ts';

export interface ExportFeature {
  geometry: GeoJSON.Geometry | null;
  properties: Record<string, unknown>;
}

const wgs84 =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],' +
  'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],' +
  'AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

const wkbType: Record<GeoJSON.Geometry['type'], number> = {
  Point: 1,
  LineString: 2,
  Polygon: 3,
  MultiPoint: 4,
  MultiLineString: 5,
  MultiPolygon: 6,
  GeometryCollection: 7,
};

/** Little-endian WKB (2D) of a GeoJSON geometry. */
export function toWkb(g: GeoJSON.Geometry): Uint8Array {
  const bytes: Uint8Array[] = [];
  const u32 = (n: number) => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, n, true);
    bytes.push(b);
  };
  const f64 = (n: number) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, n, true);
    bytes.push(b);
  };
  const head = (type: number) => {
    bytes.push(new Uint8Array([1]));
    u32(type);
  };
  const points = (ps: GeoJSON.Position[]) => {
    u32(ps.length);
    for (const p of ps) {
      f64(p[0]);
      f64(p[1]);
    }
  };
  const write = (geom: GeoJSON.Geometry) => {
    head(wkbType[geom.type]);
    switch (geom.type) {
      case 'Point':
        f64(geom.coordinates[0]);
        f64(geom.coordinates[1]);
        break;
      case 'LineString':
        points(geom.coordinates);
        break;
      case 'Polygon':
        u32(geom.coordinates.length);
        for (const ring of geom.coordinates) points(ring);
        break;
      case 'MultiPoint':
        u32(geom.coordinates.length);
        for (const p of geom.coordinates) write({ type: 'Point', coordinates: p });
        break;
      case 'MultiLineString':
        u32(geom.coordinates.length);
        for (const l of geom.coordinates) write({ type: 'LineString', coordinates: l });
        break;
      case 'MultiPolygon':
        u32(geom.coordinates.length);
        for (const p of geom.coordinates) write({ type: 'Polygon', coordinates: p });
        break;
      case 'GeometryCollection':
        u32(geom.geometries.length);
        for (const x of geom.geometries) write(x);
        break;
    }
  };
  write(g);
  const out = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of bytes) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/** The GeoPackage geometry blob: "GP", version 0, flags (little-endian, no envelope), srs id, WKB. */
export function gpkgBlob(g: GeoJSON.Geometry, srsId = 4326): Uint8Array {
  const wkb = toWkb(g);
  const out = new Uint8Array(8 + wkb.length);
  out.set([0x47, 0x50, 0, 0x01]);
  new DataView(out.buffer).setInt32(4, srsId, true);
  out.set(wkb, 8);
  return out;
}

function extent(features: ExportFeature[]): [number, number, number, number] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      w = Math.min(w, c[0]);
      e = Math.max(e, c[0]);
      s = Math.min(s, c[1] as number);
      n = Math.max(n, c[1] as number);
    } else if (Array.isArray(c)) for (const x of c) visit(x);
  };
  for (const f of features) {
    if (!f.geometry) continue;
    if (f.geometry.type === 'GeometryCollection') for (const g of f.geometry.geometries) visit((g as GeoJSON.Point).coordinates);
    else visit(f.geometry.coordinates);
  }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

function cellOf(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return v.map(String).join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * A GeoPackage with one feature table `layer` (named `identifier` for people) holding `features`, in
 * EPSG:4326; `geometryType` is the declared type (GEOMETRY when mixed).
 */
export async function writeGeoPackage(
  layer: string,
  identifier: string,
  features: ExportFeature[],
  geometryType: string,
): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    db.run('PRAGMA application_id = 1196444487'); // 'GPKG'
    db.run('PRAGMA user_version = 10200');
    db.run(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)`);
    const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
    srs.run(['Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system']);
    srs.run(['Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system']);
    srs.run(['WGS 84 geodetic', 4326, 'EPSG', 4326, wgs84, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid']);
    srs.free();
    db.run(`CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
      description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
      CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))`);
    db.run(`CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
      srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
      CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
      CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
      CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))`);
    // Columns in first-seen order, typed from their values.
    const columns = new Map<string, 'INTEGER' | 'REAL' | 'TEXT'>();
    for (const f of features) {
      for (const [k, v] of Object.entries(f.properties)) {
        const c = cellOf(v);
        const type =
          c === null ? null : typeof c === 'number' ? (Number.isInteger(c) && columns.get(k) !== 'REAL' ? 'INTEGER' : 'REAL') : 'TEXT';
        const old = columns.get(k);
        if (!old) columns.set(k, type ?? 'INTEGER');
        else if (type && old !== type) columns.set(k, old === 'TEXT' || type === 'TEXT' ? 'TEXT' : 'REAL');
      }
    }
    const names = [...columns.keys()];
    db.run(
      `CREATE TABLE ${quote(layer)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${geometryType}${names
        .map((n) => `, ${quote(n)} ${columns.get(n)}`)
        .join('')})`,
    );
    const box = extent(features);
    db.run(
      'INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 4326)',
      [layer, 'features', identifier, identifier, box?.[0] ?? null, box?.[1] ?? null, box?.[2] ?? null, box?.[3] ?? null],
    );
    db.run('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, 4326, 0, 0)', [layer, 'geom', geometryType]);
    db.run('BEGIN');
    const insert = db.prepare(
      `INSERT INTO ${quote(layer)} (geom${names.map((n) => `, ${quote(n)}`).join('')}) VALUES (?${', ?'.repeat(names.length)})`,
    );
    for (const f of features) insert.run([f.geometry ? gpkgBlob(f.geometry) : null, ...names.map((n) => cellOf(f.properties[n]))]);
    insert.free();
    db.run('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}
