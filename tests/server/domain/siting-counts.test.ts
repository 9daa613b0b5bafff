/** The catchment's household counts through the disclosure rule: exact for the county editor, else 0, null or a multiple of 5. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discloseCatchmentCounts, discloseTargetCount, type CatchmentCell } from '../../../server/domain/siting-counts.ts';

const cell = fc.record({
  category: fc.constantFrom('not_lifted' as const, 'edge' as const, 'monitored' as const),
  labour: fc.constantFrom('none' as const, 'weak' as const, 'full' as const),
  total: fc.integer({ min: 0, max: 60 }),
  totalKey: fc.integer({ min: 0, max: 255 * 60 }),
  fewerThanTwo: fc.integer({ min: 0, max: 60 }),
  fewerKey: fc.integer({ min: 0, max: 255 * 60 }),
});
const unique = (cells: CatchmentCell[]) => [
  ...new Map(cells.map((c) => [`${c.category}:${c.labour}`, { ...c, fewerThanTwo: Math.min(c.fewerThanTwo, c.total) }])).values(),
];
type Counts = ReturnType<typeof discloseCatchmentCounts>;
const flat = (d: Counts) => [
  d.total,
  d.withLabour,
  d.target,
  d.targetServed,
  ...d.cells.flatMap((c) => [c.total, c.fewerThanTwo]),
  ...d.byCategory.flatMap((c) => [c.total, c.fewerThanTwo]),
  ...d.byLabour.flatMap((c) => [c.total, c.fewerThanTwo]),
];

describe('discloseCatchmentCounts', () => {
  it('shows everything exactly to the county editor of the county', () => {
    const d = discloseCatchmentCounts(
      [{ category: 'edge', labour: 'full', total: 3, totalKey: 7, fewerThanTwo: 2, fewerKey: 5 }],
      { value: 1, keySum: 9 },
      'exact',
    );
    expect([d.total, d.withLabour, d.target, d.targetServed]).toEqual([3, 3, 2, 1]);
  });

  it.each([
    { title: '1–4 withheld', total: 3, out: null },
    { title: '0 stays 0', total: 0, out: 0 },
    { title: 'a multiple of 5 stays', total: 20, out: 20 },
  ])('protected: $title', ({ total, out }) => {
    const d = discloseCatchmentCounts(
      [{ category: 'edge', labour: 'none', total, totalKey: 100, fewerThanTwo: 0, fewerKey: 0 }],
      { value: 0, keySum: 0 },
      'protected',
    );
    expect(d.total).toBe(out);
  });

  it('publishes only 0, null or multiples of 5 within 4 of the truth, so no difference is ever 1–4', () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 12 }), fc.integer({ min: 0, max: 30 }), fc.nat(), (raw, served, key) => {
        const cells = unique(raw);
        const d = flat(discloseCatchmentCounts(cells, { value: served, keySum: key }, 'protected'));
        const e = flat(discloseCatchmentCounts(cells, { value: served, keySum: key }, 'exact'));
        d.forEach((n, i) => {
          if (n === null) expect(e[i]! > 0 && e[i]! < 5).toBe(true);
          else expect(n % 5 === 0 && Math.abs(n - e[i]!) <= 4).toBe(true);
        });
      }),
    );
  });

  it('gives the same answer for the same households (no averaging by asking again)', () => {
    const cells: CatchmentCell[] = [{ category: 'edge', labour: 'full', total: 17, totalKey: 1234, fewerThanTwo: 8, fewerKey: 321 }];
    expect(discloseCatchmentCounts(cells, { value: 6, keySum: 40 }, 'protected')).toEqual(
      discloseCatchmentCounts(cells, { value: 6, keySum: 40 }, 'protected'),
    );
  });

  it('protects a suggested village’s target count', () => {
    expect(discloseTargetCount({ value: 3, keySum: 10 })).toBeNull();
    expect([10, 15]).toContain(discloseTargetCount({ value: 12, keySum: 10 }));
  });
});

describe('the catchment’s totals, as the county editor sees them', () => {
  // A full grid, every cell different, so a sum over the wrong cells shows.
  const grid: CatchmentCell[] = [
    { category: 'not_lifted', labour: 'none', total: 1, totalKey: 0, fewerThanTwo: 1, fewerKey: 0 },
    { category: 'not_lifted', labour: 'weak', total: 2, totalKey: 0, fewerThanTwo: 2, fewerKey: 0 },
    { category: 'not_lifted', labour: 'full', total: 4, totalKey: 0, fewerThanTwo: 3, fewerKey: 0 },
    { category: 'edge', labour: 'none', total: 8, totalKey: 0, fewerThanTwo: 5, fewerKey: 0 },
    { category: 'edge', labour: 'weak', total: 16, totalKey: 0, fewerThanTwo: 7, fewerKey: 0 },
    { category: 'edge', labour: 'full', total: 32, totalKey: 0, fewerThanTwo: 11, fewerKey: 0 },
    { category: 'monitored', labour: 'none', total: 64, totalKey: 0, fewerThanTwo: 13, fewerKey: 0 },
    { category: 'monitored', labour: 'weak', total: 128, totalKey: 0, fewerThanTwo: 17, fewerKey: 0 },
    { category: 'monitored', labour: 'full', total: 256, totalKey: 0, fewerThanTwo: 19, fewerKey: 0 },
  ];
  // Computed in each test, not once for the describe block, so that mutation testing sees the call.
  const disclose = () => discloseCatchmentCounts([...grid].reverse(), { value: 9, keySum: 0 }, 'exact');

  it.each([
    { what: 'all households', got: (d: Counts) => d.total, want: 511 },
    { what: 'with labour capacity: weak and full, never none', got: (d: Counts) => d.withLabour, want: 2 + 4 + 16 + 32 + 128 + 256 },
    { what: 'target: with labour capacity and fewer than two measures', got: (d: Counts) => d.target, want: 2 + 3 + 7 + 11 + 17 + 19 },
    { what: 'target already served, as counted', got: (d: Counts) => d.targetServed, want: 9 },
  ])('$what', ({ got, want }) => expect(got(disclose())).toBe(want));

  it('has every cell, in category × labour order, with its own counts', () => {
    expect(disclose().cells).toEqual(
      grid.map((c) => ({ category: c.category, labour: c.labour, total: c.total, fewerThanTwo: c.fewerThanTwo })),
    );
  });
  it('sums each category over the three labour levels', () => {
    expect(disclose().byCategory).toEqual([
      { category: 'not_lifted', total: 7, fewerThanTwo: 6 },
      { category: 'edge', total: 56, fewerThanTwo: 23 },
      { category: 'monitored', total: 448, fewerThanTwo: 49 },
    ]);
  });
  it('sums each labour level over the three categories', () => {
    expect(disclose().byLabour).toEqual([
      { labour: 'none', total: 73, fewerThanTwo: 19 },
      { labour: 'weak', total: 146, fewerThanTwo: 26 },
      { labour: 'full', total: 292, fewerThanTwo: 33 },
    ]);
  });
  it('counts a missing cell as 0', () => {
    const one = discloseCatchmentCounts([grid[5]], { value: 0, keySum: 0 }, 'exact');
    expect(one.cells.filter((c) => c.total !== 0)).toEqual([{ category: 'edge', labour: 'full', total: 32, fewerThanTwo: 11 }]);
    expect([one.total, one.withLabour, one.target]).toEqual([32, 32, 11]);
  });
});

describe('protected totals are rounded from the summed keys, not summed from rounded cells', () => {
  // Two cells of 7 households: the sum 14 is published from the sum of their keys.
  const cells = (k1: number, k2: number): CatchmentCell[] => [
    { category: 'edge', labour: 'weak', total: 7, totalKey: k1, fewerThanTwo: 7, fewerKey: k1 },
    { category: 'edge', labour: 'full', total: 7, totalKey: k2, fewerThanTwo: 7, fewerKey: k2 },
  ];
  // 7 rounds up when its key is at most 101 (probability 2/5), 14 when at most 204 (4/5).
  it.each([
    { k1: 0, k2: 0, published: [10, 10], total: 15 },
    { k1: 200, k2: 200, published: [5, 5], total: 15 },
    { k1: 250, k2: 250, published: [5, 5], total: 10 },
    { k1: 60, k2: 220, published: [10, 5], total: 15 },
    { k1: 101, k2: 102, published: [10, 5], total: 15 },
    { k1: 102, k2: 102, published: [5, 5], total: 15 },
    { k1: 102, k2: 103, published: [5, 5], total: 10 },
  ])('keys $k1 and $k2: cells $published, total $total', ({ k1, k2, published, total }) => {
    const d = discloseCatchmentCounts(cells(k1, k2), { value: 0, keySum: 0 }, 'protected');
    expect(d.cells.filter((c) => c.total !== 0).map((c) => c.total)).toEqual(published);
    expect([d.total, d.withLabour, d.target]).toEqual([total, total, total]);
  });
});
