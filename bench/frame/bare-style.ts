/**
 * The bare MapLibre page's paint, derived in node from the project layer's tables and functions
 * (client/layers/project-layers.ts) and handed to the page at build time, so that page's bundle holds
 * MapLibre only — no deck.gl — and still colours and sizes the points as our layer does.
 */
import { industryModeColors, investmentRadiusPx, nonIndustryColor, projectOutline, type Rgb } from '../../client/layers/project-layers.ts';
import type { IndustryMode } from '../../server/contracts/enums.ts';

export interface BareStyle {
  /** MapLibre expression: category ≠ industry → neutral, else the industry mode's colour. */
  color: unknown[];
  outline: string;
  /** investmentRadiusPx's range: radius = minPx + (maxPx − minPx) · min(1, √(totalWan / maxWan)), minPx for null / ≤ 0. */
  minPx: number;
  maxPx: number;
}

const css = (c: Rgb) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

export function bareStyle(): BareStyle {
  const modes = Object.keys(industryModeColors) as IndustryMode[];
  return {
    color: [
      'case',
      ['!=', ['get', 'category'], 'industry'],
      css(nonIndustryColor),
      [
        'match',
        ['coalesce', ['get', 'mode'], 'other'],
        ...modes.flatMap((m) => [m, css(industryModeColors[m])]),
        css(industryModeColors.other),
      ],
    ],
    outline: css(projectOutline),
    minPx: investmentRadiusPx(null, 1),
    maxPx: investmentRadiusPx(1, 1),
  };
}
