import { describe, expect, it } from 'vitest';
import { evaluateMeasure, type MeasureRow } from '../../../server/domain/evaluate.ts';
import { getMeasure, type MeasureId } from '../../../server/domain/measures.ts';
import type { TargetConfig } from '../../../server/domain/time-target.ts';

const linear: TargetConfig = {
  windowStart: '2020-01-01',
  basicCompletion: '2020-09-30',
  fullCompletion: '2020-11-30',
  method: 'linear',
  lagThresholdPts: -5,
  milestones: [],
};
/** 序时进度 at the 4th meeting's cut-off under `linear`: 172 ÷ 335 days. */
const expected0620 = (100 * 172) / 335;
const asOf = '2020-06-20';

const row = (code: string, numerator: number | null, denominator: number | null): MeasureRow => ({
  code,
  name: `区${code}`,
  numerator,
  denominator,
});

describe('evaluateMeasure: spending progress against 序时进度 (51.34 % on 2020-06-20)', () => {
  const rows = [
    row('ahead', 60, 100),
    row('on_track', 50, 100),
    row('lagging', 38.2, 100),
    row('zero_total', 0, 0),
    row('nan_spent', Number.NaN, 100),
  ];
  // Evaluated in each test (not once for the block) so that mutation testing sees the call.
  const evaluate = () => evaluateMeasure(getMeasure('spend_rate'), rows, { asOf, target: linear });

  it.each([
    { title: 'an area ahead (lag +8.7)', code: 'ahead', value: 60, lag: 60 - expected0620, status: 'ahead', rank: 1 },
    { title: 'an area on track (lag −1.3)', code: 'on_track', value: 50, lag: 50 - expected0620, status: 'on_track', rank: 2 },
    { title: 'an area lagging (lag −13.1)', code: 'lagging', value: 38.2, lag: 38.2 - expected0620, status: 'lagging', rank: 3 },
    { title: 'zero denominator: no data, unranked', code: 'zero_total', value: null, lag: null, status: 'no_data', rank: null },
    { title: 'NaN numerator: no data, unranked', code: 'nan_spent', value: null, lag: null, status: 'no_data', rank: null },
  ])('$title', ({ code, value, lag, status, rank }) => {
    const r = evaluate().find((x) => x.code === code)!;
    expect(r.expected).toBeCloseTo(expected0620, 10);
    if (value === null) expect(r.value).toBeNull();
    else expect(r.value).toBeCloseTo(value, 10);
    if (lag === null) expect(r.lag).toBeNull();
    else expect(r.lag).toBeCloseTo(lag, 8);
    expect(r.status).toBe(status);
    expect(r.rank).toBe(rank);
  });

  it('keeps the input order, names and figures (NaN becomes null)', () => {
    const results = evaluate();
    expect(results.map((r) => r.code)).toEqual(rows.map((r) => r.code));
    expect(results[0]).toMatchObject({ name: '区ahead', numerator: 60, denominator: 100 });
    expect(results[4].numerator).toBeNull();
  });
});

describe('evaluateMeasure: status rules', () => {
  const startBy1April: TargetConfig = { ...linear, method: 'elapsed_months', milestones: [{ date: '2020-04-01', valuePct: 100 }] };
  it.each([
    {
      title: 'no target configured: expected null, status none',
      id: 'spend_rate',
      rows: [row('a', 30, 100)],
      target: undefined,
      expected: null,
      statuses: ['none'],
    },
    {
      title: 'a measure without 序时进度 ignores a target',
      id: 'industry_share',
      rows: [row('a', 30, 100), row('b', 0, 0)],
      target: linear,
      expected: null,
      statuses: ['none', 'no_data'],
    },
    {
      title: 'the target row threshold (−10) widens the band',
      id: 'spend_rate',
      rows: [row('a', expected0620 - 8, 100), row('b', expected0620 - 10.5, 100)],
      target: { ...linear, lagThresholdPts: -10 },
      expected: expected0620,
      statuses: ['on_track', 'lagging'],
    },
    {
      title: 'milestone start rate 100 % from 1 April: complete is on track, 96 % on track, 90 % lagging',
      id: 'start_rate',
      rows: [row('a', 20, 20), row('b', 24, 25), row('c', 9, 10)],
      target: startBy1April,
      expected: 100,
      statuses: ['on_track', 'on_track', 'lagging'],
    },
    {
      title: 'overdue is compared to 0: none is on track, any is lagging',
      id: 'overdue',
      rows: [row('a', 0, 10), row('b', 2, 10), row('c', 0, 0)],
      target: linear,
      expected: null,
      statuses: ['on_track', 'lagging', 'no_data'],
    },
    {
      title: 'household counts have no status and no denominator',
      id: 'households',
      rows: [row('a', 1200, null), row('b', null, null)],
      target: linear,
      expected: null,
      statuses: ['none', 'no_data'],
    },
  ] satisfies {
    title: string;
    id: MeasureId;
    rows: MeasureRow[];
    target: TargetConfig | undefined;
    expected: number | null;
    statuses: string[];
  }[])('$title', ({ id, rows, target, expected, statuses }) => {
    const results = evaluateMeasure(getMeasure(id), rows, { asOf, target });
    expect(results.map((r) => r.status)).toEqual(statuses);
    for (const r of results) {
      if (expected === null) expect(r.expected).toBeNull();
      else expect(r.expected).toBeCloseTo(expected, 10);
      if (expected === null || r.value === null) expect(r.lag).toBeNull();
    }
  });
});

describe('evaluateMeasure: ranking', () => {
  it.each([
    {
      title: 'higher is better, with a tie',
      id: 'spend_rate',
      rows: [row('a', 50, 100), row('b', 70, 100), row('c', 5, 10)],
      ranks: [2, 1, 2],
    },
    {
      title: 'lower is better (overdue share)',
      id: 'overdue',
      rows: [row('a', 3, 10), row('b', 0, 10), row('c', 1, 10)],
      ranks: [3, 1, 2],
    },
    { title: 'all no data', id: 'spend_rate', rows: [row('a', 0, 0), row('b', null, null)], ranks: [null, null] },
  ] satisfies { title: string; id: MeasureId; rows: MeasureRow[]; ranks: (number | null)[] }[])('$title', ({ id, rows, ranks }) => {
    expect(evaluateMeasure(getMeasure(id), rows, { asOf }).map((r) => r.rank)).toEqual(ranks);
  });

  it('empty input → empty output', () => expect(evaluateMeasure(getMeasure('spend_rate'), [], { asOf, target: linear })).toEqual([]));
  it('a malformed as-of date with a target throws', () => {
    expect(() => evaluateMeasure(getMeasure('spend_rate'), [row('a', 1, 2)], { asOf: '20200620', target: linear })).toThrow(RangeError);
  });
});
