/**
 * From a sheet (grid of cells) to typed ledger rows, pure: find the header (skipping title rows; one
 * row or two rows with merged group cells), map columns through the alias table, skip blank,
 * 小计/合计 and signature rows with a notice, parse each cell, check required values, cross-field rules
 * and duplicate keys. Problems are reported per cell: Excel row, column, value and a reason in Chinese.
 */
import { maskIdNumber, maskName } from '../auth/mask.ts';
import { kindFields, kindKey, personalKinds, type FieldSpec, type ImportKind } from './kinds.ts';
import { unneutralise } from '../domain/table-file.ts';
import {
  cellText,
  normText,
  parseBool,
  parseChoice,
  parseCode,
  parseCount,
  parseDate,
  parseIdNumber,
  parseMoney,
  parseNumber,
  parsePercent,
  round,
  type Cell,
  type MoneyUnit,
  type Parsed,
} from './normalize.ts';
import type { Sheet } from './sheet.ts';

export interface Issue {
  /** Excel row number (1-based); 0 for the file as a whole. */
  row: number;
  /** Column letter and header, e.g. "F列「总投资（万元）」"; '' for a whole row or file. */
  column: string;
  value: string;
  reason: string;
}
export interface Notice {
  row?: number;
  message: string;
}
export interface ParsedRow {
  row: number;
  /** Parsed values by field key (only columns present in the file). */
  values: Record<string, unknown>;
}
export interface ColumnMap {
  index: number;
  letter: string;
  header: string;
  field: string | null;
}
export interface ParseResult {
  kind: ImportKind;
  columns: ColumnMap[];
  rows: ParsedRow[];
  issues: Issue[];
  notices: Notice[];
  /** A problem with the whole file (no header, no data rows); then rows is empty. */
  fileError?: string;
  /** Rows skipped (blank, totals, signatures). */
  skipped: number;
}

export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A header normalised for matching: NFKC, no spaces/markers, lower case; its unit in brackets apart. */
export function normHeader(raw: string): { base: string; unit: string | null } {
  let t = normText(raw)
    .replace(/\s/g, '')
    .replace(/^[*★※]+|[*★※:：]+$/g, '');
  let unit: string | null = null;
  const m = t.match(/^(.*?)[([]([^()[\]]*)[)\]]$/);
  if (m && m[1]) {
    t = m[1];
    unit = m[2].toLowerCase();
  }
  return { base: t.toLowerCase(), unit };
}

function aliasTable(fields: FieldSpec[]): Map<string, FieldSpec> {
  const map = new Map<string, FieldSpec>();
  for (const f of fields) {
    for (const name of [f.label, ...f.aliases]) {
      const { base } = normHeader(name);
      if (!map.has(base)) map.set(base, f);
      const raw = normText(name).replace(/\s/g, '').toLowerCase();
      if (!map.has(raw)) map.set(raw, f);
    }
  }
  return map;
}

interface HeaderCandidate {
  start: number;
  height: 1 | 2;
  columns: { index: number; header: string; field: FieldSpec | null; unit: string | null }[];
  score: number;
}

function matchHeader(text: string, aliases: Map<string, FieldSpec>): { field: FieldSpec | null; unit: string | null } {
  const raw = normText(text).replace(/\s/g, '').toLowerCase();
  const { base, unit } = normHeader(text);
  return { field: aliases.get(raw) ?? aliases.get(base) ?? null, unit };
}

function candidate(rows: Cell[][], start: number, height: 1 | 2, aliases: Map<string, FieldSpec>): HeaderCandidate {
  const top = rows[start] ?? [];
  const bottom = height === 2 ? (rows[start + 1] ?? []) : [];
  const width = Math.max(top.length, bottom.length);
  const columns: HeaderCandidate['columns'] = [];
  const used = new Set<string>();
  let score = 0;
  for (let i = 0; i < width; i++) {
    const parent = cellText(top[i] ?? null);
    const child = height === 2 ? cellText(bottom[i] ?? null) : '';
    let header = parent;
    let hit: { field: FieldSpec | null; unit: string | null } = { field: null, unit: null };
    if (height === 2 && child && child !== parent) {
      const parentUnit = normHeader(parent).unit;
      const tries = [normHeader(parent).base + child, child, parent];
      for (const t of tries) {
        hit = matchHeader(t, aliases);
        if (hit.field) break;
      }
      hit.unit ??= parentUnit;
      header = parent ? `${parent}/${child}` : child;
    } else if (parent) {
      hit = matchHeader(parent, aliases);
    }
    if (!header) continue;
    if (hit.field && used.has(hit.field.key)) hit = { field: null, unit: null };
    if (hit.field) {
      used.add(hit.field.key);
      score++;
    }
    columns.push({ index: i, header, field: hit.field, unit: hit.unit });
  }
  return { start, height, columns, score };
}

/** Find the header among the first rows: the row (or pair of rows) matching the most known columns. */
export function locateHeader(rows: Cell[][], kind: ImportKind): HeaderCandidate | null {
  const aliases = aliasTable(kindFields[kind]);
  let best: HeaderCandidate | null = null;
  const keyField = kindKey[kind][0];
  for (let r = 0; r < Math.min(rows.length, 15); r++) {
    for (const height of [1, 2] as const) {
      // A title above the header (one text, maybe merged across) does not make a two-row header.
      if (height === 2 && (r + 1 >= rows.length || new Set((rows[r] ?? []).map((c) => cellText(c ?? null)).filter(Boolean)).size <= 1))
        continue;
      const c = candidate(rows, r, height, aliases);
      if (!c.columns.some((col) => col.field?.key === keyField)) continue;
      if (!best || c.score > best.score) best = c;
    }
  }
  return best && best.score >= 2 ? best : null;
}

const totalPattern = /^(小计|合计|总计|共计|累计|合\s*计|小\s*计|总\s*计)/;
const signaturePattern =
  /^(填表人|填报人|审核人|审核|制表人|制表|负责人|联系人|联系电话|电话|主要领导|分管领导|单位负责人|签字|签章|盖章|填报单位|填表单位|填表日期|填报日期|制表日期|说明|注[:：]|备注[:：])/;

function parseField(f: FieldSpec, cell: Cell, unit: string | null, date1904: boolean): Parsed<unknown> {
  switch (f.type) {
    case 'text': {
      // Free text keeps its characters (full-width brackets in names stay); division names are matched with NFKC later.
      const t = typeof cell === 'string' ? unneutralise(cell.replace(/^[\s\u3000\ufeff]+|[\s\u3000]+$/g, '')) : cellText(cell);
      return t.length > 200 ? { ok: false, reason: '文字过长（最多 200 字）' } : { ok: true, value: t || null };
    }
    case 'idnumber':
      return parseIdNumber(cell);
    case 'code':
      return parseCode(typeof cell === 'string' ? unneutralise(normText(cell)) : cell);
    case 'int':
      return parseCount(cell);
    case 'year': {
      const t = typeof cell === 'string' ? normText(cell).replace(/年(度)?$/, '') : cell;
      const n = parseNumber(t instanceof Date ? cell : t);
      if (!n.ok || (n.value !== null && (!Number.isInteger(n.value) || n.value < 2000 || n.value > 2100)))
        return { ok: false, reason: '年度应为 2000–2100 之间的四位数' };
      return n;
    }
    case 'money': {
      const u: MoneyUnit | null = unit === '元' ? '元' : unit === null || unit === '万元' || unit === '万' ? '万元' : null;
      if (!u) return { ok: false, reason: `表头单位“${unit}”无法识别，金额列请用“万元”或“元”` };
      return parseMoney(cell, u);
    }
    case 'pct':
      return parsePercent(cell);
    case 'date':
      return parseDate(cell, date1904);
    case 'bool':
      return parseBool(cell);
    case 'choice':
      return parseChoice(cell, f.choices!, f.label.replace(/（.*$/, ''));
    case 'choices': {
      const t = cellText(cell);
      if (!t) return { ok: true, value: [] };
      const values: string[] = [];
      for (const part of t.split(/[、,，;；/\s]+/).filter(Boolean)) {
        const p = parseChoice(part, f.choices!, f.label);
        if (!p.ok) return p;
        if (p.value && !values.includes(p.value)) values.push(p.value);
      }
      return { ok: true, value: values };
    }
    case 'number': {
      let factor = 1;
      let c: Cell = cell;
      if (unit && f.units) {
        const fu = f.units[unit.replace(/\s/g, '')];
        if (fu === undefined) return { ok: false, reason: `表头单位“${unit}”无法识别，可用：${Object.keys(f.units).join('、')}` };
        factor = fu;
      }
      if (typeof c === 'string' && f.units) {
        const t = normText(c)
          .replace(/[,，\s]/g, '')
          .toLowerCase();
        const m = t.match(/^([0-9.+-eE]+)([a-z\u4e00-\u9fff]+)$/);
        if (m && f.units[m[2]] !== undefined) {
          c = m[1];
          factor = f.units[m[2]];
        }
      }
      const n = parseNumber(c);
      if (!n.ok) return n;
      if (n.value === null) return n;
      if (n.value < 0) return { ok: false, reason: '不能为负数' };
      return { ok: true, value: round(n.value * factor, 2) };
    }
    case 'lng':
    case 'lat': {
      const n = parseNumber(cell);
      if (!n.ok || n.value === null) return n;
      const [lo, hi] = f.type === 'lng' ? [73, 136] : [3, 54];
      return n.value >= lo && n.value <= hi
        ? n
        : { ok: false, reason: `${f.type === 'lng' ? '经度' : '纬度'}应在 ${lo}–${hi} 之间（中国境内，十进制度）` };
    }
  }
}

const show = (cell: Cell) => (cell instanceof Date ? cellText(cell) : typeof cell === 'string' ? cell.slice(0, 80) : cellText(cell));

/** A cell of a personal column as reports show it: masked like the household ledger (张*明, 4114**********1234). */
export function showPersonal(f: FieldSpec, value: string): string {
  return (f.type === 'idnumber' ? maskIdNumber(value) : maskName(value)) ?? '';
}

/** Parse a sheet as `kind`. Division names are left as text here (see divisions.ts). */
export function parseLedgerSheet(sheet: Sheet, kind: ImportKind): ParseResult {
  const fields = kindFields[kind];
  const result: ParseResult = { kind, columns: [], rows: [], issues: [], notices: [], skipped: 0 };
  const header = locateHeader(sheet.rows, kind);
  if (!header) {
    const expected = fields.filter((f) => f.required).map((f) => f.label);
    result.fileError = `找不到表头：前 15 行中没有包含“${expected.join('”“')}”等列的行。请使用模板，或检查是否选错了导入类型。`;
    return result;
  }
  if (header.start > 0)
    result.notices.push({
      message: `第 ${header.start > 1 ? `1–${header.start}` : '1'} 行是标题行，已跳过；表头在第 ${header.start + 1}${header.height === 2 ? `–${header.start + 2}` : ''} 行。`,
    });
  result.columns = header.columns.map((c) => ({
    index: c.index,
    letter: columnLetter(c.index),
    header: c.header,
    field: c.field?.key ?? null,
  }));
  const ignored = header.columns.filter((c) => !c.field && !/^(序号|编号序号|no\.?|备注)$/i.test(normText(c.header)));
  if (ignored.length)
    result.notices.push({ message: `未识别的列已忽略：${ignored.map((c) => `${columnLetter(c.index)}列「${c.header}」`).join('、')}。` });
  const present = new Set(header.columns.flatMap((c) => (c.field ? [c.field.key] : [])));
  const missing = fields.filter((f) => f.required && !present.has(f.key));
  const hasDivision = fields.some((f) => f.division);
  if (hasDivision && !fields.some((f) => f.division && present.has(f.key))) {
    missing.push({ key: 'county', label: '县（市、区）或区划代码', aliases: [], type: 'text', example: '' });
  }
  if (missing.length) {
    result.fileError = `缺少必填列：${missing.map((f) => f.label).join('、')}。请对照模板补齐表头。`;
    return result;
  }
  const colLabel = (c: HeaderCandidate['columns'][number]) => `${columnLetter(c.index)}列「${c.header}」`;
  const keyCols = header.columns.filter((c) => c.field && kindKey[kind].includes(c.field.key));
  const firstData = header.start + header.height;
  const seen = new Map<string, number>();
  // A kind with personal data never quotes a skipped row's text (it may hold a name).
  const quote = (t: string, n: number) => (personalKinds.includes(kind) ? '' : `（“${t.slice(0, n)}”）`);
  let blank = 0;
  for (let r = firstData; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const excelRow = r + 1;
    const texts = header.columns.map((c) => cellText(row[c.index] ?? null));
    const allTexts = row.map((c) => cellText(c ?? null)).filter(Boolean);
    const mapped = header.columns.filter((c) => c.field).map((c) => cellText(row[c.index] ?? null));
    if (mapped.every((t) => t === '')) {
      if (allTexts.length === 0) blank++;
      else if (allTexts.some((t) => signaturePattern.test(t)))
        result.notices.push({ row: excelRow, message: `第 ${excelRow} 行是签字/说明行${quote(allTexts[0], 20)}，已跳过。` });
      else blank++;
      result.skipped++;
      continue;
    }
    const keyEmpty = keyCols.every((c) => cellText(row[c.index] ?? null) === '');
    const total = texts.find((t) => totalPattern.test(t));
    if (total && (keyEmpty || keyCols.some((c) => totalPattern.test(cellText(row[c.index] ?? null))))) {
      result.notices.push({ row: excelRow, message: `第 ${excelRow} 行是合计行${quote(total, 10)}，已跳过（合计由系统计算）。` });
      result.skipped++;
      continue;
    }
    // A signature row: its text may stand in the key column (填表人：… in column A).
    const keyIsSignature = keyCols.some((c) => signaturePattern.test(cellText(row[c.index] ?? null)));
    if ((keyEmpty || keyIsSignature) && allTexts.some((t) => signaturePattern.test(t))) {
      result.notices.push({
        row: excelRow,
        message: `第 ${excelRow} 行是签字/说明行${quote(
          allTexts.find((t) => signaturePattern.test(t))!,
          20,
        )}，已跳过。`,
      });
      result.skipped++;
      continue;
    }
    const values: Record<string, unknown> = {};
    let rowOk = true;
    for (const c of header.columns) {
      if (!c.field) continue;
      const cell = row[c.index] ?? null;
      const p = parseField(c.field, cell, c.unit, sheet.date1904);
      if (!p.ok) {
        const value = c.field.personal ? showPersonal(c.field, show(cell)) : show(cell);
        result.issues.push({ row: excelRow, column: colLabel(c), value, reason: p.reason });
        rowOk = false;
        continue;
      }
      values[c.field.key] = p.value;
      if (c.field.required && (p.value === null || p.value === '')) {
        result.issues.push({ row: excelRow, column: colLabel(c), value: '', reason: '必填，不能为空' });
        rowOk = false;
      }
    }
    for (const problem of crossFieldProblems(kind, values)) {
      result.issues.push({
        row: excelRow,
        column: problem.column ? colLabel(header.columns.find((c) => c.field?.key === problem.column)!) : '',
        value: problem.value,
        reason: problem.reason,
      });
      rowOk = false;
    }
    const key = kindKey[kind].map((k) => values[k]).join(' / ');
    if (kindKey[kind].every((k) => values[k] != null)) {
      const first = seen.get(key);
      if (first !== undefined) {
        const keyCol = keyCols.find((c) => c.field?.key === kindKey[kind][0])!;
        result.issues.push({
          row: excelRow,
          column: colLabel(keyCol),
          value: key,
          reason: `与第 ${first} 行重复（同一文件中${kind === 'progress' ? '同一项目同一截止日期' : '编号'}只能出现一次）`,
        });
        rowOk = false;
      } else seen.set(key, excelRow);
    }
    if (rowOk) result.rows.push({ row: excelRow, values });
  }
  if (blank > 0) result.notices.push({ message: `${blank} 个空行已跳过。` });
  if (result.rows.length === 0 && result.issues.length === 0) {
    result.fileError = `文件中没有数据行：表头（第 ${header.start + 1} 行）之后没有可导入的行${result.skipped ? `（跳过了 ${result.skipped} 行空行、合计或签字行）` : ''}。`;
  }
  return result;
}

/** Rules between fields of one row that the database also enforces. */
function crossFieldProblems(kind: ImportKind, v: Record<string, unknown>): { column: string | null; value: string; reason: string }[] {
  const out: { column: string | null; value: string; reason: string }[] = [];
  if (kind === 'projects') {
    if ('industryMode' in v) {
      if (v.category === 'industry' && !v.industryMode) out.push({ column: 'industryMode', value: '', reason: '产业项目须填写产业模式' });
      if (v.category && v.category !== 'industry' && v.industryMode)
        out.push({ column: 'industryMode', value: String(v.industryMode), reason: '只有产业项目填写产业模式，非产业项目请留空' });
    } else if (v.category === 'industry') out.push({ column: 'category', value: '产业', reason: '产业项目须有“产业模式”列' });
    if (
      typeof v.householdsReached === 'number' &&
      typeof v.poorHouseholdsReached === 'number' &&
      v.poorHouseholdsReached > v.householdsReached
    ) {
      out.push({
        column: 'poorHouseholdsReached',
        value: String(v.poorHouseholdsReached),
        reason: `带动贫困户数不能多于带动户数（${v.householdsReached}）`,
      });
    }
  }
  if (kind === 'pv_stations') {
    if (typeof v.capacityKw === 'number' && v.capacityKw <= 0)
      out.push({ column: 'capacityKw', value: String(v.capacityKw), reason: '装机容量应大于 0' });
    if (v.registered === false && v.registeredDate)
      out.push({ column: 'registeredDate', value: String(v.registeredDate), reason: '未纳入系统的电站不应有纳入日期' });
  }
  if (kind === 'households') {
    if (typeof v.members === 'number' && (v.members < 1 || v.members > 20))
      out.push({ column: 'members', value: String(v.members), reason: '家庭人口应在 1–20 人之间' });
    if (typeof v.industryMeasures === 'number' && v.industryMeasures > 20)
      out.push({ column: 'industryMeasures', value: String(v.industryMeasures), reason: '产业帮扶措施数应在 0–20 之间' });
  }
  if (('lng' in v || 'lat' in v) && (v.lng == null) !== (v.lat == null))
    out.push({ column: v.lng == null ? 'lng' : 'lat', value: '', reason: '经度和纬度须同时填写或同时留空' });
  return out;
}
