/**
 * The one translation mechanism: a catalog is a Chinese source dictionary (its keys are the type) and
 * its English twin; `translate` looks a key up with `{name}` placeholders filled, falling back to
 * Chinese; `translator` binds a language; `isKey` narrows a string built at run time (e.g. from an enum).
 * The interface, the layers, the accounts and the meeting tools each declare their catalog with it.
 */
import type { Language } from '../app-state/view-state.ts';

export type MessageParams = Record<string, string | number>;
export type Dictionary<K extends string> = { readonly [key in K]: string };

/** `{name}` placeholders of `text` replaced from `params` (unknown placeholders are left as they are). One implementation for every dictionary. */
export function fillParams(text: string, params?: MessageParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export interface Catalog<K extends string> {
  dictionaries: Record<Language, Dictionary<K>>;
  /** Text of `key` in `lang`, with `{name}` placeholders filled from `params`. */
  translate(lang: Language, key: K, params?: MessageParams): string;
  /** A translator bound to `lang`, for components. */
  translator(lang: Language): (key: K, params?: MessageParams) => string;
  /** Whether a string is a key of the catalog. */
  isKey(key: string): key is K;
}

export function defineCatalog<K extends string>(zh: Dictionary<K>, en: Dictionary<K>): Catalog<K> {
  const dictionaries: Record<Language, Dictionary<K>> = { zh, en };
  const translate = (lang: Language, key: K, params?: MessageParams) => fillParams(dictionaries[lang][key] ?? zh[key], params);
  return {
    dictionaries,
    translate,
    translator: (lang) => (key, params) => translate(lang, key, params),
    isKey: (key): key is K => key in zh,
  };
}
