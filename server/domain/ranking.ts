/** Ranking of areas on a measure (排名), best first, and the change in rank between two cut-offs. */

/** An area and its measure value; null or NaN = no data. */
export interface RankInput {
  readonly code: string;
  readonly value: number | null;
}

/** Values this close (relative to their size, at least 1) are tied: floating-point noise, not a lead. */
const tieTolerance = 1e-9;
const tied = (a: number, b: number) => Math.abs(a - b) <= tieTolerance * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Competition ranking ("1224"): the best area is 1; tied areas share a rank and the next rank skips
 * (values 90, 80, 80, 70 → 1, 2, 2, 4). Best is the highest value when `higherIsBetter`, else the
 * lowest. Areas whose value is null, NaN or infinite are left out of the map (unranked), and do not
 * use up ranks; the number of ranked areas is the map's `size`. Empty or all-null input → empty map.
 * @throws RangeError when a code appears twice (rows must be aggregated per area first).
 */
export function rankAreas(rows: readonly RankInput[], higherIsBetter: boolean): Map<string, number> {
  const seen = new Set<string>();
  const ranked: { code: string; value: number }[] = [];
  for (const row of rows) {
    if (seen.has(row.code)) throw new RangeError(`Area ${row.code} appears twice in the ranking input`);
    seen.add(row.code);
    if (row.value != null && Number.isFinite(row.value)) ranked.push({ code: row.code, value: row.value });
  }
  ranked.sort((a, b) => (higherIsBetter ? b.value - a.value : a.value - b.value));
  const ranks = new Map<string, number>();
  let rank = 0;
  ranked.forEach((row, i) => {
    if (i === 0 || !tied(row.value, ranked[i - 1].value)) rank = i + 1;
    ranks.set(row.code, rank);
  });
  return ranks;
}

/**
 * Change in rank from the previous cut-off to this one, in places: positive = moved up (shown ▲),
 * negative = moved down (▼), 0 = unchanged. Rank 7 → 9 is −2. Null when either rank is missing.
 */
export function rankChange(prevRank: number | null | undefined, rank: number | null | undefined): number | null {
  if (prevRank == null || rank == null || !Number.isFinite(prevRank) || !Number.isFinite(rank)) return null;
  return prevRank - rank;
}
