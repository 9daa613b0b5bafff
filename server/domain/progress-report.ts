/**
 * Which as-of dates a monthly progress report (月报) may carry: within the project's span — from
 * 1 January of its ledger year (项目年度) — and not after today (Asia/Shanghai), the same "today" the
 * follow-ups derive their states for. Pure.
 */

/** Today in Asia/Shanghai (YYYY-MM-DD) at `now`: the date reports, follow-ups and deadlines are judged by. */
export function shanghaiDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The reason (Chinese, one sentence) a report dated `asOf` cannot be written for a project of `year`
 * on `today`, or null when it can. Dates are `YYYY-MM-DD`; `today` is the caller's (Asia/Shanghai).
 */
export function progressDateProblem(asOf: string, project: { year: number }, today: string): string | null {
  const first = `${String(project.year).padStart(4, '0')}-01-01`;
  if (asOf < first) return `截止日期 ${asOf} 早于项目年度（${project.year} 年）：月报从项目年度的 1 月 1 日起填报。`;
  if (asOf > today) return `截止日期 ${asOf} 晚于今天（${today}）：不能填报未来的月报。`;
  return null;
}

/** The last day of the month of `date` (`YYYY-MM-DD`): the default as-of date of a new report. */
export function monthEndOf(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
