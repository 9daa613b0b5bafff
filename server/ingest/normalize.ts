/**
 * Cell normalisation for ledger imports (pure): NFKC text (full-width digits and letters become ASCII),
 * numbers with thousands separators and units (万元 / 元), percentages with or without %, and dates as
 * Excel serials (1900 and 1904 systems), JS dates or text (2020年6月1日, 2020/6/1, 2020.6.1, 2020-06-01,
 * 20200601). Every parser answers `{ ok: true, value }` or `{ ok: false, reason }` with a reason in Chinese.
 */

/** A cell as read from a sheet: text, number, boolean, a date (from a date-formatted Excel cell) or empty. */
export type Cell = string | number | boolean | Date | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

/** NFKC, all kinds of spaces collapsed, trimmed. */
export function normText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ')
    .trim();
}

/** A cell as trimmed NFKC text ('' when empty). Numbers keep their digits (codes stay text). */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return isoDate(cell);
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(+cell.toPrecision(15));
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  return normText(cell);
}

export function isBlank(cell: Cell): boolean {
  return cellText(cell) === '';
}

/** A money unit: how many 万元 one unit is. */
export type MoneyUnit = '万元' | '元';
const moneyFactor: Record<MoneyUnit, number> = { 万元: 1, 元: 0.0001 };

/** Round to `digits` decimals without binary noise. */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round((x + Number.EPSILON * Math.sign(x)) * f) / f;
}

/**
 * A plain number: 1234.5, "1,234.5", "１２３４．５", "-3", "(3)" is refused. Empty → null.
 */
export function parseNumber(cell: Cell): Parsed<number | null> {
  if (cell === null || cell === '') return ok(null);
  if (typeof cell === 'number') return Number.isFinite(cell) ? ok(cell) : fail('不是有效数字');
  if (typeof cell === 'boolean' || cell instanceof Date) return fail('应为数字');
  const t = normText(cell).replace(/[,，\s]/g, '');
  if (t === '' || t === '-' || t === '—' || t === '/') return ok(null);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return fail('应为数字');
  return ok(Number(t));
}

/**
 * Money in 万元. `columnUnit` is the unit named in the header (default 万元); a unit written in the cell
 * ("12.5万元", "125000元", "12.5万") wins. Negative amounts are refused.
 */
export function parseMoney(cell: Cell, columnUnit: MoneyUnit = '万元'): Parsed<number | null> {
  let unit = columnUnit;
  let c: Cell = cell;
  if (typeof cell === 'string') {
    let t = normText(cell).replace(/[,，\s]/g, '');
    const m = t.match(/^(.*?)(万元|万|元)$/);
    if (m) {
      t = m[1];
      unit = m[2] === '元' ? '元' : '万元';
    }
    c = t;
  }
  const n = parseNumber(c);
  if (!n.ok) return fail('应为金额（数字，单位万元或元）');
  if (n.value === null) return n;
  if (n.value < 0) return fail('金额不能为负数');
  return ok(round(n.value * moneyFactor[unit], 4));
}

/**
 * A percentage 0–100: "85%", "85", "85.5％", 85; a fraction written with % formatting in Excel reaches
 * here as text with % (the sheet reader converts it). Values outside 0–100 are refused.
 */
export function parsePercent(cell: Cell): Parsed<number | null> {
  let c: Cell = cell;
  if (typeof cell === 'string') c = normText(cell).replace(/%$/, '').trim();
  const n = parseNumber(c);
  if (!n.ok) return fail('应为百分比（如 85 或 85%）');
  if (n.value === null) return n;
  if (n.value < 0 || n.value > 100) return fail('百分比应在 0–100 之间');
  return ok(round(n.value, 2));
}

/** A non-negative whole number (household counts). */
export function parseCount(cell: Cell): Parsed<number | null> {
  let c: Cell = cell;
  if (typeof cell === 'string') c = normText(cell).replace(/(户|个|人)$/, '');
  const n = parseNumber(c);
  if (!n.ok || (n.value !== null && (!Number.isInteger(n.value) || n.value < 0))) return fail('应为非负整数');
  return n;
}

/** A calendar date as YYYY-MM-DD from its UTC parts (the sheet reader makes dates UTC midnight). */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function ymd(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return isoDate(date);
}

/**
 * An Excel date serial to YYYY-MM-DD. 1900 system: day 1 = 1900-01-01 with Lotus's phantom
 * 1900-02-29 (serial 60), so from serial 61 on the epoch is 1899-12-30. 1904 system: day 0 = 1904-01-01.
 */
export function excelSerialToDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const days = Math.floor(serial + 1e-9);
  let epoch: number;
  if (date1904) epoch = Date.UTC(1904, 0, 1);
  else epoch = days >= 61 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  if (!date1904 && days === 60) return null; // 1900-02-29 does not exist
  return isoDate(new Date(epoch + days * 86_400_000));
}

/**
 * A date: a Date (from a date cell), an Excel serial (number in a date column), or text in the usual
 * Chinese office forms. Empty → null.
 */
export function parseDate(cell: Cell, date1904: boolean): Parsed<string | null> {
  if (cell === null || cell === '') return ok(null);
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return fail('不是有效日期');
    return ok(isoDate(cell));
  }
  if (typeof cell === 'number') {
    const d = excelSerialToDate(cell, date1904);
    return d && d >= '1990-01-01' ? ok(d) : fail('不是有效日期');
  }
  if (typeof cell === 'boolean') return fail('应为日期');
  const t = normText(cell).replace(/\s/g, '');
  if (t === '' || t === '-' || t === '/') return ok(null);
  let m =
    t.match(/^(\d{4})年(\d{1,2})月(\d{1,2})日?$/) ?? t.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/) ?? t.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (m) {
    const d = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? ok(d) : fail('日期不存在');
  }
  // Year and month only: the last day of the month (monthly reports, completion deadlines).
  m = t.match(/^(\d{4})年(\d{1,2})月(底)?$/) ?? t.match(/^(\d{4})[-/.](\d{1,2})$/);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return fail('日期不存在');
    return ok(isoDate(new Date(Date.UTC(y, mo, 0))));
  }
  if (/^\d+(\.\d+)?$/.test(t)) return parseDate(Number(t), date1904);
  return fail('应为日期（如 2020-06-01、2020年6月1日、2020/6/1、2020.6.1）');
}

/** Yes/no: 是/否, 已/未, √/×, Y/N, true/false, 1/0. */
export function parseBool(cell: Cell): Parsed<boolean | null> {
  if (cell === null || cell === '') return ok(null);
  if (typeof cell === 'boolean') return ok(cell);
  const t = cellText(cell).toLowerCase();
  if (['是', '已', '已纳入', '√', 'y', 'yes', 'true', '1'].includes(t)) return ok(true);
  if (['否', '未', '未纳入', '×', 'x', 'n', 'no', 'false', '0'].includes(t)) return ok(false);
  return fail('应为“是”或“否”');
}

/** A value from a label table (Chinese labels and the code names themselves). */
export function parseChoice<T extends string>(cell: Cell, labels: Record<string, T>, what: string): Parsed<T | null> {
  const t = cellText(cell);
  if (t === '') return ok(null);
  const hit = labels[t] ?? labels[t.toLowerCase()];
  if (hit) return ok(hit);
  const allowed = [...new Set(Object.keys(labels).filter((k) => /[\u4e00-\u9fff]/.test(k)))].slice(0, 12).join('、');
  return fail(`不是有效的${what}，可填：${allowed}`);
}

/** A code kept as text: digits and letters only after NFKC ("4114 21" → "411421"; 411421 → "411421"). */
export function parseCode(cell: Cell): Parsed<string | null> {
  const t = cellText(cell).replace(/\s/g, '');
  if (t === '') return ok(null);
  if (!/^[0-9A-Za-z_-]{1,32}$/.test(t)) return fail('编号只能包含数字、字母、“-”和“_”，最长 32 位');
  return ok(t);
}

/**
 * A resident ID number (身份证号) kept as text: 18 characters (17 digits and a digit or X, whose check
 * character is verified, GB 11643) or an old 15-digit number. A number cell is refused: Excel keeps 15
 * significant digits, so the last ones are already lost. Reasons never repeat the value.
 */
export function parseIdNumber(cell: Cell): Parsed<string | null> {
  if (cell === null || cell === '') return ok(null);
  if (typeof cell === 'number') return fail('身份证号须按文本填写：数字格式的单元格已丢失末几位，请把该列设为“文本”后重新填写');
  const t = cellText(cell).replace(/\s/g, '').toUpperCase();
  if (t === '') return ok(null);
  if (/^\d{15}$/.test(t)) return ok(t);
  if (!/^\d{17}[\dX]$/.test(t)) return fail('身份证号应为 18 位（末位可为 X）或旧的 15 位数字');
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(t[i]), 0);
  if ('10X98765432'[sum % 11] !== t[17]) return fail('身份证号校验位不对：请核对号码');
  return ok(t);
}
