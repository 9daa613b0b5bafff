/** 若在此建设: before → after of coverage and reach per 10,000 元, with the measures' own formulas. */
import { describe, expect, it } from 'vitest';
import { sitingEffect, sumEffectFacts } from '../../../server/domain/siting-effect.ts';

const facts = { hhThreeWithLabour: 1000, hhThreeWithLabourTwoMeasures: 800, industryHouseholdsReached: 3000, industryTotalWan: 10_000 };

describe('sitingEffect', () => {
  it.each([
    { title: '100 households, 500 万元', c: { households: 100, investmentWan: 500 }, cov: [80, 90], reach: [0.3, 3100 / 10500], gain: 100 },
    {
      title: 'more households than are short of two',
      c: { households: 500, investmentWan: 0 },
      cov: [80, 100],
      reach: [0.3, 0.35],
      gain: 200,
    },
    { title: 'nothing', c: { households: 0, investmentWan: 0 }, cov: [80, 80], reach: [0.3, 0.3], gain: 0 },
    { title: 'negative input counts as 0', c: { households: -5, investmentWan: -1 }, cov: [80, 80], reach: [0.3, 0.3], gain: 0 },
  ])('$title', ({ c, cov, reach, gain }) => {
    const e = sitingEffect(facts, c);
    expect([e.coverage.before, e.coverage.after]).toEqual(cov);
    expect(e.coverage.change).toBeCloseTo(cov[1] - cov[0], 9);
    expect(e.reach.before).toBeCloseTo(reach[0], 12);
    expect(e.reach.after).toBeCloseTo(reach[1], 12);
    expect(e.householdsGainingCoverage).toBe(gain);
  });

  it('says no data (null), never 0 or 100, for an area without households or industry investment', () => {
    const e = sitingEffect(
      { hhThreeWithLabour: 0, hhThreeWithLabourTwoMeasures: 0, industryHouseholdsReached: 0, industryTotalWan: 0 },
      { households: 10, investmentWan: 0 },
    );
    expect([e.coverage.before, e.coverage.after, e.coverage.change]).toEqual([null, null, null]);
    expect([e.reach.before, e.reach.after]).toEqual([null, null]);
  });

  it('sums counties into the city', () => {
    expect(sumEffectFacts([facts, facts])).toEqual({
      hhThreeWithLabour: 2000,
      hhThreeWithLabourTwoMeasures: 1600,
      industryHouseholdsReached: 6000,
      industryTotalWan: 20_000,
    });
  });
});
