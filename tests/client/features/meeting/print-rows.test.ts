/** The printed ranking keeps the best and the worst units when not every row fits. */
import { describe, expect, it } from 'vitest';
import { printRows } from '../../../../client/features/meeting/print-rows.ts';

const n = (k: number) => Array.from({ length: k }, (_, i) => i + 1);
const show = (rows: ReturnType<typeof printRows<number>>) =>
  rows.map((r) => (r.kind === 'row' ? String(r.row) : `…${r.omitted}`)).join(' ');

describe('printRows', () => {
  it.each([
    { units: 0, max: 12, want: '' },
    { units: 11, max: 12, want: '1 2 3 4 5 6 7 8 9 10 11' },
    { units: 12, max: 12, want: '1 2 3 4 5 6 7 8 9 10 11 12' },
    { units: 13, max: 12, want: '1 2 3 4 5 …2 8 9 10 11 12 13' },
    { units: 21, max: 12, want: '1 2 3 4 5 …10 16 17 18 19 20 21' },
    { units: 4834, max: 12, want: '1 2 3 4 5 …4823 4829 4830 4831 4832 4833 4834' },
  ])('$units units, room for $max rows: $want', ({ units, max, want }) => {
    const rows = printRows(n(units), max);
    expect(show(rows)).toBe(want);
    expect(rows.length).toBeLessThanOrEqual(max);
  });
});
