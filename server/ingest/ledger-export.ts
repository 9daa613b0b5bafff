/**
 * Ledger files out (pure apart from exceljs): the ledger views and the import templates as .xlsx
 * (Chinese headers with units, frozen header row, column widths) and .csv (UTF-8 with BOM, CRLF), with
 * exactly the columns the import reads, so an export imports back to the same rows. Text cells that
 * begin with = + - @, a tab or a carriage return are neutralised with a leading apostrophe (the import
 * strips it again), so no spreadsheet runs them as formulas.
 */
import ExcelJS from 'exceljs';
import { kindFields, type FieldSpec, type ImportKind } from './kinds.ts';

/** A value of an export row by field key (as `kinds.ts` names them; choices already as labels). */
export type ExportRow = Record<string, string | number | boolean | string[] | null>;

const dangerous = /^[=+\-@\t\r]/;

/** Text a spreadsheet will not evaluate. */
export function neutralise(text: string): string {
  return dangerous.test(text) ? `'${text}` : text;
}

/** The inverse on import: an apostrophe put in front of a formula character is dropped. */
export function unneutralise(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** Columns of an export: every import field (progress adds the project name for reading). */
export function exportFields(kind: ImportKind): FieldSpec[] {
  return kindFields[kind];
}

function label(f: FieldSpec, v: unknown): string | number | null {
  if (v === null || v === undefined || v === '') return null;
  if (f.type === 'choice' && f.choices)
    return Object.entries(f.choices).find(([k, x]) => x === v && /[\u4e00-\u9fff]/.test(k))?.[0] ?? String(v);
  if (f.type === 'choices' && f.choices && Array.isArray(v)) {
    return (
      v.map((x) => Object.entries(f.choices!).find(([k, y]) => y === x && /[\u4e00-\u9fff]/.test(k))?.[0] ?? String(x)).join('、') || null
    );
  }
  if (f.type === 'bool') return v ? '是' : '否';
  if (typeof v === 'number') return v;
  return neutralise(String(v));
}

/** The cells of one row in column order (dates as YYYY-MM-DD text; see `toXlsx` for date cells). */
export function exportCells(kind: ImportKind, row: ExportRow): (string | number | null)[] {
  return exportFields(kind).map((f) => label(f, row[f.key]));
}

/** The template's example row. */
export function exampleRow(kind: ImportKind): ExportRow {
  return Object.fromEntries(exportFields(kind).map((f) => [f.key, f.example === '' ? null : f.example])) as ExportRow;
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV in UTF-8 with a BOM (so Excel opens Chinese text correctly), CRLF line ends. */
export function toCsv(kind: ImportKind, rows: ExportRow[]): Buffer {
  const lines = [
    exportFields(kind)
      .map((f) => csvField(f.label))
      .join(','),
  ];
  for (const r of rows) lines.push(exportCells(kind, r).map(csvField).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);

/** An .xlsx with one sheet: header row frozen, widths from the content, dates as date cells. */
export async function toXlsx(kind: ImportKind, rows: ExportRow[], sheetName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '扶贫项目调度一张图';
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  const fields = exportFields(kind);
  ws.addRow(fields.map((f) => f.label));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } };
  const widths = fields.map((f) => width(f.label));
  for (const r of rows) {
    const cells = exportCells(kind, r).map((v, i) => (fields[i].type === 'date' && typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : v));
    const row = ws.addRow(cells);
    cells.forEach((v, i) => {
      if (v instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
      if (fields[i].type === 'code' || fields[i].type === 'text') row.getCell(i + 1).numFmt = '@';
      widths[i] = Math.max(widths[i], width(v instanceof Date ? '2020-06-30' : String(v ?? '')));
    });
  }
  fields.forEach((_, i) => (ws.getColumn(i + 1).width = Math.min(48, Math.max(8, widths[i] + 2))));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
