/**
 * The division map of the current view: fills, the area outline, the selected outline and labels,
 * built by the pure layer factories from the loaded boundaries and the view state.
 */
import { WebMercatorViewport, type LayersList, type PickingInfo } from 'deck.gl';
import { useCallback, useMemo, useState, type Ref } from 'react';
import type { RegionCollection, RegionFeature } from '../../api/client.ts';
import { defaultAreaCamera, defaultViewState, type Camera } from '../../app-state/view-state.ts';
import { useI18n } from '../../i18n/use-i18n.tsx';
import { placeLabels } from '../../layers/label-placement.ts';
import { createOutlineLayer, createRegionFillLayer, createRegionLabelLayer } from '../../layers/region-layers.ts';
import { regionStyle } from '../../layers/region-style.ts';
import { MapView, type MapTooltip, type MapViewHandle } from '../../map/MapView.tsx';
import type { MapViewport } from '../../map/types.ts';
import { dissolveRegions, findRegion, regionBounds, regionLabels } from './region-geometry.ts';

export interface RegionMapProps {
  mapRef?: Ref<MapViewHandle>;
  /** Code of the area whose divisions are drawn. */
  area: string;
  data: RegionCollection | null;
  selectedCode: string | null;
  initialCamera: Camera | null;
  onSelect: (code: string) => void;
  onCameraChange: (camera: Camera) => void;
}

const FILL_ID = 'region-fill';

export function RegionMap({ mapRef, area, data, selectedCode, initialCamera, onSelect, onCameraChange }: RegionMapProps) {
  const { t } = useI18n();
  const features = data?.features ?? null;
  const [hoveredCode, setHoveredCode] = useState<string | null>(null);
  const [viewport, setViewport] = useState<MapViewport | null>(null);

  // Geometry work happens once per loaded collection, not per render.
  const derived = useMemo(() => {
    if (!features) return null;
    const outline = dissolveRegions(features);
    return { bounds: regionBounds(features), outline: outline ? [outline] : [], labels: regionLabels(features) };
  }, [features]);

  const selected = features ? findRegion(features, selectedCode) : undefined;

  // Labels that fit without touching at the current view (recomputed when the map comes to rest).
  const placedLabels = useMemo(() => {
    if (!derived || !viewport) return [];
    const projection = new WebMercatorViewport(viewport);
    const kept = placeLabels(derived.labels, {
      project: (p) => projection.project(p) as [number, number],
      sizePx: regionStyle.labelSizePx,
      charsPerLine: regionStyle.labelCharsPerLine,
      lineHeight: regionStyle.labelLineHeight,
      marginPx: regionStyle.labelMarginPx,
      priorityCode: selectedCode,
    });
    return derived.labels.filter((l) => kept.has(l.code));
  }, [derived, viewport, selectedCode]);

  const layers = useMemo<LayersList>(() => {
    if (!features || !derived) return [];
    return [
      createRegionFillLayer(features, { id: FILL_ID, selectedCode, hoveredCode }),
      createOutlineLayer(derived.outline, { id: 'area-outline', color: regionStyle.areaOutline, widthPx: regionStyle.areaOutlineWidthPx }),
      createOutlineLayer(selected?.geometry ? [selected] : [], { id: 'selected-outline', color: regionStyle.selectedOutline, widthPx: regionStyle.selectedOutlineWidthPx }),
      createRegionLabelLayer(placedLabels, { priorityCode: selectedCode }),
    ];
  }, [features, derived, selected, selectedCode, hoveredCode, placedLabels]);

  const onHover = useCallback((info: PickingInfo | null) => {
    const code = info?.layer?.id === FILL_ID && info.object ? (info.object as RegionFeature).properties.code : null;
    setHoveredCode(code); // React skips the render when the code is unchanged
  }, []);

  const getTooltip = useCallback(
    (info: PickingInfo): MapTooltip => {
      if (info.layer?.id !== FILL_ID || !info.object) return null;
      const p = (info.object as RegionFeature).properties;
      const lines = [p.name, t('map.tooltip.code', { code: p.code })];
      if (p.synthesized) lines.push(t('map.tooltip.synthesized'));
      return {
        text: lines.join('\n'),
        style: { fontSize: '15px', lineHeight: '1.5', color: '#14243b', background: 'rgba(255,255,255,0.96)', border: '1px solid #c5cedb', borderRadius: '4px', padding: '6px 10px', boxShadow: '0 2px 8px rgba(15,40,80,0.18)' },
      };
    },
    [t],
  );

  const onClick = useCallback(
    (info: PickingInfo) => {
      if (info.layer?.id === FILL_ID && info.object) onSelect((info.object as RegionFeature).properties.code);
    },
    [onSelect],
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
