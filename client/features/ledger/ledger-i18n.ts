/** The ledger's catalog (client/i18n/catalog.ts: the one translation mechanism). */
import { useMemo } from 'react';
import { defineCatalog } from '../../i18n/catalog.ts';
import { ledgerEn } from '../../i18n/ledger.en.ts';
import { ledgerZh, type LedgerMessageKey } from '../../i18n/ledger.zh.ts';
import { useI18n } from '../../i18n/use-i18n.tsx';

export type { LedgerMessageKey };
const ledger = defineCatalog<LedgerMessageKey>(ledgerZh, ledgerEn);
export const translateLedger = ledger.translate;
export const isLedgerKey = ledger.isKey;
export type LedgerT = ReturnType<typeof ledger.translator>;

/** The language and a translator for ledger components. */
export function useLedgerI18n(): { lang: 'zh' | 'en'; t: LedgerT } {
  const { lang } = useI18n();
  return useMemo(() => ({ lang, t: ledger.translator(lang) }), [lang]);
}
