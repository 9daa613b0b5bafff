/**
 * Statistical disclosure control of household aggregates (docs/security.md, "Small counts").
 *
 * Household records are personal data; their counts per area, per hexagon and in household measures
 * are published to everyone who may read aggregates. For everyone but the county editor of the
 * county (who may read the records anyway) every published household count goes through
 * `protectCount`:
 *
 * - 0 stays 0 (an empty cell discloses nobody);
 * - 1–4 are suppressed (null, shown as "<5");
 * - 5 and more are rounded to a multiple of 5, up or down at random with the probability of an
 *   unbiased rounding (7 → 5 with 60 %, 10 with 40 %), the "random" draw being the cell key.
 *
 * The cell key (0–255) is the ABS TableBuilder / UK 2021 census construction: every household
 * record has a record key, a keyed hash (server secret) of its id, and a cell's key is the sum of the
 * record keys of the households it counts, modulo 256. So the same set of households always gets
 * the same rounding (asking again, or for the same cell by another road, reveals nothing), keys of
 * unions add up, and without the secret nobody can predict the direction of a rounding.
 *
 * Why rounding to 5 and not ±noise: every published count is then 0 or a multiple of 5, so any
 * difference or sum of published counts — across filters, levels, sibling areas or hexagon sizes —
 * is again a multiple of 5 and can never be an exact count of 1–4.
 */

/** Smallest non-zero household count that is published. */
export const smallCountLimit = 5;
/** Published counts are multiples of this. */
export const roundingBase = 5;
/** Cell keys are 0 … cellKeyModulus − 1 (one byte per record key). */
export const cellKeyModulus = 256;

/** Who sees a household aggregate as it is: 'exact' for the county editor of that county, else 'protected'. */
export type DisclosureScope = 'exact' | 'protected';

/** A published household count: a number, or null for a suppressed count of 1–4 ("<5"). */
export type PublishedCount = number | null;

/** The cell key of a cell from the sum of its records' keys (any integer; reduced modulo 256). */
export function cellKeyOf(recordKeySum: number): number {
  const k = Math.trunc(recordKeySum) % cellKeyModulus;
  return k < 0 ? k + cellKeyModulus : k;
}

/**
 * The published form of a household count `value` whose cell key is `cellKey` (0–255).
 * @throws RangeError for a negative or fractional count.
 */
export function protectCount(value: number, cellKey: number, scope: DisclosureScope = 'protected'): PublishedCount {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`A household count must be a whole number ≥ 0 (got ${value}).`);
  if (scope === 'exact' || value === 0) return value;
  if (value < smallCountLimit) return null;
  const base = Math.floor(value / roundingBase) * roundingBase;
  const remainder = value - base;
  if (remainder === 0) return value;
  // Unbiased random rounding: up with probability remainder / base, the draw being the cell key.
  const draw = (cellKeyOf(cellKey) + 0.5) / cellKeyModulus;
  return draw < remainder / roundingBase ? base + roundingBase : base;
}

/** A count with the key sum of its records, as SQL aggregates it. */
export interface KeyedCount {
  value: number;
  keySum: number;
}

/** Add keyed counts (for totals over areas: the keys of a union add up). */
export function sumKeyed(counts: readonly KeyedCount[]): KeyedCount {
  return counts.reduce((a, c) => ({ value: a.value + c.value, keySum: (a.keySum + c.keySum) % cellKeyModulus }), { value: 0, keySum: 0 });
}

/** `protectCount` of a keyed count. */
export const protectKeyed = (c: KeyedCount, scope: DisclosureScope): PublishedCount => protectCount(c.value, c.keySum, scope);

/** Where a principal may see exact household figures: the county whose records it may read, or none. */
export interface ExactReach {
  /** County code whose household records the principal may read (county editor), else null. */
  countyCode: string | null;
}

/**
 * The scope of an answer about the area `area` (and what lies under it): exact only when the whole
 * area lies in the county whose records the principal may read.
 */
export function disclosureScopeFor(reach: ExactReach, area: { code: string; countyCode: string | null }): DisclosureScope {
  if (!reach.countyCode) return 'protected';
  return area.code === reach.countyCode || area.countyCode === reach.countyCode ? 'exact' : 'protected';
}

/**
 * Points that stand for one household — a household rooftop PV station (type 'household') and a
 * housing-renovation project (危房改造, category 'housing') reaching fewer than `smallCountLimit`
 * households — are moved for protected readers to their village's label point, rounded to
 * `generalisedDecimals` places. (The SQL of the layers applies this rule: server/db/queries/layers.ts.)
 */
/** Decimal places of a generalised point's coordinates (0.01° ≈ 1 km). */
export const generalisedDecimals = 2;
