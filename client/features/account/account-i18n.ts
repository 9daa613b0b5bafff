/** Lookup of the account strings (own dictionaries, so the shared ones stay untouched). */
import { useMemo } from 'react';
import { accountEn } from '../../i18n/account.en.ts';
import { accountZh, type AccountMessageKey, type AccountMessages } from '../../i18n/account.zh.ts';
import { fillParams } from '../../i18n/messages.ts';
import { useI18n } from '../../i18n/use-i18n.tsx';

export type Lang = 'zh' | 'en';
export type { AccountMessageKey };

export const accountDictionaries: Record<Lang, AccountMessages> = { zh: accountZh, en: accountEn };

/** Text of `key` in `lang` with `{name}` placeholders filled from `params`. */
export function translateAccount(lang: Lang, key: AccountMessageKey, params?: Record<string, string | number>): string {
  return fillParams(accountDictionaries[lang][key] ?? accountZh[key], params);
}

/** Whether a string is a key (e.g. built from an enum value such as `action.${action}`). */
export const isAccountKey = (key: string): key is AccountMessageKey => key in accountZh;

/** Translator bound to a language. */
export const accountTranslator = (lang: Lang) => (key: AccountMessageKey, params?: Record<string, string | number>) => translateAccount(lang, key, params);
export type AccountT = ReturnType<typeof accountTranslator>;

/** The account strings in the interface language (from the shared I18nProvider). */
export function useAccountI18n(): { lang: Lang; t: AccountT } {
  const { lang } = useI18n();
  return useMemo(() => ({ lang, t: accountTranslator(lang) }), [lang]);
}
