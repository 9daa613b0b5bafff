import { describe, expect, it } from 'vitest';
import { compareCandidates, nextDate, timelineLabelMode, timelineMarks } from '../../../../client/features/timeline/timeline.ts';

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
  const modes = [
    { width: 960, count: 9, expected: 'long' }, // 120 px between marks
    { width: 768, count: 9, expected: 'long' }, // 96 px: just enough for 第N次调度会
    { width: 760, count: 9, expected: 'short' },
    { width: 430, count: 9, expected: 'short' }, // a 1600-px screen with both side panels
    { width: 300, count: 9, expected: 'meetings' }, // a 1366-px laptop
    { width: 430, count: 20, expected: 'meetings' }, // a whole year of month ends and meetings
    { width: 100, count: 1, expected: 'long' },
  ] as const;
  for (const c of modes)
    it(`label mode: ${c.count} marks on ${c.width} px → ${c.expected}`, () => expect(timelineLabelMode(c.width, c.count)).toBe(c.expected));
});
