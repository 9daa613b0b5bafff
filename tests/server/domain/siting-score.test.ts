/** The suggestion score: table cases, and properties (fast-check) — monotone in each part, parts add up. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultScoreWeights,
  rankVillages,
  saturate,
  scorePartIds,
  scoreVillage,
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
