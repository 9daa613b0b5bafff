/** Bottom bar: the as-of slider over the history dates with the meetings marked, play, and 对比 (change since). */
import { CaretRightFilled, PauseOutlined } from '@ant-design/icons';
import { Button, Select, Skeleton, Slider } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DatesInfo } from '../../api/client.ts';
import { useI18n } from '../../i18n/use-i18n.tsx';
import { formatDate } from '../../../server/domain/format.ts';
import { compareCandidates, nextDate, timelineLabelMode, timelineMarks } from './timeline.ts';

export interface TimeBarProps {
  dates: DatesInfo | null;
  asOf: string | null;
  compareTo: string | null;
  onAsOfChange: (date: string) => void;
  onCompareChange: (date: string | null) => void;
}

const shortDate = (d: string, lang: 'zh' | 'en') => (lang === 'zh' ? `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日` : d.slice(5));
const monthOnly = (d: string, lang: 'zh' | 'en') =>
  lang === 'zh' ? `${Number(d.slice(5, 7))}月` : new Date(`${d}T00:00:00Z`).toLocaleString('en', { month: 'short', timeZone: 'UTC' });

/** Width of an element, kept up to date (ResizeObserver). */
function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    ro.observe(el);
    return () => ro.disconnect();
  });
  return [ref, width] as const;
}

export function TimeBar({ dates, asOf, compareTo, onAsOfChange, onCompareChange }: TimeBarProps) {
  const { t, lang } = useI18n();
  const [playing, setPlaying] = useState(false);
  const marks = useMemo(() => (dates ? timelineMarks(dates.historyDates, dates.meetings) : []), [dates]);
  const all = marks.map((m) => m.date);
  const current = asOf ?? dates?.defaultAsOf ?? null;
  const [sliderRef, sliderWidth] = useWidth<HTMLDivElement>();
  const labelMode = timelineLabelMode(sliderWidth, marks.length);

  useEffect(() => {
    if (!playing) return;
    const id = window.setTimeout(() => {
      const next = nextDate(all, current);
      if (next === null) setPlaying(false);
      else onAsOfChange(next);
    }, 1600);
    return () => window.clearTimeout(id);
  }, [playing, current, all, onAsOfChange]);

  if (!dates || current === null)
    return (
      <div className="time-bar">
        <Skeleton.Input active block />
      </div>
    );
  const index = Math.max(0, all.indexOf(current));
  return (
    <div className="time-bar" data-testid="time-bar">
      <Button
        className="time-bar__play"
        shape="circle"
        size="large"
        type="primary"
        aria-label={playing ? t('time.pause') : t('time.play')}
        title={playing ? t('time.pause') : t('time.play')}
        icon={playing ? <PauseOutlined /> : <CaretRightFilled />}
        onClick={() => {
          if (!playing && nextDate(all, current) === null) onAsOfChange(all[0]);
          setPlaying(!playing);
        }}
      />
      <div className="time-bar__label">
        <div className="time-bar__caption">{t('time.asOf')}</div>
        <div className="time-bar__date" data-testid="as-of">
          {formatDate(current, lang)}
        </div>
      </div>
      <div className="time-bar__slider" ref={sliderRef} data-label-mode={labelMode}>
        <Slider
          min={0}
          max={Math.max(0, all.length - 1)}
          step={null}
          value={index}
          onChange={(i) => onAsOfChange(all[i])}
          tooltip={{ formatter: (i) => (i == null ? '' : formatDate(all[i], lang)) }}
          marks={Object.fromEntries(
            marks.map((m) => [
              m.index,
              {
                label: m.meeting ? (
                  <span className="time-bar__meeting" title={`${t('time.meeting', { n: m.meeting })} ${formatDate(m.date, lang)}`}>
                    {labelMode === 'long' ? t('time.meeting', { n: m.meeting }) : t('time.meetingShort', { n: m.meeting })}
                  </span>
                ) : labelMode === 'meetings' ? (
                  // Still a mark (a step the slider can stop at), just without text: rc-slider drops marks whose label is empty.
                  <span className="time-bar__month" title={formatDate(m.date, lang)} aria-label={formatDate(m.date, lang)} />
                ) : (
                  <span className="time-bar__month" title={formatDate(m.date, lang)}>
                    {labelMode === 'long' ? shortDate(m.date, lang) : monthOnly(m.date, lang)}
                  </span>
                ),
              },
            ]),
          )}
        />
      </div>
      <div className="time-bar__compare">
        <label htmlFor="compare-select" className="time-bar__caption">
          {t('time.compare')}
        </label>
        <Select<string>
          id="compare-select"
          data-testid="compare-select"
          style={{ width: 'var(--compare-width, 190px)' }}
          value={compareTo ?? ''}
          title={t('time.compareHint')}
          onChange={(v) => onCompareChange(v === '' ? null : v)}
          options={[
            { value: '', label: t('time.compareOff') },
            ...compareCandidates(all, current).map((d) => {
              const meeting = marks.find((m) => m.date === d)?.meeting;
              return { value: d, label: `${formatDate(d, lang)}${meeting ? ` · ${t('time.meeting', { n: meeting })}` : ''}` };
            }),
          ]}
        />
      </div>
    </div>
  );
}
