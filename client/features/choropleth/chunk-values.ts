/**
 * The province view at village zoom asks for values per county chunk, like the boundaries (the whole
 * province's villages are 52,378 rows, 1.6 MB gzip): this joins the answers of the chunks in view into
 * one MeasureValues for the map, the legend and the ranking (pure).
 */
import type { MeasureValues } from '../../api/client.ts';
import { rankAreas } from '../../../server/domain/ranking.ts';

/**
 * One answer for the parent of `whole` (its answer at a coarser level: the province's counties) from the
 * answers of its chunks (in chunk order): the parent, its total and its 序时进度 from `whole`, the rows
 * from the chunks. Ranks are ranks among the areas of the joined chunks, by the server's ranking rule; a
 * rank on the earlier date, which was ranked within one chunk, is left out. No chunk yet → null.
 */
export function joinChunkValues(parts: readonly MeasureValues[], whole: Pick<MeasureValues, 'parent' | 'total'>): MeasureValues | null {
  if (parts.length === 0) return null;
  const [first] = parts;
  const rows = parts.flatMap((p) => p.rows);
  const ranks = rankAreas(
    rows.map((r) => ({ code: r.code, value: r.value })),
    first.measure.higherIsBetter,
  );
  return {
    ...first,
    parent: whole.parent,
    total: whole.total,
    rankedCount: ranks.size,
    rows: rows.map((r) => ({
      ...r,
      rank: ranks.get(r.code) ?? null,
      ...(r.previous ? { previous: { ...r.previous, rank: null } } : {}),
    })),
  };
}

/**
 * The answer that holds the figures of the row `code` (or, without one, of the area itself) at the level
 * of `values`: the same level and parent — except in the province view below the counties, where a
 * row is in its own county's chunk and the area's total in its small answer at county level (never the
 * whole province's villages for one figure).
 */
export function answerScope(
  values: Pick<MeasureValues, 'level' | 'parent'>,
  code: string | null,
): { level: MeasureValues['level']; parent: string } {
  if (values.parent.level !== 'province' || values.level === 'county') return { level: values.level, parent: values.parent.code };
  return code ? { level: values.level, parent: code.slice(0, 6) } : { level: 'county', parent: values.parent.code };
}
