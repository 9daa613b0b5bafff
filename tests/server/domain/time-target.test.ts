import { describe, expect, it } from 'vitest';
import {
  dateDayNumber,
  expectedFor,
  expectedKindOf,
  expectedPct,
  lagPts,
  resolveTarget,
  statusOf,
  type TargetConfig,
  type TargetRow,
} from '../../../server/domain/time-target.ts';

/** The demo defaults (docs/domain.md): 1 January to full completion on 30 November. */
const linear: TargetConfig = {
  windowStart: '2020-01-01',
  basicCompletion: '2020-09-30',
  fullCompletion: '2020-11-30',
  method: 'linear',
  lagThresholdPts: -5,
  milestones: [],
};
const months: TargetConfig = { ...linear, method: 'elapsed_months' };
const startBy1April: TargetConfig = { ...linear, milestones: [{ date: '2020-04-01', valuePct: 100 }] };

describe('dateDayNumber', () => {
  it.each([
    { title: 'epoch', date: '1970-01-01', day: 0 },
    { title: 'leap day', date: '2020-02-29', day: 18321 },
    { title: 'day after leap day', date: '2020-03-01', day: 18322 },
  ])('$title', ({ date, day }) => expect(dateDayNumber(date)).toBe(day));

  it.each([
    { title: 'impossible day', date: '2020-02-30' },
    { title: 'no leap day in 2019', date: '2019-02-29' },
    { title: 'month 13', date: '2020-13-01' },
    { title: 'no zero padding', date: '2020-6-20' },
    { title: 'with time', date: '2020-06-20T00:00:00Z' },
    { title: 'empty', date: '' },
  ])('rejects $title', ({ date }) => expect(() => dateDayNumber(date)).toThrow(RangeError));
});

describe('expectedPct', () => {
  it.each([
    // elapsed months ÷ 12; a month counts on its last day
    { title: 'elapsed_months: end of April = 4/12 = 33.3 %', asOf: '2020-04-30', target: months, pct: (100 * 4) / 12 },
    { title: 'elapsed_months: 29 April, April not complete = 25 %', asOf: '2020-04-29', target: months, pct: 25 },
    { title: 'elapsed_months: 4th meeting cut-off 2020-06-20 = 5/12', asOf: '2020-06-20', target: months, pct: (100 * 5) / 12 },
    { title: 'elapsed_months: 1 January = 0', asOf: '2020-01-01', target: months, pct: 0 },
    { title: 'elapsed_months: end of February in a leap year = 2/12', asOf: '2020-02-29', target: months, pct: (100 * 2) / 12 },
    { title: 'elapsed_months: before the window = 0', asOf: '2019-12-31', target: months, pct: 0 },
    { title: 'elapsed_months: day before full completion = 10/12', asOf: '2020-11-29', target: months, pct: (100 * 10) / 12 },
    { title: 'elapsed_months: full completion date = 100', asOf: '2020-11-30', target: months, pct: 100 },
    // linear, as-of day and both window ends counted: (asOf − start + 1) ÷ (end − start + 1)
    { title: 'linear: 2020-06-20 in 2020-01-01→2020-11-30 = 172/335', asOf: '2020-06-20', target: linear, pct: (100 * 172) / 335 },
    { title: 'linear: first day of the window = 1/335', asOf: '2020-01-01', target: linear, pct: 100 / 335 },
    { title: 'linear: before the window = 0', asOf: '2019-12-31', target: linear, pct: 0 },
    { title: 'linear: full completion date = 100', asOf: '2020-11-30', target: linear, pct: 100 },
    { title: 'linear: after the window, clamped to 100', asOf: '2020-12-31', target: linear, pct: 100 },
    { title: 'linear: end of April = 121/335', asOf: '2020-04-30', target: linear, pct: (100 * 121) / 335 },
    {
      title: 'linear is the default method',
      asOf: '2020-06-20',
      target: { windowStart: '2020-01-01', fullCompletion: '2020-11-30' },
      pct: (100 * 172) / 335,
    },
    // milestones
    {
      title: 'milestone: start rate 100 % from 2020-04-01, the day before = linear',
      asOf: '2020-03-31',
      target: startBy1April,
      pct: (100 * 91) / 335,
    },
    { title: 'milestone: start rate 100 % from 2020-04-01, on the day', asOf: '2020-04-01', target: startBy1April, pct: 100 },
    { title: 'milestone: start rate 100 % from 2020-04-01, at the 4th meeting', asOf: '2020-06-20', target: startBy1April, pct: 100 },
    {
      title: 'milestone lower than the time share does not lower it',
      asOf: '2020-06-20',
      target: { ...linear, milestones: [{ date: '2020-03-01', valuePct: 10 }] },
      pct: (100 * 172) / 335,
    },
    {
      title: 'milestone with elapsed months',
      asOf: '2020-04-30',
      target: { ...months, milestones: [{ date: '2020-04-01', valuePct: 60 }] },
      pct: 60,
    },
    {
      title: 'milestone above 100 is clamped',
      asOf: '2020-06-20',
      target: { ...linear, milestones: [{ date: '2020-01-01', valuePct: 120 }] },
      pct: 100,
    },
    {
      title: 'NaN milestone is ignored',
      asOf: '2020-06-20',
      target: { ...linear, milestones: [{ date: '2020-01-01', valuePct: Number.NaN }] },
      pct: (100 * 172) / 335,
    },
  ])('$title', ({ asOf, target, pct }) => {
    expect(expectedPct(asOf, target)).toBeCloseTo(pct, 10);
  });

  it('linear at the 4th meeting cut-off reads 51.3 %', () => {
    expect(expectedPct('2020-06-20', linear).toFixed(1)).toBe('51.3');
  });

  it.each([
    { title: 'malformed as-of date', asOf: '2020/06/20', target: linear },
    { title: 'window ending before it starts', asOf: '2020-06-20', target: { ...linear, fullCompletion: '2019-11-30' } },
    { title: 'malformed milestone date', asOf: '2020-06-20', target: { ...linear, milestones: [{ date: 'April', valuePct: 100 }] } },
  ])('throws on $title', ({ asOf, target }) => {
    expect(() => expectedPct(asOf, target)).toThrow(RangeError);
  });
});

describe('resolveTarget', () => {
  const row = (year: number, measureId: string, fullCompletion: string): TargetRow => ({ ...linear, year, measureId, fullCompletion });
  const rows = [
    row(2020, '*', '2020-11-30'),
    row(2020, 'start_rate', '2020-06-30'),
    row(2021, 'spend_rate', '2021-10-31'),
    row(2021, '*', '2021-11-30'),
  ];
  it.each([
    { title: 'a measure with its own row gets it', measureId: 'start_rate', year: 2020, full: '2020-06-30' },
    { title: 'a measure without its own row gets the default', measureId: 'spend_rate', year: 2020, full: '2020-11-30' },
    { title: 'rows of another year are not used', measureId: 'start_rate', year: 2021, full: '2021-11-30' },
    { title: 'the specific row wins whatever the order', measureId: 'spend_rate', year: 2021, full: '2021-10-31' },
    { title: 'a year without rows', measureId: 'spend_rate', year: 2019, full: undefined },
  ])('$title', ({ measureId, year, full }) => {
    expect(resolveTarget(rows, measureId, year)?.fullCompletion).toBe(full);
  });

  it('empty list → undefined', () => expect(resolveTarget([], 'spend_rate', 2020)).toBeUndefined());
});

describe('lagPts', () => {
  it.each([
    { title: 'behind', value: 38.2, expected: 51.2, lag: -13 },
    { title: 'ahead', value: 60, expected: 51.25, lag: 8.75 },
    { title: 'equal', value: 50, expected: 50, lag: 0 },
    { title: 'floating noise does not cross −5', value: 45, expected: 50.000000000000007, lag: -5 },
    { title: 'null value', value: null, expected: 50, lag: null },
    { title: 'NaN value', value: Number.NaN, expected: 50, lag: null },
    { title: 'no expected value', value: 50, expected: null, lag: null },
  ])('$title', ({ value, expected, lag }) => {
    const got = lagPts(value, expected);
    if (lag === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(lag, 9);
  });

  it('exactly −5 after noise is exactly −5', () => expect(lagPts(45, 50.000000000000007)).toBe(-5));
  it('never −0', () => expect(Object.is(lagPts(50, 50), 0)).toBe(true));
});

describe('statusOf', () => {
  it.each([
    { title: 'far behind lags', lag: -13.04, t: -5, status: 'lagging' },
    { title: 'just below −5 lags', lag: -5.01, t: -5, status: 'lagging' },
    { title: 'exactly −5 is on track (lagging is strictly below)', lag: -5, t: -5, status: 'on_track' },
    { title: 'slightly behind is on track', lag: -1.3, t: -5, status: 'on_track' },
    { title: 'no lag is on track', lag: 0, t: -5, status: 'on_track' },
    { title: 'just under +5 is on track', lag: 4.99, t: -5, status: 'on_track' },
    { title: 'exactly +5 is ahead', lag: 5, t: -5, status: 'ahead' },
    { title: 'far ahead', lag: 20, t: -5, status: 'ahead' },
    { title: 'a positive threshold means the same band', lag: -6, t: 5, status: 'lagging' },
    { title: 'a wider band (−10)', lag: -8, t: -10, status: 'on_track' },
    { title: 'threshold 0: zero lag is ahead', lag: 0, t: 0, status: 'ahead' },
    { title: 'threshold 0: any lag behind lags', lag: -0.1, t: 0, status: 'lagging' },
    { title: 'NaN threshold falls back to −5', lag: -6, t: Number.NaN, status: 'lagging' },
    { title: 'null lag is no data', lag: null, t: -5, status: 'no_data' },
    { title: 'NaN lag is no data', lag: Number.NaN, t: -5, status: 'no_data' },
  ])('$title', ({ lag, t, status }) => {
    expect(statusOf(lag, t)).toBe(status);
  });

  it('defaults to −5', () => {
    expect(statusOf(-5.5)).toBe('lagging');
    expect(statusOf(-4.5)).toBe('on_track');
  });
});

describe('expectedFor: the target rule of a measure', () => {
  const base = { windowStart: '2020-01-01', basicCompletion: '2020-09-30', fullCompletion: '2020-11-30' };
  it.each([
    { title: 'linear is 序时进度', target: { ...base, method: 'linear' as const }, asOf: '2020-06-20', pct: (100 * 172) / 335 },
    { title: 'none expects nothing', target: { ...base, method: 'none' as const }, asOf: '2020-06-20', pct: null },
    {
      title: 'fixed 100 % due now',
      target: { ...base, method: 'fixed' as const, milestones: [{ date: '2020-01-01', valuePct: 100 }] },
      asOf: '2020-06-20',
      pct: 100,
    },
    {
      title: 'fixed 90 % on its due date',
      target: { ...base, method: 'fixed' as const, milestones: [{ date: '2020-06-30', valuePct: 90 }] },
      asOf: '2020-06-30',
      pct: 90,
    },
    {
      title: 'fixed before its due date: nothing yet',
      target: { ...base, method: 'fixed' as const, milestones: [{ date: '2020-06-30', valuePct: 90 }] },
      asOf: '2020-06-29',
      pct: null,
    },
    { title: 'fixed without a value', target: { ...base, method: 'fixed' as const, milestones: [] }, asOf: '2020-06-20', pct: null },
    {
      title: 'milestone: the highest reached',
      target: {
        ...base,
        method: 'milestone' as const,
        milestones: [
          { date: '2020-03-31', valuePct: 30 },
          { date: '2020-06-30', valuePct: 60 },
        ],
      },
      asOf: '2020-06-20',
      pct: 30,
    },
    {
      title: 'milestone: 0 before the first, not 100 after the window',
      target: { ...base, method: 'milestone' as const, milestones: [{ date: '2020-03-31', valuePct: 30 }] },
      asOf: '2020-12-31',
      pct: 30,
    },
  ])('$title', ({ target, asOf, pct }) => {
    const got = expectedFor(asOf, target);
    if (pct === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(pct, 10);
  });
  it('names the kind of expectation', () => {
    expect(expectedKindOf({ ...base, method: 'linear' })).toBe('schedule');
    expect(expectedKindOf({ ...base, method: 'fixed' })).toBe('fixed');
    expect(expectedKindOf({ ...base, method: 'none' })).toBeNull();
    expect(expectedKindOf(undefined)).toBeNull();
  });
});

describe('targets beyond the demo defaults', () => {
  const base = { windowStart: '2020-01-01', basicCompletion: '2020-09-30', fullCompletion: '2020-11-30' };
  it.each([
    {
      title: 'a window over the turn of the year, elapsed months: July to February = 8/12',
      asOf: '2021-02-28',
      target: { windowStart: '2020-07-01', fullCompletion: '2021-06-30', method: 'elapsed_months' as const },
      pct: (100 * 8) / 12,
    },
    {
      title: 'a window starting in July, linear: 10 July = 10/365',
      asOf: '2020-07-10',
      target: { windowStart: '2020-07-01', fullCompletion: '2021-06-30' },
      pct: (100 * 10) / 365,
    },
    {
      title: 'a milestone reached after the full-completion date does not lower 100',
      asOf: '2020-12-15',
      target: { ...base, milestones: [{ date: '2020-12-01', valuePct: 90 }] },
      pct: 100,
    },
    {
      title: 'a negative milestone counts as 0',
      asOf: '2020-01-01',
      target: { ...base, method: 'milestone' as const, milestones: [{ date: '2020-01-01', valuePct: -20 }] },
      pct: 0,
    },
    { title: 'a window of one day', asOf: '2020-03-01', target: { windowStart: '2020-03-01', fullCompletion: '2020-03-01' }, pct: 100 },
  ])('$title', ({ asOf, target, pct }) => expect(expectedPct(asOf, target)).toBeCloseTo(pct, 10));

  it.each([
    {
      title: 'milestone before the first: 0',
      target: { ...base, method: 'milestone' as const, milestones: [{ date: '2020-03-31', valuePct: 30 }] },
      asOf: '2020-03-30',
      pct: 0,
    },
    { title: 'milestone without milestones: nothing', target: { ...base, method: 'milestone' as const }, asOf: '2020-06-20', pct: null },
    {
      title: 'fixed above 100 is 100',
      target: { ...base, method: 'fixed' as const, milestones: [{ date: '2020-01-01', valuePct: 120 }] },
      asOf: '2020-06-20',
      pct: 100,
    },
    {
      title: 'fixed: only the first milestone is the target',
      target: {
        ...base,
        method: 'fixed' as const,
        milestones: [
          { date: '2020-06-30', valuePct: 90 },
          { date: '2020-01-01', valuePct: 50 },
        ],
      },
      asOf: '2020-06-20',
      pct: null,
    },
    { title: 'no method is linear', target: base, asOf: '2020-06-20', pct: (100 * 172) / 335 },
  ])('expectedFor: $title', ({ target, asOf, pct }) =>
    expect(expectedFor(asOf, target)).toEqual(pct === null ? null : expect.closeTo(pct, 10)),
  );

  it.each([
    { method: undefined, kind: 'schedule' },
    { method: 'elapsed_months' as const, kind: 'schedule' },
    { method: 'milestone' as const, kind: 'fixed' },
  ])('a $method rule expects $kind', ({ method, kind }) => expect(expectedKindOf({ ...base, method })).toBe(kind));
});

describe('lagPts and expectedPct at their edges', () => {
  it.each([
    { title: 'infinite value', value: Infinity, expected: 50 },
    { title: 'infinite expected value', value: 50, expected: Infinity },
    { title: 'NaN expected value', value: 50, expected: Number.NaN },
    { title: 'undefined value', value: undefined, expected: 50 },
    { title: 'undefined expected value', value: 50, expected: undefined },
  ])('no lag for $title', ({ value, expected }) => expect(lagPts(value, expected)).toBeNull());

  it('a lag of a trillionth of a point is 0, never −0', () => {
    expect(Object.is(lagPts(50, 50.000000000001), 0)).toBe(true);
  });

  it.each([
    { method: 'none' as const, pct: 0 },
    { method: 'fixed' as const, pct: 0 },
    { method: 'milestone' as const, pct: 0 },
  ])('a $method rule expects nothing from the window alone (only milestones count)', ({ method, pct }) => {
    expect(expectedPct('2020-12-31', { windowStart: '2020-01-01', fullCompletion: '2020-11-30', method })).toBe(pct);
    expect(
      expectedPct('2020-12-31', {
        windowStart: '2020-01-01',
        fullCompletion: '2020-11-30',
        method,
        milestones: [{ date: '2020-06-30', valuePct: 90 }],
      }),
    ).toBe(90);
  });

  it('a fixed rule without milestones expects nothing', () => {
    expect(expectedFor('2020-06-20', { windowStart: '2020-01-01', fullCompletion: '2020-11-30', method: 'fixed' })).toBeNull();
  });

  it('says which date is wrong', () => {
    expect(() => dateDayNumber('2020-02-30')).toThrow(/2020-02-30/);
    expect(() => expectedPct('2020-06-20', { windowStart: '2020-01-01', fullCompletion: '2019-11-30' })).toThrow(/2019-11-30.*2020-01-01/);
  });
});

describe('elapsed months of a window that starts on a month’s last day', () => {
  it('counts that month as complete on its last day', () => {
    expect(expectedPct('2020-01-31', { windowStart: '2020-01-31', fullCompletion: '2020-12-31', method: 'elapsed_months' })).toBeCloseTo(
      100 / 12,
      10,
    );
  });
});
