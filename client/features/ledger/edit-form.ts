/**
 * The edit form of a project or PV station: its fields (kind, whether they may be empty), the values
 * the form starts from, the `set` of what changed, and the checks across fields the database would
 * refuse anyway (poor households ≤ households, completion after start). Pure: no antd, no dayjs.
 */
import type { LedgerMessageKey } from './ledger-i18n.ts';
import { normalise, sameValue, type Scalar, type Values } from './merge.ts';

export type FieldKind = 'text' | 'money' | 'number' | 'count' | 'pct' | 'date' | 'bool' | 'enum';
export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** May be left empty (sent as null). */
  nullable?: boolean;
  /** For 'enum': the values, labelled through `${labelPrefix}.${value}`. */
  options?: readonly string[];
  labelPrefix?: 'status' | 'pvstatus' | 'rlevel';
}

export const projectFields: readonly FieldSpec[] = [
  { name: 'name', kind: 'text' },
  {
    name: 'status',
    kind: 'enum',
    options: ['planned', 'approved', 'started', 'completed', 'accepted', 'operating', 'suspended'],
    labelPrefix: 'status',
  },
  { name: 'responsibleLevel', kind: 'enum', options: ['city', 'county', 'township', 'village'], labelPrefix: 'rlevel' },
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

export const fieldsOf = (kind: 'projects' | 'pv_stations') => (kind === 'projects' ? projectFields : pvFields);
export const fieldLabelKey = (name: string) => `field.${name}` as LedgerMessageKey;

/** One field's value as the form holds it (text trimmed; '' and undefined → null; numbers as numbers). */
export function fromForm(spec: FieldSpec, raw: unknown): Scalar {
  if (raw === undefined || raw === null) return spec.kind === 'bool' ? false : null;
  if (spec.kind === 'text' || spec.kind === 'enum' || spec.kind === 'date') {
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
