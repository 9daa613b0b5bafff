/**
 * The deck as printable pages (A4 landscape): per slide the map figure (SVG: its text stays text in
 * the PDF), legend, briefing and ranking table. The browser's print-to-PDF makes the PDF; nothing is
 * fetched from outside. `data-print-ready` is set once every page is drawn.
 */
import { Alert, Button, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Deck } from '../../api/meeting-api.ts';
import { formatMeasureValue, formatPts } from '../../../server/domain/format.ts';
import { BriefingText } from './BriefingPanel.tsx';
import { followupLines } from './followup-slide.ts';
import { loadSlide, type SlideData } from './figure-data.ts';
import { useMeetingI18n } from './meeting-i18n.ts';
import { printRows } from './print-rows.ts';

/** Characters of a briefing above which it is printed smaller so that it fits beside the ranking (a township briefing names many units). */
const longBriefing = 420;
const briefingLength = (sentences: readonly string[]) => sentences.reduce((n, s) => n + s.length, 0);

export function PrintDeck({ deck, onClose, autoPrint = true }: { deck: Deck; onClose: () => void; autoPrint?: boolean }) {
  const { tm, lang } = useMeetingI18n();
  const [pages, setPages] = useState<SlideData[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.body.classList.add('meeting-printing');
    return () => document.body.classList.remove('meeting-printing');
  }, []);
  useEffect(() => {
    let live = true;
    const views = deck.slides.filter((s) => !s.problem).map((s) => s.view);
    // One slide after the other: the server is small and so is the machine.
    (async () => {
      const out: SlideData[] = [];
      for (const v of views) out.push(await loadSlide(v, { width: 1600, height: 820 }));
      return out;
    })().then(
      (p) => {
        if (!live) return;
        setPages(p);
        if (autoPrint && p.length > 0) setTimeout(() => window.print(), 300);
      },
      (err) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [deck, autoPrint]);

  return createPortal(
    <div className="print-root" data-testid="print-deck" data-print-ready={pages ? 'true' : undefined}>
      <div className="print-toolbar">
        <strong>{deck.title}</strong>
        <Button onClick={() => window.print()} disabled={!pages}>
          {tm('decks.print')}
        </Button>
        <Button onClick={onClose}>✕</Button>
      </div>
      {error && <Alert type="error" showIcon message={error} />}
      {!pages && !error && <Spin tip={tm('print.loading')} />}
      {pages && pages.length === 0 && <Alert type="warning" showIcon message={tm('print.empty')} />}
      {pages?.map((p, i) => {
        const m = p.values.measure;
        const ranked = [...p.values.rows].filter((r) => r.rank !== null).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
        const slide = deck.slides.filter((s) => !s.problem)[i];
        // The agenda's follow-up slide: the items still open instead of the briefing and ranking.
        const followups = followupLines(slide);
        return (
          <section className="print-page" key={i} data-testid="print-page">
            <h1 className="print-page__title">{slide.title}</h1>
            <div className="print-page__figure" dangerouslySetInnerHTML={{ __html: p.svg }} />
            {followups ? (
              <div className="print-page__text print-page__followups" data-testid="print-followups">
                <h2>{tm('print.followups')}</h2>
                <ol>
                  {followups.map((l, j) => (
                    <li key={j} className={l.overdue ? 'down' : undefined}>
                      {l.text}
                    </li>
                  ))}
                </ol>
              </div>
            ) : (
              <div className="print-page__text">
                <div
                  className={`print-page__briefing${briefingLength(p.briefing.sentences) > longBriefing ? ' print-page__briefing--long' : ''}`}
                >
                  <h2>{tm('print.briefing')}</h2>
                  <BriefingText sentences={p.briefing.sentences} />
                </div>
                <table className="print-page__ranking">
                  <caption>{tm('print.ranking')}</caption>
                  <thead>
                    <tr>
                      <th>{tm('print.rank')}</th>
                      <th>{tm('print.unit')}</th>
                      <th>{tm('print.value')}</th>
                      {p.values.expected !== null && <th>{tm('print.lag')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {printRows(ranked, 12).map((x) =>
                      x.kind === 'gap' ? (
                        <tr key="gap" className="print-page__gap">
                          <td colSpan={p.values.expected !== null ? 4 : 3}>{tm('print.omitted', { n: x.omitted })}</td>
                        </tr>
                      ) : (
                        <tr key={x.row.code} className={x.row.status === 'lagging' ? 'down' : undefined}>
                          <td>{x.row.rank}</td>
                          <td title={x.row.name}>{x.row.name}</td>
                          <td>{formatMeasureValue(m, x.row.value, lang)}</td>
                          {p.values.expected !== null && <td>{formatPts(x.row.lag, lang)}</td>}
                        </tr>
                      ),
                    )}
                  </tbody>
                </table>
              </div>
            )}
            <footer className="print-page__foot">{tm('print.page', { i: i + 1, n: pages.length })}</footer>
          </section>
        );
      })}
    </div>,
    document.body,
  );
}
