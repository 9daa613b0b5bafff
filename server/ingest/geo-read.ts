/**
 * Read an uploaded boundary file into features with their source coordinate system: GeoJSON, a zipped
 * Shapefile (.shp + .dbf, with .prj for the coordinate system and .cpg for the attribute encoding —
 * without .cpg, attributes that are not valid UTF-8 are read as GBK/GB18030) or a GeoPackage (SQLite;
 * the geometry blob is the GeoPackage header + WKB). The content decides the format, not the extension.
 * Coordinates are left as they are: the validation step reprojects and checks them in PostGIS.
 */
import JSZip from 'jszip';
import * as shapefile from 'shapefile';
import initSqlJs from 'sql.js';
import { createRequire } from 'node:module';
import { sniff } from './sheet.ts';

export type GeoFormat = 'geojson' | 'shapefile' | 'geopackage';

export interface SourceFeature {
  /** 1-based position in the file (the report's "row"). */
  index: number;
  properties: Record<string, unknown>;
  /** GeoJSON geometry in the source coordinate system (null: the feature has none). */
  geometry: GeoJSON.Geometry | null;
  /** WKB of the geometry (GeoPackage): PostGIS reads it directly. */
  wkb?: Uint8Array;
}

export interface GeoSource {
  format: GeoFormat;
  features: SourceFeature[];
  /** EPSG code of the source coordinates, when the file names one (else null: taken as 4326). */
  srid: number | null;
  /** What the file says about its coordinate system (CRS name, .prj text), for the report. */
  crsText: string | null;
  /** Shapefile: the attribute encoding used. */
  encoding: string | null;
  notices: string[];
}

export class GeoFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GeoFileError';
  }
}

export interface GeoLimits {
  maxUncompressedBytes: number;
  maxFeatures: number;
}
export const defaultGeoLimits: GeoLimits = { maxUncompressedBytes: 300 * 1024 * 1024, maxFeatures: 100_000 };

const sqliteMagic = 'SQLite format 3\u0000';

/** Read a boundary file; `fileName` only helps the message, the bytes decide what it is. */
export async function readGeoFile(bytes: Uint8Array, fileName: string, limits: GeoLimits = defaultGeoLimits): Promise<GeoSource> {
  const kind = sniff(bytes);
  if (kind === 'empty') throw new GeoFileError('文件是空的（0 字节）。');
  let source: GeoSource;
  if (new TextDecoder('latin1').decode(bytes.subarray(0, 16)) === sqliteMagic) source = await readGeoPackage(bytes);
  else if (kind === 'zip') source = await readShapefileZip(bytes, limits);
  else if (kind === 'text') source = readGeoJson(bytes);
  else
    throw new GeoFileError(
      `无法识别“${fileName.slice(0, 80)}”的内容：边界请上传 GeoJSON（.geojson/.json）、Shapefile 压缩包（.zip，含 .shp/.dbf/.prj）或 GeoPackage（.gpkg）。`,
    );
  if (source.features.length === 0) throw new GeoFileError('文件中没有任何要素（0 个边界）。');
  if (source.features.length > limits.maxFeatures)
    throw new GeoFileError(`文件有 ${source.features.length} 个要素，超过一次导入的上限 ${limits.maxFeatures} 个：请分批导入。`);
  return source;
}

// ---------------------------------------------------------------------------------------------
// Coordinate systems.

/** The EPSG code of a CRS name: "EPSG:4490", "urn:ogc:def:crs:EPSG::3857", "…/EPSG/0/4326", "CRS84". */
export function sridOfName(name: string): number | null {
  if (/CRS84$/i.test(name)) return 4326;
  const m = name.match(/EPSG(?::+|\/\d+\/)(\d+)/i);
  return m ? Number(m[1]) : null;
}

/** The EPSG code of a .prj (ESRI WKT): the three systems the importer takes; null for any other. */
export function sridOfPrj(wkt: string): number | null {
  const t = wkt.replace(/\s+/g, ' ');
  const authority = t.match(/AUTHORITY\["EPSG",\s*"?(\d+)"?\]\s*\]\s*$/i);
  if (authority) return Number(authority[1]);
  if (/^PROJCS/i.test(t)) {
    if (/Mercator_Auxiliary_Sphere|Pseudo[-_ ]Mercator|Popular[_ ]Visualisation|WGS_1984_Web_Mercator|3857|900913/i.test(t)) return 3857;
    return null;
  }
  if (/^GEOGCS/i.test(t)) {
    if (/CGCS[_ ]?2000|China[_ ]Geodetic[_ ]Coordinate[_ ]System[_ ]2000/i.test(t)) return 4490;
    if (/WGS[_ ]?(19)?84/i.test(t)) return 4326;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// GeoJSON.

function readGeoJson(bytes: Uint8Array): GeoSource {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new GeoFileError('GeoJSON 文件不是 UTF-8 编码：GeoJSON 规定用 UTF-8，请另存为 UTF-8 后再导入。');
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (err) {
    throw new GeoFileError(`文件不是有效的 GeoJSON（JSON 语法错误：${(err as Error).message.slice(0, 120)}）。`);
  }
  const o = doc as { type?: string; features?: unknown[]; crs?: { properties?: { name?: string } }; geometry?: unknown };
  let list: unknown[];
  if (o?.type === 'FeatureCollection' && Array.isArray(o.features)) list = o.features;
  else if (o?.type === 'Feature') list = [o];
  else throw new GeoFileError('文件是 JSON，但不是 GeoJSON 要素集合（需要 "type": "FeatureCollection" 和 features）。');
  const crsName = o.crs?.properties?.name ?? null;
  const srid = crsName ? sridOfName(crsName) : null;
  const features = list.map((f, i) => {
    const feature = f as { properties?: Record<string, unknown> | null; geometry?: GeoJSON.Geometry | null };
    return { index: i + 1, properties: feature?.properties ?? {}, geometry: feature?.geometry ?? null };
  });
  return { format: 'geojson', features, srid: crsName ? srid : null, crsText: crsName, encoding: 'UTF-8', notices: [] };
}

// ---------------------------------------------------------------------------------------------
// Shapefile in a zip.

async function readShapefileZip(bytes: Uint8Array, limits: GeoLimits): Promise<GeoSource> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch {
    throw new GeoFileError('压缩包已损坏，无法打开。');
  }
  const entries = Object.values(zip.files).filter((e) => !e.dir && !/(^|\/)(__MACOSX|\.)/.test(e.name));
  let declared = 0;
  for (const e of entries) {
    declared += (e as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
    if (declared > limits.maxUncompressedBytes)
      throw new GeoFileError(
        `压缩包解压后过大（超过 ${Math.round(limits.maxUncompressedBytes / 1024 / 1024)} MB），疑似“压缩炸弹”，已拒绝。`,
      );
  }
  if (entries.some((e) => /\.xlsx?$|^xl\//i.test(e.name)) || zip.file('xl/workbook.xml'))
    throw new GeoFileError(
      '这是 Excel 工作簿，不是边界文件：区划名录请用“区划名录”导入，边界请上传 GeoJSON、Shapefile 压缩包或 GeoPackage。',
    );
  const shps = entries.filter((e) => /\.shp$/i.test(e.name));
  if (shps.length === 0) throw new GeoFileError('压缩包里没有 .shp 文件：Shapefile 请把同名的 .shp、.dbf、.prj（和 .cpg）一起压缩后上传。');
  if (shps.length > 1)
    throw new GeoFileError(`压缩包里有 ${shps.length} 个 .shp 文件（${shps.map((s) => s.name).join('、')}）：一次只导入一个图层。`);
  const base = shps[0].name.replace(/\.shp$/i, '');
  const sibling = (ext: string) => entries.find((e) => e.name.toLowerCase() === `${base}.${ext}`.toLowerCase()) ?? null;
  const dbf = sibling('dbf');
  if (!dbf) throw new GeoFileError(`压缩包里缺少 ${base}.dbf（属性表）：边界的代码和名称在其中，请一起压缩。`);
  const cap = async (e: JSZip.JSZipObject) => {
    const data = await e.async('uint8array');
    if (data.length > limits.maxUncompressedBytes) throw new GeoFileError('压缩包解压后过大，已拒绝。');
    return data;
  };
  const shpBytes = await cap(shps[0]);
  const dbfBytes = await cap(dbf);
  const prj = sibling('prj');
  const cpg = sibling('cpg');
  const notices: string[] = [];
  const prjText = prj ? (await prj.async('string')).trim() : null;
  if (!prjText) notices.push('压缩包里没有 .prj（坐标系说明）：按经纬度 WGS84（EPSG:4326）读取。');
  let encoding: string;
  if (cpg) {
    const label = (await cpg.async('string')).trim();
    encoding = /^(utf-?8|65001)$/i.test(label) ? 'utf-8' : /gbk|936|gb2312|gb18030/i.test(label) ? 'gb18030' : label.toLowerCase();
    try {
      new TextDecoder(encoding);
    } catch {
      throw new GeoFileError(`.cpg 写明的编码“${label}”无法识别：请改为 UTF-8 或 GBK。`);
    }
  } else {
    encoding = dbfIsUtf8(dbfBytes) ? 'utf-8' : 'gb18030';
    notices.push(`压缩包里没有 .cpg（编码说明）：属性按 ${encoding === 'utf-8' ? 'UTF-8' : 'GBK（GB18030）'} 读取。`);
  }
  const features: SourceFeature[] = [];
  try {
    const src = await shapefile.open(toArrayBuffer(shpBytes), toArrayBuffer(dbfBytes), { encoding });
    for (let i = 1; ; i++) {
      const r = await src.read();
      if (r.done) break;
      const f = r.value as GeoJSON.Feature;
      features.push({ index: i, properties: trimProps(f.properties ?? {}), geometry: f.geometry ?? null });
      if (features.length > limits.maxFeatures) break;
    }
  } catch (err) {
    throw new GeoFileError(`Shapefile 无法读取（${(err as Error).message.slice(0, 120)}）：文件可能已损坏。`);
  }
  const srid = prjText ? sridOfPrj(prjText) : 4326;
  if (prjText && srid === null)
    throw new GeoFileError(
      `不支持 .prj 中的坐标系（${prjText.slice(0, 80)}…）：请转换为 WGS84（EPSG:4326）、CGCS2000 经纬度（EPSG:4490）或 Web 墨卡托（EPSG:3857）。`,
    );
  return {
    format: 'shapefile',
    features,
    srid,
    crsText: prjText,
    encoding: encoding === 'utf-8' ? 'UTF-8' : encoding.toUpperCase(),
    notices,
  };
}

function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/** dBASE text fields are padded with spaces; strings are trimmed. */
function trimProps(p: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]));
}

/** Whether the records of a .dbf decode as UTF-8 (field values only; headers are ASCII). */
function dbfIsUtf8(dbf: Uint8Array): boolean {
  const headerLength = dbf[8] | (dbf[9] << 8);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(dbf.subarray(headerLength));
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// GeoPackage.

let sqlJs: ReturnType<typeof initSqlJs> | undefined;
export function loadSqlJs() {
  const require = createRequire(import.meta.url);
  sqlJs ??= initSqlJs({ locateFile: () => require.resolve('sql.js/dist/sql-wasm.wasm') });
  return sqlJs;
}

/** The WKB inside a GeoPackage geometry blob ("GP" header, flags, srs id, optional envelope). */
export function wkbOfGpkgBlob(blob: Uint8Array): Uint8Array {
  if (blob[0] !== 0x47 || blob[1] !== 0x50) throw new GeoFileError('GeoPackage 中的几何不是标准格式（缺少 GP 头）。');
  const flags = blob[3];
  const envelope = [0, 32, 48, 48, 64][(flags >> 1) & 0x07] ?? 0;
  return blob.subarray(8 + envelope);
}

async function readGeoPackage(bytes: Uint8Array): Promise<GeoSource> {
  const SQL = await loadSqlJs();
  let db;
  try {
    db = new SQL.Database(bytes);
  } catch {
    throw new GeoFileError('GeoPackage（SQLite）文件已损坏，无法打开。');
  }
  try {
    const layers = db.exec(
      `SELECT g.table_name, g.column_name, g.srs_id, s.organization, s.organization_coordsys_id, s.definition
       FROM gpkg_geometry_columns g LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id`,
    )[0]?.values;
    if (!layers?.length) throw new GeoFileError('GeoPackage 中没有要素图层（gpkg_geometry_columns 为空）。');
    if (layers.length > 1)
      throw new GeoFileError(`GeoPackage 中有 ${layers.length} 个图层（${layers.map((l) => l[0]).join('、')}）：一次只导入一个图层。`);
    const [table, column, srsId, org, orgId, definition] = layers[0] as [
      string,
      string,
      number,
      string | null,
      number | null,
      string | null,
    ];
    const srid = org && /epsg/i.test(org) && orgId ? Number(orgId) : srsId > 0 ? Number(srsId) : null;
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const stmt = db.prepare(`SELECT * FROM ${q(table)}`);
    const features: SourceFeature[] = [];
    for (let i = 1; stmt.step(); i++) {
      const row = stmt.getAsObject() as Record<string, unknown>;
      const blob = row[column] as Uint8Array | null;
      delete row[column];
      features.push({ index: i, properties: row, geometry: null, wkb: blob ? wkbOfGpkgBlob(blob) : undefined });
    }
    stmt.free();
    return {
      format: 'geopackage',
      features,
      srid,
      crsText: definition ? definition.slice(0, 200) : srid ? `EPSG:${srid}` : null,
      encoding: 'UTF-8',
      notices: [],
    };
  } catch (err) {
    if (err instanceof GeoFileError) throw err;
    throw new GeoFileError(`GeoPackage 无法读取（${(err as Error).message.slice(0, 120)}）。`);
  } finally {
    db.close();
  }
}
