/**
 * The division layers as MapLibre style layers (pure: specs only, no map): fill, hover tint, boundaries,
 * the area outline, the selected outline and the labels (name + value). Colours per division, hover and
 * selection are feature state, so a new measure, a hover or a click never re-tiles the polygons.
 * Labels are drawn by MapLibre itself from local fonts (no glyph server: the style has no `glyphs`, so
 * every glyph is rasterised in the browser).
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { regionStyle, type Rgba } from '../layers/region-style.ts';

export const regionSourceIds = { polygons: 'regions', outline: 'region-outline', labels: 'region-labels' } as const;
export const regionLayerIds = {
  fill: 'region-fill',
  hover: 'region-hover',
  line: 'region-line',
  outline: 'area-outline',
  selected: 'selected-outline',
  labels: 'region-labels',
} as const;

/** Local CJK fonts in order; the first name carries the weight MapLibre reads from it (600 → bold face). */
export const labelFontStack = [
  'Noto Sans CJK SC SemiBold',
  'Noto Sans CJK SC',
  'Noto Sans SC',
  'Source Han Sans SC',
  'Microsoft YaHei',
  'PingFang SC',
];

/** CSS colour of an RGBA (0–255) colour. */
export const cssColor = (c: Rgba | readonly number[]): string => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${+((c[3] ?? 255) / 255).toFixed(4)})`;

const state = (key: string): ExpressionSpecification => ['boolean', ['feature-state', key], false];

/** Style layers of the divisions, bottom first; `opacity` (0–1) dims fill and boundaries (the labels stay). */
export function regionStyleLayers(opacity: number): LayerSpecification[] {
  const { polygons, outline, labels } = regionSourceIds;
  return [
    {
      id: regionLayerIds.fill,
      type: 'fill',
      source: polygons,
      paint: { 'fill-color': ['to-color', ['coalesce', ['feature-state', 'fill'], cssColor(regionStyle.fill)]], 'fill-opacity': opacity },
    },
    {
      id: regionLayerIds.hover,
      type: 'fill',
      source: polygons,
      // The tint blends over whatever fill is there, so a choropleth keeps its hue.
      paint: { 'fill-color': cssColor(regionStyle.hoverFill), 'fill-opacity': ['case', state('hover'), opacity, 0] },
    },
    {
      id: regionLayerIds.line,
      type: 'line',
      source: polygons,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': cssColor(regionStyle.line), 'line-width': regionStyle.lineWidthPx, 'line-opacity': opacity },
    },
    {
      id: regionLayerIds.outline,
      type: 'line',
      source: outline,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': cssColor(regionStyle.areaOutline), 'line-width': regionStyle.areaOutlineWidthPx },
    },
    {
      id: regionLayerIds.selected,
      type: 'line',
      source: polygons,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': cssColor(regionStyle.selectedOutline),
        'line-width': regionStyle.selectedOutlineWidthPx,
        'line-opacity': ['case', state('selected'), 1, 0],
      },
    },
    {
      id: regionLayerIds.labels,
      type: 'symbol',
      source: labels,
      layout: {
        'text-field': ['get', 'text'],
        'text-font': labelFontStack,
        'text-size': Math.max(16, regionStyle.labelSizePx),
        // Lines are broken by the caller (names after six characters, the value on its own line), as
        // placeLabels() measures them; MapLibre must not re-balance them.
        'text-max-width': 40,
        'text-line-height': regionStyle.labelLineHeight,
        'text-anchor': 'center',
        'text-justify': 'center',
        'text-padding': 0,
        // Placement at rest comes from placeLabels() (exact, no overlap); while zooming MapLibre hides
        // labels that would collide, the higher-priority ones (lower key) first.
        'symbol-sort-key': ['get', 'sortKey'],
      },
      paint: {
        'text-color': cssColor(regionStyle.labelColor),
        'text-halo-color': cssColor(regionStyle.labelHalo),
        'text-halo-width': 2.5,
        'text-halo-blur': 0.5,
      },
    },
  ];
}
