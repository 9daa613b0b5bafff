import { describe, expect, it } from 'vitest';
import { beijingToday, dayRangeToInstants, formatBeijing, parseUserDate } from '../../../client/features/admin/time-format.ts';
import { AuditQuery } from '../../../server/contracts/auth.ts';

describe('formatBeijing', () => {
  it.each([
    { iso: '2020-06-20T02:03:05.000Z', seconds: true, expected: '2020-06-20 10:03:05' },
    { iso: '2020-06-20T16:30:00Z', seconds: true, expected: '2020-06-21 00:30:00' },
    { iso: '2020-12-31T15:59:59.999Z', seconds: false, expected: '2020-12-31 23:59' },
    { iso: '2020-06-20T10:00:00+08:00', seconds: true, expected: '2020-06-20 10:00:00' },
    { iso: 'not a date', seconds: true, expected: '' },
    { iso: null, seconds: true, expected: '' },
  ])('$iso → $expected', ({ iso, seconds, expected }) => {
    expect(formatBeijing(iso, seconds)).toBe(expected);
  });

  it('today in Beijing, not in UTC', () => {
    expect(beijingToday(new Date('2020-06-19T16:00:00Z'))).toBe('2020-06-20');
    expect(beijingToday(new Date('2020-06-19T15:59:59Z'))).toBe('2020-06-19');
  });
});

describe('parseUserDate', () => {
  it.each([
    ['2020-06-20', '2020-06-20'],
    ['2020-6-20', '2020-06-20'],
    ['2020/6/20', '2020-06-20'],
    ['2020.06.20', '2020-06-20'],
    ['20200620', '2020-06-20'],
    ['2020年6月20日', '2020-06-20'],
    ['2020年06月20日', '2020-06-20'],
    ['2020年6月20', '2020-06-20'],
    [' 2020 年 6 月 20 日 ', '2020-06-20'],
    ['２０２０年６月２０日', '2020-06-20'],
    ['2020-02-29', '2020-02-29'],
    ['2019-02-29', null],
    ['2020-13-01', null],
    ['2020-06-31', null],
    ['20-06-20', null],
    ['6月20日', null],
    ['', null],
  ])('%s → %s', (text, expected) => {
    expect(parseUserDate(text)).toBe(expected);
  });
});

describe('dayRangeToInstants', () => {
  it.each([
    { from: '2020-06-20', to: '2020年6月22日', expected: { from: '2020-06-20T00:00:00+08:00', to: '2020-06-22T23:59:59.999+08:00' } },
    { from: '2020-06-20', to: null, expected: { from: '2020-06-20T00:00:00+08:00' } },
    { from: null, to: '2020/6/20', expected: { to: '2020-06-20T23:59:59.999+08:00' } },
    { from: '2020-06-22', to: '2020-06-20', expected: { from: '2020-06-20T00:00:00+08:00', to: '2020-06-22T23:59:59.999+08:00' } },
    { from: 'garbage', to: '', expected: {} },
  ])('$from – $to', ({ from, to, expected }) => {
    const range = dayRangeToInstants(from, to);
    expect(range).toEqual(expected);
    // The server accepts what we send.
    expect(AuditQuery.safeParse(range).success).toBe(true);
  });

  it('covers the whole Beijing day', () => {
    const { from, to } = dayRangeToInstants('2020-06-20', '2020-06-20');
    expect(new Date(from!).toISOString()).toBe('2020-06-19T16:00:00.000Z');
    expect(new Date(to!).toISOString()).toBe('2020-06-20T15:59:59.999Z');
  });
});
