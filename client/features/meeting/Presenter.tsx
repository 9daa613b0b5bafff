/**
 * Presentation mode: the map full screen, one slide after another with ←/→/space (PageUp/PageDown
 * from a clicker) and Esc to leave; a title bar with the slide, measure and as-of date, the legend
 * and the briefing in large type, 演示数据 on demo data. The camera glides to each slide's area.
 */
import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { loadKey } from '../../api/load-state.ts';
import { fetchBriefing, type Deck } from '../../api/meeting-api.ts';
import { useLoad } from '../../api/use-load.ts';
import { parseViewState } from '../../app-state/view-state.ts';
import { translate } from '../../i18n/messages.ts';
import { childLevelOf } from '../choropleth/choropleth.ts';
import { formatDate, formatWan } from '../../../server/domain/format.ts';
import { fetchLaggingProjects, fetchMeasureValues } from '../../api/client.ts';
import { getMeasure } from '../../../server/domain/measures.ts';
import type { ScreenPadding } from '../../map/types.ts';
import { BriefingText } from './BriefingPanel.tsx';
import { followupLines } from './followup-slide.ts';
import { useMeetingI18n } from './meeting-i18n.ts';

export interface PresenterProps {
  deck: Deck;
  index: number;
  onIndexChange: (i: number) => void;
  onExit: () => void;
  /** The legend of the map as it is drawn now. */
  legend: ReactNode;
  /** The screen space the title bar, legend and briefing cover (null when the presentation ends): the map fits its area into the rest. */
  onFrame?: (padding: ScreenPadding | null) => void;
}

/** What the boxes over the map cover, as padding of a `w` px wide map: the bar on top, legend on the left, briefing on the right. */
export function presenterFrame(
  w: number,
  boxes: { bar: DOMRectReadOnly | null; legend: DOMRectReadOnly | null; briefing: DOMRectReadOnly | null },
  gap = 24,
): ScreenPadding {
  return {
    top: Math.round((boxes.bar?.bottom ?? 0) + gap),
    left: Math.round(boxes.legend ? boxes.legend.right + gap : gap),
    right: Math.round(boxes.briefing ? w - boxes.briefing.left + gap : gap),
    bottom: 48,
  };
}

/** The key's step through the deck: +1, −1, 'exit' or null (not ours). */
export function presenterKey(key: string): 1 | -1 | 'exit' | null {
  if (key === 'ArrowRight' || key === ' ' || key === 'PageDown' || key === 'ArrowDown') return 1;
  if (key === 'ArrowLeft' || key === 'PageUp' || key === 'ArrowUp') return -1;
  if (key === 'Escape') return 'exit';
  return null;
}

export function Presenter({ deck, index, onIndexChange, onExit, legend, onFrame }: PresenterProps) {
  const { tm } = useMeetingI18n();
  const slide = deck.slides[index];
  const view = parseViewState(slide?.view ?? '');
  // Both loads follow the slide's view string. Failures show nothing: the slide stands without them.
  const briefingLoad = useLoad(slide ? loadKey('briefing', slide.view) : null, (signal) =>
    fetchBriefing(
      view.measure,
      { level: childLevelOf(view.area) ?? view.level, parent: view.area, asOf: view.asOf, compareTo: view.compareTo, lang: view.lang },
      { signal },
    ),
  );
  const briefing = briefingLoad.status === 'ready' ? briefingLoad.data : null;
  // A county's slide also names the projects holding it back (largest shortfall against the schedule of spending first).
  const behindLoad = useLoad(slide && /^\d{6}$/.test(view.area) ? loadKey('behind', slide.view) : null, (signal) =>
    fetchMeasureValues('spend_rate', { level: childLevelOf(view.area) ?? 'township', parent: view.area, asOf: view.asOf }, { signal }).then(
      (v) =>
        v.expected === null
          ? null
          : fetchLaggingProjects({ area: view.area, asOf: v.asOf, expected: Math.max(0, Math.min(100, v.expected)), limit: 5 }, { signal }),
    ),
  );
  const behind = behindLoad.status === 'ready' && behindLoad.data && behindLoad.data.projects.length > 0 ? behindLoad.data : null;
  const rootRef = useRef<HTMLDivElement>(null);

  // The boxes over the map: measured whenever they change size (a slide's briefing arrives), the map refits.
  useLayoutEffect(() => {
    const root = rootRef.current;
    if (!root || !onFrame) return;
    let last = '';
    const measure = () => {
      const box = (sel: string) => root.querySelector(sel)?.getBoundingClientRect() ?? null;
      const frame = presenterFrame(window.innerWidth, {
        bar: box('.presenter__bar'),
        legend: box('.presenter__legend'),
        briefing: box('.presenter__briefing'),
      });
      const key = JSON.stringify(frame);
      if (key === last) return;
      last = key;
      onFrame(frame);
    };
    const ro = new ResizeObserver(measure);
    // The boxes are observed again whenever the presenter's elements change (the projects behind a county
    // arrive, a box is rendered anew): a box measured once while it was still wide and never again left the
    // slide fitted into a sliver of the screen.
    const observe = () => {
      ro.disconnect();
      for (const el of root.querySelectorAll('.presenter__bar, .presenter__legend, .presenter__briefing')) ro.observe(el);
      measure();
    };
    const mo = new MutationObserver(observe);
    mo.observe(root, { childList: true, subtree: true });
    observe();
    return () => {
      mo.disconnect();
      ro.disconnect();
    };
  }, [onFrame, briefing, index]);
  useEffect(() => () => onFrame?.(null), [onFrame]);

  useEffect(() => {
    document.body.classList.add('meeting-presenting');
    document.documentElement.requestFullscreen?.().catch(() => {});
    const onFs = () => {
      if (!document.fullscreenElement) onExit();
    };
    // Only after entering: leaving full screen (Esc handled by the browser) ends the presentation.
    const t = setTimeout(() => document.addEventListener('fullscreenchange', onFs), 500);
    return () => {
      clearTimeout(t);
      document.removeEventListener('fullscreenchange', onFs);
      document.body.classList.remove('meeting-presenting');
      if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    };
  }, [onExit]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const step = presenterKey(e.key);
      if (step === null) return;
      e.preventDefault();
      if (step === 'exit') onExit();
      else onIndexChange(Math.max(0, Math.min(deck.slides.length - 1, index + step)));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [index, deck.slides.length, onIndexChange, onExit]);

  if (!slide) return null;
  const m = getMeasure(view.measure);
  const lang = view.lang;
  const followups = followupLines(slide);
  return (
    <div className="presenter" data-testid="presenter" data-slide={index + 1} ref={rootRef}>
      <header className="presenter__bar">
        <h1 className="presenter__title" data-testid="presenter-title">
          {slide.title}
        </h1>
        <div className="presenter__meta">
          {lang === 'zh' ? m.nameZh : m.nameEn}
          {briefing && ` · ${translate(lang, 'legend.asOf', { date: formatDate(briefing.asOf, lang) })}`}
        </div>
        <span className="presenter__demo">{translate(lang, 'demo.badge')}</span>
      </header>
      <div className="presenter__watermark" aria-hidden="true">
        {translate(lang, 'demo.badge')}
      </div>
      <aside className="presenter__legend">{legend}</aside>
      {followups ? (
        // The agenda's first slide: the follow-up items still open (督办), one per line.
        <aside className="presenter__briefing presenter__followups" data-testid="presenter-followups">
          <ol>
            {followups.map((l, i) => (
              <li key={i} className={l.overdue ? 'presenter__followup--overdue' : undefined}>
                {l.text}
              </li>
            ))}
          </ol>
        </aside>
      ) : (
        briefing && (
          <aside
            className={`presenter__briefing${briefing.sentences.join('').length > 420 ? ' presenter__briefing--long' : ''}`}
            data-testid="presenter-briefing"
          >
            <BriefingText sentences={briefing.sentences} />
            {behind && (
              <div className="presenter__behind" data-testid="presenter-behind">
                <h2>{tm('present.behind', { n: behind.behindCount })}</h2>
                <ol>
                  {behind.projects.map((p) => (
                    <li key={p.code}>
                      {p.name} <span>{tm('present.shortfall', { wan: formatWan(p.shortfallWan, lang) })}</span>
                    </li>
                  ))}
                </ol>
              </div>
            )}
          </aside>
        )
      )}
      <footer className="presenter__counter">
        {tm('present.counter', { i: index + 1, n: deck.slides.length })} · {tm('present.exit')}
      </footer>
    </div>
  );
}
