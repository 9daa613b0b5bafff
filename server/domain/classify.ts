/**
 * Choropleth classification (分级) and colour ramps. Every `classify*` function returns `Breaks`:
 * the ascending interior class boundaries, each the lower bound of the class above it, so k classes
 * have k − 1 breaks and `classIndex` puts a value equal to a break in the upper class.
 */
import { defaultLagThresholdPts, type TargetStatus } from './time-target.ts';

/**
 * Ascending interior class boundaries. Class 0 is (−∞, b₀), class i is [bᵢ₋₁, bᵢ), the last class
 * [bₖ₋₂, +∞): left-closed, like d3's threshold scale. `breaks.length + 1` classes.
 */
export type Breaks = readonly number[];

type Values = readonly (number | null | undefined)[];

/** Finite values, ascending; null, NaN and ±Infinity dropped. */
function finiteSorted(values: Values): number[] {
  const out: number[] = [];
  for (const v of values) if (v != null && Number.isFinite(v)) out.push(v);
  return out.sort((a, b) => a - b);
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`The number of classes must be an integer ≥ 1, got ${k}`);
}

/** Sorted, deduplicated, and no break ≤ min (which would leave class 0 empty). */
function tidy(breaks: readonly number[], min: number): number[] {
  const out: number[] = [];
  for (const b of [...breaks].sort((x, y) => x - y)) {
    if (b > min && b !== out[out.length - 1]) out.push(b);
  }
  return out;
}

/**
 * Quantile breaks: about the same number of values in each of k classes. Break i (1 ≤ i < k) is the
 * sorted value at index ⌊i·n/k⌋, an actual data value, so ten values in five classes give two per
 * class. Ties cannot be split, so with repeated values, or k above the number of distinct values,
 * fewer classes come back (never an empty class). Null / NaN / infinite values are ignored; no
 * values → [] (one class).
 * @throws RangeError when k is not an integer ≥ 1.
 */
export function classifyQuantile(values: Values, k: number): number[] {
  checkK(k);
  const sorted = finiteSorted(values);
  const n = sorted.length;
  if (n === 0) return [];
  const breaks: number[] = [];
  for (let i = 1; i < k; i++) breaks.push(sorted[Math.floor((i * n) / k)]);
  return tidy(breaks, sorted[0]);
}

/**
 * Equal-interval breaks: the range [min, max] of the finite values cut into k classes of equal
 * width. All values equal, or none → [] (one class). Null / NaN / infinite values are ignored.
 * @throws RangeError when k is not an integer ≥ 1.
 */
export function classifyEqualInterval(values: Values, k: number): number[] {
  checkK(k);
  const sorted = finiteSorted(values);
  if (sorted.length === 0) return [];
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const breaks: number[] = [];
  for (let i = 1; i < k; i++) breaks.push(min + ((max - min) * i) / k);
  return tidy(breaks, min);
}

/**
 * Jenks natural breaks, computed exactly: the partition of the sorted values into k contiguous
 * classes with the least total squared deviation from the class means (Fisher 1958; the same
 * optimum as Jenks' iterative method and Ckmeans.1d.dp). Dynamic programming with divide and
 * conquer over the monotone split points: O(k·n·log n) time, O(k·n) memory, so a province's
 * 52,000 villages classify in well under a second.
 * Each break is the smallest value of a class. When there are k or fewer distinct values each
 * distinct value is its own class. Null / NaN / infinite values are ignored; no values → [].
 * @throws RangeError when k is not an integer ≥ 1.
 */
export function classifyJenks(values: Values, k: number): number[] {
  checkK(k);
  const sorted = finiteSorted(values);
  const n = sorted.length;
  if (n === 0) return [];
  const distinct = sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
  if (distinct.length <= k) return distinct.slice(1);

  // Prefix sums of values shifted by the median, which keeps the squared sums small (less cancellation).
  const shift = sorted[n >> 1];
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const v = sorted[i] - shift;
    s1[i + 1] = s1[i] + v;
    s2[i + 1] = s2[i] + v * v;
  }
  /** Sum of squared deviations from the mean of sorted[j..i], inclusive. */
  const ssd = (j: number, i: number) => {
    const sum = s1[i + 1] - s1[j];
    return Math.max(0, s2[i + 1] - s2[j] - (sum * sum) / (i - j + 1));
  };

  // cost[q][i]: least cost of sorted[0..i] in q + 1 classes; start[q][i]: first index of the last class.
  const cost: Float64Array[] = [new Float64Array(n)];
  const start: Int32Array[] = [new Int32Array(n)];
  for (let i = 0; i < n; i++) cost[0][i] = ssd(0, i);
  for (let q = 1; q < k; q++) {
    const prev = cost[q - 1];
    const row = new Float64Array(n).fill(Infinity);
    const from = new Int32Array(n);
    // The best start of the last class never decreases as i grows, so each half inherits a bound.
    const solve = (iLo: number, iHi: number, jLo: number, jHi: number): void => {
      if (iLo > iHi) return;
      const i = (iLo + iHi) >> 1;
      let best = Infinity;
      let bestJ = Math.max(jLo, q);
      for (let j = Math.max(jLo, q); j <= Math.min(i, jHi); j++) {
        const c = prev[j - 1] + ssd(j, i);
        if (c < best) {
          best = c;
          bestJ = j;
        }
      }
      row[i] = best;
      from[i] = bestJ;
      solve(iLo, i - 1, jLo, bestJ);
      solve(i + 1, iHi, bestJ, jHi);
    };
    solve(q, n - 1, q, n - 1);
    cost.push(row);
    start.push(from);
  }

  const breaks: number[] = [];
  let end = n - 1;
  for (let q = k - 1; q >= 1; q--) {
    const j = start[q][end];
    breaks.push(sorted[j]);
    end = j - 1;
  }
  return tidy(breaks, sorted[0]);
}

/**
 * User-given breaks (e.g. 60, 80, 90 %): non-finite entries dropped, sorted ascending, duplicates
 * removed. [] → one class.
 */
export function classifyCustom(breaks: readonly number[]): number[] {
  return tidy(
    breaks.filter((b) => Number.isFinite(b)),
    -Infinity,
  );
}

/**
 * Breaks for lag in points against 序时进度: [−|t|, +|t|], three classes whose indices are
 * `targetStatusByClass` (0 lagging, 1 on track, 2 ahead), matching `statusOf(lag, t)` exactly.
 * Never deduplicated: with t = 0 the on-track class is empty and indices still mean the same.
 * Classify lag values with `classIndex(lag, classifyByTarget(t))`.
 * @param thresholdPts default −5; its sign is ignored; a non-finite value falls back to the default.
 */
export function classifyByTarget(thresholdPts: number = defaultLagThresholdPts): number[] {
  const band = Math.abs(Number.isFinite(thresholdPts) ? thresholdPts : defaultLagThresholdPts);
  return [0 - band, band]; // 0 − band: no −0 when the threshold is 0
}

/**
 * The class of a value: the number of breaks ≤ value (0 … breaks.length), so a value equal to a
 * break falls in the upper class. Null, NaN and ±Infinity → null (no class: draw as 无数据).
 * `breaks` must be ascending (as every `classify*` returns them).
 */
export function classIndex(value: number | null | undefined, breaks: Breaks): number | null {
  if (value == null || !Number.isFinite(value)) return null;
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// Colour ramps. All are perceptually ordered and readable with the common colour-vision
// deficiencies; the UI still pairs colour with ▲▼ and the number.

/** Viridis (matplotlib; via d3-scale-chromatic), 9 stops, dark purple (low) → yellow (high). */
export const rampViridis: readonly string[] = [
  '#440154',
  '#472d7b',
  '#3b528b',
  '#2c728e',
  '#21918c',
  '#28ae80',
  '#5ec962',
  '#addc30',
  '#fde725',
];

/** Cividis (Nuñez et al. 2018, designed for colour-vision deficiency), 9 stops, dark blue → yellow. */
export const rampCividis: readonly string[] = [
  '#002051',
  '#11366c',
  '#3c4d6e',
  '#62646f',
  '#7f7c75',
  '#9a9478',
  '#bbaf71',
  '#e2cb5c',
  '#fdea45',
];

/**
 * ColorBrewer PuOr, 7 classes, for change-since maps: index 0 strongest decrease (orange) → 3 no
 * change (near white) → 6 strongest increase (purple). Colour-blind safe; pair with symmetric
 * custom breaks, e.g. classifyCustom([−10, −5, −1, 1, 5, 10]).
 */
export const rampChangePuOr7: readonly string[] = ['#b35806', '#f1a340', '#fee0b6', '#f7f7f7', '#d8daeb', '#998ec3', '#542788'];

/**
 * Status colours: red lagging, amber on track, green ahead, chosen to differ in lightness
 * (CIELAB L* ≈ 34 / 81 / 58) so deuteranopes, protanopes and a washed-out projector still separate
 * them (the usual #d73027 / #1a9850 pair is 1 L* apart for a deuteranope). No data is light grey;
 * the map also hatches it.
 */
export const statusColors: Readonly<Record<TargetStatus, string>> = {
  lagging: '#a50026',
  on_track: '#fdc03c',
  ahead: '#1b9e77',
  no_data: '#d9d9d9',
};

const hexToRgb = (hex: string): [number, number, number] =>
  [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const rgbToHex = (rgb: readonly number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/**
 * k colours evenly spaced along a ramp (first and last stops included), interpolated in sRGB
 * between neighbouring stops; a ramp with exactly k stops comes back unchanged. k = 1 → the middle
 * colour. `reverse` flips the ramp first (e.g. for lower-is-better measures, so "bad" keeps the
 * same colour). Colours are lower-case '#rrggbb'.
 * @throws RangeError when k is not an integer ≥ 1 or the ramp is empty.
 */
export function rampSample(ramp: readonly string[], k: number, reverse = false): string[] {
  checkK(k);
  if (ramp.length === 0) throw new RangeError('Empty colour ramp');
  const stops = (reverse ? [...ramp].reverse() : [...ramp]).map(hexToRgb);
  const at = (t: number) => {
    const x = t * (stops.length - 1);
    const i = Math.min(Math.floor(x), stops.length - 2);
    if (i < 0) return rgbToHex(stops[0]);
    const f = x - i;
    return rgbToHex(stops[i].map((c, ch) => c + (stops[i + 1][ch] - c) * f));
  };
  if (k === 1) return [at(0.5)];
  return Array.from({ length: k }, (_, i) => at(i / (k - 1)));
}
