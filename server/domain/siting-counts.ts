/**
 * Household counts of a siting catchment as a viewer may see them. Every household count the siting
 * API sends passes through `discloseCatchmentCounts` or `discloseTargetCount`, which publish through
 * the disclosure module (server/domain/disclosure.ts: 1–4 withheld, the rest rounded to multiples of 5
 * by cell key, so no difference of published counts is ever 1–4). Pure.
 */
import { protectKeyed, smallCountLimit, sumKeyed, type DisclosureScope, type KeyedCount, type PublishedCount } from './disclosure.ts';

/** Smallest household count shown to a viewer who is not the county editor of the households' county. */
export const minDisclosedCount = smallCountLimit;

export const sitingCategories = ['not_lifted', 'edge', 'monitored'] as const;
export const sitingLabours = ['none', 'weak', 'full'] as const;

/** Raw counts of one cell (category × labour capacity) with the key sums of their records. */
export interface CatchmentCell {
  category: (typeof sitingCategories)[number];
  labour: (typeof sitingLabours)[number];
  total: number;
  totalKey: number;
  fewerThanTwo: number;
  fewerKey: number;
}

/** A count as sent: the number, or null when withheld (shown as “<5” / “<5 户”). */
export type DisclosedCount = PublishedCount;

export interface DisclosedCatchmentCounts {
  cells: { category: CatchmentCell['category']; labour: CatchmentCell['labour']; total: DisclosedCount; fewerThanTwo: DisclosedCount }[];
  byCategory: { category: CatchmentCell['category']; total: DisclosedCount; fewerThanTwo: DisclosedCount }[];
  byLabour: { labour: CatchmentCell['labour']; total: DisclosedCount; fewerThanTwo: DisclosedCount }[];
  total: DisclosedCount;
  /** Households with labour capacity (weak or full). */
  withLabour: DisclosedCount;
  /** Target households: with labour capacity and fewer than two industry measures. */
  target: DisclosedCount;
  /** Target households already within reach of an existing industry project (the overlap). */
  targetServed: DisclosedCount;
}

/**
 * The household counts of a catchment for a viewer of `scope` ('exact': the county editor of the
 * only county the households belong to). Totals are summed from the raw cells with their keys, then
 * published each on its own (never a sum of rounded numbers). Missing cells count as 0.
 */
export function discloseCatchmentCounts(
  rawCells: readonly CatchmentCell[],
  targetServed: KeyedCount,
  scope: DisclosureScope,
): DisclosedCatchmentCounts {
  const cell = (c: string, l: string) => rawCells.find((x) => x.category === c && x.labour === l);
  const total = (cs: (CatchmentCell | undefined)[]) => sumKeyed(cs.map((x) => ({ value: x?.total ?? 0, keySum: x?.totalKey ?? 0 })));
  const fewer = (cs: (CatchmentCell | undefined)[]) => sumKeyed(cs.map((x) => ({ value: x?.fewerThanTwo ?? 0, keySum: x?.fewerKey ?? 0 })));
  const pub = (k: KeyedCount) => protectKeyed(k, scope);
  const all = sitingCategories.flatMap((c) => sitingLabours.map((l) => cell(c, l)));
  const withLabour = sitingCategories.flatMap((c) => [cell(c, 'weak'), cell(c, 'full')]);
  return {
    cells: sitingCategories.flatMap((category) =>
      sitingLabours.map((labour) => ({
        category,
        labour,
        total: pub(total([cell(category, labour)])),
        fewerThanTwo: pub(fewer([cell(category, labour)])),
      })),
    ),
    byCategory: sitingCategories.map((category) => {
      const row = sitingLabours.map((l) => cell(category, l));
      return { category, total: pub(total(row)), fewerThanTwo: pub(fewer(row)) };
    }),
    byLabour: sitingLabours.map((labour) => {
      const col = sitingCategories.map((c) => cell(c, labour));
      return { labour, total: pub(total(col)), fewerThanTwo: pub(fewer(col)) };
    }),
    total: pub(total(all)),
    withLabour: pub(total(withLabour)),
    target: pub(fewer(withLabour)),
    targetServed: pub(targetServed),
  };
}

/** A single target-household count of a suggested village. Always protected: a village's reach crosses county lines. */
export function discloseTargetCount(c: KeyedCount): DisclosedCount {
  return protectKeyed(c, 'protected');
}
