import { describe, expect, it } from 'vitest';
import { rankAreas, rankChange, type RankInput } from '../../../server/domain/ranking.ts';

const rows = (...values: (number | null)[]): RankInput[] => values.map((value, i) => ({ code: `a${i}`, value }));
const ranksOf = (input: RankInput[], higherIsBetter: boolean) => {
  const map = rankAreas(input, higherIsBetter);
  return input.map((r) => map.get(r.code) ?? null);
};

describe('rankAreas', () => {
  it.each([
    { title: 'distinct values, higher is better', values: [50, 90, 70], higherIsBetter: true, ranks: [3, 1, 2] },
    { title: 'distinct values, lower is better', values: [50, 90, 70], higherIsBetter: false, ranks: [1, 3, 2] },
    { title: 'ties share a rank and the next rank skips (1224)', values: [90, 80, 80, 70], higherIsBetter: true, ranks: [1, 2, 2, 4] },
    { title: 'three-way tie at the top', values: [100, 100, 100, 60], higherIsBetter: true, ranks: [1, 1, 1, 4] },
    { title: 'tie at the bottom', values: [90, 10, 10], higherIsBetter: true, ranks: [1, 2, 2] },
    { title: 'ties when lower is better', values: [0, 0, 5], higherIsBetter: false, ranks: [1, 1, 3] },
    { title: 'nulls are unranked and use no rank', values: [null, 40, null, 60], higherIsBetter: true, ranks: [null, 2, null, 1] },
    {
      title: 'NaN and Infinity are unranked',
      values: [Number.NaN, 40, Number.POSITIVE_INFINITY],
      higherIsBetter: true,
      ranks: [null, 1, null],
    },
    { title: 'all null', values: [null, null, null], higherIsBetter: true, ranks: [null, null, null] },
    { title: 'a single area is first', values: [12.5], higherIsBetter: false, ranks: [1] },
    { title: 'zero is a value, not no data', values: [0, 10], higherIsBetter: true, ranks: [2, 1] },
    {
      title: 'floating-point noise is a tie (0.3/0.4 vs 3/4)',
      values: [(100 * 0.3) / 0.4, 75, 80],
      higherIsBetter: true,
      ranks: [2, 2, 1],
    },
    { title: 'a real small difference is not a tie', values: [38.24, 38.23], higherIsBetter: true, ranks: [1, 2] },
    {
      title: 'the tolerance is relative for large values (1,000,000 万元 ± 0.0001)',
      values: [1e6, 1e6 + 1e-4, 999_999],
      higherIsBetter: true,
      ranks: [1, 1, 3],
    },
    { title: 'and absolute (1e−9) below 1', values: [2e-10, 0, -0.5], higherIsBetter: true, ranks: [1, 1, 3] },
    { title: 'a difference of 1e−5 at 1,000 is no tie', values: [1000, 1000 + 1e-5], higherIsBetter: false, ranks: [1, 2] },
  ])('$title', ({ values, higherIsBetter, ranks }) => {
    expect(ranksOf(rows(...values), higherIsBetter)).toEqual(ranks);
  });

  it('empty input → empty map', () => expect(rankAreas([], true).size).toBe(0));
  it('the map holds only ranked areas (its size is the "of N")', () => expect(rankAreas(rows(1, null, 3), true).size).toBe(2));
  it('throws on a duplicate code', () => {
    expect(() =>
      rankAreas(
        [
          { code: 'x', value: 1 },
          { code: 'x', value: 2 },
        ],
        true,
      ),
    ).toThrow(new RangeError('Area x appears twice in the ranking input'));
  });
});

describe('rankChange', () => {
  it.each([
    { title: 'moved down two places (7 → 9)', prev: 7, rank: 9, change: -2 },
    { title: 'moved up three places (5 → 2)', prev: 5, rank: 2, change: 3 },
    { title: 'unchanged', prev: 4, rank: 4, change: 0 },
    { title: 'no previous rank', prev: null, rank: 4, change: null },
    { title: 'no current rank', prev: 4, rank: null, change: null },
    { title: 'undefined previous rank (new area)', prev: undefined, rank: 1, change: null },
    { title: 'NaN rank', prev: 3, rank: Number.NaN, change: null },
  ])('$title', ({ prev, rank, change }) => {
    expect(rankChange(prev, rank)).toBe(change);
  });
});

describe('rankChange of ranks that are not numbers', () => {
  it.each([
    { prev: Infinity, rank: 3 },
    { prev: 3, rank: Infinity },
    { prev: Number.NaN, rank: 3 },
    { prev: undefined, rank: undefined },
  ])('$prev → $rank: no change shown', ({ prev, rank }) => expect(rankChange(prev, rank)).toBeNull());
});
