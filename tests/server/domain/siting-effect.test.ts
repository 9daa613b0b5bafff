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

describe('sitingEffect: the figures behind before and after', () => {
  it('reports numerators and denominators as the measures define them', () => {
    const e = sitingEffect(facts, { households: 100, investmentWan: 500 });
    expect(e.coverage).toMatchObject({ numeratorBefore: 800, numeratorAfter: 900, denominatorBefore: 1000, denominatorAfter: 1000 });
    expect(e.reach).toMatchObject({ numeratorBefore: 3000, numeratorAfter: 3100, denominatorBefore: 10_000, denominatorAfter: 10_500 });
    expect(e.reach.change).toBeCloseTo(3100 / 10_500 - 0.3, 12);
  });

  it.each([
    { title: 'a fraction of a household counts whole households only', c: { households: 2.7, investmentWan: 0 }, gain: 2, reached: 3002 },
    { title: 'NaN households count as 0', c: { households: Number.NaN, investmentWan: 0 }, gain: 0, reached: 3000 },
    { title: 'infinite households count as 0', c: { households: Infinity, investmentWan: 0 }, gain: 0, reached: 3000 },
  ])('$title', ({ c, gain, reached }) => {
    const e = sitingEffect(facts, c);
    expect(e.householdsGainingCoverage).toBe(gain);
    expect(e.reach.numeratorAfter).toBe(reached);
  });

  it.each([
    { title: 'NaN', investmentWan: Number.NaN },
    { title: 'infinite', investmentWan: Infinity },
    { title: 'negative', investmentWan: -500 },
  ])('a $title investment adds nothing', ({ investmentWan }) => {
    expect(sitingEffect(facts, { households: 0, investmentWan }).reach.denominatorAfter).toBe(10_000);
  });

  it('gains no coverage where every household already has two measures (or the counts disagree)', () => {
    const full = { ...facts, hhThreeWithLabourTwoMeasures: 1000 };
    const odd = { ...facts, hhThreeWithLabourTwoMeasures: 1200 };
    expect(sitingEffect(full, { households: 50, investmentWan: 10 }).householdsGainingCoverage).toBe(0);
    expect(sitingEffect(odd, { households: 50, investmentWan: 10 }).householdsGainingCoverage).toBe(0);
    expect(sitingEffect(odd, { households: 50, investmentWan: 10 }).coverage.numeratorAfter).toBe(1200);
  });

  it('reports the denominators of an area without data as 0', () => {
    const e = sitingEffect(
      { hhThreeWithLabour: 0, hhThreeWithLabourTwoMeasures: 0, industryHouseholdsReached: 0, industryTotalWan: 0 },
      {
        households: 10,
        investmentWan: 5,
      },
    );
    expect([e.coverage.denominatorBefore, e.coverage.denominatorAfter, e.reach.denominatorBefore, e.reach.denominatorAfter]).toEqual([
      0, 0, 0, 5,
    ]);
    expect([e.reach.before, e.reach.after, e.reach.change]).toEqual([null, 2, null]);
  });
});
