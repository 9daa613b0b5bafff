/**
 * The choropleth of the current view: fills by class, the area outline, the selected outline, labels
 * (name + value) and the tooltip, built by the pure layer factories; operational layers go above the
 * fills and outlines, the labels above everything.
 */
import { WebMercatorViewport, type LayersList, type PickingInfo } from 'deck.gl';
import { useCallback, useMemo, useState, type Ref } from 'react';
import type { MeasureRow, MeasureValues, RegionCollection, RegionFeature } from '../../api/client.ts';
import { defaultAreaCamera, defaultViewState, type Camera } from '../../app-state/view-state.ts';
import { useI18n } from '../../i18n/use-i18n.tsx';
import { placeLabels } from '../../layers/label-placement.ts';
import { createOutlineLayer, createRegionFillLayer, createRegionLabelLayer } from '../../layers/region-layers.ts';
import { regionStyle } from '../../layers/region-style.ts';
import { MapView, type MapTooltip, type MapViewHandle } from '../../map/MapView.tsx';
import type { MapViewport } from '../../map/types.ts';
import { formatDate, formatMeasureValue, formatPts, formatQuantity } from '../../../server/domain/format.ts';
import { dissolveRegions, findRegion, regionBounds, regionLabels } from '../regions/region-geometry.ts';
import type { Rgba } from './choropleth.ts';

export interface ChoroplethMapProps {
  mapRef?: Ref<MapViewHandle>;
  area: string;
  data: RegionCollection | null;
  values: MeasureValues | null;
  fillColors: ReadonlyMap<string, Rgba> | null;
  /** Opacity of the choropleth fill, 0–1 (lower while a layer with its own colour ramp is shown). */
  fillOpacity?: number;
  selectedCode: string | null;
  hoveredCode: string | null;
  initialCamera: Camera | null;
  /** Layers drawn above the choropleth (operational layers). */
  overlayLayers?: LayersList;
  /** Called first on a click; true = handled (the choropleth does nothing). */
  onOverlayPick?: (info: PickingInfo) => boolean;
  /** Tooltip of the operational layers' objects (text), or null. */
  overlayTooltip?: (info: PickingInfo) => string | null;
  onHoverCode: (code: string | null) => void;
  onAreaClick: (code: string) => void;
  onCameraChange: (camera: Camera) => void;
}

const FILL_ID = 'region-fill';

const tooltipStyle = { fontSize: '15px', lineHeight: '1.55', color: '#14243b', background: 'rgba(255,255,255,0.97)', border: '1px solid #c5cedb', borderRadius: '4px', padding: '8px 12px', boxShadow: '0 2px 8px rgba(15,40,80,0.18)', whiteSpace: 'pre' };

export function ChoroplethMap({ mapRef, area, data, values, fillColors, fillOpacity = 1, selectedCode, hoveredCode, initialCamera, overlayLayers, onOverlayPick, overlayTooltip, onHoverCode, onAreaClick, onCameraChange }: ChoroplethMapProps) {
  const { t, lang } = useI18n();
  const features = data?.features ?? null;
  const [viewport, setViewport] = useState<MapViewport | null>(null);
  const rows = useMemo(() => new Map<string, MeasureRow>(values?.rows.map((r) => [r.code, r]) ?? []), [values]);

  const derived = useMemo(() => {
    if (!features) return null;
    const outline = dissolveRegions(features);
    return { bounds: regionBounds(features), outline: outline ? [outline] : [], labels: regionLabels(features) };
  }, [features]);

  const selected = features ? findRegion(features, selectedCode) : undefined;

  const placedLabels = useMemo(() => {
    if (!derived || !viewport) return [];
    const projection = new WebMercatorViewport(viewport);
    // Two lines per label (name, value): placement reserves twice the line height.
    const kept = placeLabels(derived.labels, {
      project: (p) => projection.project(p) as [number, number],
      sizePx: regionStyle.labelSizePx,
      charsPerLine: regionStyle.labelCharsPerLine,
      lineHeight: regionStyle.labelLineHeight * 2,
      marginPx: regionStyle.labelMarginPx,
      priorityCode: selectedCode,
    });
    return derived.labels.filter((l) => kept.has(l.code));
  }, [derived, viewport, selectedCode]);

  const labelData = useMemo(() => {
    if (!values) return placedLabels;
    return placedLabels.map((l) => {
      const r = rows.get(l.code);
      const v = values.compareTo ? formatPts(r?.change, lang).replace(' 个百分点', '').replace(' pts', '') : formatMeasureValue(values.measure, r?.value, lang);
      return { ...l, text: `${l.text}\n${v}` };
    });
  }, [placedLabels, values, rows, lang]);

  const layers = useMemo<LayersList>(() => {
    if (!features || !derived) return [];
    return [
      createRegionFillLayer(features, { id: FILL_ID, selectedCode, hoveredCode, fillColors, opacity: fillOpacity }),
      createOutlineLayer(derived.outline, { id: 'area-outline', color: regionStyle.areaOutline, widthPx: regionStyle.areaOutlineWidthPx }),
      createOutlineLayer(selected?.geometry ? [selected] : [], { id: 'selected-outline', color: regionStyle.selectedOutline, widthPx: regionStyle.selectedOutlineWidthPx }),
      ...(overlayLayers ?? []),
      // Names and values above the operational layers: the choropleth stays readable with every layer on.
      createRegionLabelLayer(labelData, { priorityCode: selectedCode }),
    ];
  }, [features, derived, selected, selectedCode, hoveredCode, fillColors, fillOpacity, labelData, overlayLayers]);

  const onHover = useCallback(
    (info: PickingInfo | null) => {
      const code = info?.layer?.id === FILL_ID && info.object ? (info.object as RegionFeature).properties.code : null;
      onHoverCode(code);
    },
    [onHoverCode],
  );

  const getTooltip = useCallback(
    (info: PickingInfo): MapTooltip => {
      const other = info.layer?.id !== FILL_ID && info.object ? overlayTooltip?.(info) : null;
      if (other) return { text: other, style: tooltipStyle as Partial<CSSStyleDeclaration> };
      if (info.layer?.id !== FILL_ID || !info.object) return null;
      const p = (info.object as RegionFeature).properties;
      const r = rows.get(p.code);
      const lines = [p.name];
      if (values) {
        const m = values.measure;
        lines[0] = t('tooltip.value', { name: p.name, value: formatMeasureValue(m, r?.value, lang) });
        if (r) {
          const num = `${lang === 'zh' ? m.numeratorLabelZh : m.numeratorLabelEn} ${formatQuantity(r.numerator, m.numeratorUnit, lang)}`;
          const den = m.denominatorUnit && r.denominator !== null ? ` / ${lang === 'zh' ? m.denominatorLabelZh : m.denominatorLabelEn} ${formatQuantity(r.denominator, m.denominatorUnit, lang)}` : '';
          lines.push(num + den);
          if (r.expected !== null) lines.push(t('tooltip.expected', { value: formatMeasureValue(m, r.expected, lang) }));
          if (r.lag !== null) lines.push(t('tooltip.lag', { value: formatPts(r.lag, lang) }));
          if (r.rank !== null) lines.push(t('tooltip.rank', { rank: r.rank, of: values.rankedCount }));
          if (values.compareTo) lines.push(t('tooltip.change', { date: formatDate(values.compareTo, lang), value: formatPts(r.change, lang) }));
        }
      }
      if (p.synthesized) lines.push(t('map.tooltip.synthesized'));
      if (p.level !== 'village') lines.push(t('tooltip.click'));
      return { text: lines.join('\n'), style: tooltipStyle as Partial<CSSStyleDeclaration> };
    },
    [t, lang, rows, values, overlayTooltip],
  );

  const onClick = useCallback(
    (info: PickingInfo) => {
      if (onOverlayPick?.(info)) return;
      if (info.layer?.id === FILL_ID && info.object) onAreaClick((info.object as RegionFeature).properties.code);
    },
    [onAreaClick, onOverlayPick],
  );

  return (
    <MapView
      ref={mapRef}
      layers={layers}
      initialCamera={initialCamera}
      placeholderCamera={area === defaultViewState.area ? defaultAreaCamera : undefined}
      initialBounds={derived?.bounds ?? null}
      onCameraChange={onCameraChange}
      onViewportChange={setViewport}
      getTooltip={getTooltip}
      onHover={onHover}
      onClick={onClick}
      northLabel={t('map.north')}
      ariaLabel={t('map.aria')}
    />
  );
}
