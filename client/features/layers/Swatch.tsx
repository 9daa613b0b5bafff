import type { Rgb } from '../../layers/project-layers.ts';
import { projectOutline } from '../../layers/project-layers.ts';
import { css } from './panel-options.ts';

/** A legend symbol: a circle, a square or a line in `color` (with an outline for the first two). */
export function Swatch({
  color,
  shape = 'circle',
  outline = projectOutline,
}: {
  color: Rgb;
  shape?: 'circle' | 'square' | 'line';
  outline?: Rgb;
}) {
  const style =
    shape === 'line'
      ? { width: 22, height: 5, background: css(color), borderRadius: 2 }
      : {
          width: 14,
          height: 14,
          background: css(color),
          border: `1.5px solid ${css(outline)}`,
          borderRadius: shape === 'circle' ? '50%' : 2,
        };
  return <span className="op-legend__swatch" style={style} aria-hidden />;
}
