import { describe, expect, it } from 'vitest';
import type { MeasureValues } from '../../../../client/api/client.ts';
import { answerScope, joinChunkValues } from '../../../../client/features/choropleth/chunk-values.ts';

type Row = MeasureValues['rows'][number];
const row = (code: string, value: number | null, rank: number | null, extra: Partial<Row> = {}): Row => ({
  code,
  name: `村${code}`,
  value,
  numerator: value,
  denominator: value === null ? null : 100,
  expected: 50,
  lag: value === null ? null : value - 50,
  status: value === null ? 'no_data' : value >= 45 ? 'on_track' : 'lagging',
  rank,
  ...extra,
});
const answer = (county: string, rows: Row[], higherIsBetter = true): MeasureValues =>
  ({
    measure: { id: 'spend_rate', higherIsBetter } as MeasureValues['measure'],
    level: 'village',
    parent: { code: county, name: `县${county}`, level: 'county' },
    asOf: '2020-06-20',
    compareTo: null,
    expected: 50,
    target: null,
    total: { numerator: 1, denominator: 2, value: 50 },
    rankedCount: rows.filter((r) => r.rank !== null).length,
    rows,
  }) as MeasureValues;
const province = { code: '41', name: '河南省', level: 'province' as const };
const whole = { parent: province, total: { numerator: 120, denominator: 300, value: 40 } };

describe('joinChunkValues', () => {
  it.each([
    {
      case: 'ranks across the chunks, best first (higher is better)',
      parts: [answer('411421', [row('a', 80, 1), row('b', 40, 2)]), answer('411422', [row('c', 60, 1), row('d', 90, 2)])],
      ranks: { a: 2, b: 4, c: 3, d: 1 },
    },
    {
      case: 'lower is better',
      parts: [answer('411421', [row('a', 80, 2), row('b', 40, 1)], false), answer('411422', [row('c', 60, 1)], false)],
      ranks: { a: 3, b: 1, c: 2 },
    },
    {
      case: 'ties share a rank and the next skips; no data stays unranked',
      parts: [answer('411421', [row('a', 70, 1), row('b', null, null)]), answer('411422', [row('c', 70, 1), row('d', 10, 2)])],
      ranks: { a: 1, b: null, c: 1, d: 3 },
    },
  ])('$case', ({ parts, ranks }) => {
    const joined = joinChunkValues(parts, whole)!;
    expect(Object.fromEntries(joined.rows.map((r) => [r.code, r.rank]))).toEqual(ranks);
    expect(joined.rankedCount).toBe(Object.values(ranks).filter((r) => r !== null).length);
    expect(joined.rows.map((r) => r.code)).toEqual(parts.flatMap((p) => p.rows.map((r) => r.code)));
    // Everything else of a row is the server's.
    for (const r of joined.rows)
      expect({ ...r, rank: null }).toEqual({ ...parts.flatMap((p) => p.rows).find((x) => x.code === r.code)!, rank: null });
    expect(joined.parent).toEqual(province);
    expect(joined.total).toEqual(whole.total);
    expect(joined.asOf).toBe('2020-06-20');
  });

  it('leaves out a rank on the earlier date, which was ranked within one chunk only', () => {
    const parts = [answer('411421', [row('a', 80, 1, { previous: { value: 70, rank: 1, expected: 40 }, change: 10 })])];
    const [a] = joinChunkValues(parts, whole)!.rows;
    expect(a.previous).toEqual({ value: 70, rank: null, expected: 40 });
    expect(a.change).toBe(10);
  });

  it('is null before any chunk has answered', () => {
    expect(joinChunkValues([], whole)).toBeNull();
  });
});

describe('answerScope', () => {
  const at = (level: MeasureValues['level'], code: string, parentLevel: MeasureValues['parent']['level']) => ({
    level,
    parent: { code, name: '', level: parentLevel },
  });
  it.each([
    {
      case: 'a city: same level and parent',
      values: at('village', '4114', 'city'),
      code: '411421001001',
      want: { level: 'village', parent: '4114' },
    },
    { case: "a city's total", values: at('county', '4114', 'city'), code: null, want: { level: 'county', parent: '4114' } },
    { case: 'a county', values: at('township', '411421', 'county'), code: '411421001', want: { level: 'township', parent: '411421' } },
    {
      case: 'the province at county level',
      values: at('county', '41', 'province'),
      code: '411421',
      want: { level: 'county', parent: '41' },
    },
    {
      case: "a province village: its county's chunk",
      values: at('village', '41', 'province'),
      code: '410122105201',
      want: { level: 'village', parent: '410122' },
    },
    {
      case: "a province township: its county's chunk",
      values: at('township', '41', 'province'),
      code: '411421001',
      want: { level: 'township', parent: '411421' },
    },
    {
      case: "the province's total below the counties: at county level",
      values: at('village', '41', 'province'),
      code: null,
      want: { level: 'county', parent: '41' },
    },
  ])('$case', ({ values, code, want }) => {
    expect(answerScope(values, code)).toEqual(want);
  });
});
