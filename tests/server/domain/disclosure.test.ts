/** The small-count rule (server/domain/disclosure.ts): suppression of 1–4 and cell-key rounding to 5. */
import { describe, expect, it } from 'vitest';
import { cellKeyOf, disclosureScopeFor, protectCount, sumKeyed } from '../../../server/domain/disclosure.ts';

describe('protectCount', () => {
  it.each([
    { value: 0, key: 200, want: 0, why: 'an empty cell discloses nobody' },
    { value: 1, key: 0, want: null, why: 'suppressed' },
    { value: 4, key: 255, want: null, why: 'suppressed' },
    { value: 5, key: 123, want: 5, why: 'multiples of 5 stay' },
    { value: 20, key: 7, want: 20, why: 'multiples of 5 stay' },
    { value: 6, key: 0, want: 10, why: 'lowest key rounds up (draw 0.002 < 0.2)' },
    { value: 6, key: 255, want: 5, why: 'highest key rounds down' },
    { value: 6, key: 50, want: 10, why: 'draw (50.5/256 = 0.197) < 1/5' },
    { value: 6, key: 51, want: 5, why: 'draw (51.5/256 = 0.201) ≥ 1/5' },
    { value: 9, key: 200, want: 10, why: 'draw 0.78 < 4/5' },
    { value: 9, key: 210, want: 5, why: 'draw 0.82 ≥ 4/5' },
    { value: 18, key: 100, want: 20, why: 'draw 0.39 < 3/5' },
    { value: 17, key: 110, want: 15, why: 'draw 0.43 ≥ 2/5' },
    { value: 12_346, key: 200, want: 12_345, why: 'large counts move by at most 4' },
    { value: 7, key: 256 + 10, want: 10, why: 'keys are taken modulo 256' },
  ])('$value with key $key → $want ($why)', ({ value, key, want }) => {
    expect(protectCount(value, key)).toBe(want);
  });

  it('leaves every count as it is for the exact scope', () => {
    for (const v of [0, 1, 2, 3, 4, 7, 18]) expect(protectCount(v, 99, 'exact')).toBe(v);
  });

  it('never publishes 1–4, and publishes only multiples of 5 (so no difference of two can be 1–4)', () => {
    for (let v = 0; v <= 60; v++) {
      for (let k = 0; k < 256; k++) {
        const p = protectCount(v, k);
        if (p === null) expect(v).toBeGreaterThanOrEqual(1);
        else {
          expect(p % 5).toBe(0);
          expect(Math.abs(p - v)).toBeLessThan(5);
        }
      }
    }
  });

  it('is unbiased over the keys: the mean published value is the true value', () => {
    for (const v of [6, 7, 8, 9, 23]) {
      let sum = 0;
      for (let k = 0; k < 256; k++) sum += protectCount(v, k)!;
      expect(sum / 256).toBeCloseTo(v, 1);
    }
  });

  it.each([-1, 2.5, Number.NaN])('rejects %s', (v) => expect(() => protectCount(v, 0)).toThrow(RangeError));
});

describe('cell keys', () => {
  it('reduce modulo 256, also for negative sums', () => {
    expect(cellKeyOf(513)).toBe(1);
    expect(cellKeyOf(-1)).toBe(255);
  });
  it('of a union are the sum of the parts', () => {
    expect(
      sumKeyed([
        { value: 3, keySum: 200 },
        { value: 4, keySum: 100 },
      ]),
    ).toEqual({ value: 7, keySum: 44 });
  });
});

describe('disclosureScopeFor', () => {
  it.each([
    { reach: null, area: { code: '411421', countyCode: '411421' }, want: 'protected' },
    { reach: '411421', area: { code: '411421', countyCode: '411421' }, want: 'exact' },
    { reach: '411421', area: { code: '411421100201', countyCode: '411421' }, want: 'exact' },
    { reach: '411421', area: { code: '411481100', countyCode: '411481' }, want: 'protected' },
    { reach: '411421', area: { code: '4114', countyCode: null }, want: 'protected' },
    // The county itself, even where its own row names no county.
    { reach: '411421', area: { code: '411421', countyCode: null }, want: 'exact' },
    // Nobody's county: an area without a county (the city) is not "the same county" as no county.
    { reach: null, area: { code: '4114', countyCode: null }, want: 'protected' },
  ])('reach $reach, area $area.code → $want', ({ reach, area, want }) => {
    expect(disclosureScopeFor({ countyCode: reach }, area)).toBe(want);
  });
});
