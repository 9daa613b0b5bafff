import { describe, expect, it } from 'vitest';
import {
  classIndex,
  classifyByTarget,
  classifyCustom,
  classifyEqualInterval,
  classifyJenks,
  classifyQuantile,
  rampChangePuOr7,
  rampCividis,
  rampSample,
  rampViridis,
  statusColors,
} from '../../../server/domain/classify.ts';
import { statusOf, targetStatusByClass } from '../../../server/domain/time-target.ts';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Deterministic pseudo-random numbers (LCG), so the brute-force comparisons are reproducible. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Class members of each value under `breaks`. */
const classesOf = (values: number[], breaks: readonly number[]) => {
  const classes: number[][] = Array.from({ length: breaks.length + 1 }, () => []);
  for (const v of [...values].sort((a, b) => a - b)) classes[classIndex(v, breaks)!].push(v);
  return classes;
};

/** Total squared deviation from the class means. */
const sdcm = (classes: number[][]) =>
  classes.reduce((sum, c) => {
    const mean = c.reduce((a, b) => a + b, 0) / c.length;
    return sum + c.reduce((a, v) => a + (v - mean) ** 2, 0);
  }, 0);

/** The least SDCM over every split of the sorted values into k contiguous non-empty classes. */
function bruteForceSdcm(values: number[], k: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  let best = Infinity;
  const walk = (startIdx: number, left: number, acc: number[][]) => {
    if (left === 1) {
      best = Math.min(best, sdcm([...acc, sorted.slice(startIdx)]));
      return;
    }
    for (let end = startIdx + 1; end <= sorted.length - left + 1; end++) walk(end, left - 1, [...acc, sorted.slice(startIdx, end)]);
  };
  walk(0, k, []);
  return best;
}

describe('classIndex', () => {
  it.each([
    { title: 'below the first break', value: 1, breaks: [10, 20], index: 0 },
    { title: 'equal to a break goes to the upper class', value: 10, breaks: [10, 20], index: 1 },
    { title: 'between breaks', value: 15, breaks: [10, 20], index: 1 },
    { title: 'at the last break', value: 20, breaks: [10, 20], index: 2 },
    { title: 'above the last break', value: 99, breaks: [10, 20], index: 2 },
    { title: 'no breaks: one class', value: 5, breaks: [], index: 0 },
    { title: 'duplicate breaks skip the empty class', value: 0, breaks: [0, 0], index: 2 },
    { title: 'negative values', value: -7, breaks: [-5, 5], index: 0 },
    { title: 'null: no class', value: null, breaks: [10], index: null },
    { title: 'undefined: no class', value: undefined, breaks: [10], index: null },
    { title: 'NaN: no class', value: Number.NaN, breaks: [10], index: null },
    { title: 'Infinity: no class', value: Number.POSITIVE_INFINITY, breaks: [10], index: null },
  ])('$title', ({ value, breaks, index }) => {
    expect(classIndex(value, breaks)).toBe(index);
  });
});

describe('classifyQuantile', () => {
  it.each([
    { title: 'ten values in five classes, two per class', values: range(1, 10), k: 5, breaks: [3, 5, 7, 9] },
    { title: 'unsorted input', values: [9, 1, 5, 3, 7, 2, 10, 4, 8, 6], k: 2, breaks: [6] },
    { title: 'k = 1 is one class', values: range(1, 10), k: 1, breaks: [] },
    { title: 'nulls and NaN are ignored', values: [null, 1, 2, Number.NaN, 3, 4, undefined], k: 2, breaks: [3] },
    { title: 'all null', values: [null, null, Number.NaN], k: 5, breaks: [] },
    { title: 'empty', values: [], k: 5, breaks: [] },
    { title: 'ties cannot be split: fewer classes, none empty', values: [1, 1, 1, 1, 2, 3], k: 3, breaks: [2] },
    { title: 'k greater than the number of distinct values', values: [5, 5, 7, 9], k: 6, breaks: [7, 9] },
    { title: 'a single value', values: [42], k: 4, breaks: [] },
    // 商丘市 has 11 county-level units: 2, 2, 2, 2 and 3 per class (break i at index ⌊11·i/5⌋ = 2, 4, 6, 8).
    { title: 'eleven values in five classes: the extra one in the top class', values: range(1, 11), k: 5, breaks: [3, 5, 7, 9] },
    { title: 'eleven values, unsorted', values: [11, 4, 8, 1, 6, 10, 3, 9, 2, 7, 5], k: 5, breaks: [3, 5, 7, 9] },
    { title: 'twelve values in five classes', values: range(1, 12), k: 5, breaks: [3, 5, 8, 10] },
    { title: 'seven values in three classes', values: range(1, 7), k: 3, breaks: [3, 5] },
  ])('$title', ({ values, k, breaks }) => {
    expect(classifyQuantile(values, k)).toEqual(breaks);
  });

  // Class i of n distinct values holds the sorted indices ⌊i·n/k⌋ … ⌊(i+1)·n/k⌋ − 1: sizes differ by at most one.
  it.each(range(5, 40).flatMap((n) => [3, 5, 7].filter((k) => k <= n).map((k) => ({ n, k }))))(
    '$n distinct values in $k classes',
    ({ n, k }) => {
      const values = range(1, n).map((v) => v * 1.5 - 4);
      const sizes = classesOf(values, classifyQuantile(values, k)).map((c) => c.length);
      expect(sizes).toEqual(range(0, k - 1).map((i) => Math.floor(((i + 1) * n) / k) - Math.floor((i * n) / k)));
    },
  );
});

describe('classifyEqualInterval', () => {
  it.each([
    { title: '0–100 in four classes', values: [0, 10, 100, 55], k: 4, breaks: [25, 50, 75] },
    { title: 'negative to positive', values: [-10, 10], k: 2, breaks: [0] },
    { title: 'all equal: one class', values: [3, 3, 3], k: 5, breaks: [] },
    { title: 'all null', values: [null, Number.NaN], k: 3, breaks: [] },
    { title: 'k greater than the number of distinct values keeps equal widths', values: [1, 2], k: 4, breaks: [1.25, 1.5, 1.75] },
    { title: 'nulls ignored', values: [null, 0, 30], k: 3, breaks: [10, 20] },
  ])('$title', ({ values, k, breaks }) => {
    const got = classifyEqualInterval(values, k);
    expect(got).toHaveLength(breaks.length);
    got.forEach((b, i) => expect(b).toBeCloseTo(breaks[i], 12));
  });
});

describe('classifyJenks', () => {
  it.each([
    {
      // Wang & Song, Ckmeans.1d.dp (R Journal 3/2, 2011), the example of simple-statistics' ckmeans.
      title: 'Ckmeans.1d.dp example: {−1 ×4}, {2 ×3}, {4, 5, 6}',
      values: [-1, 2, -1, 2, 4, 5, 6, -1, 2, -1],
      k: 3,
      classes: [
        [-1, -1, -1, -1],
        [2, 2, 2],
        [4, 5, 6],
      ],
    },
    {
      // The README example of the `jenks` npm package: breaks (class maxima) 0.5 | 15 | 45 | 120.
      title: 'jenks package example: maxima 15, 45, 120',
      values: [1, 2, 5, 15, 45, 89.3, 112, 31, 120, 0.5],
      k: 3,
      classes: [
        [0.5, 1, 2, 5, 15],
        [31, 45],
        [89.3, 112, 120],
      ],
    },
    {
      title: 'two obvious clusters',
      values: [4, 5, 9, 10],
      k: 2,
      classes: [
        [4, 5],
        [9, 10],
      ],
    },
    {
      title: 'k greater than the number of distinct values: one class per value',
      values: [3, 1, 3, 2, 1],
      k: 5,
      classes: [[1, 1], [2], [3, 3]],
    },
    {
      title: 'nulls and NaN ignored',
      values: [null, 1, 2, Number.NaN, 10, 11, undefined] as number[],
      k: 2,
      classes: [
        [1, 2],
        [10, 11],
      ],
    },
  ])('$title', ({ values, k, classes }) => {
    const finite = values.filter((v) => v != null && Number.isFinite(v));
    expect(classesOf(finite, classifyJenks(values, k))).toEqual(classes);
  });

  it.each([
    { title: 'all null', values: [null, Number.NaN], k: 3 },
    { title: 'empty', values: [], k: 3 },
    { title: 'k = 1', values: [1, 5, 9], k: 1 },
    { title: 'all equal', values: [7, 7, 7], k: 3 },
  ])('$title → one class', ({ values, k }) => {
    expect(classifyJenks(values, k)).toEqual([]);
  });

  const rnd = seeded(20200622);
  const cases = range(1, 24).map((i) => {
    const n = 4 + (i % 9);
    const k = 2 + (i % 3);
    // Integers to force ties in some cases, spread decimals in others.
    const values = Array.from({ length: n }, () => (i % 2 ? Math.round(rnd() * 20) : rnd() * 1000));
    return { title: `random set ${i}: n = ${n}, k = ${k}`, values, k };
  });
  it.each(cases)('optimal like brute force: $title', ({ values, k }) => {
    const breaks = classifyJenks(values, k);
    const distinct = new Set(values).size;
    expect(breaks.length).toBe(Math.min(k, distinct) - 1);
    expect(sdcm(classesOf(values, breaks))).toBeCloseTo(bruteForceSdcm(values, Math.min(k, distinct)), 6);
  });

  it('classifies 50,000 values into 7 classes with ascending breaks', () => {
    const r = seeded(1);
    const values = Array.from({ length: 50_000 }, () => r() * r() * 100);
    const breaks = classifyJenks(values, 7);
    expect(breaks).toHaveLength(6);
    for (let i = 1; i < breaks.length; i++) expect(breaks[i]).toBeGreaterThan(breaks[i - 1]);
  });
});

describe('k validation', () => {
  it.each([
    { title: 'zero', k: 0 },
    { title: 'negative', k: -2 },
    { title: 'fractional', k: 2.5 },
    { title: 'NaN', k: Number.NaN },
  ])('throws on k $title', ({ k }) => {
    for (const f of [classifyQuantile, classifyEqualInterval, classifyJenks]) expect(() => f([1, 2, 3], k)).toThrow(RangeError);
  });
});

describe('classifyCustom', () => {
  it.each([
    { title: 'sorted and deduplicated', input: [90, 60, 80, 80], breaks: [60, 80, 90] },
    { title: 'non-finite entries dropped', input: [Number.NaN, 50, Number.POSITIVE_INFINITY], breaks: [50] },
    { title: 'empty: one class', input: [], breaks: [] },
    { title: 'symmetric change breaks', input: [-10, -5, -1, 1, 5, 10], breaks: [-10, -5, -1, 1, 5, 10] },
  ])('$title', ({ input, breaks }) => {
    expect(classifyCustom(input)).toEqual(breaks);
  });
});

describe('classifyByTarget', () => {
  it.each([
    { title: 'default −5', t: undefined, breaks: [-5, 5] },
    { title: 'stored −10', t: -10, breaks: [-10, 10] },
    { title: 'positive threshold', t: 3, breaks: [-3, 3] },
    { title: 'zero keeps both breaks (and no −0)', t: 0, breaks: [0, 0] },
    { title: 'NaN falls back to −5', t: Number.NaN, breaks: [-5, 5] },
  ])('$title', ({ t, breaks }) => {
    expect(classifyByTarget(t)).toEqual(breaks);
  });

  const lags = [-20, -5.01, -5, -4.99, -0.1, 0, 0.1, 4.99, 5, 5.01, 20, -10, 10];
  it.each([-5, -10, 0, 3].flatMap((t) => lags.map((lag) => ({ t, lag }))))('agrees with statusOf: lag $lag, threshold $t', ({ t, lag }) => {
    expect(targetStatusByClass[classIndex(lag, classifyByTarget(t))!]).toBe(statusOf(lag, t));
  });
});

// --- colours ------------------------------------------------------------------------------------

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const rgbLinear = (hex: string) => [1, 3, 5].map((i) => toLinear(parseInt(hex.slice(i, i + 2), 16) / 255));
/** Machado, Oliveira & Fernandes (2009) full-severity simulation matrices, in linear RGB. */
const vision: Record<string, number[][]> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
};
/** CIELAB L* of a colour as seen with the given vision. */
function lightness(hex: string, kind = 'normal'): number {
  const c = rgbLinear(hex);
  const m = vision[kind];
  const [r, g, b] = m.map((row) => Math.min(1, Math.max(0, row[0] * c[0] + row[1] * c[1] + row[2] * c[2])));
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return y > 0.008856 ? 116 * Math.cbrt(y) - 16 : 903.3 * y;
}

describe('colour ramps', () => {
  const hex = /^#[0-9a-f]{6}$/;
  it.each([
    { title: 'viridis', ramp: rampViridis },
    { title: 'cividis', ramp: rampCividis },
  ])('$title: lower-case hex, lightness rising monotonically', ({ ramp }) => {
    for (const c of ramp) expect(c).toMatch(hex);
    for (let i = 1; i < ramp.length; i++) expect(lightness(ramp[i])).toBeGreaterThan(lightness(ramp[i - 1]));
  });

  it('PuOr 7: lightest in the middle, darkening to both ends', () => {
    expect(rampChangePuOr7).toHaveLength(7);
    const l = rampChangePuOr7.map((c) => lightness(c));
    for (let i = 0; i < 3; i++) {
      expect(l[i + 1]).toBeGreaterThan(l[i]);
      expect(l[5 - i]).toBeGreaterThan(l[6 - i]);
    }
  });

  it.each(['normal', 'deuteranopia', 'protanopia'])('status colours differ by ≥ 15 L* with %s vision', (kind) => {
    const l = [statusColors.lagging, statusColors.on_track, statusColors.ahead].map((c) => lightness(c, kind));
    for (let i = 0; i < l.length; i++) for (let j = i + 1; j < l.length; j++) expect(Math.abs(l[i] - l[j])).toBeGreaterThanOrEqual(15);
  });

  /** HSL hue in degrees (0–360). */
  const hue = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    const max = Math.max(r, g, b);
    const d = max - Math.min(r, g, b);
    const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    return (h * 60 + 360) % 360;
  };
  it.each([
    { status: 'lagging', meaning: 'red', from: 330, to: 380 },
    { status: 'on_track', meaning: 'amber', from: 30, to: 60 },
    { status: 'ahead', meaning: 'green', from: 90, to: 170 },
  ] as const)('$status is $meaning (hue $from–$to°)', ({ status, from, to }) => {
    const h = hue(statusColors[status]);
    expect(h < from ? h + 360 : h).toBeGreaterThanOrEqual(from);
    expect(h < from ? h + 360 : h).toBeLessThanOrEqual(to);
  });
  it('lagging is the darkest status colour, no data a neutral grey', () => {
    expect(lightness(statusColors.lagging)).toBeLessThan(Math.min(lightness(statusColors.ahead), lightness(statusColors.on_track)));
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(statusColors.no_data.slice(i, i + 2), 16));
    expect(r === g && g === b).toBe(true);
  });

  it('the usual red/green pair would fail the same check (the test can tell)', () => {
    expect(Math.abs(lightness('#d73027', 'deuteranopia') - lightness('#1a9850', 'deuteranopia'))).toBeLessThan(15);
  });
});

describe('rampSample', () => {
  it.each([
    { title: 'k = stops returns the ramp', ramp: rampChangePuOr7, k: 7, reverse: false, colors: [...rampChangePuOr7] },
    { title: 'k = 2 returns the ends', ramp: rampViridis, k: 2, reverse: false, colors: ['#440154', '#fde725'] },
    { title: 'k = 1 returns the middle', ramp: rampViridis, k: 1, reverse: false, colors: ['#21918c'] },
    { title: 'reverse', ramp: rampViridis, k: 2, reverse: true, colors: ['#fde725', '#440154'] },
    {
      title: 'k = 5 of 9 stops takes every other stop',
      ramp: rampViridis,
      k: 5,
      reverse: false,
      colors: ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'],
    },
    {
      title: 'interpolates between two stops',
      ramp: ['#000000', '#ffffff'],
      k: 3,
      reverse: false,
      colors: ['#000000', '#808080', '#ffffff'],
    },
    { title: 'a one-stop ramp', ramp: ['#123456'], k: 3, reverse: false, colors: ['#123456', '#123456', '#123456'] },
  ])('$title', ({ ramp, k, reverse, colors }) => {
    expect(rampSample(ramp, k, reverse)).toEqual(colors);
  });

  it('throws on an empty ramp or a bad k', () => {
    expect(() => rampSample([], 3)).toThrow(RangeError);
    expect(() => rampSample(rampViridis, 0)).toThrow(RangeError);
  });
});

describe('rampSample without a direction', () => {
  it('keeps the ramp’s own order (low values get the first stop)', () => {
    expect(rampSample(rampViridis, 2)).toEqual(['#440154', '#fde725']);
  });
});

describe('Jenks on large values', () => {
  // Money in 元 and household counts of a province are large; the breaks must not depend on the offset.
  const small = [0, 1, 2, 3, 10, 11, 12, 13, 30, 31, 32];
  it.each([1e6, 1e9, 1e12])('values shifted by %d give the same breaks, shifted', (offset) => {
    expect(classifyJenks(small, 3)).toEqual([10, 30]);
    expect(
      classifyJenks(
        small.map((v) => v + offset),
        3,
      ),
    ).toEqual([10 + offset, 30 + offset]);
  });
});
