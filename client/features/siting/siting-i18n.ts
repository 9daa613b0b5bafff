/** The siting tool's catalog (client/i18n/catalog.ts: the one translation mechanism). */
import { defineCatalog } from '../../i18n/catalog.ts';
import { sitingEn } from '../../i18n/siting.en.ts';
import { sitingZh, type SitingMessageKey } from '../../i18n/siting.zh.ts';

export type { SitingMessageKey };
export type { Language as SitingLang } from '../../app-state/view-state.ts';

const siting = defineCatalog<SitingMessageKey>(sitingZh, sitingEn);
export const translateSiting = siting.translate;
export const sitingTranslator = siting.translator;
export type SitingT = ReturnType<typeof sitingTranslator>;
