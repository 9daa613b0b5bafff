/** Lookup of the operational layers' strings (own dictionaries, so the shared ones stay untouched). */
import { layersEn } from '../../i18n/layers.en.ts';
import { fillParams } from '../../i18n/messages.ts';
import { layersZh, type LayersMessageKey, type LayersMessages } from '../../i18n/layers.zh.ts';

export type Lang = 'zh' | 'en';
export type { LayersMessageKey };

const dictionaries: Record<Lang, LayersMessages> = { zh: layersZh, en: layersEn };

/** Text of `key` in `lang` with `{name}` placeholders filled from `params`. */
export function translateLayers(lang: Lang, key: LayersMessageKey, params?: Record<string, string | number>): string {
  return fillParams(dictionaries[lang][key] ?? layersZh[key], params);
}

/** Whether a string is a key (e.g. built from an enum value). */
export const isLayersKey = (key: string): key is LayersMessageKey => key in layersZh;

/** Translator bound to a language, for components. */
export const layersTranslator = (lang: Lang) => (key: LayersMessageKey, params?: Record<string, string | number>) => translateLayers(lang, key, params);
export type LayersT = ReturnType<typeof layersTranslator>;
