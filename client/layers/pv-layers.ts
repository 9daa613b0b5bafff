/**
 * Pure factories for the PV-station layer: a shape per type (village ■, centralized ◆, household ▲),
 * drawn as SVG data URLs generated here (no external images), sized by capacity and coloured by
 * registration in the national system (纳入系统) or by status. Colours avoid the choropleth's hues.
 */
import { IconLayer } from 'deck.gl';
import type { PvStatus, PvType } from '../../server/contracts/enums.ts';
import type { PvFeature, PvProperties } from '../features/layers/layers-api.ts';
import type { Rgb } from './project-layers.ts';

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
  return mode === 'registered' ? pvRegisteredColors[p.registered ? 'yes' : 'no'] : pvStatusColors[p.status] ?? pvStatusColors.building;
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

export interface PvLayerOptions {
  id?: string;
  colorMode: PvColorMode;
  selectedCode?: string | null;
  /** Opacity 0–1 (default 1). */
  opacity?: number;
}

/** PV stations as shaped icons sized by capacity (the largest station sets the scale). */
export function createPvLayer(features: readonly PvFeature[], options: PvLayerOptions) {
  const { id = 'op-pv', colorMode, selectedCode = null, opacity = 1 } = options;
  const maxKw = Math.max(0, ...features.map((f) => f.properties.capacityKw ?? 0));
  return new IconLayer<PvFeature>({
    id,
    data: features as PvFeature[],
    opacity,
    getPosition: (f) => f.geometry.coordinates as [number, number],
    getIcon: (f) => {
      const type = f.properties.type;
      return { id: `${type}-${pvColorKey(f.properties, colorMode)}`, url: pvIconUrl(type, pvColor(f.properties, colorMode)), width: 64, height: 64, mask: false };
    },
    getSize: (f) => capacitySizePx(f.properties.capacityKw, maxKw) * (f.properties.code === selectedCode ? 1.4 : 1),
    sizeUnits: 'pixels',
    pickable: true,
    updateTriggers: { getIcon: [colorMode], getSize: [selectedCode, maxKw] },
  });
}
