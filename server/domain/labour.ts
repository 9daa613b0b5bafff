/**
 * Labour capacity (劳动能力) of a household, one definition for the measures, the household layers,
 * the ledger and every label. The three levels group the national poverty-alleviation information
 * system's 劳动技能 values (docs/domain.md): none = 丧失劳动力 or 无劳动力, weak = 弱劳动力或半劳动力,
 * full = 普通劳动力 or 技能劳动力. "With labour capacity" in a measure means weak or full, and says so.
 */
import type { LabourCapacity } from '../contracts/enums.ts';

/** Labels of the three levels, as the national system names them. */
export const labourLabels: Readonly<Record<LabourCapacity, { readonly zh: string; readonly en: string }>> = {
  none: { zh: '丧失劳动力或无劳动力', en: 'Lost or no labour capacity' },
  weak: { zh: '弱劳动力或半劳动力', en: 'Weak or half labour' },
  full: { zh: '普通劳动力或技能劳动力', en: 'Ordinary or skilled labour' },
};

/** The levels a measure counts as "with labour capacity" (有劳动能力): weak and full. */
export const withLabourCapacity: readonly LabourCapacity[] = ['weak', 'full'];

/** What "with labour capacity" counts, said in every label that uses it. */
export const withLabourLabel = { zh: '有劳动能力（含弱劳动能力）', en: 'with labour capacity (weak included)' } as const;
