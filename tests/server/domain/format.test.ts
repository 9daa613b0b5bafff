import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDate,
  formatHouseholdCount,
  formatMeasureValue,
  formatNumber,
  formatPct,
  formatPer10kYuan,
  formatPts,
  formatQuantity,
  formatRankChange,
  formatWan,
  formatYuan,
  type Locale,
} from '../../../server/domain/format.ts';
import { getMeasure } from '../../../server/domain/measures.ts';

describe('formatWan', () => {
  it.each([
    { title: 'thousands and two decimals', value: 1234.5, locale: 'zh', text: '1,234.50 万元' },
    { title: 'English', value: 1234.5, locale: 'en', text: '1,234.50 (10k CNY)' },
    { title: 'millions', value: 1234567.891, locale: 'zh', text: '1,234,567.89 万元' },
    { title: 'zero', value: 0, locale: 'zh', text: '0.00 万元' },
    { title: 'under one', value: 0.5, locale: 'zh', text: '0.50 万元' },
    { title: 'half rounds away from zero on the decimal value (1.005)', value: 1.005, locale: 'zh', text: '1.01 万元' },
    { title: 'negative uses the minus sign', value: -1234.5, locale: 'zh', text: '−1,234.50 万元' },
    { title: 'tiny negative rounds to unsigned zero', value: -0.001, locale: 'zh', text: '0.00 万元' },
    { title: 'null', value: null, locale: 'zh', text: '无数据' },
    { title: 'null in English', value: null, locale: 'en', text: 'No data' },
    { title: 'NaN', value: Number.NaN, locale: 'zh', text: '无数据' },
    { title: 'Infinity', value: Number.POSITIVE_INFINITY, locale: 'en', text: 'No data' },
  ] satisfies { title: string; value: number | null; locale: Locale; text: string }[])('$title', ({ value, locale, text }) => {
    expect(formatWan(value, locale)).toBe(text);
  });
});

describe('formatPct / formatPts', () => {
  it.each([
    { title: 'pct: one decimal', f: formatPct, value: 38.234, locale: 'zh', text: '38.2%' },
    { title: 'pct: English is the same', f: formatPct, value: 38.234, locale: 'en', text: '38.2%' },
    { title: 'pct: half up (38.25)', f: formatPct, value: 38.25, locale: 'zh', text: '38.3%' },
    { title: 'pct: 100', f: formatPct, value: 100, locale: 'zh', text: '100.0%' },
    { title: 'pct: 0', f: formatPct, value: 0, locale: 'zh', text: '0.0%' },
    { title: 'pct: above 100 stays', f: formatPct, value: 123.45, locale: 'zh', text: '123.5%' },
    { title: 'pct: null', f: formatPct, value: null, locale: 'zh', text: '无数据' },
    { title: 'pct: NaN in English', f: formatPct, value: Number.NaN, locale: 'en', text: 'No data' },
    { title: 'pts: lag behind', f: formatPts, value: -13.04, locale: 'zh', text: '−13.0 个百分点' },
    { title: 'pts: lag behind, English', f: formatPts, value: -13.04, locale: 'en', text: '−13.0 pts' },
    { title: 'pts: ahead is signed +', f: formatPts, value: 2, locale: 'zh', text: '+2.0 个百分点' },
    { title: 'pts: zero unsigned', f: formatPts, value: 0, locale: 'zh', text: '0.0 个百分点' },
    { title: 'pts: −0.04 rounds to unsigned zero', f: formatPts, value: -0.04, locale: 'en', text: '0.0 pts' },
    { title: 'pts: null', f: formatPts, value: null, locale: 'zh', text: '无数据' },
  ] satisfies { title: string; f: typeof formatPct; value: number | null; locale: Locale; text: string }[])(
    '$title',
    ({ f, value, locale, text }) => {
      expect(f(value, locale)).toBe(text);
    },
  );

  it('digits can be chosen', () => {
    expect(formatPct(38.234, 'zh', 2)).toBe('38.23%');
    expect(formatPts(-13.04, 'zh', 0)).toBe('−13 个百分点');
  });
});

describe('formatCount / formatQuantity / formatYuan / formatNumber / formatPer10kYuan', () => {
  it.each([
    { title: 'households', text: () => formatCount(1234, 'household'), expected: '1,234 户' },
    { title: 'projects', text: () => formatCount(12, 'project'), expected: '12 个' },
    { title: 'stations', text: () => formatCount(3, 'station'), expected: '3 座' },
    { title: 'households, English', text: () => formatCount(1234, 'household', 'en'), expected: '1,234 households' },
    { title: 'one project, English singular', text: () => formatCount(1, 'project', 'en'), expected: '1 project' },
    { title: 'zero stations, English plural', text: () => formatCount(0, 'station', 'en'), expected: '0 stations' },
    { title: 'count rounds to an integer', text: () => formatCount(2.6, 'household'), expected: '3 户' },
    { title: 'count null', text: () => formatCount(null, 'household'), expected: '无数据' },
    { title: 'quantity in 万元', text: () => formatQuantity(52, 'wan'), expected: '52.00 万元' },
    { title: 'quantity in 元', text: () => formatQuantity(52000, 'yuan', 'en'), expected: '52,000 CNY' },
    { title: 'quantity in stations', text: () => formatQuantity(7, 'station'), expected: '7 座' },
    { title: 'yuan', text: () => formatYuan(1234.4), expected: '1,234 元' },
    { title: 'plain number', text: () => formatNumber(1234.5, 2), expected: '1,234.50' },
    { title: 'plain number, no decimals', text: () => formatNumber(999999.5), expected: '1,000,000' },
    { title: 'per 10,000 元', text: () => formatPer10kYuan(0.5249), expected: '0.52 户/万元' },
    { title: 'per 10,000 元, English', text: () => formatPer10kYuan(0.5249, 'en'), expected: '0.52 households per 10k CNY' },
    // Each unit's words, singular and plural; the default locale is Chinese, also for no data.
    { title: 'one station, English', text: () => formatCount(1, 'station', 'en'), expected: '1 station' },
    { title: 'one household, English', text: () => formatCount(1, 'household', 'en'), expected: '1 household' },
    { title: 'projects, English plural', text: () => formatCount(2, 'project', 'en'), expected: '2 projects' },
    { title: 'quantity in households', text: () => formatQuantity(12, 'household', 'en'), expected: '12 households' },
    { title: 'quantity in projects', text: () => formatQuantity(3, 'project'), expected: '3 个' },
    { title: 'quantity in 万元, English', text: () => formatQuantity(1.5, 'wan', 'en'), expected: '1.50 (10k CNY)' },
    { title: 'quantity in 元, default Chinese', text: () => formatQuantity(8, 'yuan'), expected: '8 元' },
    { title: 'quantity null in 万元', text: () => formatQuantity(null, 'wan'), expected: '无数据' },
    { title: 'quantity NaN in 元, English', text: () => formatQuantity(Number.NaN, 'yuan', 'en'), expected: 'No data' },
    { title: 'yuan null', text: () => formatYuan(null), expected: '无数据' },
    { title: 'number null, default Chinese', text: () => formatNumber(null), expected: '无数据' },
    { title: 'number null, English', text: () => formatNumber(undefined, 2, 'en'), expected: 'No data' },
    { title: 'number negative', text: () => formatNumber(-1234.5, 1), expected: '−1,234.5' },
    { title: 'pct null, default Chinese', text: () => formatPct(null), expected: '无数据' },
    { title: 'pts null, default Chinese', text: () => formatPts(Number.NaN), expected: '无数据' },
    { title: 'wan null, default Chinese', text: () => formatWan(undefined), expected: '无数据' },
    { title: 'per 10,000 元 null', text: () => formatPer10kYuan(null), expected: '无数据' },
    { title: 'count null, English', text: () => formatCount(null, 'project', 'en'), expected: 'No data' },
    // Published household counts: null is a suppressed 1–4, not "no data".
    { title: 'household count suppressed', text: () => formatHouseholdCount(null), expected: '<5 户' },
    { title: 'household count suppressed, English', text: () => formatHouseholdCount(null, 'en'), expected: '<5 households' },
    { title: 'household count', text: () => formatHouseholdCount(1235), expected: '1,235 户' },
    { title: 'household count, English', text: () => formatHouseholdCount(5, 'en'), expected: '5 households' },
    { title: 'household count undefined is no data', text: () => formatHouseholdCount(undefined, 'en'), expected: 'No data' },
  ])('$title', ({ text, expected }) => {
    expect(text()).toBe(expected);
  });
});

describe('formatMeasureValue', () => {
  it.each([
    { title: 'a rate', id: 'spend_rate', value: 38.234, locale: 'zh', text: '38.2%' },
    { title: 'reach per 10,000 元', id: 'reach_per_10k', value: 0.52, locale: 'zh', text: '0.52 户/万元' },
    { title: 'household count', id: 'households', value: 3210, locale: 'zh', text: '3,210 户' },
    { title: 'household count, English', id: 'households', value: 3210, locale: 'en', text: '3,210 households' },
    { title: 'no data', id: 'start_rate', value: null, locale: 'en', text: 'No data' },
  ] as const)('$title', ({ id, value, locale, text }) => {
    expect(formatMeasureValue(getMeasure(id), value, locale)).toBe(text);
  });
});

describe('formatRankChange', () => {
  it.each([
    { title: 'moved down two', change: -2, text: '▼2' },
    { title: 'moved up three', change: 3, text: '▲3' },
    { title: 'unchanged', change: 0, text: '—' },
    { title: 'no previous rank', change: null, text: '无数据' },
  ])('$title', ({ change, text }) => {
    expect(formatRankChange(change)).toBe(text);
  });
});

describe('formatDate', () => {
  it.each([
    { title: 'Chinese, no leading zeros', date: '2020-06-20', locale: 'zh', text: '2020年6月20日' },
    { title: 'Chinese, single-digit day', date: '2020-01-05', locale: 'zh', text: '2020年1月5日' },
    { title: 'English keeps ISO', date: '2020-06-20', locale: 'en', text: '2020-06-20' },
    { title: 'null', date: null, locale: 'zh', text: '无数据' },
    { title: 'empty string, English', date: '', locale: 'en', text: 'No data' },
  ] satisfies { title: string; date: string | null; locale: Locale; text: string }[])('$title', ({ date, locale, text }) => {
    expect(formatDate(date, locale)).toBe(text);
  });

  it.each([{ date: '2020-02-30' }, { date: '20200620' }, { date: '2020-6-20' }])('throws on $date', ({ date }) => {
    expect(() => formatDate(date)).toThrow(RangeError);
  });
});

describe('the default locale is Chinese', () => {
  it.each([
    { title: 'a measure value without data', text: () => formatMeasureValue(getMeasure('spend_rate'), null), want: '无数据' },
    { title: 'a missing date', text: () => formatDate(null), want: '无数据' },
    { title: 'a date', text: () => formatDate('2020-06-20'), want: '2020年6月20日' },
  ])('$title', ({ text, want }) => expect(text()).toBe(want));
});
