/**
 * The time-proportional target 序时进度: the value a rate is expected to have reached on an as-of
 * date, the lag behind it in percentage points, and the status colour band (ahead / on track /
 * lagging). Dates are calendar dates 'YYYY-MM-DD' without time zone.
 */
import type { TargetMethod } from '../contracts/enums.ts';

/** A fixed target: from `date` on (inclusive), the expected value is at least `valuePct`. */
export interface TargetMilestone {
  readonly date: string;
  readonly valuePct: number;
}

/**
 * A year's target settings for one measure, as stored in the `targets` table (a row of that table
 * fits this type). Optional fields take the table's defaults.
 */
export interface TargetConfig {
  /** First day of the target window, e.g. '2020-01-01'. */
  readonly windowStart: string;
  /** 基本完成 date; informational (legend), not used by the arithmetic — add a milestone to enforce it. */
  readonly basicCompletion?: string;
  /** 完成年度目标 date: the expected value is 100 % from this day on under the time-proportional methods. */
  readonly fullCompletion: string;
  /** Default 'linear'; see `expectedFor` for 'milestone', 'fixed' and 'none'. */
  readonly method?: TargetMethod;
  /** Lag (points, negative) below which an area is lagging. Default −5. */
  readonly lagThresholdPts?: number;
  /** Default none. */
  readonly milestones?: readonly TargetMilestone[];
}

/** A stored target row: the settings plus the year and measure they apply to ('*' = all measures). */
export interface TargetRow extends TargetConfig {
  readonly year: number;
  readonly measureId: string;
}

/** The default lag threshold in percentage points (docs/domain.md: 滞后 below −5 points). */
export const defaultLagThresholdPts = -5;

/** Status of an area against 序时进度; 'no_data' when the lag cannot be computed. */
export type TargetStatus = 'ahead' | 'on_track' | 'lagging' | 'no_data';

/**
 * Status per class index of `classifyByTarget` breaks: class 0 lagging, 1 on track, 2 ahead.
 * `statusOf` and `classIndex(lag, classifyByTarget(t))` always agree.
 */
export const targetStatusByClass = ['lagging', 'on_track', 'ahead'] as const;

const msPerDay = 86_400_000;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Days since 1970-01-01 of a calendar date 'YYYY-MM-DD' (UTC, so no daylight-saving drift).
 * @throws RangeError for anything that is not a real calendar date in that exact format.
 */
export function dateDayNumber(date: string): number {
  const m = isoDate.exec(date);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    // Date.UTC rolls 2020-02-30 over to March; a round trip rejects such dates.
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) {
      return ms / msPerDay;
    }
  }
  throw new RangeError(`Not a calendar date 'YYYY-MM-DD': ${JSON.stringify(date)}`);
}

const clampPct = (v: number) => Math.min(100, Math.max(0, v));

/**
 * Calendar months completed from the month of `windowStart` up to and including `asOf`. A month
 * counts once its last day is reached: as of 2020-04-30 four months are complete, as of 2020-04-29
 * three. 0 before the window starts.
 */
function completedMonths(windowStart: string, asOf: string): number {
  if (dateDayNumber(asOf) < dateDayNumber(windowStart)) return 0;
  const [sy, sm] = windowStart.split('-').map(Number);
  const [ay, am] = asOf.split('-').map(Number);
  const lastDayOfAsOfMonth = new Date(Date.UTC(ay, am, 0)).getUTCDate();
  const asOfMonthDone = Number(asOf.slice(8, 10)) === lastDayOfAsOfMonth ? 1 : 0;
  return ay * 12 + am - (sy * 12 + sm) + asOfMonthDone;
}

/**
 * 序时进度: the value in percent (0–100) a rate should have reached by the end of `asOf`.
 *
 * Day counting: the as-of date is a data cut-off and counts as a whole elapsed day (data "as of
 * 2020-06-20" include that day); the window's first and last days both count. So
 * - 'linear' = (asOf − windowStart + 1) ÷ (fullCompletion − windowStart + 1) · 100, in days:
 *   2020-06-20 in the window 2020-01-01 → 2020-11-30 is 172 ÷ 335 = 51.34 %; 0 before the window;
 * - 'elapsed_months' = completed months since the month of windowStart ÷ 12 · 100, a month being
 *   complete on its last day: 2020-04-30 → 4 ÷ 12 = 33.3 %; 2020-04-29 → 25 %.
 * From `fullCompletion` on the value is 100 under both methods. Then milestones: each milestone
 * whose date is on or before `asOf` raises the value to its `valuePct` when that is higher (e.g.
 * start rate 100 % from 2020-04-01). The result is clamped to 0–100.
 *
 * @throws RangeError when a date is malformed or fullCompletion precedes windowStart.
 */
export function expectedPct(asOf: string, target: TargetConfig): number {
  const day = dateDayNumber(asOf);
  const start = dateDayNumber(target.windowStart);
  const end = dateDayNumber(target.fullCompletion);
  if (end < start) {
    throw new RangeError(`Target window ends (${target.fullCompletion}) before it starts (${target.windowStart})`);
  }
  const method = target.method ?? 'linear';
  let pct: number;
  // Step rules: only the milestones count (none reached → 0); the window does not.
  if (method === 'milestone' || method === 'fixed' || method === 'none') pct = 0;
  else if (day >= end) pct = 100;
  else if ((target.method ?? 'linear') === 'elapsed_months') pct = (100 * completedMonths(target.windowStart, asOf)) / 12;
  else pct = (100 * (day - start + 1)) / (end - start + 1);
  pct = clampPct(pct);
  for (const milestone of target.milestones ?? []) {
    if (Number.isFinite(milestone.valuePct) && dateDayNumber(milestone.date) <= day) {
      pct = Math.max(pct, clampPct(milestone.valuePct));
    }
  }
  return pct;
}

/**
 * The expected value under a measure's target rule, or null when nothing is expected:
 * - 'none': always null (the measure is ranked only);
 * - 'fixed': the first milestone's value from its date on (e.g. 100 % from 2020-01-01: due now);
 *   null before that date, and null when no milestone is set;
 * - 'milestone': the highest milestone reached (0 before the first); null when none is set;
 * - 'linear' / 'elapsed_months': `expectedPct`.
 */
export function expectedFor(asOf: string, target: TargetConfig): number | null {
  const method = target.method ?? 'linear';
  const milestones = target.milestones ?? [];
  if (method === 'none') return null;
  if (method === 'fixed') {
    const due = milestones[0];
    if (!due || dateDayNumber(asOf) < dateDayNumber(due.date)) return null;
    return clampPct(due.valuePct);
  }
  if (method === 'milestone' && milestones.length === 0) return null;
  return expectedPct(asOf, target);
}

/** Whether the expected value of a rule is 序时进度 ('schedule') or a set target ('fixed'); null for 'none'. */
export function expectedKindOf(target: TargetConfig | undefined): 'schedule' | 'fixed' | null {
  const method = target?.method ?? 'linear';
  if (!target || method === 'none') return null;
  return method === 'fixed' || method === 'milestone' ? 'fixed' : 'schedule';
}

/**
 * The target row for a measure and year: the row with that exact `measureId` if there is one,
 * otherwise the year's default row (`measureId` '*'); undefined when the year has neither.
 */
export function resolveTarget<T extends TargetRow>(targets: readonly T[], measureId: string, year: number): T | undefined {
  let fallback: T | undefined;
  for (const row of targets) {
    if (row.year !== year) continue;
    if (row.measureId === measureId) return row;
    if (row.measureId === '*') fallback = row;
  }
  return fallback;
}

/**
 * Lag = value − expected, in percentage points (negative = behind). Null when either is null or
 * not finite. Rounded to 10⁻⁹ points so that floating-point noise (45 − 50.000000000000007) cannot
 * move an area across a status boundary.
 */
export function lagPts(value: number | null | undefined, expected: number | null | undefined): number | null {
  if (value == null || expected == null || !Number.isFinite(value) || !Number.isFinite(expected)) return null;
  const lag = Math.round((value - expected) * 1e9) / 1e9;
  return lag === 0 ? 0 : lag; // no −0
}

/**
 * Status band of a lag (points), symmetric around 0 with half-width |thresholdPts| (default 5):
 * - 'lagging'  when lag < −|t|           (strictly below: exactly −5.0 is still on track),
 * - 'on_track' when −|t| ≤ lag < +|t|,
 * - 'ahead'    when lag ≥ +|t|,
 * - 'no_data'  when lag is null or NaN.
 * The sign of the threshold is ignored (the table stores −5; 5 means the same). With a threshold of
 * 0 there is no on-track band: below 0 lags, 0 and above is ahead. A non-finite threshold falls back
 * to the default. Consequence worth knowing: when the expected value is within |t| of 100 (late in
 * the year, or a 100 % milestone) no area can be 'ahead'; a complete area is 'on_track'.
 */
export function statusOf(lag: number | null | undefined, thresholdPts: number = defaultLagThresholdPts): TargetStatus {
  if (lag == null || Number.isNaN(lag)) return 'no_data';
  const band = Math.abs(Number.isFinite(thresholdPts) ? thresholdPts : defaultLagThresholdPts);
  if (lag < -band) return 'lagging';
  if (lag >= band) return 'ahead';
  return 'on_track';
}
