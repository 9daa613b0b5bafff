/** The as-of dates a monthly report may carry, "today" in Asia/Shanghai, and month ends. */
import { describe, expect, it } from 'vitest';
import { monthEndOf, progressDateProblem, shanghaiDay } from '../../../server/domain/progress-report.ts';

describe('progressDateProblem', () => {
  it.each([
    { title: 'a month end inside the year', asOf: '2020-05-31', year: 2020, today: '2020-06-22', want: null },
    { title: '1 January of the project year', asOf: '2020-01-01', year: 2020, today: '2020-06-22', want: null },
    { title: 'today itself', asOf: '2020-06-22', year: 2020, today: '2020-06-22', want: null },
    { title: 'a later year (the project keeps reporting)', asOf: '2021-03-31', year: 2020, today: '2021-04-01', want: null },
    { title: 'the day before the year', asOf: '2019-12-31', year: 2020, today: '2020-06-22', want: /早于项目年度（2020 年）/ },
    { title: 'tomorrow', asOf: '2020-06-23', year: 2020, today: '2020-06-22', want: /晚于今天（2020-06-22）/ },
    { title: 'a project of a future year', asOf: '2020-06-01', year: 2021, today: '2020-06-22', want: /早于项目年度/ },
  ])('$title', ({ asOf, year, today, want }) => {
    const got = progressDateProblem(asOf, { year }, today);
    if (want === null) expect(got).toBeNull();
    else expect(got).toMatch(want);
  });
});

describe('shanghaiDay', () => {
  it.each([
    ['2020-06-21T15:59:59Z', '2020-06-21'],
    ['2020-06-21T16:00:00Z', '2020-06-22'],
    ['2020-12-31T16:00:00Z', '2021-01-01'],
  ])('%s → %s', (iso, want) => expect(shanghaiDay(new Date(iso))).toBe(want));
});

describe('monthEndOf', () => {
  it.each([
    ['2020-02-10', '2020-02-29'],
    ['2021-02-01', '2021-02-28'],
    ['2020-06-20', '2020-06-30'],
    ['2020-12-31', '2020-12-31'],
  ])('%s → %s', (date, want) => expect(monthEndOf(date)).toBe(want));
});
