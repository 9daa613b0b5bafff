/** Dictionaries by language and the pure lookup with `{name}` placeholders. */
import type { Language } from '../app-state/view-state.ts';
import { en } from './en.ts';
import { zh, type MessageKey, type Messages } from './zh.ts';

export type { MessageKey, Messages };

export const dictionaries: Record<Language, Messages> = { zh, en };

export type MessageParams = Record<string, string | number>;

/** Text of `key` in `lang`, with `{name}` replaced from `params` (unknown placeholders are left as they are). */
export function translate(lang: Language, key: MessageKey, params?: MessageParams): string {
  return fillParams(dictionaries[lang][key] ?? zh[key], params);
}

/** `{name}` placeholders of `text` replaced from `params` (unknown placeholders are left as they are). One implementation for every dictionary. */
export function fillParams(text: string, params?: MessageParams): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
