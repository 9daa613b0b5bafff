/** The meeting tools' catalog (client/i18n/catalog.ts: the one translation mechanism). */
import { defineCatalog } from '../../i18n/catalog.ts';
import { meetingEn } from '../../i18n/meeting.en.ts';
import { meetingZh, type MeetingMessageKey } from '../../i18n/meeting.zh.ts';
import { useI18n } from '../../i18n/use-i18n.tsx';

export type { MeetingMessageKey };

const meeting = defineCatalog<MeetingMessageKey>(meetingZh, meetingEn);
export const translateMeeting = meeting.translate;

/** The language and a translator for meeting components. */
export function useMeetingI18n() {
  const { lang } = useI18n();
  return { lang, tm: meeting.translator(lang) };
}
