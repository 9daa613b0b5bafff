/**
 * Pure factories for a project's benefit links: a line from the project to each village it reaches,
 * its width by households (white casing for contrast on any fill), and the village name with the
 * households at the village end.
 */
import { LineLayer, TextLayer, ScatterplotLayer } from 'deck.gl';
import type { BenefitLinkFeature } from '../features/layers/layers-api.ts';
import type { Rgb } from './project-layers.ts';
import { labelFontFamily } from './region-style.ts';

export const benefitLinkColor: Rgb = [8, 48, 107];

/** Line width in CSS px for `households`: square root from `minPx` to `maxPx` at `maxHouseholds`. */
export function linkWidthPx(households: number, maxHouseholds: number, minPx = 2, maxPx = 12): number {
  if (!(households > 0) || !(maxHouseholds > 0)) return minPx;
  return minPx + (maxPx - minPx) * Math.min(1, Math.sqrt(households / maxHouseholds));
}

export interface BenefitLinkLayerOptions {
  id?: string;
  opacity?: number;
  /** Text of the label at a village end (default: the village name). */
  labelOf?: (f: BenefitLinkFeature) => string;
}

const ends = (f: BenefitLinkFeature) => {
  const c = f.geometry.coordinates;
  return { from: c[0] as [number, number], to: c[c.length - 1] as [number, number] };
};

/** Casing, line, village dot and label layers for the links of one project. */
export function createBenefitLinkLayers(links: readonly BenefitLinkFeature[], options: BenefitLinkLayerOptions = {}) {
  const { id = 'op-benefit-links', opacity = 1, labelOf = (f) => f.properties.villageName } = options;
  const data = links.filter((f) => f.geometry?.coordinates?.length >= 2) as BenefitLinkFeature[];
  const max = Math.max(0, ...data.map((f) => f.properties.households));
  const width = (f: BenefitLinkFeature) => linkWidthPx(f.properties.households, max);
  return [
    new LineLayer<BenefitLinkFeature>({
      id: `${id}-casing`,
      data,
      opacity,
      getSourcePosition: (f) => ends(f).from,
      getTargetPosition: (f) => ends(f).to,
      getWidth: (f) => width(f) + 4,
      widthUnits: 'pixels',
      getColor: [255, 255, 255, 230],
      updateTriggers: { getWidth: [max] },
    }),
    new LineLayer<BenefitLinkFeature>({
      id: `${id}-line`,
      data,
      opacity,
      getSourcePosition: (f) => ends(f).from,
      getTargetPosition: (f) => ends(f).to,
      getWidth: width,
      widthUnits: 'pixels',
      getColor: [...benefitLinkColor, 255],
      pickable: true,
      updateTriggers: { getWidth: [max] },
    }),
    new ScatterplotLayer<BenefitLinkFeature>({
      id: `${id}-village`,
      data,
      opacity,
      getPosition: (f) => ends(f).to,
      getRadius: 6,
      radiusUnits: 'pixels',
      getFillColor: [255, 255, 255, 255],
      stroked: true,
      getLineColor: [...benefitLinkColor, 255],
      getLineWidth: 3,
      lineWidthUnits: 'pixels',
      pickable: true,
    }),
    new TextLayer<BenefitLinkFeature>({
      id: `${id}-label`,
      data,
      opacity,
      getPosition: (f) => ends(f).to,
      getText: labelOf,
      getSize: 16,
      sizeUnits: 'pixels',
      getColor: [...benefitLinkColor, 255],
      fontFamily: labelFontFamily,
      fontWeight: 700,
      getTextAnchor: 'start',
      getAlignmentBaseline: 'center',
      getPixelOffset: [10, 0],
      outlineWidth: 4,
      outlineColor: [255, 255, 255, 240],
      fontSettings: { sdf: true, fontSize: 64, buffer: 6, radius: 12 },
      characterSet: 'auto',
      pickable: false,
    }),
  ];
}
