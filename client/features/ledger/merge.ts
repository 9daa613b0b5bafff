/**
 * The merge screen after a 409: for every field that you or someone else changed since you opened the
 * row, the value as opened, yours and theirs (as stored now); a choice per field; and the save that
 * follows, based on their version. Pure.
 */
export type Scalar = string | number | boolean | null;
export type Values = Record<string, Scalar | undefined>;

/** Values compared as the server compares them: numeric strings as numbers, undefined as null. */
export function normalise(v: unknown): Scalar {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v as Scalar;
}
export const sameValue = (a: unknown, b: unknown) => normalise(a) === normalise(b);

export interface MergeRow {
  field: string;
  base: Scalar;
  yours: Scalar;
  theirs: Scalar;
  yoursChanged: boolean;
  theirsChanged: boolean;
  /** Both changed, to different values: the user must look. */
  conflict: boolean;
}

export type Choice = 'yours' | 'theirs';

/**
 * The fields to show: `mine` holds the fields you changed (your save's `set`), `base` the values as you
 * opened them, `current` the row as stored now. In the order of `fields`, then any other field.
 */
export function mergeRows(fields: readonly string[], base: Values, mine: Values, current: Values): MergeRow[] {
  const names = [...new Set([...fields, ...Object.keys(mine), ...Object.keys(current)])];
  const rows: MergeRow[] = [];
  for (const field of names) {
    const b = normalise(base[field]);
    const theirs = normalise(current[field]);
    const yoursChanged = field in mine && !sameValue(mine[field], b);
    const yours = yoursChanged ? normalise(mine[field]) : b;
    const theirsChanged = field in base && !sameValue(theirs, b);
    if (!yoursChanged && !theirsChanged) continue;
    rows.push({ field, base: b, yours, theirs, yoursChanged, theirsChanged, conflict: yoursChanged && theirsChanged && yours !== theirs });
  }
  return rows;
}

/** Your value where only you changed it; theirs where they changed it (a real conflict starts on theirs: look first). */
export function defaultChoices(rows: readonly MergeRow[]): Record<string, Choice> {
  return Object.fromEntries(rows.map((r) => [r.field, r.yoursChanged && !r.theirsChanged ? 'yours' : 'theirs']));
}

/**
 * The save after merging: the fields whose chosen value differs from what is stored now, with the
 * stored values as the new base. Empty `set`: nothing left to save (every field kept as theirs).
 */
export function mergedSave(
  rows: readonly MergeRow[],
  choices: Readonly<Record<string, Choice>>,
  current: { version: number; values: Values },
): { version: number; set: Record<string, Scalar>; base: Record<string, Scalar> } {
  const set: Record<string, Scalar> = {};
  const base: Record<string, Scalar> = {};
  for (const r of rows) {
    const value = (choices[r.field] ?? 'theirs') === 'yours' ? r.yours : r.theirs;
    if (sameValue(value, current.values[r.field])) continue;
    set[r.field] = value;
    base[r.field] = normalise(current.values[r.field]);
  }
  return { version: current.version, set, base };
}
