/**
 * The two steps of a ledger import. `validateImport` reads the file, reports every problem (row,
 * column, value, reason) and previews the change (add / change / unchanged / skip); a file without
 * problems is kept as a batch. `commitImport` writes a batch in one transaction — all rows or none —
 * upserting by natural key, so re-importing the same file changes nothing; a retried commit (same
 * batch, or the same Idempotency-Key) answers the stored result and counts once.
 */
import { bumpDataVersion } from '../http/cache.ts';
import crypto from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { Database, Db } from '../db/client.ts';
import { fillDefaults, loadDivisions, loadExisting, projectCounties, writePlan } from '../db/queries/imports.ts';
import { importBatches } from '../db/schema.ts';
import { HttpError } from '../errors.ts';
import { markBatchCommitted } from './batch-commit.ts';
import { DivisionIndex } from './divisions.ts';
import { commitGeoBatch } from './geo-import.ts';
import { isGeoImportKind, type GeoImportKind } from './geo-kinds.ts';
import { importKindLabels, kindFields, type ImportKind } from './kinds.ts';
import { planChanges, toRecords, type FieldChange, type LedgerRecord } from './ledger-diff.ts';
import { parseLedgerSheet, showPersonal, type ColumnMap, type Issue, type Notice } from './ledger-parse.ts';
import { readSheet, SheetError, type SheetLimits } from './sheet.ts';

export interface ImportCounts {
  dataRows: number;
  add: number;
  change: number;
  unchanged: number;
  skip: number;
  errors: number;
}

export interface ImportReport {
  batchId: string | null;
  kind: ImportKind;
  fileName: string;
  format: 'xlsx' | 'csv';
  encoding: string | null;
  sheetName: string | null;
  date1904: boolean;
  ok: boolean;
  counts: ImportCounts;
  issues: Issue[];
  /** Issues in all (the list is cut at MAX_ISSUES). */
  issuesTotal: number;
  notices: Notice[];
  columns: ColumnMap[];
  /** The first adds and changes, with before → after per field. */
  preview: { key: string; row: number; action: 'add' | 'change'; changes: FieldChange[] }[];
}

export interface CommitResult {
  batchId: string;
  kind: ImportKind | GeoImportKind;
  added: number;
  changed: number;
  unchanged: number;
  /** True when this answer is the stored result of an earlier commit of the same batch or key. */
  replayed: boolean;
  committedAt: string;
}

const MAX_ISSUES = 1000;
/** A validated batch not committed within this time expires (it may hold personal data: households). */
export const BATCH_TTL_HOURS = 24;
const expiredBefore = (now: Date) => new Date(now.getTime() - BATCH_TTL_HOURS * 3_600_000);
const MAX_PREVIEW = 200;

/** A file-level refusal (wrong content, zip bomb, no header, no data rows): 422 with one sentence. */
export class ImportRefused extends HttpError {
  constructor(message: string) {
    super(422, message);
  }
}

export interface ValidateInput {
  kind: ImportKind;
  bytes: Uint8Array;
  fileName: string;
  /** County the account may import into (null: every county). */
  scopeCounty: string | null;
  userId: number | null;
  limits?: SheetLimits;
  /** The time of the validation (default: now); batches validated more than BATCH_TTL_HOURS before are removed. */
  now?: Date;
}

export async function validateImport(database: Database, input: ValidateInput): Promise<ImportReport> {
  let sheet;
  try {
    sheet = await readSheet(input.bytes, input.fileName, input.limits);
  } catch (err) {
    if (err instanceof SheetError) throw new ImportRefused(err.message);
    throw err;
  }
  const parsed = parseLedgerSheet(sheet, input.kind);
  if (parsed.fileError) throw new ImportRefused(`${importKindLabels[input.kind]}：${parsed.fileError}`);
  const divisions = new DivisionIndex(await loadDivisions(database));
  const keys = parsed.rows.map((r) => r.values);
  const existing = await loadExisting(database.db, input.kind, keys);
  const counties =
    input.kind === 'progress'
      ? await projectCounties(
          database.db,
          keys.map((k) => String(k.projectCode)),
        )
      : new Map<string, string>();
  const existingCounties = new Map([...existing].map(([k, v]) => [k, String(v.countyCode)]));
  const { records, issues: moreIssues } = toRecords(parsed, divisions, input.scopeCounty, counties, existingCounties);
  fillDefaults(input.kind, records);
  const issues = [...parsed.issues, ...moreIssues].sort((a, b) => a.row - b.row);
  const plan = planChanges(input.kind, records, existing);
  const errorRows = new Set(issues.map((i) => i.row)).size;
  const counts: ImportCounts = {
    dataRows: parsed.rows.length + new Set(parsed.issues.map((i) => i.row)).size,
    add: plan.filter((p) => p.action === 'add').length,
    change: plan.filter((p) => p.action === 'change').length,
    unchanged: plan.filter((p) => p.action === 'unchanged').length,
    skip: parsed.skipped,
    errors: errorRows,
  };
  const report: ImportReport = {
    batchId: null,
    kind: input.kind,
    fileName: input.fileName,
    format: sheet.format,
    encoding: sheet.encoding ?? null,
    sheetName: sheet.sheetName ?? null,
    date1904: sheet.date1904,
    ok: issues.length === 0,
    counts,
    issues: issues.slice(0, MAX_ISSUES),
    issuesTotal: issues.length,
    notices: sheet.encoding ? [{ message: `文件编码：${sheet.encoding}。` }, ...parsed.notices] : parsed.notices,
    columns: parsed.columns,
    preview: plan
      .filter((p) => p.action !== 'unchanged')
      .slice(0, MAX_PREVIEW)
      .map((p) => ({
        key: p.key,
        row: p.row,
        action: p.action as 'add' | 'change',
        changes: p.changes.map((ch) => masked(input.kind, ch)),
      })),
  };
  const now = input.now ?? new Date();
  // Validated batches never committed expire: their rows (names and ID numbers of households too) go.
  await database.db
    .delete(importBatches)
    .where(and(eq(importBatches.status, 'validated'), lt(importBatches.createdAt, expiredBefore(now))));
  if (report.ok) {
    report.batchId = crypto.randomUUID();
    await database.db.insert(importBatches).values({
      createdAt: now,
      id: report.batchId,
      kind: input.kind,
      userId: input.userId,
      scopeCounty: input.scopeCounty,
      fileName: input.fileName.slice(0, 255),
      fileSha256: crypto.createHash('sha256').update(input.bytes).digest('hex'),
      rows: records,
      report: { counts },
    });
  }
  return report;
}

/** A change as the report shows it: personal fields (names, ID numbers) masked before and after. */
function masked(kind: ImportKind, change: FieldChange): FieldChange {
  const f = kindFields[kind].find((x) => x.key === change.field);
  if (!f?.personal) return change;
  const hide = (v: FieldChange['before']) => (typeof v === 'string' ? showPersonal(f, v) : v);
  return { ...change, before: hide(change.before), after: hide(change.after) };
}

/** Database check constraints → a sentence for the person importing. */
const constraintMessages: Record<string, string> = {
  projects_money_non_negative: '金额不能为负数',
  projects_mode_only_for_industry: '产业项目须填写产业模式，非产业项目不填',
  projects_households: '带动贫困户数不能多于带动户数',
  projects_dividend_rate: '分红比例应在 0–100 之间',
  project_progress_money: '进度金额不能为负数',
  project_progress_pct: '形象进度应在 0–100 之间',
  pv_stations_capacity: '装机容量应大于 0',
  pv_stations_income: '收益不能为负数',
  pv_stations_registered_date: '未纳入系统的电站不应有纳入日期',
  households_members: '家庭人口应在 1–20 人之间',
  households_measures: '产业帮扶措施数应在 0–20 之间',
};

export function dbRefusal(err: unknown): HttpError | null {
  const text = `${(err as Error)?.message ?? ''} ${String((err as { cause?: unknown })?.cause ?? '')}`;
  for (const [name, message] of Object.entries(constraintMessages)) {
    if (text.includes(name)) return new HttpError(422, `导入未执行，数据库未改变：合并已有数据后，有一行${message}。请改正后重新校验。`);
  }
  if (/foreign key|violates/i.test(text))
    return new HttpError(409, '导入未执行，数据库未改变：校验之后台账已被修改（如项目被删除）。请重新校验文件后再导入。');
  return null;
}

export interface CommitInput {
  batchId: string;
  idempotencyKey: string | null;
  userId: number | null;
  now: Date;
  /** Throws when the account may no longer import this kind (households: the editor's right). */
  mayCommit?: (kind: ImportKind) => Promise<void>;
}

export async function commitImport(database: Database, input: CommitInput): Promise<CommitResult> {
  if (input.mayCommit) {
    // Before the transaction: a refusal writes an audit row, and the embedded backend has one connection.
    const [batch] = await database.db.select({ kind: importBatches.kind }).from(importBatches).where(eq(importBatches.id, input.batchId));
    if (batch) await input.mayCommit(batch.kind as ImportKind);
  }
  try {
    return await database.db.transaction(async (tx) => {
      const result = await commitIn(tx as unknown as Db, input);
      await bumpDataVersion(tx); // cached answers of the map are now stale (server/http/cache.ts)
      return result;
    });
  } catch (err) {
    if (err instanceof HttpError) throw err;
    const refusal = dbRefusal(err);
    if (refusal) throw refusal;
    throw err;
  }
}

async function commitIn(tx: Db, input: CommitInput): Promise<CommitResult> {
  if (input.idempotencyKey) {
    const [byKey] = await tx
      .select({ id: importBatches.id, result: importBatches.result })
      .from(importBatches)
      .where(eq(importBatches.idempotencyKey, input.idempotencyKey));
    if (byKey && byKey.id !== input.batchId) throw new HttpError(409, 'Idempotency-Key 已用于另一批导入：每次导入请使用新的键。');
  }
  const [batch] = await tx.select().from(importBatches).where(eq(importBatches.id, input.batchId)).for('update');
  if (!batch || (batch.userId ?? null) !== input.userId)
    throw new HttpError(404, '找不到这批导入（编号不对，或不是您校验的文件）：请重新上传校验。');
  if (batch.status === 'committed') return { ...(batch.result as unknown as CommitResult), replayed: true };
  if (batch.createdAt < expiredBefore(input.now))
    throw new HttpError(404, `这批导入已过期（校验后 ${BATCH_TTL_HOURS} 小时内未提交），数据库未改变：请重新上传校验。`);
  // Division lists and boundaries have their own writer (geo-import.ts).
  if (isGeoImportKind(batch.kind)) return commitGeoBatch(tx, { id: batch.id, kind: batch.kind, rows: batch.rows }, input);
  const kind = batch.kind as ImportKind;
  const records = batch.rows as LedgerRecord[];
  const existing = await loadExisting(tx, kind, records);
  if (batch.scopeCounty) {
    for (const [, row] of existing) {
      if (row.countyCode !== batch.scopeCounty) throw new HttpError(409, '导入未执行：校验之后有记录被划到其他县。请重新校验文件。');
    }
  }
  const plan = planChanges(kind, records, existing);
  await writePlan(tx, kind, plan);
  const result: CommitResult = {
    batchId: batch.id,
    kind,
    added: plan.filter((p) => p.action === 'add').length,
    changed: plan.filter((p) => p.action === 'change').length,
    unchanged: plan.filter((p) => p.action === 'unchanged').length,
    replayed: false,
    committedAt: input.now.toISOString(),
  };
  return markBatchCommitted(tx, result, input);
}
