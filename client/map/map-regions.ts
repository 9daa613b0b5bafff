/**
 * Keeps the division layers of a MapLibre map in step with a `MapRegions` value: sources replaced only
 * when their data change, colours / hover / selection written as feature state (no re-tiling), the
 * opacity as paint. Only this module and its neighbours in client/map touch MapLibre.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { regionStyle, type Rgba } from '../layers/region-style.ts';
import { cssColor, regionLayerIds, regionSourceIds, regionStyleLayers } from './region-style-layers.ts';

/** A division polygon with its code (EPSG:4326); a division without a polygon is skipped. */
export type CodedFeature = GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon | null, { code: string }>;

export interface MapLabel {
  code: string;
  text: string;
  position: [number, number];
  /** Placed first when labels collide while the map moves: lower first. */
  sortKey: number;
}

/** What the map draws of the divisions. */
export interface MapRegions {
  features: readonly CodedFeature[];
  /** Outline of the whole area (drawn strong); null: none; undefined: still coming (the map is not ready yet). */
  outline: GeoJSON.Feature | null | undefined;
  labels: readonly MapLabel[];
  /** Fill per code (a choropleth), or null while values load: then the plain fill, the selection tinted. */
  fillColors: ReadonlyMap<string, Rgba> | null;
  /** 0–1, for fill and boundaries. */
  opacity: number;
  selectedCode: string | null;
  hoveredCode: string | null;
}

const empty: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

export class RegionLayers {
  private features: readonly CodedFeature[] | null = null;
  private outline: GeoJSON.Feature | null | undefined = undefined;
  private labels: readonly MapLabel[] | null = null;
  private opacity = -1;
  /** Feature state written per code, to clear what a new value no longer sets. */
  private written = new Map<string, { fill: string | null; hover: boolean; selected: boolean }>();

  constructor(private readonly map: MapLibreMap) {
    const { polygons, outline, labels } = regionSourceIds;
    map.addSource(polygons, { type: 'geojson', data: empty, promoteId: 'code' });
    map.addSource(outline, { type: 'geojson', data: empty });
    map.addSource(labels, { type: 'geojson', data: empty });
    for (const layer of regionStyleLayers(1)) map.addLayer(layer);
    this.opacity = 1;
  }

  /** Apply `regions` (null: draw nothing). */
  update(regions: MapRegions | null): void {
    const { map } = this;
    const source = (id: string) => map.getSource(id) as GeoJSONSource | undefined;
    const features = regions?.features ?? [];
    if (features !== this.features) {
      // New polygons: their feature state goes with the old source data.
      source(regionSourceIds.polygons)?.setData({
        type: 'FeatureCollection',
        features: features.filter((f) => f.geometry !== null) as GeoJSON.Feature[],
      });
      this.features = features;
      this.written.clear();
    }
    const outline = regions ? regions.outline : null;
    if (outline !== this.outline) {
      source(regionSourceIds.outline)?.setData(outline ? { type: 'FeatureCollection', features: [outline] } : empty);
      this.outline = outline;
    }
    const labels = regions?.labels ?? [];
    if (labels !== this.labels) {
      source(regionSourceIds.labels)?.setData({
        type: 'FeatureCollection',
        features: labels.map((l) => ({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: l.position },
          properties: { code: l.code, text: l.text, sortKey: l.sortKey },
        })),
      });
      this.labels = labels;
    }
    const opacity = regions?.opacity ?? 1;
    if (opacity !== this.opacity) {
      map.setPaintProperty(regionLayerIds.fill, 'fill-opacity', opacity);
      map.setPaintProperty(regionLayerIds.line, 'line-opacity', opacity);
      map.setPaintProperty(regionLayerIds.hover, 'fill-opacity', ['case', ['boolean', ['feature-state', 'hover'], false], opacity, 0]);
      this.opacity = opacity;
    }
    this.writeStates(regions);
  }

  /** Colours of a choropleth (not just the plain fill) are written. */
  private filled = false;

  private writeStates(regions: MapRegions | null) {
    this.filled = !!regions?.fillColors;
    const next = new Map<string, { fill: string | null; hover: boolean; selected: boolean }>();
    if (regions) {
      for (const f of regions.features) {
        if (f.geometry === null) continue;
        const code = f.properties.code;
        const color = regions.fillColors
          ? (regions.fillColors.get(code) ?? regionStyle.fill)
          : code === regions.selectedCode
            ? regionStyle.selectedFill
            : null;
        next.set(code, {
          fill: color ? cssColor(color) : null,
          hover: code === regions.hoveredCode,
          selected: code === regions.selectedCode,
        });
      }
    }
    for (const [code, s] of next) {
      const old = this.written.get(code);
      if (old && old.fill === s.fill && old.hover === s.hover && old.selected === s.selected) continue;
      this.map.setFeatureState({ source: regionSourceIds.polygons, id: code }, s);
    }
    for (const code of this.written.keys())
      if (!next.has(code)) this.map.removeFeatureState({ source: regionSourceIds.polygons, id: code });
    this.written = next;
  }

  /** Code of the division under a screen point (CSS px), or null. */
  codeAt(point: { x: number; y: number }): string | null {
    const [f] = this.map.queryRenderedFeatures([point.x, point.y], { layers: [regionLayerIds.fill] });
    const code = f?.properties?.code;
    return typeof code === 'string' ? code : null;
  }

  /** True once colours and labels are applied and every division source is tiled (a full choropleth frame). */
  choroplethLoaded(): boolean {
    const { polygons, outline, labels } = regionSourceIds;
    const colored = this.filled;
    return (
      this.loaded() &&
      colored &&
      (this.labels?.length ?? 0) > 0 &&
      this.map.isSourceLoaded(outline) &&
      this.map.isSourceLoaded(labels) &&
      this.map.isSourceLoaded(polygons)
    );
  }

  /** True once the polygons are in and tiled (the first frame with them can be drawn). */
  loaded(): boolean {
    return (
      this.features !== null && this.features.length > 0 && this.outline !== undefined && this.map.isSourceLoaded(regionSourceIds.polygons)
    );
  }
}
