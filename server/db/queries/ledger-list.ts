/**
 * The project ledger as a list: one page of projects matching the filters in the chosen order, with the
 * number of matches and sums over all of them; and one project's audited edits (its change log).
 */
import { and as andSql, desc, eq, inArray } from 'drizzle-orm';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { completedStatuses } from '../../contracts/enums.ts';
import type { LedgerSortKey, ProjectChange, ProjectListItem, ProjectListQuery } from '../../contracts/ledger-list.ts';
import { auditLog } from '../schema.ts';
import { inArea } from './layers.ts';
import type { RegionRef } from './regions.ts';

const spendRate = sql`CASE WHEN p.total_investment_wan > 0 THEN p.spent_wan::float8 / p.total_investment_wan::float8 * 100 END`;

const sortSql: Record<LedgerSortKey, SQL> = {
  code: sql`p.code`,
  name: sql`p.name`,
  total: sql`p.total_investment_wan`,
  spent: sql`p.spent_wan`,
  spendRate,
  plannedCompletion: sql`p.planned_completion`,
  status: sql`p.status`,
  updatedAt: sql`p.updated_at`,
};

/** LIKE pattern matching `text` literally anywhere. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface ProjectListResult {
  items: ProjectListItem[];
  total: number;
  sums: { totalInvestmentWan: number; spentWan: number; overdue: number };
}

export async function projectList(
  database: Database,
  query: Omit<ProjectListQuery, 'area' | 'asOf'> & { area?: RegionRef; asOf: string },
): Promise<ProjectListResult> {
  const conds: SQL[] = [sql`true`];
  const completed = sql.join(
    completedStatuses.map((s) => sql`${s}`),
    sql`, `,
  );
  const overdue = sql`coalesce(p.planned_completion < ${query.asOf}::date AND p.status::text NOT IN (${completed}), false)`;
  if (query.area) conds.push(inArea(query.area));
  if (query.q) {
    const like = containsPattern(query.q);
    conds.push(sql`(p.code ILIKE ${like} OR p.name ILIKE ${like} OR p.responsible_unit ILIKE ${like})`);
  }
  if (query.status) conds.push(sql`p.status = ${query.status}`);
  if (query.category) conds.push(sql`p.category = ${query.category}`);
  if (query.year) conds.push(sql`p.year = ${query.year}`);
  if (query.overdue !== undefined) conds.push(query.overdue ? overdue : sql`NOT ${overdue}`);
  const where = sql.join(conds, sql` AND `);
  const dir = query.order === 'desc' ? sql`DESC NULLS LAST` : sql`ASC NULLS LAST`;
  const label = (col: string) => sql`(SELECT r.label_point FROM regions r WHERE r.code = p.${sql.raw(col)})`;
  const anchor = sql`coalesce(${label('village_code')}, ${label('township_code')}, ${label('county_code')})`;

  const [summary] = await database.rows<{ total: number; totalWan: number; spentWan: number; overdue: number }>(sql`
    SELECT count(*)::int AS total, coalesce(sum(p.total_investment_wan), 0)::float8 AS "totalWan",
      coalesce(sum(p.spent_wan), 0)::float8 AS "spentWan", count(*) FILTER (WHERE ${overdue})::int AS overdue
    FROM projects p WHERE ${where}`);
  const rows = await database.rows<ProjectListItem & { lng: number | null; lat: number | null }>(sql`
    SELECT p.code, p.name, p.year::int AS year, p.county_code AS "countyCode",
      (SELECT name FROM regions WHERE code = p.county_code) AS "countyName",
      p.township_code AS "townshipCode", (SELECT name FROM regions WHERE code = p.township_code) AS "townshipName",
      p.village_code AS "villageCode", (SELECT name FROM regions WHERE code = p.village_code) AS "villageName",
      p.category::text AS category, p.status::text AS status, p.responsible_unit AS "responsibleUnit",
      p.total_investment_wan::float8 AS "totalInvestmentWan", p.arranged_wan::float8 AS "arrangedWan", p.spent_wan::float8 AS "spentWan",
      ${spendRate} AS "spendRatePct",
      p.planned_completion::text AS "plannedCompletion", p.actual_completion::text AS "actualCompletion",
      ${overdue} AS overdue, p.version::int AS version,
      to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt",
      round(ST_X(${anchor})::numeric, 5)::float8 AS lng, round(ST_Y(${anchor})::numeric, 5)::float8 AS lat
    FROM projects p WHERE ${where}
    ORDER BY ${sortSql[query.sort]} ${dir}, p.code ${query.order === 'desc' ? sql`DESC` : sql`ASC`}
    LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`);
  const round = (n: number | null) => (n === null ? null : Math.round(Number(n) * 10) / 10);
  return {
    items: rows.map(({ lng, lat, ...r }) => ({
      ...r,
      year: Number(r.year),
      version: Number(r.version),
      totalInvestmentWan: Number(r.totalInvestmentWan),
      arrangedWan: Number(r.arrangedWan),
      spentWan: Number(r.spentWan),
      spendRatePct: round(r.spendRatePct),
      overdue: Boolean(r.overdue),
      anchor: lng === null || lat === null ? null : [Number(lng), Number(lat)],
    })),
    total: Number(summary.total),
    sums: { totalInvestmentWan: Number(summary.totalWan), spentWan: Number(summary.spentWan), overdue: Number(summary.overdue) },
  };
}

type Scalar = string | number | boolean | null;

/** What the project's change log lists: its creation and edits, and its monthly reports' (audited under the project). */
const changeActions = ['projects.create', 'projects.edit', 'progress.create', 'progress.edit'];

/** The successful changes of one project, newest first (from the audit log: before and after of each field). */
export async function projectChanges(database: Database, code: string, limit = 200): Promise<ProjectChange[]> {
  const rows = await database.db
    .select({ at: auditLog.at, username: auditLog.username, action: auditLog.action, detail: auditLog.detail })
    .from(auditLog)
    .where(andSql(inArray(auditLog.action, changeActions), eq(auditLog.target, `project:${code}`), eq(auditLog.result, 'ok')))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
  return rows.map((r) => {
    const d = (r.detail ?? {}) as { version?: number; asOf?: string; before?: Record<string, Scalar>; after?: Record<string, Scalar> };
    const fields = [...new Set([...Object.keys(d.before ?? {}), ...Object.keys(d.after ?? {})])];
    return {
      at: r.at.toISOString(),
      username: r.username,
      action: r.action.endsWith('.create') ? ('create' as const) : ('edit' as const),
      asOf: r.action.startsWith('progress.') && typeof d.asOf === 'string' ? d.asOf : null,
      version: typeof d.version === 'number' ? d.version : null,
      changes: fields.map((field) => ({ field, before: d.before?.[field] ?? null, after: d.after?.[field] ?? null })),
    };
  });
}
