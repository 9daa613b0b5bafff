/** Pure helpers of the layer panel: colours as CSS, the yes / no / any filter values, and label keys. */
import type { Rgb } from '../../layers/project-layers.ts';
import type { LayersT } from './layers-i18n.ts';
import type { LayersState, OperationalLayerId } from './layers-state.ts';

/** An RGB triple as a CSS colour. */
export const css = (c: Rgb) => `rgb(${c.join(',')})`;

/** Labels of the colour modes (the modes themselves come from layers-state.ts). */
export const projectColorLabels: Record<LayersState['projectColor'], Parameters<LayersT>[0]> = {
  category: 'color.category',
  status: 'color.status',
};
export const pvColorLabels: Record<LayersState['pvColor'], Parameters<LayersT>[0]> = {
  registered: 'color.registered',
  status: 'color.pvStatus',
};

/** The options of a yes / no filter that may also be left open. */
export function boolOptions(t: LayersT) {
  return [
    { label: t('filter.any'), value: 'any' },
    { label: t('filter.yes'), value: 'true' },
    { label: t('filter.no'), value: 'false' },
  ];
}
export const boolValue = (v: boolean | null) => (v === null ? 'any' : String(v));
export const parseBoolValue = (v: string) => (v === 'any' ? null : v === 'true');

/** Title keys of the layers. */
export const layerTitles: Record<OperationalLayerId, Parameters<LayersT>[0]> = {
  projects: 'layer.projects',
  pv: 'layer.pv',
  'households-areas': 'layer.households-areas',
  'households-hex': 'layer.households-hex',
  'benefit-links': 'layer.benefit-links',
};
