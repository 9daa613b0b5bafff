/** Pure helpers of the as-of slider: marks for month ends and meetings, and the next date when playing. */
import type { Meeting } from '../../api/client.ts';

export interface TimelineMark {
  index: number;
  date: string;
  /** Meeting number when the date is a meeting's cut-off. */
  meeting: number | null;
}

/** One mark per history date (ascending), flagged with its meeting when it is a cut-off. */
export function timelineMarks(historyDates: readonly string[], meetings: readonly Meeting[]): TimelineMark[] {
  const byCutOff = new Map(meetings.map((m) => [m.cutOff, m.number]));
  return [...historyDates].sort().map((date, index) => ({ index, date, meeting: byCutOff.get(date) ?? null }));
}

/** The date after `current` when playing; null at the end (or when `current` is unknown → first date). */
export function nextDate(dates: readonly string[], current: string | null): string | null {
  if (dates.length === 0) return null;
  const i = current === null ? -1 : dates.indexOf(current);
  if (i === -1) return dates[0];
  return i + 1 < dates.length ? dates[i + 1] : null;
}

/** Dates that can be compared with `asOf`: strictly earlier, latest first. */
export function compareCandidates(dates: readonly string[], asOf: string): string[] {
  return dates
    .filter((d) => d < asOf)
    .sort()
    .reverse();
}

/**
 * How the slider labels its marks so they never overlap: full dates and "第N次调度会" when there is
 * room, "1月" and "第N次" when it is tighter, and only the meetings when it is tight.
 * `spacingPx` is the distance between neighbouring marks.
 */
export type TimelineLabelMode = 'long' | 'short' | 'meetings';

export function timelineLabelMode(sliderWidthPx: number, markCount: number): TimelineLabelMode {
  if (markCount <= 1) return 'long';
  const spacingPx = sliderWidthPx / (markCount - 1);
  if (spacingPx >= 96) return 'long';
  if (spacingPx >= 46) return 'short';
  return 'meetings';
}
