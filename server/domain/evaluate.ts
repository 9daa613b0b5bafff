/**
 * Evaluation of one measure over a set of areas: value, 序时进度, lag, status and rank per area.
 * The API calls it on the numerator / denominator pairs that SQL aggregated per area.
 */
import { measureValue, type Measure } from './measures.ts';
import { rankAreas } from './ranking.ts';
import { defaultLagThresholdPts, expectedFor, lagPts, statusOf, type TargetConfig, type TargetStatus } from './time-target.ts';

const finiteOrNull = (x: number | null) => (x != null && Number.isFinite(x) ? x : null);

/** One area's aggregated figures, in the measure's numerator / denominator units. */
export interface MeasureRow {
  readonly code: string;
  readonly name: string;
  /** Null or NaN = no data. */
  readonly numerator: number | null;
  /** Null, NaN or 0 = no data (except for 'count' measures, which ignore it). */
  readonly denominator: number | null;
}

export interface EvaluationContext {
  /** As-of date 'YYYY-MM-DD' (the data cut-off). */
  readonly asOf: string;
  /** The resolved target (see `resolveTarget`); without it there is no expected value. */
  readonly target?: TargetConfig;
}

/**
 * Status of an area: a `TargetStatus`, or 'none' when the measure has no status rule (ranked only)
 * or, for a 序时进度 measure, when no target is configured.
 */
export type MeasureStatus = TargetStatus | 'none';

export interface MeasureResult {
  readonly code: string;
  readonly name: string;
  /** In the measure's `unit`; null = no data. */
  readonly value: number | null;
  /** As given, but NaN / ±Infinity become null (JSON has no NaN). */
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** 序时进度 in percent; null when the measure has no target or none is configured. */
  readonly expected: number | null;
  /** value − expected in percentage points; null when either is null. */
  readonly lag: number | null;
  readonly status: MeasureStatus;
  /** Competition rank, 1 = best; null when the value is null. */
  readonly rank: number | null;
}

/**
 * Evaluates `measure` for each row, in the input order.
 * - value: `measureValue` (zero / null / NaN denominator → null, 'no_data');
 * - expected and lag: only for measures with `hasTarget` and a `ctx.target`; expected is the same
 *   for every area (`expectedFor(ctx.asOf, ctx.target)`: null under the rule 'none' or before a fixed due date);
 * - status by the measure's `statusRule`: 'schedule' → `statusOf(lag, target.lagThresholdPts ?? −5)`,
 *   'none' without a target; 'zero' (overdue) → 'on_track' at 0, 'lagging' above; 'none' → 'none'.
 *   A null value is always 'no_data';
 * - rank: `rankAreas` over the values, in the measure's direction.
 * Empty input → empty output.
 * @throws RangeError for a malformed ctx.asOf or target dates, or duplicate area codes.
 */
export function evaluateMeasure(measure: Measure, rows: readonly MeasureRow[], ctx: EvaluationContext): MeasureResult[] {
  const values = rows.map((row) => measureValue(measure, row.numerator, row.denominator));
  const ranks = rankAreas(
    rows.map((row, i) => ({ code: row.code, value: values[i] })),
    measure.higherIsBetter,
  );
  const target = measure.hasTarget ? ctx.target : undefined;
  const expected = target ? expectedFor(ctx.asOf, target) : null;
  const threshold = target?.lagThresholdPts ?? defaultLagThresholdPts;

  return rows.map((row, i) => {
    const value = values[i];
    const lag = lagPts(value, expected);
    let status: MeasureStatus;
    if (value === null) status = 'no_data';
    else if (measure.statusRule === 'schedule') status = expected !== null ? statusOf(lag, threshold) : 'none';
    else if (measure.statusRule === 'zero') status = value > 0 ? 'lagging' : 'on_track';
    else status = 'none';
    return {
      code: row.code,
      name: row.name,
      value,
      numerator: finiteOrNull(row.numerator),
      denominator: finiteOrNull(row.denominator),
      expected,
      lag,
      status,
      rank: ranks.get(row.code) ?? null,
    };
  });
}
