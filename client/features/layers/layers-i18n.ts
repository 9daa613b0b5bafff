/** The operational layers' catalog (client/i18n/catalog.ts: the one translation mechanism). */
import { defineCatalog } from '../../i18n/catalog.ts';
import { layersEn } from '../../i18n/layers.en.ts';
import { layersZh, type LayersMessageKey } from '../../i18n/layers.zh.ts';

export type { Language as Lang } from '../../app-state/view-state.ts';
export type { LayersMessageKey };

const layers = defineCatalog<LayersMessageKey>(layersZh, layersEn);
export const translateLayers = layers.translate;
export const isLayersKey = layers.isKey;
export const layersTranslator = layers.translator;
export type LayersT = ReturnType<typeof layersTranslator>;
