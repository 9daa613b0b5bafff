/** The briefing (通报) for the current view: the sentences a secretary reads, with a copy button. */
import type { MapLevel } from '../../app-state/view-state.ts';
import { Alert, Button, Spin } from 'antd';
import { useState } from 'react';
import { fetchBriefing, type Briefing } from '../../api/meeting-api.ts';
import type { MeasureId } from '../../../server/domain/measures.ts';
import { LruCache, loadKey } from '../../api/load-state.ts';
import { useLoad } from '../../api/use-load.ts';
import { useMeetingI18n } from './meeting-i18n.ts';

export interface BriefingPanelProps {
  measure: MeasureId;
  level: MapLevel;
  area: string;
  asOf: string | null;
  compareTo: string | null;
  onClose?: () => void;
}

/** Briefings by view and language: stepping back to a slide shows its sentences at once. */
const briefingCache = new LruCache<Briefing>(16);

export function BriefingPanel({ measure, level, area, asOf, compareTo, onClose }: BriefingPanelProps) {
  const { lang, tm } = useMeetingI18n();
  const result = useLoad(
    loadKey('briefing', measure, level, area, asOf, compareTo, lang),
    (signal) => fetchBriefing(measure, { level, parent: area, asOf, compareTo, lang }, { signal }),
    { cache: briefingCache },
  );
  const [copied, setCopied] = useState(false);
  const copy = (text: string) =>
    void navigator.clipboard?.writeText(text).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  return (
    <section className="briefing-panel" data-testid="briefing-panel" aria-label={tm('briefing.title')}>
      <header className="briefing-panel__header">
        <h2 className="briefing-panel__title">{tm('briefing.title')}</h2>
        {result.status === 'ready' && (
          <Button size="small" onClick={() => copy(result.data.sentences.join(''))}>
            {copied ? tm('briefing.copied') : tm('briefing.copy')}
          </Button>
        )}
        {onClose && (
          <Button size="small" type="text" onClick={onClose} aria-label={tm('briefing.close')}>
            ✕
          </Button>
        )}
      </header>
      {result.status === 'loading' && <Spin size="small" tip={tm('briefing.loading')} />}
      {result.status === 'error' && <Alert type="error" showIcon message={tm('briefing.error', { message: result.error.message })} />}
      {result.status === 'ready' && <BriefingText sentences={result.data.sentences} />}
    </section>
  );
}

/** The sentences as one paragraph each (also used on slides and in the printed deck). */
export function BriefingText({ sentences }: { sentences: readonly string[] }) {
  return (
    <div className="briefing-text" data-testid="briefing-text">
      {sentences.map((s, i) => (
        <p key={i}>{s}</p>
      ))}
    </div>
  );
}
