/**
 * Imports of the division list (区划名录) and the boundaries (行政区划边界), in the two steps of the
 * ledger imports (validate → report + batch; commit → one transaction, idempotent; see ledger-import.ts,
 * whose commit hands these batch kinds here).
 *
 * Boundaries: GeoJSON, a zipped Shapefile or a GeoPackage (geo-read.ts). The coordinates are taken as
 * EPSG:4326, 4490 (CGCS2000: the same degrees within centimetres) or 3857 (reprojected by PostGIS);
 * latitude/longitude order is detected and turned round. Invalid polygons are reported with PostGIS's
 * reason and repaired with ST_MakeValid only when the importer asks for it. Codes are checked against the
 * division list: a code the list does not hold is listed as unknown, and a code no current national
 * list holds (data/henan-divisions.csv for the provinces it covers) as retired (已撤销).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.ts';
import { importBatches } from '../db/schema.ts';
import { HttpError } from '../errors.ts';
import { markBatchCommitted } from './batch-commit.ts';
import {
  countyCodes,
  levelDepth,
  parseDivisionSheet,
  planDivisions,
  type DivisionPlanItem,
  type DivisionRecord,
  type StoredDivision,
} from './division-list.ts';
import { GeoFileError, readGeoFile, type GeoSource } from './geo-read.ts';
import type { Issue, Notice } from './ledger-parse.ts';
import { cellText } from './normalize.ts';
import { readSheet, SheetError, type SheetLimits } from './sheet.ts';

import type { GeoImportKind } from './geo-kinds.ts';

const MAX_ISSUES = 1000;
const MAX_PREVIEW = 200;

export interface CodeRef {
  row: number;
  code: string;
  name: string | null;
}

export interface GeoImportReport {
  batchId: string | null;
  kind: GeoImportKind;
  fileName: string;
  format: 'xlsx' | 'csv' | 'geojson' | 'shapefile' | 'geopackage';
  encoding: string | null;
  ok: boolean;
  counts: { dataRows: number; add: number; change: number; unchanged: number; skip: number; errors: number };
  issues: Issue[];
  issuesTotal: number;
  notices: Notice[];
  preview: {
    key: string;
    row: number;
    action: 'add' | 'change';
    changes: { field: string; label: string; before: string | null; after: string | null }[];
  }[];
  /** Boundaries: the source coordinate system, whether axes were swapped, codes not in the list, invalid polygons. */
  boundaries: {
    srid: number;
    crs: string | null;
    axisSwapped: boolean;
    codeField: string | null;
    unknownCodes: CodeRef[];
    retiredCodes: CodeRef[];
    invalid: (CodeRef & { reason: string })[];
    /** True when invalid polygons were found: validate again with makeValid=true to repair them (ST_MakeValid). */
    makeValidOffered: boolean;
    makeValid: boolean;
    repaired: number;
  } | null;
}

export interface GeoCommitResult {
  batchId: string;
  kind: GeoImportKind;
  added: number;
  changed: number;
  unchanged: number;
  replayed: boolean;
  committedAt: string;
}

export class GeoImportRefused extends HttpError {
  constructor(message: string) {
    super(422, message);
  }
}

async function storedDivisions(db: Db | Database['db']): Promise<StoredDivision[]> {
  const rows = (await db.execute(sql`SELECT code, name, level, parent_code AS "parentCode" FROM regions`)) as unknown as StoredDivision[];
  return [...rows];
}

async function saveBatch(
  database: Database,
  kind: GeoImportKind,
  input: { bytes: Uint8Array; fileName: string; userId: number | null },
  rows: unknown[],
  counts: Record<string, number>,
) {
  const id = crypto.randomUUID();
  await database.db.insert(importBatches).values({
    id,
    kind,
    userId: input.userId,
    scopeCounty: null,
    fileName: input.fileName.slice(0, 255),
    fileSha256: crypto.createHash('sha256').update(input.bytes).digest('hex'),
    rows,
    report: { counts },
  });
  return id;
}

// ---------------------------------------------------------------------------------------------
// Division list.

export interface GeoValidateInput {
  bytes: Uint8Array;
  fileName: string;
  userId: number | null;
  limits?: SheetLimits;
}

export async function validateDivisions(database: Database, input: GeoValidateInput): Promise<GeoImportReport> {
  let sheet;
  try {
    sheet = await readSheet(input.bytes, input.fileName, input.limits);
  } catch (err) {
    if (err instanceof SheetError) throw new GeoImportRefused(`区划名录：${err.message}`);
    throw err;
  }
  const parsed = parseDivisionSheet(sheet);
  if (parsed.fileError) throw new GeoImportRefused(`区划名录：${parsed.fileError}`);
  const { plan, issues: planIssues } = planDivisions(parsed.records, await storedDivisions(database.db));
  const issues = [...parsed.issues, ...planIssues].sort((a, b) => a.row - b.row);
  const counts = {
    dataRows: parsed.records.length + new Set(parsed.issues.map((i) => i.row)).size,
    add: plan.filter((p) => p.action === 'add').length,
    change: plan.filter((p) => p.action === 'change').length,
    unchanged: plan.filter((p) => p.action === 'unchanged').length,
    skip: parsed.skipped,
    errors: new Set(issues.map((i) => i.row)).size,
  };
  const report: GeoImportReport = {
    batchId: null,
    kind: 'divisions',
    fileName: input.fileName,
    format: sheet.format,
    encoding: sheet.encoding ?? null,
    ok: issues.length === 0,
    counts,
    issues: issues.slice(0, MAX_ISSUES),
    issuesTotal: issues.length,
    notices: sheet.encoding ? [{ message: `文件编码：${sheet.encoding}。` }, ...parsed.notices] : parsed.notices,
    preview: plan
      .filter((p) => p.action !== 'unchanged')
      .slice(0, MAX_PREVIEW)
      .map((p) => ({
        key: p.record.code,
        row: p.record.row,
        action: p.action as 'add' | 'change',
        changes: p.action === 'add' ? [{ field: 'name', label: '名称', before: null, after: p.record.name }] : p.changes,
      })),
    boundaries: null,
  };
  if (report.ok) report.batchId = await saveBatch(database, 'divisions', input, parsed.records, counts);
  return report;
}

async function commitDivisions(tx: Db, records: DivisionRecord[]): Promise<{ added: number; changed: number; unchanged: number }> {
  const stored = await storedDivisions(tx);
  const { plan, issues } = planDivisions(records, stored);
  if (issues.length) throw new HttpError(409, `导入未执行：校验之后区划名录已被修改（${issues[0].reason}）。请重新校验文件。`);
  const all = new Map<string, StoredDivision>(stored.map((s) => [s.code, s]));
  for (const p of plan) all.set(p.record.code, p.record);
  const county = countyCodes(all.values());
  const writes = plan
    .filter((p) => p.action !== 'unchanged')
    .sort((a, b) => levelDepth[a.record.level] - levelDepth[b.record.level] || (a.record.code < b.record.code ? -1 : 1));
  for (let i = 0; i < writes.length; i += 1000) {
    const part = writes.slice(i, i + 1000).map((p: DivisionPlanItem) => ({
      code: p.record.code,
      name: p.record.name,
      level: p.record.level,
      parent: p.record.parentCode,
      county: county.get(p.record.code) ?? null,
    }));
    await tx.execute(sql`
      INSERT INTO regions (code, level, name, parent_code, county_code)
      SELECT e->>'code', (e->>'level')::region_level, e->>'name', e->>'parent', e->>'county'
      FROM json_array_elements(${JSON.stringify(part)}::json) e
      ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, parent_code = EXCLUDED.parent_code,
        county_code = EXCLUDED.county_code, version = regions.version + 1`);
  }
  return {
    added: plan.filter((p) => p.action === 'add').length,
    changed: plan.filter((p) => p.action === 'change').length,
    unchanged: plan.filter((p) => p.action === 'unchanged').length,
  };
}

// ---------------------------------------------------------------------------------------------
// Boundaries.

let reference: { codes: Set<string>; provinces: Set<string> } | undefined;

/** Current national division codes of the provinces data/henan-divisions.csv covers (for "retired"). */
function referenceCodes() {
  if (!reference) {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/henan-divisions.csv');
    const codes = new Set<string>();
    const provinces = new Set<string>();
    if (fs.existsSync(file)) {
      for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
        const code = line.split(',')[1];
        if (code && /^\d+$/.test(code)) {
          codes.add(code);
          provinces.add(code.slice(0, 2));
        }
      }
    }
    reference = { codes, provinces };
  }
  return reference;
}

const codeAliases = ['code', 'adcode', '代码', '区划代码', '行政区划代码', '编码', 'xzqdm', 'qhdm', 'pac', 'gb', 'divisioncode'];
const nameAliases = ['name', '名称', '区划名称', '行政区划名称', 'xzqmc', 'qhmc', 'mc'];
const keyOf = (s: string) => s.toLowerCase().replace(/[\s_\-()（）]/g, '');

function pickField(features: GeoSource['features'], list: string[]): string | null {
  const keys = new Set<string>();
  for (const f of features.slice(0, 50)) for (const k of Object.keys(f.properties)) keys.add(k);
  for (const alias of list) for (const k of keys) if (keyOf(k) === alias) return k;
  return null;
}

export interface BoundaryValidateInput extends GeoValidateInput {
  /** Repair invalid polygons with ST_MakeValid (the report offers it when it finds any). */
  makeValid: boolean;
  /** Skip features whose codes are not in the division list (listed as notices) instead of refusing the file. */
  skipUnknown: boolean;
}

interface BoundaryRow {
  code: string;
  gj: string;
}

export async function validateBoundaries(database: Database, input: BoundaryValidateInput): Promise<GeoImportReport> {
  let source: GeoSource;
  try {
    source = await readGeoFile(input.bytes, input.fileName);
  } catch (err) {
    if (err instanceof GeoFileError) throw new GeoImportRefused(`边界：${err.message}`);
    throw err;
  }
  const codeField = pickField(source.features, codeAliases);
  if (!codeField)
    throw new GeoImportRefused(
      `边界：要素属性中找不到区划代码字段（可用 code、代码、区划代码、adcode、XZQDM 等）。现有字段：${[...new Set(source.features.slice(0, 5).flatMap((f) => Object.keys(f.properties)))].join('、') || '无'}。`,
    );
  const nameField = pickField(source.features, nameAliases);
  if (source.srid !== null && ![4326, 4490, 3857].includes(source.srid))
    throw new GeoImportRefused(
      `边界：不支持坐标系 EPSG:${source.srid}：请转换为 WGS84（EPSG:4326）、CGCS2000（EPSG:4490）或 Web 墨卡托（EPSG:3857）。`,
    );

  const stored = new Map((await storedDivisions(database.db)).map((d) => [d.code, d]));
  const ref = referenceCodes();
  const issues: Issue[] = [];
  const notices: Notice[] = source.notices.map((message) => ({ message }));
  const unknownCodes: CodeRef[] = [];
  const retiredCodes: CodeRef[] = [];
  const seen = new Map<string, number>();
  const items: { row: number; code: string; name: string | null; gj?: string; wkb?: string }[] = [];
  let skip = 0;
  for (const f of source.features) {
    const rawCode = cellText((f.properties[codeField] ?? null) as string | number | null).replace(/\s/g, '');
    const name = nameField ? cellText((f.properties[nameField] ?? null) as string | null) || null : null;
    const column = `属性「${codeField}」`;
    if (!/^\d+$/.test(rawCode)) {
      issues.push({ row: f.index, column, value: rawCode, reason: rawCode ? '区划代码只能是数字' : '缺少区划代码' });
      continue;
    }
    // A code padded with zeros to 12 digits (411421000000) names the division it pads.
    let code = rawCode;
    if (!stored.has(code))
      for (const n of [9, 6, 4])
        if (code.length > n && /^0+$/.test(code.slice(n)) && stored.has(code.slice(0, n))) {
          code = code.slice(0, n);
          break;
        }
    if (!stored.has(code)) {
      const retired = ref.provinces.has(code.slice(0, 2)) && !ref.codes.has(code);
      (retired ? retiredCodes : unknownCodes).push({ row: f.index, code, name });
      const reason = retired
        ? `区划代码 ${code}${name ? `（${name}）` : ''} 已撤销（不在现行区划代码中）`
        : `区划代码 ${code}${name ? `（${name}）` : ''} 不在区划名录中：请先导入区划名录`;
      if (input.skipUnknown) {
        skip++;
        notices.push({ row: f.index, message: `已跳过：${reason}。` });
      } else issues.push({ row: f.index, column, value: code, reason });
      continue;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      issues.push({ row: f.index, column, value: code, reason: `区划代码 ${code} 与第 ${first} 个要素重复` });
      continue;
    }
    seen.set(code, f.index);
    if (!f.geometry && !f.wkb) {
      issues.push({ row: f.index, column: '几何', value: code, reason: '要素没有几何（边界为空）' });
      continue;
    }
    if (f.geometry && f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') {
      issues.push({ row: f.index, column: '几何', value: f.geometry.type, reason: '边界应为面（Polygon 或 MultiPolygon）' });
      continue;
    }
    items.push({
      row: f.index,
      code,
      name,
      gj: f.geometry ? JSON.stringify(f.geometry) : undefined,
      wkb: f.wkb ? Buffer.from(f.wkb).toString('hex') : undefined,
    });
  }

  // Pass 1: the extent in the source coordinates decides the axis order (and catches projected metres labelled as degrees).
  const srcSql = sql`
    SELECT (e->>'row')::int AS row, e->>'code' AS code,
      CASE WHEN e ? 'wkb' THEN ST_GeomFromWKB(decode(e->>'wkb', 'hex')) ELSE ST_GeomFromGeoJSON(e->>'gj') END AS g
    FROM jsonb_array_elements(${JSON.stringify(items)}::jsonb) e`;
  const srid = source.srid ?? 4326;
  let axisSwapped = false;
  if (items.length) {
    const [ext] = await database.rows<{ type: string | null; x: number; y: number; bad: number }>(sql`
      WITH src AS (${srcSql})
      SELECT max(greatest(abs(ST_XMin(g)), abs(ST_XMax(g))))::float8 AS x, max(greatest(abs(ST_YMin(g)), abs(ST_YMax(g))))::float8 AS y,
        count(*) FILTER (WHERE GeometryType(g) NOT IN ('POLYGON', 'MULTIPOLYGON'))::int AS bad
      FROM src`);
    if (ext.bad > 0) throw new GeoImportRefused('边界：文件中有不是面（Polygon/MultiPolygon）的几何：边界只能是面。');
    if (srid !== 3857) {
      if (ext.x > 180 || ext.y > 180)
        throw new GeoImportRefused(
          `边界：坐标超出经纬度范围（最大 ${Math.round(Math.max(ext.x, ext.y))}），像是投影坐标（米）：请在文件中注明坐标系（如 EPSG:3857），或转换为经纬度。`,
        );
      if (ext.y > 90 && ext.x <= 90) {
        axisSwapped = true;
        notices.push({ message: '坐标按“纬度, 经度”顺序书写：已调换为“经度, 纬度”。' });
      }
    } else if (ext.x <= 180 && ext.y <= 90) {
      throw new GeoImportRefused('边界：文件标明 Web 墨卡托（EPSG:3857，单位米），但坐标像经纬度（度）：请更正文件的坐标系。');
    }
  }
  if (srid === 4490) notices.push({ message: '坐标系 CGCS2000（EPSG:4490）：与 WGS84 相差不到 1 米，按 EPSG:4326 保存。' });
  if (srid === 3857) notices.push({ message: '坐标系 Web 墨卡托（EPSG:3857）：已转换为经纬度（EPSG:4326）。' });

  // Pass 2: reproject, check validity (repair on request) and compare with the stored boundary.
  const checked = items.length
    ? await database.rows<{
        row: number;
        code: string;
        valid: boolean;
        reason: string | null;
        gj: string | null;
        stored: boolean;
        same: boolean | null;
        before_km2: number | null;
        after_km2: number | null;
      }>(sql`
      WITH src AS (${srcSql}),
      t AS (
        SELECT row, code,
          CASE WHEN ${srid}::int = 3857 THEN ST_Transform(ST_SetSRID(g, 3857), 4326)
               WHEN ${axisSwapped} THEN ST_SetSRID(ST_FlipCoordinates(g), 4326)
               ELSE ST_SetSRID(g, 4326) END AS g
        FROM src
      ),
      v AS (SELECT row, code, g, ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM t),
      f AS (
        SELECT v.*, CASE WHEN v.valid THEN ST_Multi(v.g)
                         WHEN ${input.makeValid} THEN ST_Multi(ST_CollectionExtract(ST_MakeValid(v.g), 3)) END AS fixed
        FROM v
      )
      SELECT f.row, f.code, f.valid, f.reason, ST_AsGeoJSON(f.fixed, 7) AS gj,
        r.geom IS NOT NULL AS stored,
        CASE WHEN r.geom IS NOT NULL AND f.fixed IS NOT NULL THEN ST_Equals(r.geom, f.fixed) END AS same,
        round((ST_Area(r.geom::geography) / 1e6)::numeric, 1)::float8 AS before_km2,
        round((ST_Area(f.fixed::geography) / 1e6)::numeric, 1)::float8 AS after_km2
      FROM f JOIN regions r ON r.code = f.code
      ORDER BY f.row`)
    : [];
  const invalid: (CodeRef & { reason: string })[] = [];
  const rows: BoundaryRow[] = [];
  const preview: GeoImportReport['preview'] = [];
  let add = 0;
  let change = 0;
  let unchanged = 0;
  let repaired = 0;
  const nameOf = new Map(items.map((i) => [i.row, i.name]));
  for (const c of checked) {
    if (!c.valid) {
      invalid.push({ row: c.row, code: c.code, name: nameOf.get(c.row) ?? null, reason: c.reason ?? '' });
      if (!input.makeValid) {
        issues.push({
          row: c.row,
          column: '几何',
          value: c.code,
          reason: `边界无效（${c.reason}）：可选择“修复无效几何”（ST_MakeValid）后重新校验`,
        });
        continue;
      }
      if (!c.gj || c.gj.includes('"coordinates":[]')) {
        issues.push({ row: c.row, column: '几何', value: c.code, reason: `边界无效（${c.reason}），修复后没有剩下面` });
        continue;
      }
      repaired++;
      notices.push({ row: c.row, message: `${c.code} 的边界无效（${c.reason}），已用 ST_MakeValid 修复。` });
    }
    rows.push({ code: c.code, gj: c.gj! });
    const label = (km2: number | null) => (km2 === null ? null : `面积 ${km2} km²`);
    if (!c.stored) {
      add++;
      preview.push({
        key: c.code,
        row: c.row,
        action: 'add',
        changes: [{ field: 'geom', label: '边界', before: null, after: label(c.after_km2) }],
      });
    } else if (c.same) unchanged++;
    else {
      change++;
      preview.push({
        key: c.code,
        row: c.row,
        action: 'change',
        changes: [{ field: 'geom', label: '边界', before: label(c.before_km2), after: label(c.after_km2) }],
      });
    }
  }
  issues.sort((a, b) => a.row - b.row);
  const counts = { dataRows: source.features.length, add, change, unchanged, skip, errors: new Set(issues.map((i) => i.row)).size };
  const report: GeoImportReport = {
    batchId: null,
    kind: 'boundaries',
    fileName: input.fileName,
    format: source.format,
    encoding: source.encoding,
    ok: issues.length === 0 && rows.length > 0,
    counts,
    issues: issues.slice(0, MAX_ISSUES),
    issuesTotal: issues.length,
    notices,
    preview: preview.slice(0, MAX_PREVIEW),
    boundaries: {
      srid,
      crs: source.crsText,
      axisSwapped,
      codeField,
      unknownCodes,
      retiredCodes,
      invalid,
      makeValidOffered: invalid.length > 0 && !input.makeValid,
      makeValid: input.makeValid,
      repaired,
    },
  };
  if (rows.length === 0 && issues.length === 0) {
    report.issues = [{ row: 0, column: '', value: '', reason: '没有可导入的边界（所有要素都被跳过）' }];
    report.issuesTotal = 1;
  }
  if (report.ok) report.batchId = await saveBatch(database, 'boundaries', input, rows, counts);
  return report;
}

async function commitBoundaries(tx: Db, rows: BoundaryRow[]): Promise<{ added: number; changed: number; unchanged: number }> {
  let added = 0;
  let changed = 0;
  let unchanged = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const part = rows.slice(i, i + 200);
    const result = (await tx.execute(sql`
      WITH src AS (
        SELECT e->>'code' AS code, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(e->>'gj'), 4326)) AS g
        FROM json_array_elements(${JSON.stringify(part)}::json) e
      ), old AS (
        SELECT s.code, s.g, r.geom IS NULL AS added, r.geom IS NOT NULL AND ST_Equals(r.geom, s.g) AS same
        FROM src s JOIN regions r ON r.code = s.code
      ), up AS (
        UPDATE regions r SET geom = o.g, label_point = (ST_MaximumInscribedCircle(o.g)).center, synthesized = false, version = r.version + 1
        FROM old o WHERE r.code = o.code AND NOT o.same
        RETURNING r.code
      )
      SELECT count(*) FILTER (WHERE added)::int AS added, count(*) FILTER (WHERE NOT added AND NOT same)::int AS changed,
        count(*) FILTER (WHERE same)::int AS unchanged, (SELECT count(*)::int FROM up) AS written,
        (SELECT count(*)::int FROM src) AS wanted
      FROM old`)) as unknown as { added: number; changed: number; unchanged: number; written: number; wanted: number }[];
    const r = result[0];
    if (r.added + r.changed + r.unchanged !== r.wanted) throw new HttpError(409, '导入未执行：校验之后有区划被删除。请重新校验文件。');
    added += r.added;
    changed += r.changed;
    unchanged += r.unchanged;
  }
  // A city without an outline of its own gets the union of its counties' (the map's extent and the siting checks need one).
  await tx.execute(sql`
    UPDATE regions c SET geom = u.g, label_point = (ST_MaximumInscribedCircle(u.g)).center, version = c.version + 1
    FROM (
      SELECT k.parent_code AS code, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(k.geom)), 3)) AS g
      FROM regions k WHERE k.level = 'county' AND k.geom IS NOT NULL GROUP BY k.parent_code
    ) u
    WHERE c.code = u.code AND c.level = 'city' AND c.geom IS NULL`);
  return { added, changed, unchanged };
}

// ---------------------------------------------------------------------------------------------
// Commit (called by ledger-import.ts inside its transaction, after the batch was locked and checked).

export async function commitGeoBatch(
  tx: Db,
  batch: { id: string; kind: GeoImportKind; rows: unknown[] },
  input: { idempotencyKey: string | null; now: Date },
): Promise<GeoCommitResult> {
  const counts =
    batch.kind === 'divisions'
      ? await commitDivisions(tx, batch.rows as DivisionRecord[])
      : await commitBoundaries(tx, batch.rows as BoundaryRow[]);
  const result: GeoCommitResult = { batchId: batch.id, kind: batch.kind, ...counts, replayed: false, committedAt: input.now.toISOString() };
  return markBatchCommitted(tx, result, input);
}
