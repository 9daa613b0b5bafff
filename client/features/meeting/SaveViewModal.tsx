/** "Save this view": the current URL view state as a slide, with title and notes, into a deck (new or existing). */
import { Form, Input, Modal, Select, message } from 'antd';
import { useEffect, useState } from 'react';
import { appendSlide, createDeck, listDecks, type DeckSummary } from '../../api/meeting-api.ts';
import { useMeetingI18n } from './meeting-i18n.ts';

export interface SaveViewModalProps {
  open: boolean;
  defaultTitle: string;
  /** The deck opened last, chosen first. */
  lastDeckId: number | null;
  onClose: () => void;
  onSaved: (deckId: number) => void;
}

const NEW = -1;

export function SaveViewModal({ open, defaultTitle, lastDeckId, onClose, onSaved }: SaveViewModalProps) {
  const { tm } = useMeetingI18n();
  const [decks, setDecks] = useState<DeckSummary[]>([]);
  const [form] = Form.useForm<{ title: string; notes: string; deck: number; newDeck: string }>();
  const [busy, setBusy] = useState(false);
  const deckChoice = Form.useWatch('deck', form);

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({ title: defaultTitle, notes: '', newDeck: '' });
    listDecks().then(
      (items) => {
        setDecks(items);
        form.setFieldValue('deck', lastDeckId ?? items[0]?.id ?? NEW);
      },
      () => form.setFieldValue('deck', NEW),
    );
  }, [open, defaultTitle, lastDeckId, form]);

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const deckId = v.deck === NEW ? (await createDeck(v.newDeck.trim() || v.title)).id : v.deck;
      const deck = await appendSlide(deckId, { title: v.title, notes: v.notes ?? '', view: window.location.search });
      message.success(tm('save.done', { deck: deck.title, n: deck.slides.length }));
      onSaved(deckId);
      onClose();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={tm('save.title')} okText={tm('save.ok')} onOk={save} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" data-testid="save-view-form">
        <Form.Item name="title" label={tm('save.slideTitle')} rules={[{ required: true, whitespace: true, max: 120 }]}>
          <Input data-testid="slide-title" />
        </Form.Item>
        <Form.Item name="notes" label={tm('save.notes')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="deck" label={tm('save.deck')}>
          <Select
            data-testid="deck-select"
            options={[...decks.map((d) => ({ value: d.id, label: d.title })), { value: NEW, label: `${tm('save.newDeck')}…` }]}
          />
        </Form.Item>
        {deckChoice === NEW && (
          <Form.Item name="newDeck" label={tm('save.newDeckTitle')}>
            <Input data-testid="new-deck-title" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
