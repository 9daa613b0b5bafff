/**
 * Follow-up items (督办事项) and their answers: read with the derived state for a given day, write
 * with a version check. Every write bumps the data version in its transaction (server/http/cache.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Followup, FollowupState } from '../../contracts/followups.ts';
import { bumpDataVersion } from '../../http/cache.ts';
import type { Database } from '../client.ts';

export interface FollowupFilter {
  id?: number;
  county?: string;
  state?: FollowupState | 'active';
  /** Only items created before this instant (the agenda). */
  createdBefore?: Date;
}

const stamp = (column: SQL) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

const stateSql = (today: string) =>
  sql`CASE WHEN f.closed_at IS NOT NULL THEN 'closed' WHEN f.deadline < ${today}::date THEN 'overdue' ELSE 'open' END`;

/** Items with their derived state on `today` (YYYY-MM-DD, Asia/Shanghai), overdue first, then by deadline. */
export async function listFollowups(database: Database, today: string, filter: FollowupFilter = {}): Promise<Followup[]> {
  const where: SQL[] = [sql`TRUE`];
  if (filter.id !== undefined) where.push(sql`f.id = ${filter.id}`);
  if (filter.county) where.push(sql`f.county_code = ${filter.county}`);
  if (filter.createdBefore) where.push(sql`f.created_at <= ${filter.createdBefore.toISOString()}::timestamptz`);
  if (filter.state === 'active') where.push(sql`f.closed_at IS NULL`);
  else if (filter.state) where.push(sql`${stateSql(today)} = ${filter.state}`);
  const rows = await database.rows<Followup & Record<string, unknown>>(sql`
    SELECT f.id::int AS id, f.title, f.detail, f.area_code AS "areaCode", a.name AS "areaName",
      f.project_code AS "projectCode", p.name AS "projectName", f.county_code AS "countyCode", c.name AS "countyName",
      f.responsible_unit AS "responsibleUnit", f.deadline::text AS deadline, f.done_criteria AS "doneCriteria",
      f.deck_id AS "deckId", d.title AS "deckTitle", f.meeting_date::text AS "meetingDate",
      ${stateSql(today)} AS state,
      CASE WHEN f.closed_at IS NULL AND f.deadline < ${today}::date THEN (${today}::date - f.deadline)::int END AS "daysOverdue",
      ${stamp(sql`f.closed_at`)} AS "closedAt", cu.display_name AS "closedBy", f.closing_note AS "closingNote",
      f.version::int AS version, ${stamp(sql`f.created_at`)} AS "createdAt", au.display_name AS "createdBy",
      ${stamp(sql`f.updated_at`)} AS "updatedAt", uu.display_name AS "updatedBy", f.demo,
      COALESCE((SELECT json_agg(json_build_object('id', r.id, 'at', ${stamp(sql`r.at`)}, 'author', r.author,
          'progress', r.progress, 'report', r.report) ORDER BY r.at, r.id)
        FROM followup_responses r WHERE r.followup_id = f.id), '[]'::json) AS responses
    FROM followups f
    JOIN regions c ON c.code = f.county_code
    LEFT JOIN regions a ON a.code = f.area_code
    LEFT JOIN projects p ON p.code = f.project_code
    LEFT JOIN decks d ON d.id = f.deck_id
    LEFT JOIN users cu ON cu.id = f.closed_by
    LEFT JOIN users au ON au.id = f.created_by
    LEFT JOIN users uu ON uu.id = f.updated_by
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY CASE ${stateSql(today)} WHEN 'overdue' THEN 0 WHEN 'open' THEN 1 ELSE 2 END, f.deadline, f.id`);
  return rows.map((r) => ({ ...r, responses: typeof r.responses === 'string' ? JSON.parse(r.responses) : r.responses }));
}

export async function findFollowup(database: Database, id: number, today: string): Promise<Followup | undefined> {
  return (await listFollowups(database, today, { id }))[0];
}

/** Open and overdue items per county on `today` (counties without any are left out). */
export async function countFollowups(database: Database, today: string) {
  return database.rows<{ countyCode: string; countyName: string; open: number; overdue: number }>(sql`
    SELECT f.county_code AS "countyCode", c.name AS "countyName",
      count(*) FILTER (WHERE f.deadline >= ${today}::date)::int AS open,
      count(*) FILTER (WHERE f.deadline < ${today}::date)::int AS overdue
    FROM followups f JOIN regions c ON c.code = f.county_code
    WHERE f.closed_at IS NULL
    GROUP BY f.county_code, c.name ORDER BY f.county_code`);
}

/** The county a division lies in (itself for a county), its level and name; undefined when unknown. */
export async function regionCounty(database: Database, code: string) {
  const [row] = await database.rows<{ countyCode: string | null; level: string; name: string }>(
    sql`SELECT county_code AS "countyCode", level::text AS level, name FROM regions WHERE code = ${code}`,
  );
  return row;
}

/** The county of a project; undefined when there is no such project. */
export async function projectCounty(database: Database, code: string) {
  const [row] = await database.rows<{ countyCode: string }>(sql`SELECT county_code AS "countyCode" FROM projects WHERE code = ${code}`);
  return row?.countyCode;
}

export async function deckExists(database: Database, id: number): Promise<boolean> {
  return (await database.rows(sql`SELECT 1 FROM decks WHERE id = ${id}`)).length > 0;
}

export interface NewFollowup {
  title: string;
  detail: string;
  areaCode: string | null;
  projectCode: string | null;
  countyCode: string;
  responsibleUnit: string;
  deadline: string;
  doneCriteria: string;
  deckId: number | null;
  meetingDate: string | null;
}

/** Rows of a raw query inside a transaction (PGlite answers `{rows}`, postgres.js an array). */
async function txRows<T>(tx: { execute(q: SQL): Promise<unknown> }, query: SQL): Promise<T[]> {
  const res = await tx.execute(query);
  return (Array.isArray(res) ? res : (res as { rows: T[] }).rows) as T[];
}

export async function insertFollowup(database: Database, item: NewFollowup, userId: number | null, at: Date): Promise<number> {
  return database.db.transaction(async (tx) => {
    const rows = await txRows<{ id: number }>(
      tx,
      sql`
      INSERT INTO followups (title, detail, area_code, project_code, county_code, responsible_unit, deadline, done_criteria,
        deck_id, meeting_date, created_by, updated_by, created_at, updated_at)
      VALUES (${item.title}, ${item.detail}, ${item.areaCode}, ${item.projectCode}, ${item.countyCode}, ${item.responsibleUnit},
        ${item.deadline}, ${item.doneCriteria}, ${item.deckId}, ${item.meetingDate}, ${userId}, ${userId}, ${at.toISOString()}, ${at.toISOString()})
      RETURNING id::int AS id`,
    );
    await bumpDataVersion(tx); // the map's badges count items
    return Number(rows[0].id);
  });
}

/** The outcome of a versioned change: done, someone changed it first, it is closed, or it does not exist. */
export type ChangeOutcome = 'ok' | 'stale' | 'closed' | 'missing';

async function versionedUpdate(database: Database, id: number, version: number, set: SQL): Promise<ChangeOutcome> {
  return database.db.transaction(async (tx) => {
    const updated = await txRows(
      tx,
      sql`
      UPDATE followups SET ${set}, version = version + 1
      WHERE id = ${id} AND version = ${version} AND closed_at IS NULL RETURNING id`,
    );
    if (updated.length) {
      await bumpDataVersion(tx);
      return 'ok' as const;
    }
    const now = await txRows<{ closed: boolean }>(tx, sql`SELECT closed_at IS NOT NULL AS closed FROM followups WHERE id = ${id}`);
    if (!now.length) return 'missing' as const;
    return now[0].closed ? ('closed' as const) : ('stale' as const);
  });
}

export function editFollowup(
  database: Database,
  id: number,
  version: number,
  patch: {
    title?: string;
    detail?: string;
    responsibleUnit?: string;
    deadline?: string;
    doneCriteria?: string;
    meetingDate?: string | null;
  },
  userId: number,
  at: Date,
): Promise<ChangeOutcome> {
  const sets: SQL[] = [sql`updated_by = ${userId}`, sql`updated_at = ${at.toISOString()}`];
  if (patch.title !== undefined) sets.push(sql`title = ${patch.title}`);
  if (patch.detail !== undefined) sets.push(sql`detail = ${patch.detail}`);
  if (patch.responsibleUnit !== undefined) sets.push(sql`responsible_unit = ${patch.responsibleUnit}`);
  if (patch.deadline !== undefined) sets.push(sql`deadline = ${patch.deadline}`);
  if (patch.doneCriteria !== undefined) sets.push(sql`done_criteria = ${patch.doneCriteria}`);
  if (patch.meetingDate !== undefined) sets.push(sql`meeting_date = ${patch.meetingDate}`);
  return versionedUpdate(database, id, version, sql.join(sets, sql`, `));
}

export function closeFollowup(database: Database, id: number, version: number, note: string, userId: number, at: Date) {
  return versionedUpdate(
    database,
    id,
    version,
    sql`closed_at = ${at.toISOString()}, closed_by = ${userId}, closing_note = ${note}, updated_by = ${userId}, updated_at = ${at.toISOString()}`,
  );
}

/**
 * Append an answer (no version check: an answer never overwrites anything) and count it as a change
 * of the item. 'closed' when the item was closed meanwhile, 'missing' when it does not exist.
 */
export async function answerFollowup(
  database: Database,
  id: number,
  answer: { progress: string; report: string },
  user: { id: number; displayName: string },
  at: Date,
): Promise<'ok' | 'closed' | 'missing'> {
  return database.db.transaction(async (tx) => {
    const updated = await txRows(
      tx,
      sql`
      UPDATE followups SET version = version + 1, updated_by = ${user.id}, updated_at = ${at.toISOString()}
      WHERE id = ${id} AND closed_at IS NULL RETURNING id`,
    );
    if (!updated.length) {
      const exists = await txRows(tx, sql`SELECT 1 FROM followups WHERE id = ${id}`);
      return exists.length ? ('closed' as const) : ('missing' as const);
    }
    await tx.execute(sql`
      INSERT INTO followup_responses (followup_id, at, user_id, author, progress, report)
      VALUES (${id}, ${at.toISOString()}, ${user.id}, ${user.displayName}, ${answer.progress}, ${answer.report})`);
    await bumpDataVersion(tx);
    return 'ok' as const;
  });
}
