/**
 * The province view at village zoom asks for values per county chunk, like the boundaries (the whole
 * province's villages are 52,378 rows, 1.6 MB gzip): this joins the answers of the chunks in view into
 * one MeasureValues for the map, the legend and the ranking (pure).
 */
import type { MeasureValues } from '../../api/client.ts';
import { rankAreas } from '../../../server/domain/ranking.ts';

type Parent = MeasureValues['parent'];

/**
 * One answer for `parent` from the answers of its chunks (in chunk order). Ranks are ranks among the
 * areas of the joined chunks, by the server's ranking rule; a rank on the earlier date, which was
 * ranked within one chunk, is left out. The total is not the parent's own (only the chunks in view
 * are joined): its figures are null. No chunk answered yet → null.
 */
export function joinChunkValues(parts: readonly MeasureValues[], parent: Parent): MeasureValues | null {
  if (parts.length === 0) return null;
  const [first] = parts;
  const rows = parts.flatMap((p) => p.rows);
  const ranks = rankAreas(
    rows.map((r) => ({ code: r.code, value: r.value })),
    first.measure.higherIsBetter,
  );
  return {
    ...first,
    parent,
    total: { numerator: null, denominator: null, value: null },
    rankedCount: ranks.size,
    rows: rows.map((r) => ({
      ...r,
      rank: ranks.get(r.code) ?? null,
      ...(r.previous ? { previous: { ...r.previous, rank: null } } : {}),
    })),
  };
}
