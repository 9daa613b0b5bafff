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
const flat = (d: ReturnType<typeof discloseCatchmentCounts>) => [
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
