/** Pure geometry of the sparkline: SVG paths of the value and expected series (nulls break the line). */
import type { HistoryPoint } from '../../api/client.ts';

export interface SparkPoint {
  asOf: string;
  x: number;
  y: number | null;
}

/** Paths in a w × h box with `pad` px inside; y from 0 to the largest value or expected (at least 1). */
export function sparklinePaths(
  series: readonly HistoryPoint[],
  w: number,
  h: number,
  pad: number,
): { value: string; expected: string; points: SparkPoint[]; max: number } {
  const finite = (x: number | null | undefined): x is number => x != null && Number.isFinite(x);
  const max = Math.max(1, ...series.flatMap((p) => [p.value, p.expected].filter(finite)));
  const n = series.length;
  const xAt = (i: number) => (n <= 1 ? w / 2 : pad + ((w - 2 * pad) * i) / (n - 1));
  const yAt = (v: number) => h - pad - ((h - 2 * pad) * v) / max;
  const path = (pick: (p: HistoryPoint) => number | null) => {
    let d = '';
    let pen = false;
    series.forEach((p, i) => {
      const v = pick(p);
      if (!finite(v)) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${xAt(i).toFixed(1)},${yAt(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  return {
    value: path((p) => p.value),
    expected: path((p) => p.expected),
    points: series.map((p, i) => ({ asOf: p.asOf, x: xAt(i), y: finite(p.value) ? yAt(p.value) : null })),
    max,
  };
}
