/** The accounts' catalog (client/i18n/catalog.ts: the one translation mechanism). */
import { useMemo } from 'react';
import type { Language } from '../../app-state/view-state.ts';
import { defineCatalog } from '../../i18n/catalog.ts';
import { accountEn } from '../../i18n/account.en.ts';
import { accountZh, type AccountMessageKey } from '../../i18n/account.zh.ts';
import { useI18n } from '../../i18n/use-i18n.tsx';

export type { Language as Lang } from '../../app-state/view-state.ts';
export type { AccountMessageKey };

const account = defineCatalog<AccountMessageKey>(accountZh, accountEn);
export const translateAccount = account.translate;
export const isAccountKey = account.isKey;
export const accountTranslator = account.translator;
export type AccountT = ReturnType<typeof accountTranslator>;

/** The account strings in the interface language (from the shared I18nProvider). */
export function useAccountI18n(): { lang: Language; t: AccountT } {
  const { lang } = useI18n();
  return useMemo(() => ({ lang, t: accountTranslator(lang) }), [lang]);
}
