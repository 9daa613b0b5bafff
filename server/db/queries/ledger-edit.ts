/**
 * Editing one ledger row with optimistic locking: read its editable values and version; write a
 * change only when the version still matches (in one transaction, row locked), returning before and
 * after of each changed field.
 */
import { eq, sql } from 'drizzle-orm';
import type { Database, Db } from '../client.ts';
import { projects, pvStations } from '../schema.ts';
import { bumpDataVersion } from '../../http/cache.ts';

export type EditKind = 'projects' | 'pv_stations';
type Value = string | number | boolean | null;

export const editableFields: Record<EditKind, string[]> = {
  projects: [
    'name',
    'status',
    'responsibleLevel',
    'responsibleUnit',
    'totalInvestmentWan',
    'arrangedWan',
    'disbursedWan',
    'spentWan',
    'plannedStart',
    'plannedCompletion',
    'actualStart',
    'actualCompletion',
    'householdsReached',
    'poorHouseholdsReached',
    'dividendRatePct',
  ],
  pv_stations: [
    'name',
    'status',
    'capacityKw',
    'gridDate',
    'registered',
    'registeredDate',
    'yearlyGenerationKwh',
    'yearlyIncomeWan',
    'incomeWelfareJobsWan',
    'incomeCollectiveWan',
    'householdsReached',
  ],
};

export interface EditableRow {
  code: string;
  version: number;
  countyCode: string;
  values: Record<string, Value>;
}

const tableOf = (kind: EditKind) => (kind === 'projects' ? projects : pvStations);

function normalise(v: unknown): Value {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v as Value;
}

export async function readEditable(db: Db, kind: EditKind, code: string, lock = false): Promise<EditableRow | null> {
  const t = tableOf(kind) as typeof projects;
  const cols = Object.fromEntries(editableFields[kind].map((f) => [f, (t as unknown as Record<string, unknown>)[f]])) as Record<
    string,
    typeof t.code
  >;
  const q = db
    .select({ code: t.code, version: t.version, countyCode: t.countyCode, ...cols })
    .from(t)
    .where(eq(t.code, code));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) return null;
  const { code: c, version, countyCode, ...values } = row as Record<string, unknown>;
  return {
    code: String(c),
    version: Number(version),
    countyCode: String(countyCode),
    values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, normalise(v)])),
  };
}

export const same = (a: unknown, b: unknown) => JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));

export type EditOutcome =
  | { kind: 'ok'; row: EditableRow; changed: { field: string; before: Value; after: Value }[] }
  | { kind: 'missing' }
  | { kind: 'foreign'; countyCode: string }
  | { kind: 'stale'; current: EditableRow };

/** Apply `set` to the row if its version is still `version` and `mayWrite(county)` holds. */
export async function applyEdit(
  database: Database,
  kind: EditKind,
  code: string,
  version: number,
  set: Record<string, Value>,
  mayWrite: (countyCode: string) => boolean,
): Promise<EditOutcome> {
  return database.db.transaction(async (txAny) => {
    const tx = txAny as unknown as Db;
    const current = await readEditable(tx, kind, code, true);
    if (!current) return { kind: 'missing' } as const;
    if (!mayWrite(current.countyCode)) return { kind: 'foreign', countyCode: current.countyCode } as const;
    if (current.version !== version) return { kind: 'stale', current } as const;
    const changed = Object.entries(set)
      .filter(([f, v]) => !same(current.values[f], v))
      .map(([field, after]) => ({ field, before: current.values[field] ?? null, after }));
    if (changed.length === 0) return { kind: 'ok', row: current, changed } as const;
    const t = tableOf(kind) as typeof projects;
    const values: Record<string, unknown> = Object.fromEntries(changed.map((c) => [c.field, c.after]));
    values.version = sql`${t.version} + 1`;
    if (kind === 'projects') values.updatedAt = new Date();
    await tx
      .update(t)
      .set(values as never)
      .where(eq(t.code, code));
    await bumpDataVersion(tx); // the map's cached answers are now stale (server/http/cache.ts)
    const row = (await readEditable(tx, kind, code))!;
    return { kind: 'ok', row, changed } as const;
  });
}
