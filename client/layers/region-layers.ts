/**
 * Pure factories for the division layers: data + options → deck.gl layer. They hold no state, fetch
 * nothing and never touch a map; the same inputs give layers with the same props.
 */
import type { Color } from 'deck.gl';
import { CollisionFilterExtension } from '@deck.gl/extensions';
import { GeoJsonLayer, TextLayer } from 'deck.gl';
import type { RegionFeature } from '../api/client.ts';
import { labelFontFamily, regionStyle } from './region-style.ts';

export interface RegionFillLayerOptions {
  /** Layer id (default 'region-fill'). */
  id?: string;
  /** Code of the selected division (drawn in `selectedFill`), or null. */
  selectedCode?: string | null;
  /** Code of the division under the pointer (tinted with `hoverFill`), or null. */
  hoveredCode?: string | null;
  fillColor?: Color;
  /** Fill per division code (a choropleth); codes not in it get `fillColor`. Replaces `selectedFill`. */
  fillColors?: ReadonlyMap<string, Color> | null;
  selectedFill?: Color;
  hoverFill?: Color;
  lineColor?: Color;
  /** Boundary width in CSS pixels (default 2). */
  lineWidthPx?: number;
  /** Answer hover and click (default true). */
  pickable?: boolean;
  /** Opacity of the whole layer, 0–1 (default 1). */
  opacity?: number;
}

/** Filled division polygons with thin boundaries; highlighted under the pointer. */
export function createRegionFillLayer(features: readonly RegionFeature[], options: RegionFillLayerOptions = {}) {
  const {
    id = 'region-fill',
    selectedCode = null,
    hoveredCode = null,
    fillColor = regionStyle.fill,
    fillColors = null,
    selectedFill = regionStyle.selectedFill,
    hoverFill = regionStyle.hoverFill,
    lineColor = regionStyle.line,
    lineWidthPx = regionStyle.lineWidthPx,
    pickable = true,
    opacity = 1,
  } = options;
  const data = features.filter((f) => f.geometry !== null) as GeoJSON.Feature<GeoJSON.Geometry, RegionFeature['properties']>[];
  return new GeoJsonLayer<RegionFeature['properties']>({
    id,
    data,
    filled: true,
    stroked: true,
    opacity,
    getFillColor: (f) => (fillColors ? (fillColors.get(f.properties.code) ?? fillColor) : f.properties.code === selectedCode ? selectedFill : fillColor),
    getLineColor: lineColor,
    getLineWidth: lineWidthPx,
    lineWidthUnits: 'pixels',
    lineJointRounded: true,
    pickable,
    // Controlled highlight rather than autoHighlight: deck's own hover state is not cleared when the
    // pointer leaves a MapLibre overlay, and a controlled one can be restored from state.
    highlightedObjectIndex: hoveredCode === null ? -1 : data.findIndex((f) => f.properties.code === hoveredCode),
    highlightColor: Array.from(hoverFill),
    updateTriggers: { getFillColor: [selectedCode, fillColor, selectedFill, fillColors] },
  });
}

export interface OutlineLayerOptions {
  id: string;
  color: Color;
  widthPx: number;
}

/** The boundary of polygons only (no fill), e.g. the city outline or the selected division. */
export function createOutlineLayer(features: readonly GeoJSON.Feature<GeoJSON.Geometry | null>[], options: OutlineLayerOptions) {
  return new GeoJsonLayer({
    id: options.id,
    data: features.filter((f) => f.geometry !== null) as GeoJSON.Feature[],
    filled: false,
    stroked: true,
    getLineColor: options.color,
    getLineWidth: options.widthPx,
    lineWidthUnits: 'pixels',
    lineJointRounded: true,
    pickable: false,
    updateTriggers: { getLineColor: [options.color], getLineWidth: [options.widthPx] },
  });
}

export interface LabelDatum {
  code: string;
  text: string;
  /** Anchor [lng, lat], EPSG:4326. */
  position: [number, number];
  /** Higher wins when labels collide (clamped to ±999; default 0). */
  priority?: number;
}

export interface RegionLabelLayerOptions {
  id?: string;
  /** Text height in CSS pixels (default 20; never below 16 — read from the back of the room). */
  sizePx?: number;
  color?: Color;
  haloColor?: Color;
  /** Label kept first when labels collide (e.g. the selected division). */
  priorityCode?: string | null;
  /** Longer names wrap after about this many CJK characters (default regionStyle.labelCharsPerLine). */
  charsPerLine?: number;
}

/**
 * Division names at their anchors, drawn with a local CJK font (glyph atlas built in the browser from
 * the characters in the data, so no glyph server), with a halo, and thinned so that none overlap.
 * Give it the labels kept by placeLabels() for the current view.
 */
export function createRegionLabelLayer(labels: readonly LabelDatum[], options: RegionLabelLayerOptions = {}) {
  const { id = 'region-labels', sizePx = regionStyle.labelSizePx, color = regionStyle.labelColor, haloColor = regionStyle.labelHalo, priorityCode = null, charsPerLine = regionStyle.labelCharsPerLine } = options;
  return new TextLayer<LabelDatum, { collisionEnabled: boolean; getCollisionPriority: (d: LabelDatum) => number; collisionTestProps: object }>({
    id,
    data: labels as LabelDatum[],
    getPosition: (d) => d.position,
    getText: (d) => d.text,
    getSize: Math.max(16, sizePx),
    sizeUnits: 'pixels',
    getColor: color,
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    // Long names (e.g. 豫东综合物流产业聚集区) wrap instead of spreading over their neighbours.
    wordBreak: 'break-all',
    maxWidth: charsPerLine,
    lineHeight: regionStyle.labelLineHeight,
    characterSet: 'auto',
    fontFamily: labelFontFamily,
    fontWeight: 600,
    // SDF glyphs allow the outline (halo) that keeps dark text legible on any fill colour.
    fontSettings: { sdf: true, fontSize: 64, buffer: 6, radius: 12 },
    outlineWidth: 4,
    outlineColor: haloColor,
    pickable: false,
    extensions: [new CollisionFilterExtension()],
    collisionEnabled: true,
    getCollisionPriority: (d) => (d.code === priorityCode ? 1000 : Math.max(-999, Math.min(999, d.priority ?? 0))),
    // deck hides a label when a higher-priority label's footprint covers its *anchor point* (not its
    // box), so this only guards the frames of a zoom; at rest the data come from placeLabels(), which
    // is exact. A footprint 1.5× the text never hides a label that placeLabels() kept.
    collisionTestProps: { sizeScale: 1.5 },
    updateTriggers: { getCollisionPriority: [priorityCode] },
  });
}
