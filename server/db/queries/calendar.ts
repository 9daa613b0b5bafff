/** Dates the data knows: dispatch meetings, monthly history points, and the year's targets. */
import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import type { TargetRow } from '../../domain/time-target.ts';

export interface Meeting {
  year: number;
  number: number;
  meetingDate: string;
  cutOff: string;
}

export interface Calendar {
  meetings: Meeting[];
  /** Distinct as-of dates of the progress history, ascending. */
  historyDates: string[];
  /** The latest meeting cut-off (or latest history date); null on an empty database. */
  defaultAsOf: string | null;
}

export async function queryCalendar(database: Database): Promise<Calendar> {
  const meetings = await database.rows<Meeting & Record<string, unknown>>(sql`
    SELECT year::int AS year, number::int AS number, meeting_date::text AS "meetingDate", cut_off::text AS "cutOff"
    FROM meetings ORDER BY cut_off`);
  // Distinct dates by a loose index scan (one index probe per date, not a scan of every progress row).
  const dates = await database.rows<{ d: string }>(sql`
    WITH RECURSIVE d(a) AS (
      SELECT min(as_of) FROM project_progress
      UNION ALL
      SELECT (SELECT min(p.as_of) FROM project_progress p WHERE p.as_of > d.a) FROM d WHERE d.a IS NOT NULL
    )
    SELECT a::text AS d FROM d WHERE a IS NOT NULL ORDER BY a`);
  const historyDates = dates.map((r) => r.d);
  const defaultAsOf = meetings.at(-1)?.cutOff ?? historyDates.at(-1) ?? null;
  return { meetings, historyDates, defaultAsOf };
}

export async function queryTargets(database: Database, year: number): Promise<TargetRow[]> {
  return database.rows<TargetRow & Record<string, unknown>>(sql`
    SELECT year::int AS year, measure_id AS "measureId", window_start::text AS "windowStart",
      basic_completion::text AS "basicCompletion", full_completion::text AS "fullCompletion", method::text AS method,
      lag_threshold_pts::float8 AS "lagThresholdPts", milestones
    FROM targets WHERE year = ${year}`);
}

export async function querySetting<T>(database: Database, key: string, fallback: T): Promise<T> {
  const [row] = await database.rows<{ value: T }>(sql`SELECT value FROM settings WHERE key = ${key}`);
  return row ? row.value : fallback;
}
