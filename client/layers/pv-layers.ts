/**
 * Pure factories for the PV-station layer: a shape per type (village ■, centralized ◆, household ▲),
 * drawn as SVG data URLs generated here (no external images), sized by capacity and coloured by
 * registration in the national system (纳入系统) or by status; where stations crowd, a navy badge with
 * their number (shared clustering with the projects, point-clusters.ts). Colours avoid the choropleth's hues.
 */
import type { DefaultProps } from '@deck.gl/core';
import { CompositeLayer, IconLayer, TextLayer, type UpdateParameters } from 'deck.gl';
import type { PvStatus, PvType } from '../../server/contracts/enums.ts';
import type { PvFeature, PvProperties } from '../features/layers/layers-api.ts';
import type { PointCluster, PointClusterIndex } from './point-clusters.ts';
import { clusterRadiusPx, type Rgb } from './project-layers.ts';
import { labelFontFamily } from './region-style.ts';
import type { SubLayerProps } from './sub-layer-props.ts';

export type PvColorMode = 'registered' | 'status';

/** Registered: solid dark navy; not registered: white with a navy outline (reads as "missing"). */
export const pvRegisteredColors: Readonly<Record<'yes' | 'no', Rgb>> = { yes: [29, 53, 87], no: [255, 255, 255] };
/** Grid-connected: solid navy; building: light cyan. */
export const pvStatusColors: Readonly<Record<PvStatus, Rgb>> = { grid_connected: [29, 53, 87], building: [136, 204, 238] };
export const pvOutline: Rgb = [29, 53, 87];

export function pvColorKey(p: Pick<PvProperties, 'registered' | 'status'>, mode: PvColorMode): string {
  return mode === 'registered' ? (p.registered ? 'yes' : 'no') : p.status;
}

export function pvColor(p: Pick<PvProperties, 'registered' | 'status'>, mode: PvColorMode): Rgb {
  return mode === 'registered' ? pvRegisteredColors[p.registered ? 'yes' : 'no'] : (pvStatusColors[p.status] ?? pvStatusColors.building);
}

const hex = (c: Rgb) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** Shape of each type in a 64×64 box (outline drawn inside, so the icon size is the symbol size). */
const shapes: Record<PvType, string> = {
  village: '<rect x="6" y="6" width="52" height="52" rx="3"/>',
  centralized: '<polygon points="32,3 61,32 32,61 3,32"/>',
  household: '<polygon points="32,5 60,58 4,58"/>',
};

/** An SVG data URL of the station symbol: the type's shape, filled, with a dark outline and a white halo. */
export function pvIconUrl(type: PvType, fill: Rgb): string {
  const shape = shapes[type] ?? shapes.village;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">` +
    `<g fill="none" stroke="#ffffff" stroke-width="9" stroke-linejoin="round">${shape}</g>` +
    `<g fill="${hex(fill)}" stroke="${hex(pvOutline)}" stroke-width="5" stroke-linejoin="round">${shape}</g></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * Symbol size in CSS px for a capacity in kW: the area grows with capacity (square root) from `minPx`
 * to `maxPx` at `maxKw`; null / NaN / ≤ 0 → minPx.
 */
export function capacitySizePx(capacityKw: number | null | undefined, maxKw: number, minPx = 14, maxPx = 34): number {
  if (capacityKw == null || !Number.isFinite(capacityKw) || capacityKw <= 0 || !(maxKw > 0)) return minPx;
  return minPx + (maxPx - minPx) * Math.min(1, Math.sqrt(capacityKw / maxKw));
}

/** The largest station that sets the symbol scale: the 95th percentile of the capacities (0 for none). */
export function capacityScaleMax(features: readonly PvFeature[]): number {
  const v = features
    .map((f) => f.properties.capacityKw)
    .filter((x): x is number => x != null && Number.isFinite(x) && x > 0)
    .sort((a, b) => a - b);
  return v.length ? v[Math.min(v.length - 1, Math.floor(0.95 * (v.length - 1)))] : 0;
}

export interface PvIconLayerOptions {
  colorMode: PvColorMode;
  selectedCode: string | null;
  /** Capacity that gets the largest symbol (see capacityScaleMax). */
  maxKw: number;
}

/**
 * PV stations as shaped icons (type), filled by registration or status, sized by capacity. Pickable
 * unless `subLayerProps` (a composite's getSubLayerProps) says otherwise.
 */
export function createPvIconLayer(features: readonly PvFeature[], options: PvIconLayerOptions, subLayerProps: SubLayerProps = {}) {
  const { colorMode, selectedCode, maxKw } = options;
  return new IconLayer<PvFeature>({
    pickable: true,
    ...subLayerProps,
    id: subLayerProps.id ?? 'op-pv-icons',
    data: features as PvFeature[],
    getPosition: (f) => f.geometry.coordinates as [number, number],
    getIcon: (f) => {
      const type = f.properties.type;
      return {
        id: `${type}-${pvColorKey(f.properties, colorMode)}`,
        url: pvIconUrl(type, pvColor(f.properties, colorMode)),
        width: 64,
        height: 64,
        mask: false,
      };
    },
    getSize: (f) => capacitySizePx(f.properties.capacityKw, maxKw) * (f.properties.code === selectedCode ? 1.4 : 1),
    sizeUnits: 'pixels',
    updateTriggers: { ...subLayerProps.updateTriggers, getIcon: [colorMode], getSize: [selectedCode, maxKw] },
  });
}

/** Where a PV cluster badge sits: beside the cluster's project disc when it has one, else on the cluster. */
export function pvBadgePlacement(c: Pick<PointCluster, 'projects'>): { anchor: 'start' | 'middle'; offset: [number, number] } {
  if (c.projects <= 0) return { anchor: 'middle', offset: [0, 0] };
  const r = clusterRadiusPx(c.projects);
  return { anchor: 'start', offset: [Math.round(r * 0.8), -Math.round(r * 0.75)] };
}

/**
 * PV clusters: the number of stations in white on a navy badge with a white border (the colour of a
 * registered station), set beside the project disc of the same cluster so neither hides the other.
 */
export function createPvClusterLayer(clusters: readonly PointCluster[], subLayerProps: SubLayerProps = {}) {
  return new TextLayer<PointCluster>({
    pickable: true,
    ...subLayerProps,
    id: subLayerProps.id ?? 'op-pv-clusters',
    data: clusters as PointCluster[],
    getPosition: (c) => c.position,
    getText: (c) => String(c.pv),
    getSize: 15,
    sizeUnits: 'pixels',
    getColor: [255, 255, 255, 255],
    fontFamily: labelFontFamily,
    fontWeight: 700,
    getTextAnchor: (c) => pvBadgePlacement(c).anchor,
    getAlignmentBaseline: 'center',
    getPixelOffset: (c) => pvBadgePlacement(c).offset,
    background: true,
    getBackgroundColor: [...pvOutline, 255],
    getBorderColor: [255, 255, 255, 255],
    getBorderWidth: 2,
    backgroundPadding: [5, 2, 5, 2],
    backgroundBorderRadius: 3,
    characterSet: '0123456789',
  });
}

/** What the PV layer draws at `zoom`: clusters holding stations, lone stations, and the selected one always. */
export function pvAtZoom(
  data: readonly PvFeature[],
  clusters: PointClusterIndex<unknown, PvFeature> | null,
  zoom: number,
  selectedCode: string | null,
): { features: PvFeature[]; clusters: PointCluster[] } {
  if (!clusters) return { features: data as PvFeature[], clusters: [] };
  const view = clusters.at(zoom);
  const withPv = view.clusters.filter((c) => c.pv > 0);
  if (!selectedCode || view.pv.some((f) => f.properties.code === selectedCode)) return { features: view.pv, clusters: withPv };
  const selected = data.find((f) => f.properties.code === selectedCode);
  return { features: selected ? [...view.pv, selected] : view.pv, clusters: withPv };
}

interface PvLayerExtraProps {
  /** The stations (GeoJSON points); default none. */
  data: PvFeature[];
  /** The clustering shared with the projects, or null (the default) to draw every station. */
  clusters: PointClusterIndex<unknown, PvFeature> | null;
  /** Fill by registration in the national system or by status; default 'registered'. */
  colorMode: PvColorMode;
  /** Code of the selected station (drawn 1.4 × larger, even when its neighbours are clustered), or null (the default). */
  selectedCode: string | null;
}

/**
 * PV stations: badges with counts where they crowd (shared clustering with the projects), icons elsewhere.
 * Every sub-layer gets its props through getSubLayerProps, so it follows the layer's opacity (0–1),
 * visibility and picking.
 */
export class PvLayer extends CompositeLayer<PvLayerExtraProps> {
  static override layerName = 'PvLayer';
  static override defaultProps: DefaultProps<PvLayerExtraProps> = {
    data: { type: 'object', value: [] },
    clusters: { type: 'object', value: null },
    colorMode: { type: 'object', value: 'registered' },
    selectedCode: { type: 'object', value: null },
  };

  declare state: { maxKw: number };

  override shouldUpdateState({ changeFlags }: UpdateParameters<this>): boolean {
    return changeFlags.somethingChanged;
  }

  override updateState({ changeFlags }: UpdateParameters<this>): void {
    if (changeFlags.dataChanged) this.setState({ maxKw: capacityScaleMax(this.props.data) });
  }

  override renderLayers() {
    const { data, clusters, colorMode, selectedCode } = this.props;
    const view = pvAtZoom(data, clusters, this.context.viewport.zoom, selectedCode);
    return [
      createPvIconLayer(view.features, { colorMode, selectedCode, maxKw: this.state.maxKw }, this.getSubLayerProps({ id: 'icons' })),
      createPvClusterLayer(view.clusters, this.getSubLayerProps({ id: 'clusters' })),
    ];
  }
}

export interface PvLayerOptions {
  id?: string;
  colorMode: PvColorMode;
  selectedCode?: string | null;
  /** Opacity 0–1 (default 1). */
  opacity?: number;
  /** Clustering shared with the projects layer (see point-clusters.ts); null or absent: no clustering. */
  clusters?: PointClusterIndex<unknown, PvFeature> | null;
}

/** The PV layer for the map. */
export function createPvLayer(features: readonly PvFeature[], options: PvLayerOptions) {
  return new PvLayer({
    id: options.id ?? 'op-pv',
    data: features as PvFeature[],
    clusters: options.clusters ?? null,
    colorMode: options.colorMode,
    selectedCode: options.selectedCode ?? null,
    opacity: options.opacity ?? 1,
    pickable: true,
  });
}
