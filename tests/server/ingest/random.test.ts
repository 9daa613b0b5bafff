import { describe, expect, it } from 'vitest';
import { createRandom, hashSeed } from '../../../server/ingest/demo/random.ts';

describe('hashSeed', () => {
  it.each([
    { title: 'empty string', parts: [''], expected: 2872998923 },
    { title: 'one letter', parts: ['a'], expected: 444641715 },
    { title: 'seed + labels', parts: [20200622, 'villages', '411402001'], expected: 1715804031 },
    { title: 'number 1', parts: [1], expected: 1428125071 },
    { title: "string '1' equals number 1", parts: ['1'], expected: 1428125071 },
  ])('$title', ({ parts, expected }) => {
    expect(hashSeed(...parts)).toBe(expected);
  });
});

describe('createRandom', () => {
  it('produces the golden sequence for the demo seed (same on every machine)', () => {
    const r = createRandom(20200622);
    expect([r.next(), r.next(), r.next()]).toEqual([0.7972231309395283, 0.23529736697673798, 0.6522448647301644]);
  });

  it.each([
    { title: 'same seed, same stream', a: 7, b: 7, same: true },
    { title: 'different seeds differ', a: 7, b: 8, same: false },
    { title: 'string seed equals its number', a: '42', b: 42, same: true },
  ])('$title', ({ a, b, same }) => {
    const ra = createRandom(a);
    const rb = createRandom(b);
    const xs = Array.from({ length: 20 }, () => ra.next());
    const ys = Array.from({ length: 20 }, () => rb.next());
    if (same) expect(xs).toEqual(ys);
    else expect(xs).not.toEqual(ys);
  });

  it('forks from the seed, not from the current state', () => {
    const a = createRandom(1);
    const b = createRandom(1);
    b.next();
    b.next();
    expect(a.fork('x', 3).next()).toBe(b.fork('x', 3).next());
    expect(a.fork('x', 3).next()).not.toBe(a.fork('x', 4).next());
  });

  it.each([
    { title: 'single value', min: 5, max: 5 },
    { title: 'dice', min: 1, max: 6 },
    { title: 'negative range', min: -3, max: 2 },
    { title: 'wide range', min: 0, max: 1_000_000 },
  ])('int($min, $max) stays in range and hits both ends: $title', ({ min, max }) => {
    const r = createRandom(`int-${min}-${max}`);
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const v = r.int(min, max);
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(min);
      expect(v).toBeLessThanOrEqual(max);
      seen.add(v);
    }
    if (max - min < 10) {
      expect(seen.has(min)).toBe(true);
      expect(seen.has(max)).toBe(true);
    }
  });

  it.each([
    { title: 'max < min', min: 3, max: 2 },
    { title: 'fractional bound', min: 0.5, max: 2 },
    { title: 'NaN', min: Number.NaN, max: 2 },
  ])('int throws on bad bounds: $title', ({ min, max }) => {
    expect(() => createRandom(1).int(min, max)).toThrow(RangeError);
  });

  it.each([
    { title: 'float', draw: (seed: number) => createRandom(seed).float(2, 3), lo: 2, hi: 3 },
    { title: 'next', draw: (seed: number) => createRandom(seed).next(), lo: 0, hi: 1 },
  ])('$title stays in [lo, hi)', ({ draw, lo, hi }) => {
    for (let seed = 0; seed < 2000; seed++) {
      const v = draw(seed);
      expect(v).toBeGreaterThanOrEqual(lo);
      expect(v).toBeLessThan(hi);
    }
  });

  it.each([
    { title: 'never', p: 0, expected: 0 },
    { title: 'always', p: 1, expected: 1 },
    { title: 'negative is never', p: -1, expected: 0 },
  ])('chance($p): $title', ({ p, expected }) => {
    const r = createRandom('chance');
    let hits = 0;
    for (let i = 0; i < 1000; i++) if (r.chance(p)) hits++;
    expect(hits / 1000).toBe(expected);
  });

  it.each([
    { title: 'equal weights', weights: [1, 1, 1, 1] },
    { title: 'skewed', weights: [1, 2, 3, 4] },
    { title: 'zero weight never drawn', weights: [0, 5, 0, 5] },
  ])('weighted draws in proportion to weights: $title', ({ weights }) => {
    const r = createRandom('weighted');
    const items = weights.map((_, i) => i);
    const counts = items.map(() => 0);
    const n = 40000;
    for (let i = 0; i < n; i++) counts[r.weighted(items, weights)]++;
    const total = weights.reduce((a, w) => a + w, 0);
    weights.forEach((w, i) => {
      if (w === 0) expect(counts[i]).toBe(0);
      else expect(Math.abs(counts[i] / n - w / total)).toBeLessThan(0.015);
    });
  });

  it.each([
    { title: 'empty pick', run: () => createRandom(1).pick([]) },
    { title: 'weighted all zero', run: () => createRandom(1).weighted(['a', 'b'], [0, 0]) },
    { title: 'weighted length mismatch', run: () => createRandom(1).weighted(['a', 'b'], [1]) },
  ])('throws: $title', ({ run }) => {
    expect(run).toThrow(RangeError);
  });

  it('normalish has the requested mean and standard deviation and bounded tails', () => {
    const r = createRandom('normal');
    const n = 50000;
    const xs = Array.from({ length: n }, () => r.normalish(10, 2));
    const mean = xs.reduce((a, x) => a + x, 0) / n;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n);
    expect(Math.abs(mean - 10)).toBeLessThan(0.05);
    expect(Math.abs(sd - 2)).toBeLessThan(0.05);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(10 - 2 * 3.4642);
    expect(Math.max(...xs)).toBeLessThanOrEqual(10 + 2 * 3.4642);
  });

  it('shuffle returns a permutation and leaves the input alone', () => {
    const input = Array.from({ length: 50 }, (_, i) => i);
    const copy = input.slice();
    const out = createRandom('shuffle').shuffle(input);
    expect(input).toEqual(copy);
    expect(out).not.toEqual(input);
    expect(out.slice().sort((a, b) => a - b)).toEqual(input);
  });
});
