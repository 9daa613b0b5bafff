import { describe, expect, it } from 'vitest';
import {
  getMeasure,
  isMeasureId,
  measureCatalogue,
  measureGroupNames,
  measureGroups,
  measureIds,
  measureValue,
  type Measure,
  type MeasureId,
} from '../../../server/domain/measures.ts';

describe('measureCatalogue', () => {
  it('holds every measure id exactly once, in measureIds order', () => {
    expect(measureCatalogue.map((m) => m.id)).toEqual([...measureIds]);
  });

  it.each([
    { id: 'spend_rate', group: 'funds', unit: 'pct', higherIsBetter: true, hasTarget: true, units: ['wan', 'wan'] },
    { id: 'spend_rate_arranged', group: 'funds', unit: 'pct', higherIsBetter: true, hasTarget: true, units: ['wan', 'wan'] },
    { id: 'funds_in_place', group: 'funds', unit: 'pct', higherIsBetter: true, hasTarget: true, units: ['wan', 'wan'] },
    { id: 'start_rate', group: 'projects', unit: 'pct', higherIsBetter: true, hasTarget: true, units: ['project', 'project'] },
    { id: 'completion_rate', group: 'projects', unit: 'pct', higherIsBetter: true, hasTarget: true, units: ['project', 'project'] },
    { id: 'overdue', group: 'projects', unit: 'pct', higherIsBetter: false, hasTarget: false, units: ['project', 'project'] },
    { id: 'pv_registration', group: 'pv', unit: 'pct', higherIsBetter: true, hasTarget: true, units: ['station', 'station'] },
    { id: 'measure_coverage', group: 'households', unit: 'pct', higherIsBetter: true, hasTarget: true, units: ['household', 'household'] },
    { id: 'industry_share', group: 'benefit', unit: 'pct', higherIsBetter: true, hasTarget: false, units: ['wan', 'wan'] },
    { id: 'reach_per_10k', group: 'benefit', unit: 'per_10k_yuan', higherIsBetter: true, hasTarget: false, units: ['household', 'wan'] },
    { id: 'dividend_compliance', group: 'benefit', unit: 'pct', higherIsBetter: true, hasTarget: false, units: ['project', 'project'] },
    { id: 'households', group: 'households', unit: 'count', higherIsBetter: false, hasTarget: false, units: ['household', null] },
  ] as const)('$id: group $group, unit $unit, higherIsBetter $higherIsBetter, hasTarget $hasTarget', (row) => {
    const m = getMeasure(row.id);
    expect(m).toMatchObject({ group: row.group, unit: row.unit, higherIsBetter: row.higherIsBetter, hasTarget: row.hasTarget });
    expect([m.numeratorUnit, m.denominatorUnit]).toEqual(row.units);
  });

  it.each(measureCatalogue.map((m) => ({ id: m.id, m })))('$id: labels complete and consistent', ({ m }) => {
    expect(measureGroups).toContain(m.group);
    for (const text of [m.nameZh, m.nameEn, m.formulaZh, m.formulaEn, m.numeratorLabelZh, m.numeratorLabelEn]) {
      expect(text.length).toBeGreaterThan(0);
    }
    // A denominator label exactly when there is a denominator unit; 'count' measures have neither.
    const hasDenominator = m.unit !== 'count';
    expect(m.denominatorUnit !== null).toBe(hasDenominator);
    expect(m.denominatorLabelZh !== null && m.denominatorLabelEn !== null).toBe(hasDenominator);
    expect(m.hasTarget).toBe(m.statusRule === 'schedule');
    expect(/[\u4e00-\u9fff]/.test(m.nameZh)).toBe(true);
    // The area card shows numerator and denominator side by side: both named, in each language, and told apart.
    if (hasDenominator) {
      for (const [zh, en] of [
        [m.numeratorLabelZh, m.numeratorLabelEn],
        [m.denominatorLabelZh!, m.denominatorLabelEn!],
      ]) {
        expect(zh).toMatch(/[\u4e00-\u9fff]/);
        expect(en).toMatch(/^[A-Z][\x20-\x7e≥÷–·（）]+$/);
      }
      expect(m.denominatorLabelZh).not.toBe(m.numeratorLabelZh);
      expect(m.denominatorLabelEn).not.toBe(m.numeratorLabelEn);
      expect(m.formulaZh).toContain('÷');
      expect(m.formulaEn).toContain('÷');
    }
  });

  it.each([
    {
      rule: 'schedule',
      ids: ['spend_rate', 'spend_rate_arranged', 'funds_in_place', 'start_rate', 'completion_rate', 'pv_registration', 'measure_coverage'],
    },
    { rule: 'zero', ids: ['overdue'] },
    { rule: 'none', ids: ['industry_share', 'reach_per_10k', 'dividend_compliance', 'households'] },
  ])('status rule $rule: $ids', ({ rule, ids }) => {
    expect(measureCatalogue.filter((m) => m.statusRule === rule).map((m) => m.id)).toEqual(ids);
  });

  it('names and group names are unique in each language', () => {
    for (const lang of ['Zh', 'En'] as const)
      expect(new Set(measureCatalogue.map((m) => m[`name${lang}`])).size).toBe(measureCatalogue.length);
    for (const lang of ['zh', 'en'] as const) {
      const names = measureGroups.map((g) => measureGroupNames[g][lang]);
      expect(new Set(names).size).toBe(measureGroups.length);
      for (const n of names) expect(n).toMatch(lang === 'zh' ? /^[\u4e00-\u9fff]+$/ : /^[A-Z][A-Za-z ]+$/);
    }
  });

  it('spend_rate shows the fair basis formula of the speech', () => {
    expect(getMeasure('spend_rate').formulaZh).toBe('已支出 ÷ 项目投资总额');
    expect(getMeasure('spend_rate_arranged').formulaZh).toBe('已支出 ÷ 已安排资金');
  });
});

describe('getMeasure / isMeasureId', () => {
  it.each([
    { title: 'known id', id: 'start_rate', known: true },
    { title: 'unknown id', id: 'spending', known: false },
    { title: 'default target row id is no measure', id: '*', known: false },
    { title: 'empty string', id: '', known: false },
  ])('$title', ({ id, known }) => {
    expect(isMeasureId(id)).toBe(known);
    if (known) expect(getMeasure(id as MeasureId).id).toBe(id);
    else expect(() => getMeasure(id as MeasureId)).toThrow(RangeError);
  });
});

describe('measureValue', () => {
  const reachInYuan: Measure = { ...getMeasure('reach_per_10k'), denominatorUnit: 'yuan' };
  it.each([
    { title: 'pct: spent of total', id: 'spend_rate', n: 38.234, d: 100, value: 38.234 },
    { title: 'pct: one of three projects', id: 'start_rate', n: 1, d: 3, value: 100 / 3 },
    { title: 'pct: zero numerator is a real 0', id: 'completion_rate', n: 0, d: 12, value: 0 },
    { title: 'pct: above 100 is not clamped', id: 'spend_rate', n: 120, d: 100, value: 120 },
    { title: 'pct: zero denominator is no data, not 0 or 100', id: 'pv_registration', n: 0, d: 0, value: null },
    { title: 'pct: zero denominator with a numerator', id: 'spend_rate', n: 5, d: 0, value: null },
    { title: 'pct: null denominator', id: 'spend_rate', n: 5, d: null, value: null },
    { title: 'pct: NaN denominator', id: 'spend_rate', n: 5, d: Number.NaN, value: null },
    { title: 'pct: infinite denominator', id: 'spend_rate', n: 5, d: Number.POSITIVE_INFINITY, value: null },
    { title: 'pct: negative denominator', id: 'spend_rate', n: 5, d: -10, value: null },
    { title: 'pct: null numerator', id: 'spend_rate', n: null, d: 10, value: null },
    { title: 'pct: NaN numerator', id: 'spend_rate', n: Number.NaN, d: 10, value: null },
    { title: 'pct: undefined numerator', id: 'spend_rate', n: undefined, d: 10, value: null },
    { title: 'per 10k: 52 households on 100 万元 = 0.52 per 10,000 元', id: 'reach_per_10k', n: 52, d: 100, value: 0.52 },
    { title: 'per 10k: 1 household on 0.5 万元 (5,000 元) = 2', id: 'reach_per_10k', n: 1, d: 0.5, value: 2 },
    { title: 'per 10k: zero investment is no data', id: 'reach_per_10k', n: 12, d: 0, value: null },
    { title: 'count: the numerator, denominator ignored', id: 'households', n: 1234, d: null, value: 1234 },
    { title: 'count: zero households is 0', id: 'households', n: 0, d: 0, value: 0 },
    { title: 'count: NaN is no data', id: 'households', n: Number.NaN, d: null, value: null },
  ] as const)('$title', ({ id, n, d, value }) => {
    const got = measureValue(getMeasure(id), n, d);
    if (value === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(value, 12);
  });

  it.each([
    { title: 'per 10k with a denominator in 元: 52 households on 1,000,000 元', n: 52, d: 1_000_000, value: 0.52 },
    { title: 'per 10k with a denominator in 元: zero', n: 52, d: 0, value: null },
  ])('$title', ({ n, d, value }) => {
    const got = measureValue(reachInYuan, n, d);
    if (value === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(value, 12);
  });
});

describe('measureValue guards', () => {
  it('refuses households per 10,000 元 over a denominator that is not money', () => {
    const perHousehold: Measure = { ...getMeasure('reach_per_10k'), denominatorUnit: 'household' };
    expect(() => measureValue(perHousehold, 5, 10)).toThrow(RangeError);
  });
  it('an infinite numerator is no data', () => {
    expect(measureValue(getMeasure('spend_rate'), Number.POSITIVE_INFINITY, 10)).toBeNull();
    expect(measureValue(getMeasure('households'), Number.NEGATIVE_INFINITY, null)).toBeNull();
  });
});
