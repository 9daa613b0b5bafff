/**
 * The 督办 drawer: the follow-up items, overdue first, filtered by county and state; a leader or the
 * city office records and edits items, the county's editors report progress on their own county's
 * items, the city office closes them. A change refused because someone changed the item first (409)
 * shows the item as it is now, marked, with the server's sentence — nothing typed is lost (the form stays open).
 */
import { Alert, Button, DatePicker, Drawer, Empty, Form, Input, Modal, Segmented, Select, Spin, Tag, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  FollowupConflictError,
  answerFollowup,
  closeFollowup,
  createFollowup,
  editFollowup,
  followupsChanged,
  listFollowups,
  type Followup,
  type FollowupList,
  type FollowupStateFilter,
} from '../../api/followups-api.ts';
import { useAccount } from '../account/account-context.ts';
import { grantScope } from '../account/permissions.ts';
import { rootCode } from '../../app-state/root-area.ts';
import { useLoad } from '../../api/use-load.ts';
import { regionsRequest } from '../regions/regions-load.ts';
import { formatDate } from '../../../server/domain/format.ts';
import { useFollowupsI18n } from './followups-i18n.ts';
import './followups.css';

export interface FollowupDrawerProps {
  open: boolean;
  onClose: () => void;
  /** The county to show first (a badge's), or null. */
  county: string | null;
}

type Dialog = { kind: 'create' } | { kind: 'edit' | 'answer' | 'close'; item: Followup } | null;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

export function FollowupDrawer({ open, onClose, county: initialCounty }: FollowupDrawerProps) {
  const { tf, lang } = useFollowupsI18n();
  const { me } = useAccount();
  const canManage = grantScope(me, 'followups:manage') === 'all';
  const canClose = grantScope(me, 'followups:close') === 'all';
  const answerScope = grantScope(me, 'followups:answer');
  const ownCounty = me?.user?.countyCode ?? null;
  const canAnswer = (f: Followup) => answerScope === 'all' || (answerScope === 'own_county' && ownCounty === f.countyCode);

  const [county, setCounty] = useState<string | null>(initialCounty);
  const [state, setState] = useState<FollowupStateFilter | 'all'>('active');
  const [list, setList] = useState<FollowupList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [flash, setFlash] = useState<number | null>(null);
  const counties = useLoad(...regionsRequest('county', rootCode()));
  const countyOptions = useMemo(
    () =>
      counties.status === 'ready'
        ? [...counties.data.features]
            .sort((a, b) => (a.properties.code < b.properties.code ? -1 : 1))
            .map((f) => ({ value: f.properties.code, label: f.properties.name }))
        : [],
    [counties],
  );

  useEffect(() => {
    if (open) setCounty(initialCounty ?? (answerScope === 'own_county' ? ownCounty : null));
  }, [open, initialCounty, answerScope, ownCounty]);

  const reload = useCallback(() => {
    setError(null);
    listFollowups({ county, state: state === 'all' ? null : state }).then(setList, (err) => setError(errorText(err)));
  }, [county, state]);
  useEffect(() => {
    if (open) reload();
  }, [open, reload]);

  /** After a write: reload, recount the badges, mark the item. */
  const done = (item: Followup, text: string) => {
    setDialog(null);
    message.success(text);
    setFlash(item.id);
    reload();
    followupsChanged();
  };
  /** A 409: show the item as it is now in the list, marked, and say why. */
  const conflict = (err: unknown) => {
    if (!(err instanceof FollowupConflictError)) return void message.error(errorText(err));
    const current = err.current;
    setList((l) => (l ? { ...l, items: l.items.map((i) => (i.id === current.id ? current : i)) } : l));
    setFlash(current.id);
    setDialog((d) => (d && d.kind !== 'create' && d.item.id === current.id ? { ...d, item: current } : d));
    Modal.warning({ title: tf('conflict.title'), content: `${err.message} ${tf('conflict.reload')}` });
    followupsChanged();
  };

  const date = (iso: string | null) => (iso ? formatDate(iso.slice(0, 10), lang) : '');

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={tf('drawer.title')}
      width={560}
      className="fu-drawer"
      destroyOnHidden
      data-testid="followup-drawer"
      extra={
        canManage && (
          <Button type="primary" onClick={() => setDialog({ kind: 'create' })} data-testid="followup-new">
            {tf('drawer.new')}
          </Button>
        )
      }
    >
      <div className="fu-filters">
        <Select
          value={county ?? ''}
          onChange={(v) => setCounty(v || null)}
          style={{ width: 170 }}
          options={[{ value: '', label: tf('drawer.allCounties') }, ...countyOptions]}
          aria-label={tf('drawer.county')}
          data-testid="followup-county"
        />
        <Segmented
          value={state}
          onChange={(v) => setState(v as FollowupStateFilter | 'all')}
          options={[
            { value: 'active', label: tf('filter.active') },
            { value: 'overdue', label: tf('filter.overdue') },
            { value: 'open', label: tf('filter.open') },
            { value: 'closed', label: tf('filter.closed') },
            { value: 'all', label: tf('filter.all') },
          ]}
        />
      </div>
      {list && <div className="fu-today">{tf('drawer.today', { date: date(list.today) })}</div>}
      {error && <Alert type="error" showIcon title={tf('drawer.error', { message: error })} />}
      {!list && !error && <Spin />}
      {list && list.items.length === 0 && <Empty description={tf('drawer.empty')} />}
      {list?.items.map((f) => (
        <article
          key={f.id}
          className={`fu-item fu-item--${f.state}${flash === f.id ? ' fu-item--flash' : ''}`}
          data-testid="followup-item"
          data-id={f.id}
          data-state={f.state}
        >
          <div className="fu-item__head">
            <span className="fu-item__title">{f.title}</span>
            <Tag color={f.state === 'overdue' ? 'volcano' : f.state === 'open' ? 'blue' : 'default'} data-testid="followup-state">
              {f.state === 'overdue' ? tf('state.overdue', { days: f.daysOverdue ?? 0 }) : tf(`state.${f.state}`)}
            </Tag>
            {f.demo && <Tag>{tf('item.demo')}</Tag>}
          </div>
          <dl className="fu-item__facts">
            <dt>{tf('item.area')}</dt>
            <dd>
              {f.countyName}
              {f.areaName && f.areaName !== f.countyName ? ` · ${f.areaName}` : ''}
              {f.projectName ? ` · ${f.projectName}` : ''}
            </dd>
            <dt>{tf('item.unit')}</dt>
            <dd>{f.responsibleUnit}</dd>
            <dt>{tf('item.deadline')}</dt>
            <dd>{date(f.deadline)}</dd>
            <dt>{tf('item.done')}</dt>
            <dd>{f.doneCriteria}</dd>
            {(f.meetingDate || f.deckTitle) && (
              <>
                <dt>{tf('item.meeting')}</dt>
                <dd>{f.deckTitle ?? tf('item.meetingDate', { date: date(f.meetingDate) })}</dd>
              </>
            )}
          </dl>
          {f.detail && <div className="fu-item__meta">{f.detail}</div>}
          <div className="fu-item__meta">{tf('item.recorded', { who: f.createdBy ?? '—', date: date(f.createdAt) })}</div>
          {f.responses.length === 0 ? (
            <div className="fu-item__meta">{tf('item.noResponse')}</div>
          ) : (
            <ol className="fu-item__responses" data-testid="followup-responses">
              {f.responses.map((r) => (
                <li key={r.id}>
                  <strong>{r.progress}</strong>
                  {r.report && <div>{r.report}</div>}
                  <div className="fu-item__meta">
                    {r.author} · {date(r.at)}
                  </div>
                </li>
              ))}
            </ol>
          )}
          {f.state === 'closed' && f.closingNote && (
            <div className="fu-item__closed">
              {tf('item.closedNote', { who: f.closedBy ?? '—', date: date(f.closedAt), note: f.closingNote })}
            </div>
          )}
          {f.state !== 'closed' && (
            <div className="fu-item__actions">
              {canAnswer(f) && (
                <Button size="small" type="primary" onClick={() => setDialog({ kind: 'answer', item: f })} data-testid="followup-answer">
                  {tf('action.answer')}
                </Button>
              )}
              {canManage && (
                <Button size="small" onClick={() => setDialog({ kind: 'edit', item: f })} data-testid="followup-edit">
                  {tf('action.edit')}
                </Button>
              )}
              {canClose && (
                <Button size="small" onClick={() => setDialog({ kind: 'close', item: f })} data-testid="followup-close">
                  {tf('action.close')}
                </Button>
              )}
            </div>
          )}
        </article>
      ))}
      {dialog && (dialog.kind === 'create' || dialog.kind === 'edit') && (
        <ItemForm
          item={dialog.kind === 'edit' ? dialog.item : null}
          countyOptions={countyOptions}
          defaultCounty={county}
          today={list?.today ?? null}
          onCancel={() => setDialog(null)}
          onSaved={(f) => done(f, dialog.kind === 'create' ? tf('form.created', { title: f.title }) : tf('form.saved'))}
          onConflict={conflict}
        />
      )}
      {dialog?.kind === 'answer' && (
        <AnswerForm item={dialog.item} onCancel={() => setDialog(null)} onSaved={(f) => done(f, tf('answer.done'))} onConflict={conflict} />
      )}
      {dialog?.kind === 'close' && (
        <CloseForm item={dialog.item} onCancel={() => setDialog(null)} onSaved={(f) => done(f, tf('close.done'))} onConflict={conflict} />
      )}
    </Drawer>
  );
}

interface FormProps {
  onCancel: () => void;
  onSaved: (f: Followup) => void;
  onConflict: (err: unknown) => void;
}

/** Field errors the server named (`path: message`) go to their fields; the rest to a message. */
interface FieldsForm {
  getFieldsValue: () => object;
  setFields: (fields: { name: never; errors: string[] }[]) => void;
}
function applyServerError(form: FieldsForm, err: unknown, onConflict: (err: unknown) => void) {
  if (err instanceof FollowupConflictError) return onConflict(err);
  const issues = (err as { issues?: { path: string; message: string }[] }).issues ?? [];
  const known = new Set(Object.keys(form.getFieldsValue()));
  const fields = issues.filter((i) => known.has(i.path)).map((i) => ({ name: i.path as never, errors: [i.message] }));
  if (fields.length) form.setFields(fields);
  else message.error(errorText(err));
}

/** A form's save: `saving` while `save` runs, the saved item to `onSaved`, the server's errors to their fields or a conflict. */
function useSave<V>(form: unknown, save: (v: V) => Promise<Followup>, { onSaved, onConflict }: Pick<FormProps, 'onSaved' | 'onConflict'>) {
  const [saving, setSaving] = useState(false);
  const submit = async (v: V) => {
    setSaving(true);
    try {
      onSaved(await save(v));
    } catch (err) {
      applyServerError(form as FieldsForm, err, onConflict);
    } finally {
      setSaving(false);
    }
  };
  return { saving, submit };
}

interface ItemValues {
  title: string;
  county?: string;
  areaCode?: string;
  projectCode?: string;
  responsibleUnit: string;
  deadline: Dayjs;
  doneCriteria: string;
  detail?: string;
  meetingDate?: Dayjs | null;
}

function ItemForm({
  item,
  countyOptions,
  defaultCounty,
  today,
  onCancel,
  onSaved,
  onConflict,
}: FormProps & {
  item: Followup | null;
  countyOptions: { value: string; label: string }[];
  defaultCounty: string | null;
  today: string | null;
}) {
  const { tf } = useFollowupsI18n();
  const [form] = Form.useForm<ItemValues>();
  const deadline = Form.useWatch('deadline', form);
  const past = !!deadline && !!today && day(deadline)! < today;
  const required = (field: string) => [{ required: true, whitespace: true, message: tf('form.required', { field }) }];

  const { saving, submit } = useSave<ItemValues>(
    form,
    async (v) => {
      const common = {
        title: v.title,
        detail: v.detail ?? '',
        responsibleUnit: v.responsibleUnit,
        deadline: day(v.deadline)!,
        doneCriteria: v.doneCriteria,
        meetingDate: day(v.meetingDate),
      };
      const saved = item
        ? await editFollowup(item.id, { version: item.version, ...common })
        : await createFollowup({ ...common, areaCode: v.areaCode?.trim() || v.county || null, projectCode: v.projectCode?.trim() || null });
      return saved;
    },
    { onSaved, onConflict },
  );

  return (
    <Modal
      open
      title={item ? `${tf('action.edit')}：${item.title}` : tf('drawer.new')}
      onCancel={onCancel}
      okText={tf('form.save')}
      cancelText={tf('form.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      width={600}
      destroyOnHidden
      className="fu-form"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="followup-form"
        initialValues={
          item
            ? {
                title: item.title,
                responsibleUnit: item.responsibleUnit,
                deadline: dayjs(item.deadline),
                doneCriteria: item.doneCriteria,
                detail: item.detail,
                meetingDate: item.meetingDate ? dayjs(item.meetingDate) : null,
              }
            : { county: defaultCounty ?? undefined }
        }
      >
        <Form.Item name="title" label={tf('form.title')} rules={required(tf('form.title'))}>
          <Input placeholder={tf('form.titleHint')} maxLength={200} data-testid="followup-title" />
        </Form.Item>
        {!item && (
          <>
            <Form.Item name="county" label={tf('form.area')} extra={tf('form.areaHint')}>
              <Select options={countyOptions} showSearch={{ optionFilterProp: 'label' }} allowClear data-testid="followup-form-county" />
            </Form.Item>
            <Form.Item name="areaCode" label={tf('form.areaCode')}>
              <Input maxLength={12} />
            </Form.Item>
            <Form.Item name="projectCode" label={tf('form.project')}>
              <Input maxLength={32} />
            </Form.Item>
          </>
        )}
        <Form.Item name="responsibleUnit" label={tf('form.unit')} rules={required(tf('form.unit'))}>
          <Input placeholder={tf('form.unitHint')} maxLength={100} data-testid="followup-unit" />
        </Form.Item>
        <Form.Item
          name="deadline"
          label={tf('form.deadline')}
          rules={[{ required: true, message: tf('form.required', { field: tf('form.deadline') }) }]}
          extra={past ? <span style={{ color: '#d4380d' }}>{tf('form.pastDeadline')}</span> : undefined}
        >
          <DatePicker format="YYYY-MM-DD" data-testid="followup-deadline" />
        </Form.Item>
        <Form.Item name="doneCriteria" label={tf('form.done')} rules={required(tf('form.done'))}>
          <Input.TextArea placeholder={tf('form.doneHint')} maxLength={1000} autoSize={{ minRows: 2 }} data-testid="followup-done" />
        </Form.Item>
        <Form.Item name="detail" label={tf('form.detail')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="meetingDate" label={tf('form.meetingDate')}>
          <DatePicker format="YYYY-MM-DD" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AnswerForm({ item, onCancel, onSaved, onConflict }: FormProps & { item: Followup }) {
  const { tf } = useFollowupsI18n();
  const [form] = Form.useForm<{ progress: string; report?: string }>();
  const { saving, submit } = useSave<{ progress: string; report?: string }>(
    form,
    (v) => answerFollowup(item.id, { progress: v.progress, report: v.report ?? '' }),
    { onSaved, onConflict },
  );
  return (
    <Modal
      open
      title={tf('answer.title', { title: item.title })}
      onCancel={onCancel}
      okText={tf('form.save')}
      cancelText={tf('form.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="followup-answer-form">
        <Form.Item
          name="progress"
          label={tf('answer.progress')}
          rules={[{ required: true, whitespace: true, message: tf('form.required', { field: tf('answer.progress') }) }]}
        >
          <Input placeholder={tf('answer.progressHint')} maxLength={200} data-testid="followup-progress" />
        </Form.Item>
        <Form.Item name="report" label={tf('answer.report')}>
          <Input.TextArea maxLength={4000} autoSize={{ minRows: 3 }} data-testid="followup-report" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CloseForm({ item, onCancel, onSaved, onConflict }: FormProps & { item: Followup }) {
  const { tf } = useFollowupsI18n();
  const [form] = Form.useForm<{ note: string }>();
  const { saving, submit } = useSave<{ note: string }>(form, (v) => closeFollowup(item.id, { version: item.version, note: v.note }), {
    onSaved,
    onConflict,
  });
  return (
    <Modal
      open
      title={tf('close.title', { title: item.title })}
      onCancel={onCancel}
      okText={tf('action.close')}
      cancelText={tf('form.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="note"
          label={tf('close.note')}
          rules={[{ required: true, whitespace: true, message: tf('form.required', { field: tf('close.note') }) }]}
        >
          <Input.TextArea placeholder={tf('close.noteHint')} maxLength={1000} autoSize={{ minRows: 2 }} data-testid="followup-close-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default FollowupDrawer;
