/** The suggestion score: table cases, and properties (fast-check) — monotone in each part, parts add up. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultScoreWeights,
  rankVillages,
  saturate,
  scorePartIds,
  scoreVillage,
  validWeights,
  type ScoreWeights,
  type VillageScoreInput,
} from '../../../server/domain/siting-score.ts';

const input = fc.record({
  code: fc.stringMatching(/^\d{12}$/),
  targetHouseholds: fc.integer({ min: 0, max: 5000 }),
  nearestIndustryKm: fc.option(fc.double({ min: 0, max: 200, noNaN: true }), { nil: null }),
  poorVillage: fc.boolean(),
  pvIncomeWan: fc.double({ min: 0, max: 5000, noNaN: true }),
});
const weights = fc
  .record({
    target: fc.double({ min: 0, max: 100, noNaN: true }),
    distance: fc.double({ min: 0, max: 100, noNaN: true }),
    poor: fc.double({ min: 0, max: 100, noNaN: true }),
    pv: fc.double({ min: 0, max: 100, noNaN: true }),
  })
  .filter((w) => w.target + w.distance + w.poor + w.pv > 1e-6);

/** The same village, better in exactly one input. */
const improvements: { part: string; better: (v: VillageScoreInput, d: number) => VillageScoreInput }[] = [
  { part: 'target', better: (v, d) => ({ ...v, targetHouseholds: v.targetHouseholds + Math.ceil(d) }) },
  { part: 'distance', better: (v, d) => ({ ...v, nearestIndustryKm: v.nearestIndustryKm == null ? null : v.nearestIndustryKm + d }) },
  { part: 'distance (none located)', better: (v) => ({ ...v, nearestIndustryKm: null }) },
  { part: 'poor', better: (v) => ({ ...v, poorVillage: true }) },
  { part: 'pv', better: (v, d) => ({ ...v, pvIncomeWan: v.pvIncomeWan + d }) },
];

describe('siting score', () => {
  it.each([
    { title: 'nothing', v: { code: 'a', targetHouseholds: 0, nearestIndustryKm: 0, poorVillage: false, pvIncomeWan: 0 }, score: 0 },
    {
      title: 'each at its half point',
      v: { code: 'a', targetHouseholds: 30, nearestIndustryKm: 5, poorVillage: false, pvIncomeWan: 10 },
      score: (100 * (5 * 0.5 + 2.5 * 0.5 + 1 * 0.5)) / 10,
    },
    { title: 'poor only', v: { code: 'a', targetHouseholds: 0, nearestIndustryKm: 0, poorVillage: true, pvIncomeWan: 0 }, score: 15 },
    {
      title: 'no industry project anywhere',
      v: { code: 'a', targetHouseholds: 0, nearestIndustryKm: null, poorVillage: false, pvIncomeWan: 0 },
      score: 25,
    },
  ])('scores $title', ({ v, score }) => {
    expect(scoreVillage(v).score).toBeCloseTo(score, 9);
  });

  it.each([
    { x: 0, half: 30, out: 0 },
    { x: -5, half: 30, out: 0 },
    { x: Number.NaN, half: 30, out: 0 },
    { x: 30, half: 30, out: 0.5 },
    { x: Infinity, half: 30, out: 1 },
  ])('saturate($x, $half) = $out', ({ x, half, out }) => expect(saturate(x, half)).toBe(out));

  it('falls back to the default weights when all are 0 or one is negative', () => {
    const v = { code: 'a', targetHouseholds: 12, nearestIndustryKm: 3, poorVillage: true, pvIncomeWan: 4 };
    expect(scoreVillage(v, { target: 0, distance: 0, poor: 0, pv: 0 })).toEqual(scoreVillage(v, defaultScoreWeights));
    expect(scoreVillage(v, { target: -1, distance: 1, poor: 1, pv: 1 })).toEqual(scoreVillage(v, defaultScoreWeights));
  });

  for (const { part, better } of improvements) {
    it(`never falls when the village gets better in ${part} alone (any weights)`, () => {
      fc.assert(
        fc.property(input, weights, fc.double({ min: 0, max: 1000, noNaN: true }), (v, w: ScoreWeights, d) => {
          const before = scoreVillage(v, w);
          const after = scoreVillage(better(v, d), w);
          expect(after.score).toBeGreaterThanOrEqual(before.score - 1e-9);
          for (const k of scorePartIds) expect(after.parts[k]).toBeGreaterThanOrEqual(before.parts[k] - 1e-9);
        }),
      );
    });
  }

  it('strictly rises in target households while the target weight is positive', () => {
    fc.assert(
      fc.property(
        input,
        weights.filter((w) => w.target > 1e-3),
        fc.integer({ min: 1, max: 100 }),
        (v, w, d) => {
          expect(scoreVillage({ ...v, targetHouseholds: v.targetHouseholds + d }, w).score).toBeGreaterThan(scoreVillage(v, w).score);
        },
      ),
    );
  });

  it('has parts that add up to the score, within 0–100', () => {
    fc.assert(
      fc.property(input, weights, (v, w) => {
        const s = scoreVillage(v, w);
        expect(scorePartIds.reduce((a, k) => a + s.parts[k], 0)).toBeCloseTo(s.score, 9);
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(100 + 1e-9);
      }),
    );
  });

  it('ranks a village that is no worse in every input at least as high', () => {
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 30 }), weights, fc.nat(), (vs, w, pick) => {
        const base = vs[pick % vs.length];
        const dominant = { ...base, code: 'dominant', targetHouseholds: base.targetHouseholds + 1, poorVillage: true };
        const ranked = rankVillages([...vs, dominant], w);
        const rankOf = (code: string) => ranked.find((r) => r.code === code)!.rank;
        expect(rankOf('dominant')).toBeLessThanOrEqual(ranked.findIndex((r) => r === ranked.find((x) => x.code === base.code)) + 1);
        expect(ranked.map((r) => r.rank)).toEqual(ranked.map((_, i) => i + 1));
      }),
    );
  });
});

describe('the parts of the score', () => {
  const village = (over: Partial<VillageScoreInput>): VillageScoreInput => ({
    code: '411421101201',
    targetHouseholds: 0,
    nearestIndustryKm: 0,
    poorVillage: false,
    pvIncomeWan: 0,
    ...over,
  });
  // Default weights 5 : 2.5 : 1.5 : 1 of 10, so a saturated part is worth 50, 25, 15 and 10 points.
  it.each([
    { title: '90 target households (¾ of the way)', v: { targetHouseholds: 90 }, parts: { target: 37.5, distance: 0, poor: 0, pv: 0 } },
    {
      title: '15 km from the nearest industry project',
      v: { nearestIndustryKm: 15 },
      parts: { target: 0, distance: 18.75, poor: 0, pv: 0 },
    },
    { title: 'no industry project located', v: { nearestIndustryKm: null }, parts: { target: 0, distance: 25, poor: 0, pv: 0 } },
    { title: 'a poor village', v: { poorVillage: true }, parts: { target: 0, distance: 0, poor: 15, pv: 0 } },
    { title: '30 万元 PV income', v: { pvIncomeWan: 30 }, parts: { target: 0, distance: 0, poor: 0, pv: 7.5 } },
  ])('$title', ({ v, parts }) => {
    const s = scoreVillage(village(v));
    for (const k of scorePartIds) expect(s.parts[k], k).toBeCloseTo(parts[k], 9);
    expect(s.score).toBeCloseTo(parts.target + parts.distance + parts.poor + parts.pv, 9);
  });

  it.each([
    { title: 'only target households count', w: { target: 1, distance: 0, poor: 0, pv: 0 }, score: 50 },
    { title: 'only the poor flag counts', w: { target: 0, distance: 0, poor: 3, pv: 0 }, score: 100 },
    { title: 'equal weights', w: { target: 1, distance: 1, poor: 1, pv: 1 }, score: (100 * (0.5 + 0 + 1 + 0)) / 4 },
  ])('weights are shares of 100 points: $title', ({ w, score }) => {
    expect(scoreVillage(village({ targetHouseholds: 30, poorVillage: true }), w).score).toBeCloseTo(score, 9);
  });

  it.each([
    { title: 'all 0', w: { target: 0, distance: 0, poor: 0, pv: 0 }, valid: false },
    { title: 'one negative', w: { target: 1, distance: -0.1, poor: 1, pv: 1 }, valid: false },
    { title: 'one NaN', w: { target: Number.NaN, distance: 1, poor: 1, pv: 1 }, valid: false },
    { title: 'one infinite', w: { target: Infinity, distance: 1, poor: 1, pv: 1 }, valid: false },
    { title: 'one positive, the rest 0', w: { target: 0, distance: 0, poor: 0, pv: 0.5 }, valid: true },
    { title: 'the defaults', w: defaultScoreWeights, valid: true },
  ])('weights $title are valid: $valid', ({ w, valid }) => expect(validWeights(w)).toBe(valid));
});

describe('ranking villages', () => {
  const v = (code: string, targetHouseholds: number, poorVillage = false): VillageScoreInput => ({
    code,
    targetHouseholds,
    nearestIndustryKm: 0,
    poorVillage,
    pvIncomeWan: 0,
  });
  it.each([
    { title: 'higher score first', vs: [v('b', 10), v('a', 40)], order: ['a', 'b'] },
    // Only the poor flag weighs: equal scores, then more target households first, then code.
    {
      title: 'equal score: more target households first',
      vs: [v('a', 10, true), v('b', 40, true)],
      order: ['b', 'a'],
      w: { target: 0, distance: 0, poor: 1, pv: 0 },
    },
    { title: 'equal score and households: by code', vs: [v('c', 10), v('a', 10), v('b', 10)], order: ['a', 'b', 'c'] },
  ])('$title', ({ vs, order, w }) => {
    const ranked = rankVillages(vs, w);
    expect(ranked.map((r) => r.code)).toEqual(order);
    expect(ranked.map((r) => r.rank)).toEqual(order.map((_, i) => i + 1));
  });
});
