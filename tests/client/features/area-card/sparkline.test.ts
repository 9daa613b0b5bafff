import { describe, expect, it } from 'vitest';
import { sparklinePaths } from '../../../../client/features/area-card/sparkline.ts';

const pt = (asOf: string, value: number | null, expected: number | null) => ({
  asOf,
  value,
  expected,
  numerator: 0,
  denominator: 0,
  rank: null,
  of: 0,
});

describe('sparklinePaths', () => {
  it('scales to the largest value and breaks the line at nulls', () => {
    const r = sparklinePaths([pt('a', 0, 0), pt('b', null, 50), pt('c', 100, 100)], 100, 100, 0);
    expect(r.max).toBe(100);
    expect(r.value).toBe('M0.0,100.0M100.0,0.0');
    expect(r.expected).toBe('M0.0,100.0L50.0,50.0L100.0,0.0');
    expect(r.points.map((p) => p.y)).toEqual([100, null, 0]);
  });
  it('empty series', () => {
    expect(sparklinePaths([], 100, 50, 4)).toEqual({ value: '', expected: '', points: [], max: 1 });
  });
});
