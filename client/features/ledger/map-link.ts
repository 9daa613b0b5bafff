/**
 * The ledger ↔ map link, pure: the layer state that selects a project on the map (its layer shown),
 * the bounds to show around a project's anchor, and the padding that keeps a fitted area clear of the
 * ledger dock over the map's lower part.
 */
import type { LayersState } from '../layers/layers-state.ts';
import type { LngLatBounds } from '../../map/types.ts';
import type { ScreenPadding } from '../../map/types.ts';

/** Select `code` on the map: its detail card opens and the projects layer is shown. */
export function selectProjectLayers(layers: LayersState, code: string): LayersState {
  const visible = layers.visible.includes('projects') ? layers.visible : [...layers.visible, 'projects' as const];
  return { ...layers, visible, selected: { kind: 'project', code } };
}

/** A small box around a project's anchor (about 8 km): fitted, it zooms to the village around it. */
export function anchorBounds([lng, lat]: readonly [number, number], halfDeg = 0.04): LngLatBounds {
  return [
    [lng - halfDeg, lat - halfDeg],
    [lng + halfDeg, lat + halfDeg],
  ];
}

/** Padding for fits while the dock covers `dockPx` of the map's bottom (48 px elsewhere, as the map's own fits). */
export function dockPadding(dockPx: number, mapHeightPx: number, margin = 48): ScreenPadding {
  const bottom = Math.min(Math.max(dockPx + margin / 2, margin), Math.max(mapHeightPx - 160, margin));
  return { top: margin, right: margin, bottom, left: margin };
}

/** The sign-off period's county to select when a mark or a sign-off row is clicked: only counties. */
export const isCountyCode = (code: string) => /^\d{6}$/.test(code);
