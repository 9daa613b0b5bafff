/**
 * The meeting tools over the map: a toolbar (briefing, save this view, decks, image export) and the
 * panels, drawer, presentation and print view it opens.
 */
import type { MapLevel } from '../../app-state/view-state.ts';
import { Button, Dropdown, message } from 'antd';
import { lazy, Suspense, useCallback, useState, type ReactNode } from 'react';
import type { Deck, DeckSlide } from '../../api/meeting-api.ts';
import { useAccount } from '../account/account-context.ts';
import { hasGrant } from '../account/permissions.ts';
import type { MeasureId } from '../../../server/domain/measures.ts';
import { FollowupButton } from '../followups/FollowupButton.tsx';
import { useMeetingI18n } from './meeting-i18n.ts';
import type { ScreenPadding } from '../../map/types.ts';
import './meeting.css';

export interface MeetingOverlayProps {
  measure: MeasureId;
  level: MapLevel;
  area: string;
  asOf: string | null;
  compareTo: string | null;
  /** A default slide title for the current view. */
  viewTitle: string;
  /** Show a saved view (its URL query string) on the map. */
  onApplyView: (search: string) => void;
  /** The map's legend as drawn now (for the presentation). */
  legend: ReactNode;
  /** While presenting: the screen space covered by the presentation's boxes (null after). */
  onPresentFrame?: (padding: ScreenPadding | null) => void;
}

// The panels, drawer, presentation and print view load when first opened: not part of the first screen.
const BriefingPanel = lazy(() => import('./BriefingPanel.tsx').then((m) => ({ default: m.BriefingPanel })));
const DeckDrawer = lazy(() => import('./DeckDrawer.tsx').then((m) => ({ default: m.DeckDrawer })));
const Presenter = lazy(() => import('./Presenter.tsx').then((m) => ({ default: m.Presenter })));
const PrintDeck = lazy(() => import('./PrintDeck.tsx').then((m) => ({ default: m.PrintDeck })));
const SaveViewModal = lazy(() => import('./SaveViewModal.tsx').then((m) => ({ default: m.SaveViewModal })));

const download = (blob: Blob, name: string) => {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
};

export function MeetingOverlay(props: MeetingOverlayProps) {
  const { tm } = useMeetingI18n();
  const { me } = useAccount();
  const canWrite = hasGrant(me, 'meetings:write') && !!me?.user;
  const [briefing, setBriefing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [drawer, setDrawer] = useState(false);
  const [deckId, setDeckId] = useState<number | null>(null);
  const [presenting, setPresenting] = useState<{ deck: Deck; index: number } | null>(null);
  const [printing, setPrinting] = useState<Deck | null>(null);
  // Mounted from their first opening on, so they close with their animation and keep their state.
  const [used, setUsed] = useState({ save: false, decks: false });
  const openSave = () => (setUsed((u) => ({ ...u, save: true })), setSaving(true));
  const openDecks = () => (setUsed((u) => ({ ...u, decks: true })), setDrawer(true));
  const { onApplyView } = props;

  const present = useCallback(
    (deck: Deck, from: number) => {
      setDrawer(false);
      setPresenting({ deck, index: from });
      onApplyView(deck.slides[from].view);
    },
    [onApplyView],
  );
  const goTo = useCallback(
    (index: number) =>
      setPresenting((p) => {
        if (!p || index === p.index) return p;
        onApplyView(p.deck.slides[index].view);
        return { ...p, index };
      }),
    [onApplyView],
  );
  const exitPresenting = useCallback(() => setPresenting(null), []);

  const exportPng = async (scale: number) => {
    try {
      const { loadSlide, svgToPng } = await import('./figure-data.ts');
      const slide = await loadSlide(window.location.search, { width: 1600, height: 900 });
      const blob = await svgToPng(slide.svg, 1600, 900, scale);
      download(blob, `${slide.title.replace(/[\\/:*?"<>|\s·]+/g, '-')}-${slide.values.asOf}${scale > 1 ? `@${scale}x` : ''}.png`);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <>
      <div className="meeting-bar" data-testid="meeting-bar">
        <Button size="small" type={briefing ? 'primary' : 'default'} onClick={() => setBriefing((b) => !b)} data-testid="briefing-toggle">
          {tm('briefing.open')}
        </Button>
        <Dropdown
          menu={{
            items: [
              { key: '1', label: tm('bar.png1'), onClick: () => void exportPng(1) },
              { key: '2', label: tm('bar.png2'), onClick: () => void exportPng(2) },
            ],
          }}
        >
          <Button size="small" data-testid="export-png">
            {tm('bar.png')}
          </Button>
        </Dropdown>
        {canWrite && (
          <>
            <Button size="small" onClick={openSave} data-testid="save-view">
              {tm('bar.save')}
            </Button>
            <Button size="small" onClick={openDecks} data-testid="open-decks">
              {tm('bar.decks')}
            </Button>
          </>
        )}
        <FollowupButton />
      </div>
      <Suspense fallback={null}>
        {briefing && (
          <div className="briefing-float">
            <BriefingPanel
              measure={props.measure}
              level={props.level}
              area={props.area}
              asOf={props.asOf}
              compareTo={props.compareTo}
              onClose={() => setBriefing(false)}
            />
          </div>
        )}
        {canWrite && (
          <>
            {used.save && (
              <SaveViewModal
                open={saving}
                defaultTitle={props.viewTitle}
                lastDeckId={deckId}
                onClose={() => setSaving(false)}
                onSaved={setDeckId}
              />
            )}
            {used.decks && (
              <DeckDrawer
                open={drawer}
                onClose={() => setDrawer(false)}
                measure={props.measure}
                asOf={props.asOf}
                deckId={deckId}
                onDeckChange={setDeckId}
                onShowSlide={(s: DeckSlide) => onApplyView(s.view)}
                onPresent={present}
                onPrint={(d) => {
                  setDrawer(false);
                  setPrinting(d);
                }}
              />
            )}
          </>
        )}
        {presenting && (
          <Presenter
            deck={presenting.deck}
            index={presenting.index}
            onIndexChange={goTo}
            onExit={exitPresenting}
            legend={props.legend}
            onFrame={props.onPresentFrame}
          />
        )}
        {printing && <PrintDeck deck={printing} onClose={() => setPrinting(null)} autoPrint={!navigator.webdriver} />}
      </Suspense>
    </>
  );
}
