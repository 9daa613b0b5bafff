/**
 * Tables out as files, one implementation for every export (ledger views, import-format ledgers,
 * templates, the audit log, the siting tables): `.csv` in UTF-8 with a BOM (so Excel opens Chinese
 * text correctly) and CRLF line ends, and `.xlsx` through exceljs with a bold, frozen header row,
 * column widths from the content (CJK characters count double) and number formats per column.
 * Text cells that begin with = + - @, a tab or a carriage return are neutralised with a leading
 * apostrophe (the import strips it again), so no spreadsheet runs them as formulas. Pure apart from
 * `tableToXlsx`, which loads exceljs on demand (the browser bundle gets it only when used).
 */

export type TableCell = string | number | null;

/**
 * How a column's cells are written to .xlsx: 'text' and 'code' as text cells ('@', codes keep their
 * leading zeros), 'int' '#,##0', 'pct1' one decimal ('0.0', values already in percent), 'wan' money in
 * 万元 ('#,##0.00'), 'number' as given, 'date' a 'YYYY-MM-DD' text as a date cell.
 */
export type ColumnFormat = 'text' | 'code' | 'int' | 'pct1' | 'wan' | 'number' | 'date';

export interface TableColumn {
  /** The header, Chinese with its unit, e.g. '总投资（万元）'. */
  header: string;
  format?: ColumnFormat;
}

export interface TableFile {
  /** Sheet name (cut to Excel's 31 characters). */
  sheetName: string;
  columns: readonly TableColumn[];
  rows: readonly (readonly TableCell[])[];
  /** Lines written below the table after an empty row (e.g. 演示数据, the filters, the as-of date). */
  notes?: readonly string[];
}

const dangerous = /^[=+\-@\t\r]/;

/** Text a spreadsheet will not evaluate. */
export function neutralise(text: string): string {
  return dangerous.test(text) ? `'${text}` : text;
}

/** The inverse on import: an apostrophe put in front of a formula character is dropped. */
export function unneutralise(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** A cell as written: text neutralised, numbers as they are. */
const safe = (v: TableCell): TableCell => (typeof v === 'string' ? neutralise(v) : v);

/** One CSV field: quoted when it holds a comma, quote or line break (no neutralising: see `safe`). */
export function csvField(v: TableCell): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV lines (header, rows, then an empty line and the notes) with a UTF-8 BOM and CRLF line ends. */
export function tableToCsvText(t: Pick<TableFile, 'columns' | 'rows' | 'notes'>): string {
  const lines = [t.columns.map((c) => csvField(safe(c.header))).join(',')];
  for (const r of t.rows) lines.push(r.map((v) => csvField(safe(v))).join(','));
  if (t.notes?.length) lines.push('', ...t.notes.map((n) => csvField(safe(n))));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The CSV as bytes (server responses). */
export const tableToCsv = (t: Pick<TableFile, 'columns' | 'rows' | 'notes'>): Uint8Array => new TextEncoder().encode(tableToCsvText(t));

/** Display width of a text: CJK and full-width characters count double. */
export const textWidth = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);

const numFmts: Partial<Record<ColumnFormat, string>> = {
  text: '@',
  code: '@',
  int: '#,##0',
  pct1: '0.0',
  wan: '#,##0.00',
  date: 'yyyy-mm-dd',
};

/** What a cell shows, for the column width. */
function shownText(v: TableCell, format: ColumnFormat | undefined): string {
  if (v === null) return '';
  if (typeof v === 'number') {
    if (format === 'pct1') return v.toFixed(1);
    if (format === 'wan') return v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    if (format === 'int') return v.toLocaleString('en-US');
  }
  return String(v);
}

/** An .xlsx with one sheet: header row bold and frozen, widths from the content, formats per column. */
export async function tableToXlsx(t: TableFile): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '扶贫项目调度一张图';
  const ws = wb.addWorksheet(t.sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = ws.addRow(t.columns.map((c) => safe(c.header)));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } };
  const widths = t.columns.map((c) => textWidth(c.header));
  for (const r of t.rows) {
    const cells = r.map((v, i) => {
      const format = t.columns[i]?.format;
      if (format === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00Z`);
      return safe(v);
    });
    const row = ws.addRow(cells);
    cells.forEach((v, i) => {
      const format = t.columns[i]?.format;
      const fmt = format && numFmts[format];
      // A number format only on numbers, '@' only on text: a '<5' in a count column stays as it is.
      const fits = v instanceof Date ? format === 'date' : typeof v === 'number' ? fmt !== '@' : typeof v === 'string' && fmt === '@';
      if (fmt && fits) row.getCell(i + 1).numFmt = fmt;
      widths[i] = Math.max(widths[i] ?? 0, textWidth(v instanceof Date ? '2020-06-30' : shownText(v, format)));
    });
  }
  if (t.notes?.length) {
    ws.addRow([]);
    for (const n of t.notes) ws.addRow([safe(n)]).font = { italic: true, color: { argb: 'FF666666' } };
  }
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = Math.min(48, Math.max(8, w + 2))));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
