/**
 * The edit forms of a project, a monthly progress report (月报) and a PV station, and the forms that
 * create a project or a report: their fields (kind, whether they may be empty), the values the form
 * starts from, the `set` of what changed (or the body of a create), and the checks across fields
 * (poor households ≤ households, completion after start, spent ≤ disbursed ≤ arranged). Pure: no
 * antd, no dayjs.
 */
import { industryModes, projectCategories, projectStatuses, responsibleLevels } from '../../../server/contracts/enums.ts';
import { monthEndOf } from '../../../server/domain/progress-report.ts';
import type { LedgerMessageKey } from './ledger-i18n.ts';
import { normalise, sameValue, type Scalar, type Values } from './merge.ts';

export type FieldKind = 'text' | 'code' | 'year' | 'money' | 'number' | 'count' | 'pct' | 'date' | 'bool' | 'enum' | 'village';
export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** May be left empty (sent as null). */
  nullable?: boolean;
  /** For 'enum': the values, labelled through `${labelPrefix}.${value}`. */
  options?: readonly string[];
  labelPrefix?: 'status' | 'pvstatus' | 'rlevel' | 'category' | 'mode';
}

export const projectFields: readonly FieldSpec[] = [
  { name: 'name', kind: 'text' },
  { name: 'status', kind: 'enum', options: projectStatuses, labelPrefix: 'status' },
  { name: 'responsibleLevel', kind: 'enum', options: responsibleLevels, labelPrefix: 'rlevel' },
  { name: 'responsibleUnit', kind: 'text' },
  { name: 'totalInvestmentWan', kind: 'money' },
  { name: 'arrangedWan', kind: 'money' },
  { name: 'disbursedWan', kind: 'money' },
  { name: 'spentWan', kind: 'money' },
  { name: 'plannedStart', kind: 'date', nullable: true },
  { name: 'plannedCompletion', kind: 'date', nullable: true },
  { name: 'actualStart', kind: 'date', nullable: true },
  { name: 'actualCompletion', kind: 'date', nullable: true },
  { name: 'householdsReached', kind: 'count' },
  { name: 'poorHouseholdsReached', kind: 'count' },
  { name: 'dividendRatePct', kind: 'pct', nullable: true },
];

export const pvFields: readonly FieldSpec[] = [
  { name: 'name', kind: 'text' },
  { name: 'status', kind: 'enum', options: ['building', 'grid_connected'], labelPrefix: 'pvstatus' },
  { name: 'capacityKw', kind: 'number' },
  { name: 'gridDate', kind: 'date', nullable: true },
  { name: 'registered', kind: 'bool' },
  { name: 'registeredDate', kind: 'date', nullable: true },
  { name: 'yearlyGenerationKwh', kind: 'number' },
  { name: 'yearlyIncomeWan', kind: 'money' },
  { name: 'incomeWelfareJobsWan', kind: 'money' },
  { name: 'incomeCollectiveWan', kind: 'money' },
  { name: 'householdsReached', kind: 'count' },
];

/** A monthly report's values (its project and as-of date are its key, not edited). */
export const progressFields: readonly FieldSpec[] = [
  { name: 'status', kind: 'enum', options: projectStatuses, labelPrefix: 'status' },
  { name: 'arrangedWan', kind: 'money' },
  { name: 'disbursedWan', kind: 'money' },
  { name: 'spentWan', kind: 'money' },
  { name: 'physicalProgressPct', kind: 'pct' },
];

/** A new project: what identifies and places it, then the ledger fields a new row usually has. */
export const newProjectFields: readonly FieldSpec[] = [
  { name: 'code', kind: 'code' },
  { name: 'name', kind: 'text' },
  { name: 'year', kind: 'year' },
  { name: 'villageCode', kind: 'village', nullable: true },
  { name: 'category', kind: 'enum', options: projectCategories, labelPrefix: 'category' },
  { name: 'industryMode', kind: 'enum', options: industryModes, labelPrefix: 'mode', nullable: true },
  { name: 'status', kind: 'enum', options: projectStatuses, labelPrefix: 'status' },
  { name: 'responsibleLevel', kind: 'enum', options: responsibleLevels, labelPrefix: 'rlevel' },
  { name: 'responsibleUnit', kind: 'text' },
  { name: 'totalInvestmentWan', kind: 'money' },
  { name: 'arrangedWan', kind: 'money' },
  { name: 'plannedStart', kind: 'date', nullable: true },
  { name: 'plannedCompletion', kind: 'date', nullable: true },
  { name: 'householdsReached', kind: 'count' },
  { name: 'poorHouseholdsReached', kind: 'count' },
];

export const fieldsOf = (kind: 'projects' | 'pv_stations' | 'progress') =>
  kind === 'projects' ? projectFields : kind === 'pv_stations' ? pvFields : progressFields;
export const fieldLabelKey = (name: string) => `field.${name}` as LedgerMessageKey;

/** One field's value as the form holds it (text trimmed; '' and undefined → null; numbers as numbers). */
export function fromForm(spec: FieldSpec, raw: unknown): Scalar {
  if (raw === undefined || raw === null) return spec.kind === 'bool' ? false : null;
  if (spec.kind === 'text' || spec.kind === 'code' || spec.kind === 'enum' || spec.kind === 'date' || spec.kind === 'village') {
    const s = String(raw).trim();
    return s === '' ? null : s;
  }
  if (spec.kind === 'bool') return Boolean(raw);
  const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
  return String(raw).trim() === '' || !Number.isFinite(n) ? null : n;
}

/** The fields whose form value differs from the row as read: the `set` of the save. */
export function changedSet(specs: readonly FieldSpec[], read: Values, form: Record<string, unknown>): Record<string, Scalar> {
  const set: Record<string, Scalar> = {};
  for (const spec of specs) {
    if (!(spec.name in form)) continue;
    const value = fromForm(spec, form[spec.name]);
    if (!sameValue(value, read[spec.name])) set[spec.name] = value;
  }
  return set;
}

/** The row's values as the save's `base` (only the edited fields' values matter to the server). */
export const baseOf = (specs: readonly FieldSpec[], read: Values) =>
  Object.fromEntries(specs.map((s) => [s.name, normalise(read[s.name])])) as Record<string, Scalar>;

export interface CrossProblem {
  field: string;
  key: LedgerMessageKey;
  /** 'error' blocks the save; 'warning' is said and allowed. */
  level: 'error' | 'warning';
}

/** Checks across fields of a project's form values (already through `fromForm`). */
export function crossChecks(v: Values): CrossProblem[] {
  const out: CrossProblem[] = [];
  const num = (k: string) => (typeof v[k] === 'number' ? (v[k] as number) : null);
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : null);
  const poor = num('poorHouseholdsReached');
  const all = num('householdsReached');
  if (poor !== null && all !== null && poor > all) out.push({ field: 'poorHouseholdsReached', key: 'edit.poorLeAll', level: 'error' });
  for (const [start, end] of [
    ['plannedStart', 'plannedCompletion'],
    ['actualStart', 'actualCompletion'],
  ] as const) {
    const s = str(start);
    const e = str(end);
    if (s && e && e < s) out.push({ field: end, key: 'edit.endAfterStart', level: 'error' });
  }
  const spent = num('spentWan');
  const total = num('totalInvestmentWan');
  if (spent !== null && total !== null && spent > total) out.push({ field: 'spentWan', key: 'edit.spentLeTotal', level: 'warning' });
  return out;
}

/** Checks across the money of a monthly report (cumulative, 万元): said, not blocking (the ledger may be right). */
export function progressChecks(v: Values): CrossProblem[] {
  const num = (k: string) => (typeof v[k] === 'number' ? (v[k] as number) : null);
  const out: CrossProblem[] = [];
  const [arranged, disbursed, spent] = [num('arrangedWan'), num('disbursedWan'), num('spentWan')];
  if (spent !== null && disbursed !== null && spent > disbursed)
    out.push({ field: 'spentWan', key: 'edit.spentLeDisbursed', level: 'warning' });
  if (disbursed !== null && arranged !== null && disbursed > arranged)
    out.push({ field: 'disbursedWan', key: 'edit.disbursedLeArranged', level: 'warning' });
  return out;
}

/** The checks of a form's values (already through `fromForm`) by what it edits. */
export const checksOf = (kind: 'projects' | 'pv_stations' | 'progress', v: Values): CrossProblem[] =>
  kind === 'projects' ? crossChecks(v) : kind === 'progress' ? progressChecks(v) : [];

/**
 * The as-of date a new report starts from: the end of the month after the latest report (the end of
 * the latest report's own month when it was a mid-month cut-off), never after `today`; `today` with no
 * report yet. Dates `YYYY-MM-DD`.
 */
export function nextReportDate(reported: readonly string[], today: string): string {
  const latest = [...reported].sort().at(-1);
  if (!latest) return today;
  const ownEnd = monthEndOf(latest);
  const [y, m] = latest.split('-').map(Number);
  const next = latest < ownEnd ? ownEnd : monthEndOf(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`);
  return next < today ? next : today;
}

/** The form of a new report: the date, then the latest report's values (money is cumulative). */
export function newReportValues(history: readonly (Values & { asOf: string })[], today: string): Values {
  const latest = [...history].sort((a, b) => (a.asOf < b.asOf ? -1 : 1)).at(-1);
  const base = Object.fromEntries(progressFields.map((f) => [f.name, latest ? normalise(latest[f.name]) : null]));
  return {
    ...base,
    asOf: nextReportDate(
      history.map((h) => h.asOf),
      today,
    ),
  };
}

/**
 * The body of a create from the form's values: every field through `fromForm`, empty optional ones
 * left out (the server's defaults apply), plus the fixed `extra` (a new project's county).
 */
export function createBody(specs: readonly FieldSpec[], form: Record<string, unknown>, extra: Values = {}): Record<string, Scalar> {
  const body: Record<string, Scalar> = {};
  for (const spec of specs) {
    const value = fromForm(spec, form[spec.name]);
    if (value === null) continue;
    body[spec.name] = spec.kind === 'year' && typeof value === 'string' ? Number(value) : value;
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) body[k] = v;
  return body;
}
