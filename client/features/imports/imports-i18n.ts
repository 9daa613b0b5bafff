/** The import wizard's catalog (client/i18n/catalog.ts). */
import { useMemo } from 'react';
import { defineCatalog } from '../../i18n/catalog.ts';
import { importsEn } from '../../i18n/imports.en.ts';
import { importsZh, type ImportsMessageKey } from '../../i18n/imports.zh.ts';
import { useI18n } from '../../i18n/use-i18n.tsx';

const imports = defineCatalog<ImportsMessageKey>(importsZh, importsEn);
export type ImportsT = ReturnType<typeof imports.translator>;

export function useImportsI18n(): { t: ImportsT } {
  const { lang } = useI18n();
  return useMemo(() => ({ t: imports.translator(lang) }), [lang]);
}
