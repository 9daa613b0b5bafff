/**
 * The choropleth of the current view: fills by class, boundaries, the area outline, the selected
 * outline and labels (name + value), drawn by MapLibre; operational layers (deck.gl) go above the fills
 * and outlines, the labels above everything. Outlines show as soon as the boundaries are in, colours
 * when the values arrive.
 */
import type { LayersList, PickingInfo } from 'deck.gl';
import { useCallback, useEffect, useEffectEvent, useMemo, useState, type Ref } from 'react';
import { fetchRegionOutline, type MeasureRow, type MeasureValues, type RegionCollection } from '../../api/client.ts';
import { cameraForBbox, rootArea } from '../../app-state/root-area.ts';
import type { Camera } from '../../app-state/view-state.ts';
import { useI18n } from '../../i18n/use-i18n.tsx';
import { placeLabels } from '../../layers/label-placement.ts';
import { regionStyle } from '../../layers/region-style.ts';
import type { MapRegions } from '../../map/map-regions.ts';
import { MapView, type MapTooltip, type MapViewHandle } from '../../map/MapView.tsx';
import { mercatorProjector, type MapClick, type MapViewport } from '../../map/types.ts';
import { formatMeasureValue, formatPts } from '../../../server/domain/format.ts';
import { regionBounds, regionLabels } from '../regions/region-geometry.ts';
import { regionTooltipLines, type Rgba } from './choropleth.ts';

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
  /**
   * Called first on every click (an operational object, a tool such as siting that places points);
   * true = handled, the choropleth does not drill down.
   */
  onMapClick?: (hit: MapClick<PickingInfo>) => boolean;
  /** What a click on a division does, for its tooltip; default: drill down (点击查看下级). */
  clickHint?: string | null;
  /** Tooltip of the operational layers' objects (text), or null. */
  overlayTooltip?: (info: PickingInfo) => string | null;
  onHoverCode: (code: string | null) => void;
  onAreaClick: (code: string) => void;
  onCameraChange: (camera: Camera) => void;
  /** Told the viewport of every frame (HTML overlays placed over the map). */
  onViewportChange?: (viewport: MapViewport) => void;
}

const tooltipStyle = {
  fontSize: '15px',
  lineHeight: '1.55',
  color: '#14243b',
  background: 'rgba(255,255,255,0.97)',
  border: '1px solid #c5cedb',
  borderRadius: '4px',
  padding: '8px 12px',
  boxShadow: '0 2px 8px rgba(15,40,80,0.18)',
  whiteSpace: 'pre',
};

export function ChoroplethMap({
  mapRef,
  area,
  data,
  values,
  fillColors,
  fillOpacity = 1,
  selectedCode,
  hoveredCode,
  initialCamera,
  overlayLayers,
  onMapClick,
  clickHint,
  overlayTooltip,
  onHoverCode,
  onAreaClick,
  onCameraChange,
  onViewportChange,
}: ChoroplethMapProps) {
  const { t, lang } = useI18n();
  const features = data?.features ?? null;
  const [viewport, setViewport] = useState<MapViewport | null>(null);
  const rows = useMemo(() => new Map<string, MeasureRow>(values?.rows.map((r) => [r.code, r]) ?? []), [values]);

  const derived = useMemo(() => {
    if (!features) return null;
    return { bounds: regionBounds(features), labels: regionLabels(features) };
  }, [features]);
  const outline = useAreaOutline(outlineCode(area, features), features);

  const placedLabels = useMemo(() => {
    if (!derived || !viewport) return [];
    // Two lines per label (name, value): placement reserves twice the line height.
    const kept = placeLabels(derived.labels, {
      project: mercatorProjector(viewport),
      sizePx: regionStyle.labelSizePx,
      charsPerLine: regionStyle.labelCharsPerLine,
      lineHeight: regionStyle.labelLineHeight * 2,
      marginPx: regionStyle.labelMarginPx,
      priorityCode: selectedCode,
    });
    return derived.labels.filter((l) => kept.has(l.code));
  }, [derived, viewport, selectedCode]);

  const labels = useMemo(
    () =>
      placedLabels.map((l) => {
        const r = rows.get(l.code);
        const v = !values
          ? null
          : values.compareTo
            ? formatPts(r?.change, lang).replace(' 个百分点', '').replace(' pts', '')
            : formatMeasureValue(values.measure, r?.value, lang);
        // The name wraps after six characters; the value gets a line of its own.
        const name = [...l.text].reduce((s, c, i) => s + (i > 0 && i % regionStyle.labelCharsPerLine === 0 ? '\n' : '') + c, '');
        return {
          code: l.code,
          text: v === null ? name : `${name}\n${v}`,
          position: l.position,
          sortKey: l.code === selectedCode ? -1e6 : -l.priority,
        };
      }),
    [placedLabels, values, rows, lang, selectedCode],
  );

  const regions = useMemo<MapRegions | null>(
    () => (features && derived ? { features, outline, labels, fillColors, opacity: fillOpacity, selectedCode, hoveredCode } : null),
    [features, derived, outline, labels, fillColors, fillOpacity, selectedCode, hoveredCode],
  );

  const regionTooltip = useCallback(
    (code: string) => {
      const f = features?.find((x) => x.properties.code === code);
      return f ? regionTooltipLines(f.properties, rows.get(code), values, lang, t, clickHint).join('\n') : null;
    },
    [features, rows, values, lang, t, clickHint],
  );

  const getTooltip = useCallback(
    (info: PickingInfo): MapTooltip => {
      const text = info.object ? overlayTooltip?.(info) : null;
      return text ? { text, style: tooltipStyle as Partial<CSSStyleDeclaration> } : null;
    },
    [overlayTooltip],
  );

  const onClick = useCallback(
    (hit: MapClick<PickingInfo>) => {
      if (onMapClick?.(hit)) return;
      if (hit.code) onAreaClick(hit.code);
    },
    [onAreaClick, onMapClick],
  );

  return (
    <MapView
      ref={mapRef}
      regions={regions}
      layers={overlayLayers ?? noLayers}
      initialCamera={initialCamera}
      placeholderCamera={placeholderCameraFor(area)}
      initialBounds={derived?.bounds ?? null}
      onCameraChange={onCameraChange}
      onViewportChange={(v) => {
        setViewport(v);
        onViewportChange?.(v);
      }}
      getTooltip={getTooltip}
      regionTooltip={regionTooltip}
      onRegionHover={onHoverCode}
      onClick={onClick}
      northLabel={t('map.north')}
      ariaLabel={t('map.aria')}
    />
  );
}

const noLayers: LayersList = [];

/** The division whose outline surrounds the shown features: their common parent, else the area. */
function outlineCode(area: string, features: RegionCollection['features'] | null): string | null {
  if (!features?.length) return null;
  const parent = features[0].properties.parentCode;
  return parent && features.every((f) => f.properties.parentCode === parent) ? parent : area;
}

/**
 * The outline of division `code` from the server; when it has no polygon of its own (or the request
 * fails), the features dissolved in the browser by a module loaded only then.
 */
function useAreaOutline(code: string | null, features: RegionCollection['features'] | null): GeoJSON.Feature | null | undefined {
  const [outline, setOutline] = useState<{ code: string; feature: GeoJSON.Feature | null } | null>(null);
  // Asked once per area when its divisions are in; a new copy of the same divisions does not ask again.
  const dissolveFeatures = useEffectEvent(async () => {
    const { dissolveRegions } = await import('../regions/region-outline.ts');
    return features ? dissolveRegions(features) : null;
  });
  const ready = features !== null;
  useEffect(() => {
    if (!code || !ready) return;
    const ctl = new AbortController();
    const dissolve = () => dissolveFeatures().then((feature) => !ctl.signal.aborted && setOutline({ code, feature }));
    fetchRegionOutline(code, { signal: ctl.signal }).then(
      (f) => (f.geometry ? setOutline({ code, feature: f as GeoJSON.Feature }) : void dissolve()),
      () => !ctl.signal.aborted && void dissolve(),
    );
    return () => ctl.abort();
  }, [code, ready]);
  if (!code) return null;
  return outline && outline.code === code ? outline.feature : undefined;
}

/** Roughly the root area (the city) on this screen, shown while its boundaries load; undefined below it. */
function placeholderCameraFor(area: string): Camera | undefined {
  const root = rootArea();
  if (!root?.bbox || area !== root.code || typeof window === 'undefined') return undefined;
  // The map is the window less the two side panels and the header and time bar.
  const sider = window.innerWidth >= 1600 ? 360 : 300;
  return cameraForBbox(root.bbox, Math.max(320, window.innerWidth - 2 * sider), Math.max(240, window.innerHeight - 140));
}
