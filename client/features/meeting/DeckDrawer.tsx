/**
 * Meeting decks: the list (open, duplicate, delete, build the agenda) and one opened deck (rename,
 * reorder, remove slides, show a slide, present, print). A save refused because someone else saved
 * first shows their version and lets the user take it or re-apply the change on top of it.
 */
import { Alert, Button, Drawer, Empty, Input, List, Modal, Space, Spin, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useChanged } from '../../ui/use-changed.ts';
import {
  DeckConflictError,
  buildAgenda,
  deleteDeck,
  duplicateDeck,
  getDeck,
  listDecks,
  saveDeck,
  type Deck,
  type DeckSlide,
  type DeckSummary,
} from '../../api/meeting-api.ts';
import type { MeasureId } from '../../../server/domain/measures.ts';
import { useMeetingI18n } from './meeting-i18n.ts';

export interface DeckDrawerProps {
  open: boolean;
  onClose: () => void;
  measure: MeasureId;
  asOf: string | null;
  /** The deck to show opened (e.g. the one a view was just saved into). */
  deckId: number | null;
  onDeckChange: (id: number | null) => void;
  onShowSlide: (slide: DeckSlide) => void;
  onPresent: (deck: Deck, from: number) => void;
  onPrint: (deck: Deck) => void;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function DeckDrawer(props: DeckDrawerProps) {
  const { tm } = useMeetingI18n();
  const { open, deckId, onDeckChange } = props;
  const [decks, setDecks] = useState<DeckSummary[] | null>(null);
  const [deck, setDeck] = useState<Deck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [title, setTitle] = useState('');

  const reload = useCallback(() => {
    listDecks().then(setDecks, (err) => setError(errorText(err)));
  }, []);
  useEffect(() => {
    if (open) reload();
  }, [open, reload]);
  const openChanged = useChanged(open);
  const deckChanged = useChanged(deckId);
  if ((openChanged || deckChanged) && (!open || deckId === null) && deck !== null) setDeck(null);
  useEffect(() => {
    if (!open || deckId === null) return;
    getDeck(deckId).then(
      (d) => {
        setDeck(d);
        setTitle(d.title);
      },
      (err) => setError(errorText(err)),
    );
  }, [open, deckId]);

  /** Save a change; on 409 show their version and offer both ways out, nothing lost. */
  const save = async (patch: { title?: string; slides?: DeckSlide[] }, base: Deck = deck!) => {
    try {
      const saved = await saveDeck(base.id, { version: base.version, ...patch });
      setDeck(saved);
      setTitle(saved.title);
    } catch (err) {
      if (!(err instanceof DeckConflictError)) return void message.error(errorText(err));
      const theirs = err.current;
      Modal.confirm({
        title: tm('decks.conflictTitle'),
        width: 560,
        content: (
          <div data-testid="deck-conflict">
            <p>{err.message}</p>
            <p>{tm('decks.conflictTheirs', { version: theirs.version })}</p>
            <p>
              <strong>{theirs.title}</strong>
            </p>
            <ol>
              {theirs.slides.map((s) => (
                <li key={s.id}>{s.title}</li>
              ))}
            </ol>
          </div>
        ),
        okText: tm('decks.conflictKeepMine'),
        cancelText: tm('decks.conflictUseTheirs'),
        onOk: () => save(patch, theirs),
        onCancel: () => {
          setDeck(theirs);
          setTitle(theirs.title);
        },
      });
    }
  };

  const move = (i: number, by: number) => {
    const slides = [...deck!.slides];
    const [s] = slides.splice(i, 1);
    slides.splice(i + by, 0, s);
    void save({ slides });
  };
  const remove = (i: number) => void save({ slides: deck!.slides.filter((_, j) => j !== i) });

  const agenda = async () => {
    try {
      const d = await buildAgenda(props.measure, props.asOf);
      onDeckChange(d.id);
      reload();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Drawer open={open} onClose={props.onClose} title={tm('decks.title')} width={520} data-testid="deck-drawer">
      {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} />}
      {deckId !== null && deck?.id !== deckId && !error ? (
        // The deck asked for is still loading: not the list, which would flash and move under the pointer.
        <div data-testid="deck-loading" style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      ) : deck ? (
        <div data-testid="deck-editor">
          <Space style={{ marginBottom: 12 }} wrap>
            <Button onClick={() => onDeckChange(null)}>{tm('decks.back')}</Button>
            <Button type="primary" disabled={deck.slides.length === 0} onClick={() => props.onPresent(deck, 0)} data-testid="deck-present">
              {tm('decks.present')}
            </Button>
            <Button disabled={deck.slides.length === 0} onClick={() => props.onPrint(deck)} data-testid="deck-print">
              {tm('decks.print')}
            </Button>
          </Space>
          <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
            <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} data-testid="deck-title" />
            <Button onClick={() => save({ title })} disabled={!title.trim() || title === deck.title}>
              {tm('decks.rename')}
            </Button>
          </Space.Compact>
          {deck.slides.length === 0 ? (
            <Empty description={tm('decks.noSlides')} />
          ) : (
            <List
              dataSource={deck.slides}
              renderItem={(s, i) => (
                <List.Item
                  data-testid="deck-slide"
                  actions={[
                    <Button key="show" size="small" disabled={!!s.problem} onClick={() => props.onShowSlide(s)}>
                      {tm('decks.show')}
                    </Button>,
                    <Button key="up" size="small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={tm('decks.up')}>
                      ↑
                    </Button>,
                    <Button
                      key="down"
                      size="small"
                      disabled={i === deck.slides.length - 1}
                      onClick={() => move(i, 1)}
                      aria-label={tm('decks.down')}
                    >
                      ↓
                    </Button>,
                    <Button key="rm" size="small" danger onClick={() => remove(i)}>
                      {tm('decks.remove')}
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={`${i + 1}. ${s.title}`}
                    description={s.problem ? <span className="down">{tm('decks.problem', { problem: s.problem })}</span> : s.notes || null}
                  />
                </List.Item>
              )}
            />
          )}
        </div>
      ) : (
        <div data-testid="deck-list">
          <Button type="primary" onClick={agenda} style={{ marginBottom: 12 }} data-testid="deck-agenda">
            {tm('decks.agenda')}
          </Button>
          {decks && decks.length === 0 && <Empty description={tm('decks.empty')} />}
          <List
            dataSource={decks ?? []}
            loading={decks === null && !error}
            renderItem={(d) => (
              <List.Item
                actions={[
                  <Button
                    key="open"
                    size="small"
                    type="link"
                    onClick={() => onDeckChange(d.id)}
                    data-testid="deck-open"
                    data-deck={d.title}
                  >
                    {tm('decks.open')}
                  </Button>,
                  <Button key="dup" size="small" onClick={() => duplicateDeck(d.id).then(reload, (err) => message.error(errorText(err)))}>
                    {tm('decks.duplicate')}
                  </Button>,
                  <Button
                    key="del"
                    size="small"
                    danger
                    onClick={() =>
                      Modal.confirm({
                        title: tm('decks.deleteConfirm', { title: d.title }),
                        onOk: () => deleteDeck(d.id).then(reload, (err) => message.error(errorText(err))),
                      })
                    }
                  >
                    {tm('decks.delete')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={d.title}
                  description={`${tm('decks.slides', { n: d.slideCount })} · ${tm('decks.updated', { who: d.updatedBy ?? '—', time: d.updatedAt.slice(0, 16).replace('T', ' ') })}`}
                />
              </List.Item>
            )}
          />
        </div>
      )}
    </Drawer>
  );
}
