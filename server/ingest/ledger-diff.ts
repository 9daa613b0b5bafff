/**
 * From parsed rows to database records and a change plan (pure): division names resolved to codes,
 * the county scope of the importing account checked, and each record compared with the stored row of
 * the same natural key → add / change (with before and after per field) / unchanged. Only fields whose
 * column is in the file are compared and written, so a file with fewer columns never blanks the rest.
 */
import type { DivisionIndex } from './divisions.ts';
import { kindFields, kindKey, type ImportKind } from './kinds.ts';
import type { Issue, ParseResult } from './ledger-parse.ts';
import { round } from './normalize.ts';

/** A record as stored: column keys of the drizzle table, plus lng/lat for the point geometry. */
export type LedgerRecord = Record<string, unknown> & { row: number };

export type FieldValue = string | number | boolean | string[] | null;
export interface FieldChange {
  field: string;
  label: string;
  before: FieldValue;
  after: FieldValue;
}
const asValue = (v: unknown): FieldValue =>
  v === undefined || v === null ? null : Array.isArray(v) ? v.map(String) : typeof v === 'object' ? String(v) : (v as FieldValue);
export interface PlanItem {
  key: string;
  row: number;
  action: 'add' | 'change' | 'unchanged';
  changes: FieldChange[];
  record: LedgerRecord;
}

/** Existing rows by key (`kindKey` joined with " / "), values in the same form as records. */
export type ExistingRows = Map<string, Record<string, unknown>>;

export const keyOf = (kind: ImportKind, r: Record<string, unknown>) => kindKey[kind].map((k) => String(r[k])).join(' / ');

/** Labels of stored fields (form fields plus the resolved codes). */
export function fieldLabel(kind: ImportKind, key: string): string {
  const f = kindFields[kind].find((x) => x.key === key);
  if (f) return f.label;
  return ({ countyCode: '县（市、区）', townshipCode: '乡镇（街道）', villageCode: '村（社区）' } as Record<string, string>)[key] ?? key;
}

/**
 * Resolve divisions and scope. Progress rows take their county from the project (`projectCounties`);
 * an unknown project is an issue. Returns records of the rows without problems and the new issues.
 */
export function toRecords(
  parsed: ParseResult,
  divisions: DivisionIndex,
  scopeCounty: string | null,
  projectCounties: Map<string, string>,
  existingCounties: Map<string, string>,
): { records: LedgerRecord[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const records: LedgerRecord[] = [];
  const colOf = (field: string) => {
    const c = parsed.columns.find((x) => x.field === field);
    return c ? `${c.letter}列「${c.header}」` : '';
  };
  const present = new Set(parsed.columns.flatMap((c) => (c.field ? [c.field] : [])));
  for (const { row, values } of parsed.rows) {
    const rec: LedgerRecord = { row };
    for (const [k, v] of Object.entries(values)) {
      if (['county', 'township', 'village', 'divisionCode', 'projectName'].includes(k)) continue;
      rec[k] = v;
    }
    let county: string | null;
    if (parsed.kind === 'progress') {
      county = projectCounties.get(String(values.projectCode)) ?? null;
      if (!county) {
        issues.push({
          row,
          column: colOf('projectCode'),
          value: String(values.projectCode),
          reason: '台账中没有这个项目编号：请先导入或新建该项目',
        });
        continue;
      }
      rec.countyCode = county;
    } else {
      const res = divisions.resolve({
        county: values.county as string | null,
        township: values.township as string | null,
        village: values.village as string | null,
        divisionCode: values.divisionCode as string | null,
      });
      if (!res.ok) {
        issues.push({ row, column: colOf(res.field), value: res.value, reason: res.reason });
        continue;
      }
      if (parsed.kind === 'households' && !res.value.villageCode) {
        issues.push({
          row,
          column: colOf('village') || colOf('divisionCode'),
          value: String(values.village ?? values.divisionCode ?? ''),
          reason: '农户须填到村（社区）：请填写村名或 12 位村级区划代码',
        });
        continue;
      }
      county = res.value.countyCode;
      rec.countyCode = county;
      if (parsed.kind === 'households' || present.has('township') || present.has('village') || present.has('divisionCode'))
        rec.townshipCode = res.value.townshipCode;
      if (parsed.kind === 'households' || present.has('village') || present.has('divisionCode')) rec.villageCode = res.value.villageCode;
    }
    const key = keyOf(parsed.kind, rec);
    const before = existingCounties.get(key);
    if (scopeCounty && (county !== scopeCounty || (before && before !== scopeCounty))) {
      const which = divisions.byCode.get(before && before !== scopeCounty ? before : county)?.name ?? county;
      issues.push({
        row,
        column: colOf(parsed.kind === 'progress' ? 'projectCode' : 'county') || colOf('divisionCode'),
        value: which,
        reason: `不属于本县：只能导入本县（${divisions.byCode.get(scopeCounty)?.name ?? scopeCounty}）的数据`,
      });
      continue;
    }
    records.push(rec);
  }
  return { records, issues };
}

function comparable(v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  if (typeof v === 'number') return String(round(v, 4));
  if (Array.isArray(v)) return [...v].map(String).sort().join(',');
  return String(v);
}

export function planChanges(kind: ImportKind, records: LedgerRecord[], existing: ExistingRows): PlanItem[] {
  return records.map((record) => {
    const key = keyOf(kind, record);
    const old = existing.get(key);
    if (!old) return { key, row: record.row, action: 'add', changes: [], record };
    const changes: FieldChange[] = [];
    for (const [field, after] of Object.entries(record)) {
      if (field === 'row') continue;
      const before = old[field];
      if (field === 'lng' || field === 'lat') {
        if (
          comparable(typeof before === 'number' ? round(before, 6) : before) !==
          comparable(typeof after === 'number' ? round(after, 6) : after)
        ) {
          changes.push({ field, label: fieldLabel(kind, field), before: asValue(before), after: asValue(after) });
        }
        continue;
      }
      if (comparable(before) !== comparable(after))
        changes.push({ field, label: fieldLabel(kind, field), before: asValue(before), after: asValue(after) });
    }
    return { key, row: record.row, action: changes.length ? 'change' : 'unchanged', changes, record };
  });
}
