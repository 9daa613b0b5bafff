import { describe, expect, it } from 'vitest';
import { compareCandidates, nextDate, timelineMarks } from '../../../../client/features/timeline/timeline.ts';

const dates = ['2020-01-31', '2020-02-29', '2020-03-20', '2020-03-31', '2020-06-20'];
const meetings = [
  { year: 2020, number: 1, meetingDate: '2020-03-22', cutOff: '2020-03-20' },
  { year: 2020, number: 4, meetingDate: '2020-06-22', cutOff: '2020-06-20' },
];

describe('timeline', () => {
  it('marks meetings on their cut-off dates', () => {
    expect(timelineMarks(dates, meetings).map((m) => m.meeting)).toEqual([null, null, 1, null, 4]);
  });
  const cases = [
    { title: 'next', current: '2020-02-29', expected: '2020-03-20' },
    { title: 'end', current: '2020-06-20', expected: null },
    { title: 'unknown starts at the first', current: null, expected: '2020-01-31' },
  ];
  for (const c of cases) it(`nextDate: ${c.title}`, () => expect(nextDate(dates, c.current)).toBe(c.expected));
  it('compare candidates are earlier, latest first', () => {
    expect(compareCandidates(dates, '2020-03-20')).toEqual(['2020-02-29', '2020-01-31']);
  });
});
