/** The projects of an area furthest behind the schedule of spending, ranked in SQL (never the whole layer). */
import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { completedStatuses } from '../../contracts/enums.ts';
import type { LaggingProject } from '../../contracts/lagging-projects.ts';
import { inArea } from './layers.ts';
import type { RegionRef } from './regions.ts';

/**
 * Projects of `area` (located or not) whose spending as of `asOf` is short of `expectedPct` % of their
 * total investment, largest shortfall first (ties by code), at most `limit`; and how many are behind.
 */
export async function laggingProjects(
  database: Database,
  q: { area: RegionRef; asOf: string; expectedPct: number; limit: number },
): Promise<{ behindCount: number; projects: LaggingProject[] }> {
  const completed = sql.join(
    completedStatuses.map((s) => sql`${s}`),
    sql`, `,
  );
  const rows = await database.rows<LaggingProject & { behind_count: number }>(sql`
    WITH shortfalls AS (
      SELECT p.code, p.name, p.total_investment_wan::float8 AS total, coalesce(s.spent_wan, 0)::float8 AS spent,
             p.total_investment_wan::float8 * ${q.expectedPct}::float8 / 100 - coalesce(s.spent_wan, 0)::float8 AS shortfall,
             (p.planned_completion < ${q.asOf}::date AND coalesce(s.status::text, 'planned') NOT IN (${completed})) AS overdue
      FROM projects p
      LEFT JOIN LATERAL (
        SELECT pp.status, pp.spent_wan FROM project_progress pp
        WHERE pp.project_code = p.code AND pp.as_of <= ${q.asOf}::date ORDER BY pp.as_of DESC LIMIT 1
      ) s ON true
      WHERE ${inArea(q.area)}
    )
    SELECT code, name, total AS "totalWan", spent AS "spentWan", shortfall AS "shortfallWan", coalesce(overdue, false) AS overdue,
           count(*) OVER ()::int AS behind_count
    FROM shortfalls WHERE shortfall > 0
    ORDER BY shortfall DESC, code
    LIMIT ${q.limit}`);
  return {
    behindCount: rows[0]?.behind_count ?? 0,
    projects: rows.map(({ behind_count: _, ...p }) => ({
      ...p,
      totalWan: Number(p.totalWan),
      spentWan: Number(p.spentWan),
      shortfallWan: Number(p.shortfallWan),
    })),
  };
}
