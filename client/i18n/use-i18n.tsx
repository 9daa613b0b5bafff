/** The interface language for components: `useI18n()` gives the language and `t(key, params)`. */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Language } from '../app-state/view-state.ts';
import { translate, type MessageKey, type MessageParams } from './messages.ts';

export interface I18n {
  lang: Language;
  t: (key: MessageKey, params?: MessageParams) => string;
}

const I18nContext = createContext<I18n>({ lang: 'zh', t: (key, params) => translate('zh', key, params) });

/** Provide the language (it lives in the view state, i.e. the URL `?lang=en`). */
export function I18nProvider({ lang, children }: { lang: Language; children: ReactNode }) {
  const value = useMemo<I18n>(() => ({ lang, t: (key, params) => translate(lang, key, params) }), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
