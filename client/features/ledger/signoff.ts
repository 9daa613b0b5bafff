/**
 * Sign-off (层层签字) on screen: the month a date falls in, the mark a county carries on the map (none
 * once signed by both), and the order the sign-off table lists counties in (those needing a signature
 * first). Pure.
 */
import type { LedgerMessageKey } from './ledger-i18n.ts';

export type SignoffState = 'unsigned' | 'partial' | 'signed' | 'changed';

/** 'YYYY-MM' of an ISO date (the sign-off period of the as-of date). */
export function periodOf(isoDate: string | null | undefined, fallback = new Date().toISOString()): string {
  const d = isoDate && /^\d{4}-\d{2}/.test(isoDate) ? isoDate : fallback;
  return d.slice(0, 7);
}

export interface SignoffMark {
  state: Exclude<SignoffState, 'signed'>;
  label: LedgerMessageKey;
}

/** The map's mark of a county: unsigned, one of two, changed after signing; none when signed. */
export function markOf(state: SignoffState): SignoffMark | null {
  switch (state) {
    case 'unsigned':
      return { state, label: 'mark.unsigned' };
    case 'partial':
      return { state, label: 'mark.partial' };
    case 'changed':
      return { state, label: 'mark.changed' };
    default:
      return null;
  }
}

const urgency: Record<SignoffState, number> = { changed: 0, unsigned: 1, partial: 2, signed: 3 };

/** Counties needing attention first (changed after signing, unsigned, one of two), then by code. */
export function signoffOrder<T extends { state: SignoffState; countyCode: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => urgency[a.state] - urgency[b.state] || a.countyCode.localeCompare(b.countyCode));
}

/** Counts per state (for the tab's title and the legend). */
export function countStates(items: readonly { state: SignoffState }[]): Record<SignoffState, number> {
  const out: Record<SignoffState, number> = { unsigned: 0, partial: 0, signed: 0, changed: 0 };
  for (const i of items) out[i.state] += 1;
  return out;
}

export interface MarkBox {
  code: string;
  x: number;
  y: number;
  width: number;
  height: number;
  state: SignoffState;
}

/**
 * The marks that fit without covering one another, the most urgent first (changed after signing, then
 * one of two, then unsigned; then by code), clear of the obstacles: a crowded map keeps the names and the
 * marks that matter readable.
 */
export function placeMarks(
  boxes: readonly MarkBox[],
  /** What marks must not cover either, e.g. the counties' name labels. */
  obstacles: readonly Pick<MarkBox, 'x' | 'y' | 'width' | 'height'>[] = [],
  gap = 2,
): MarkBox[] {
  const order: Record<SignoffState, number> = { changed: 0, partial: 1, unsigned: 2, signed: 3 };
  const placed: Pick<MarkBox, 'x' | 'y' | 'width' | 'height'>[] = [...obstacles];
  const out: MarkBox[] = [];
  const sorted = [...boxes].sort((a, b) => order[a.state] - order[b.state] || a.code.localeCompare(b.code));
  for (const b of sorted) {
    const hits = placed.some(
      (p) => b.x < p.x + p.width + gap && p.x < b.x + b.width + gap && b.y < p.y + p.height + gap && p.y < b.y + b.height + gap,
    );
    if (!hits) {
      placed.push(b);
      out.push(b);
    }
  }
  return out;
}
