/**
 * Pixels of a screenshot for the benchmarks: the PNG decoder and colour counting of the end-to-end
 * tests (tests/e2e/pixels.ts), plus two summaries, so a page that draws nothing fails.
 */
import { countColor, decodePng, type Image } from '../../tests/e2e/pixels.ts';

export { decodePng, type Image };

/** Pixels within `tolerance` (per channel) of each colour. */
export function countColors(img: Image, colors: Record<string, readonly [number, number, number]>, tolerance = 10): Record<string, number> {
  return Object.fromEntries(Object.entries(colors).map(([name, c]) => [name, countColor(img, c, tolerance)]));
}

/** Share of pixels that differ from the background by more than `tolerance` in some channel. */
export function coverage(img: Image, background: readonly [number, number, number], tolerance = 12): number {
  const d = img.data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (
      Math.abs(d[i] - background[0]) > tolerance ||
      Math.abs(d[i + 1] - background[1]) > tolerance ||
      Math.abs(d[i + 2] - background[2]) > tolerance
    )
      n++;
  }
  return n / (d.length / 4);
}
