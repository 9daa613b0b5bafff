/** The follow-up tools' catalog (client/i18n/catalog.ts: the one translation mechanism). */
import { defineCatalog } from '../../i18n/catalog.ts';
import { followupsEn } from '../../i18n/followups.en.ts';
import { followupsZh, type FollowupsMessageKey } from '../../i18n/followups.zh.ts';
import { useI18n } from '../../i18n/use-i18n.tsx';

const followups = defineCatalog<FollowupsMessageKey>(followupsZh, followupsEn);
export const translateFollowups = followups.translate;

/** The language and a translator for follow-up components. */
export function useFollowupsI18n() {
  const { lang } = useI18n();
  return { lang, tf: followups.translator(lang) };
}
