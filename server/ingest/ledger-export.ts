/**
 * Ledger files out (pure apart from exceljs): the ledger views and the import templates as .xlsx
 * (Chinese headers with units, frozen header row, column widths) and .csv (UTF-8 with BOM, CRLF), with
 * exactly the columns the import reads, so an export imports back to the same rows. Written by
 * server/domain/table-file.ts, which neutralises formula-looking text (the import strips it again).
 */
import { tableToCsv, tableToXlsx, type ColumnFormat, type TableFile } from '../domain/table-file.ts';
import { kindFields, type FieldSpec, type ImportKind } from './kinds.ts';

/** A value of an export row by field key (as `kinds.ts` names them; choices already as labels). */
export type ExportRow = Record<string, string | number | boolean | string[] | null>;

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
  return String(v);
}

/** The cells of one row in column order (dates as YYYY-MM-DD text; see `toXlsx` for date cells). */
export function exportCells(kind: ImportKind, row: ExportRow): (string | number | null)[] {
  return exportFields(kind).map((f) => label(f, row[f.key]));
}

/** The template's example row. */
export function exampleRow(kind: ImportKind): ExportRow {
  return Object.fromEntries(exportFields(kind).map((f) => [f.key, f.example === '' ? null : f.example])) as ExportRow;
}

const columnFormat = (f: FieldSpec): ColumnFormat | undefined =>
  f.type === 'date' ? 'date' : f.type === 'code' || f.type === 'text' ? 'text' : undefined;

function table(kind: ImportKind, rows: ExportRow[], sheetName: string): TableFile {
  const fields = exportFields(kind);
  return {
    sheetName,
    columns: fields.map((f) => ({ header: f.label, format: columnFormat(f) })),
    rows: rows.map((r) => exportCells(kind, r)),
  };
}

/** CSV in UTF-8 with a BOM (so Excel opens Chinese text correctly), CRLF line ends. */
export function toCsv(kind: ImportKind, rows: ExportRow[]): Uint8Array {
  return tableToCsv(table(kind, rows, kind));
}

/** An .xlsx with one sheet: header row frozen, widths from the content, dates as date cells. */
export function toXlsx(kind: ImportKind, rows: ExportRow[], sheetName: string): Promise<Uint8Array> {
  return tableToXlsx(table(kind, rows, sheetName));
}
