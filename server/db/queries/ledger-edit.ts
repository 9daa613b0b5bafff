/**
 * Editing one ledger row with optimistic locking: read its editable values and version; write a
 * change only when the version still matches (in one transaction, row locked), returning before and
 * after of each changed field. Creating a project or a monthly progress report (version 1).
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../client.ts';
import { projectProgress, projects, pvStations, regions } from '../schema.ts';
import { bumpDataVersion } from '../../http/cache.ts';

export type EditKind = 'projects' | 'pv_stations' | 'progress';
type Value = string | number | boolean | null;

/** Which row: a project or station by code; a monthly report by its project's code and as-of date. */
export interface RowKey {
  code: string;
  asOf?: string;
}

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
  progress: ['status', 'arrangedWan', 'disbursedWan', 'spentWan', 'physicalProgressPct'],
};

export interface EditableRow {
  code: string;
  asOf?: string;
  version: number;
  countyCode: string;
  values: Record<string, Value>;
}

const tableOf = (kind: EditKind) => (kind === 'projects' ? projects : kind === 'pv_stations' ? pvStations : projectProgress);
const codeColumn = (kind: EditKind) => (kind === 'progress' ? projectProgress.projectCode : (tableOf(kind) as typeof projects).code);
const whereOf = (kind: EditKind, key: RowKey): SQL =>
  kind === 'progress'
    ? and(eq(projectProgress.projectCode, key.code), eq(projectProgress.asOf, key.asOf ?? ''))!
    : eq(codeColumn(kind), key.code);

function normalise(v: unknown): Value {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v as Value;
}

export async function readEditable(db: Db, kind: EditKind, key: RowKey, lock = false): Promise<EditableRow | null> {
  const t = tableOf(kind) as unknown as Record<string, typeof projects.code>;
  const cols = Object.fromEntries(editableFields[kind].map((f) => [f, t[f]]));
  const q = db
    .select({ code: codeColumn(kind), version: t.version, countyCode: t.countyCode, ...cols })
    .from(tableOf(kind) as typeof projects)
    .where(whereOf(kind, key));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) return null;
  const { code: c, version, countyCode, ...values } = row as Record<string, unknown>;
  return {
    code: String(c),
    ...(kind === 'progress' ? { asOf: key.asOf } : {}),
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
  key: RowKey,
  version: number,
  set: Record<string, Value>,
  mayWrite: (countyCode: string) => boolean,
): Promise<EditOutcome> {
  return database.db.transaction(async (txAny) => {
    const tx = txAny as unknown as Db;
    const current = await readEditable(tx, kind, key, true);
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
      .where(whereOf(kind, key));
    await bumpDataVersion(tx); // the map's cached answers are now stale (server/http/cache.ts)
    const row = (await readEditable(tx, kind, key))!;
    return { kind: 'ok', row, changed } as const;
  });
}

export type CreateOutcome =
  | { kind: 'ok'; row: EditableRow }
  /** The row of that key exists (null: a project of that code in a county the caller may not read as editable). */
  | { kind: 'exists'; current: EditableRow | null }
  | { kind: 'missing' }
  | { kind: 'foreign'; countyCode: string }
  | { kind: 'invalid'; field: string; message: string };

/**
 * Add the monthly report of `key.code` as of `key.asOf` (version 1), if the project exists, the caller
 * may write its county and `dateProblem(project)` finds nothing wrong with the date.
 */
export async function createProgress(
  database: Database,
  key: Required<RowKey>,
  values: Record<string, Value>,
  mayWrite: (countyCode: string) => boolean,
  dateProblem: (project: { year: number }) => string | null,
): Promise<CreateOutcome> {
  return database.db.transaction(async (txAny) => {
    const tx = txAny as unknown as Db;
    // The project row locked: two reports of one project are added one after the other.
    const [project] = await tx
      .select({ countyCode: projects.countyCode, year: projects.year })
      .from(projects)
      .where(eq(projects.code, key.code))
      .for('update');
    if (!project) return { kind: 'missing' } as const;
    if (!mayWrite(project.countyCode)) return { kind: 'foreign', countyCode: project.countyCode } as const;
    const problem = dateProblem({ year: Number(project.year) });
    if (problem) return { kind: 'invalid', field: 'asOf', message: problem } as const;
    const inserted = await tx
      .insert(projectProgress)
      .values({ ...(values as object), projectCode: key.code, asOf: key.asOf, countyCode: project.countyCode } as never)
      .onConflictDoNothing()
      .returning({ version: projectProgress.version });
    if (inserted.length === 0) return { kind: 'exists', current: await readEditable(tx, 'progress', key) } as const;
    await bumpDataVersion(tx); // the map's cached answers are now stale (server/http/cache.ts)
    return { kind: 'ok', row: (await readEditable(tx, 'progress', key))! } as const;
  });
}

/**
 * Add a project (version 1) in `countyCode`, placed in `villageCode` (its township taken from the
 * division list) when given, at the point (lng, lat) when given.
 */
export async function createProject(
  database: Database,
  input: Record<string, Value> & {
    code: string;
    countyCode: string;
    villageCode?: string | null;
    lng?: number | null;
    lat?: number | null;
  },
): Promise<CreateOutcome> {
  const { lng, lat, villageCode, countyCode, ...rest } = input;
  return database.db.transaction(async (txAny) => {
    const tx = txAny as unknown as Db;
    const [county] = await tx.select({ level: regions.level }).from(regions).where(eq(regions.code, countyCode));
    if (!county || county.level !== 'county')
      return { kind: 'invalid', field: 'countyCode', message: `没有代码为 ${countyCode} 的县（市、区）。` } as const;
    let townshipCode: string | null = null;
    if (villageCode) {
      const [village] = await tx
        .select({ level: regions.level, township: regions.parentCode, county: regions.countyCode })
        .from(regions)
        .where(eq(regions.code, villageCode));
      if (!village || village.level !== 'village')
        return { kind: 'invalid', field: 'villageCode', message: `没有代码为 ${villageCode} 的村（社区）。` } as const;
      if (village.county !== countyCode)
        return {
          kind: 'invalid',
          field: 'villageCode',
          message: `村（社区）${villageCode} 不属于县（市、区）${countyCode}：只能在本县新建项目。`,
        } as const;
      townshipCode = village.township;
    }
    const inserted = await tx
      .insert(projects)
      .values({
        ...(rest as object),
        countyCode,
        townshipCode,
        villageCode: villageCode ?? null,
        geom: lng != null && lat != null ? { type: 'Point', coordinates: [lng, lat] } : null,
      } as never)
      .onConflictDoNothing({ target: projects.code })
      .returning({ code: projects.code });
    if (inserted.length === 0) return { kind: 'exists', current: await readEditable(tx, 'projects', { code: input.code }) } as const;
    await bumpDataVersion(tx); // the map's cached answers are now stale (server/http/cache.ts)
    return { kind: 'ok', row: (await readEditable(tx, 'projects', { code: input.code }))! } as const;
  });
}
