/**
 * Editing a project or PV station (county editors of their own county, the city office everywhere): an
 * antd form over the row as read with its version. Saving sends only the changed fields; a stale
 * version answers 409 and the merge screen takes over; the server's field problems go to the fields.
 */
import { Alert, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Spin, Switch, message } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import {
  LedgerConflictError,
  ledgerChanged,
  readEditable,
  saveEdit,
  type EditableRow,
  type EditKind,
  type ProjectEditBody,
} from '../../api/ledger-api.ts';
import { useAccount } from '../account/account-context.ts';
import { baseOf, changedSet, crossChecks, fieldLabelKey, fieldsOf, fromForm, type FieldSpec } from './edit-form.ts';
import { canEditCounty } from './ledger-access.ts';
import { useLedgerI18n, type LedgerT } from './ledger-i18n.ts';
import { mergedSave, mergeRows, type Choice, type MergeRow, type Values } from './merge.ts';
import { MergeView } from './MergeView.tsx';

export interface EditDrawerProps {
  target: { kind: EditKind; code: string } | null;
  onClose: () => void;
}

interface Conflict {
  message: string;
  current: EditableRow;
  rows: MergeRow[];
}

function rulesOf(spec: FieldSpec, t: LedgerT) {
  const label = t(fieldLabelKey(spec.name));
  const rules: object[] = [];
  if (!spec.nullable && spec.kind !== 'bool') rules.push({ required: true, message: t('edit.required', { label }) });
  if (spec.kind === 'text') rules.push({ whitespace: true, message: t('edit.required', { label }) }, { max: 200 });
  if (spec.kind === 'money' || spec.kind === 'number' || spec.kind === 'count')
    rules.push({ type: 'number', min: 0, message: t('edit.notNegative', { label }) });
  if (spec.kind === 'count') rules.push({ type: 'integer', message: t('edit.whole', { label }) });
  if (spec.kind === 'pct') rules.push({ type: 'number', min: 0, max: 100, message: t('edit.pct', { label }) });
  return rules;
}

/** The control of one field; Form.Item's value, onChange and id pass through to it. */
function FieldInput({ spec, t, ...control }: { spec: FieldSpec; t: LedgerT } & Record<string, unknown>) {
  switch (spec.kind) {
    case 'enum':
      return (
        <Select {...control} options={(spec.options ?? []).map((v) => ({ value: v, label: t(`${spec.labelPrefix}.${v}` as never) }))} />
      );
    case 'bool':
      return <Switch {...control} />;
    case 'date':
      return <DatePicker {...control} style={{ width: '100%' }} allowClear />;
    case 'text':
      return <Input {...control} />;
    default:
      return <InputNumber {...control} style={{ width: '100%' }} min={0} precision={spec.kind === 'count' ? 0 : 2} />;
  }
}

export function EditDrawer({ target, onClose }: EditDrawerProps) {
  const { t } = useLedgerI18n();
  const { me } = useAccount();
  const [form] = Form.useForm();
  const [row, setRow] = useState<EditableRow | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [pending, setPending] = useState<Values | null>(null);
  const specs = fieldsOf(target?.kind ?? 'projects');

  useEffect(() => {
    setRow(null);
    setConflict(null);
    setLoadError(null);
    if (!target) return;
    let live = true;
    readEditable(target.kind, target.code).then(
      (r) => {
        if (!live) return;
        setRow(r);
        form.resetFields();
        form.setFieldsValue(r.values);
      },
      (err: unknown) => live && setLoadError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [target, form]);

  const submit = async (body: { version: number; set: Record<string, unknown>; base?: Record<string, unknown> }, mine: Values) => {
    if (!target || !row) return;
    setSaving(true);
    try {
      const res = await saveEdit(target.kind, target.code, body as ProjectEditBody);
      setConflict(null);
      setRow(res.row);
      form.setFieldsValue(res.row.values);
      void message.success(t('edit.saved', { version: res.row.version }));
      ledgerChanged();
      onClose();
    } catch (err) {
      if (err instanceof LedgerConflictError) {
        const base = conflict ? conflict.current.values : row.values;
        setConflict({
          message: err.message,
          current: err.conflict.current,
          rows: mergeRows(
            specs.map((s) => s.name),
            base,
            mine,
            err.conflict.current.values,
          ),
        });
      } else if (err instanceof ApiError && err.issues.length) {
        form.setFields(err.issues.map((i) => ({ name: i.path.replace(/^set\./, ''), errors: [i.message] })));
      } else {
        void message.error(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setSaving(false);
    }
  };

  const onFinish = async (raw: Record<string, unknown>) => {
    if (!row) return;
    const values = Object.fromEntries(specs.map((s) => [s.name, fromForm(s, raw[s.name])]));
    const problems = target?.kind === 'projects' ? crossChecks(values) : [];
    const errors = problems.filter((p) => p.level === 'error');
    if (errors.length) {
      form.setFields(errors.map((p) => ({ name: p.field, errors: [t(p.key)] })));
      return;
    }
    if (problems.length) void message.warning(problems.map((p) => t(p.key)).join('；'));
    const set = changedSet(specs, row.values, raw);
    if (Object.keys(set).length === 0) {
      void message.info(t('edit.nothing'));
      return;
    }
    const base = Object.fromEntries(Object.keys(set).map((k) => [k, baseOf(specs, row.values)[k]]));
    setPending(set);
    await submit({ version: row.version, set, base }, set);
  };

  const saveMerged = async (choices: Record<string, Choice>) => {
    if (!conflict) return;
    const body = mergedSave(conflict.rows, choices, conflict.current);
    if (Object.keys(body.set).length === 0) {
      setRow(conflict.current);
      form.setFieldsValue(conflict.current.values);
      setConflict(null);
      void message.info(t('merge.discarded'));
      return;
    }
    await submit(body, { ...(pending ?? {}), ...body.set });
  };

  const discard = () => {
    if (!conflict) return;
    setRow(conflict.current);
    form.resetFields();
    form.setFieldsValue(conflict.current.values);
    setConflict(null);
    void message.info(t('merge.discarded'));
  };

  const name = String(row?.values.name ?? target?.code ?? '');
  const allowed = row ? canEditCounty(me, row.countyCode) : true;
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      width={640}
      title={t(target?.kind === 'pv_stations' ? 'edit.titlePv' : 'edit.title', { name })}
      data-testid="edit-drawer"
      extra={
        row && <span data-testid="edit-version">{t('edit.version', { version: conflict ? conflict.current.version : row.version })}</span>
      }
      destroyOnHidden
    >
      {loadError && <Alert type="error" showIcon message={loadError} />}
      {!row && !loadError && <Spin />}
      {row && !allowed && <Alert type="warning" showIcon message={t('edit.denied')} />}
      {row && conflict && (
        <MergeView
          key={conflict.current.version}
          message={conflict.message}
          version={conflict.current.version}
          rows={conflict.rows}
          saving={saving}
          onSave={(c) => void saveMerged(c)}
          onDiscard={discard}
        />
      )}
      {row && (
        <Form
          form={form}
          name="ledger-edit"
          layout="vertical"
          disabled={!allowed}
          onFinish={(v) => void onFinish(v)}
          style={{ display: conflict ? 'none' : undefined }}
          data-testid="edit-form"
        >
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
            {specs.map((spec) => (
              <Form.Item
                key={spec.name}
                name={spec.name}
                label={t(fieldLabelKey(spec.name))}
                rules={rulesOf(spec, t) as never}
                valuePropName={spec.kind === 'bool' ? 'checked' : 'value'}
                style={spec.name === 'name' || spec.name === 'responsibleUnit' ? { gridColumn: '1 / span 2' } : undefined}
                {...(spec.kind === 'date'
                  ? {
                      getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null }),
                      normalize: (d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
                    }
                  : {})}
              >
                <FieldInput spec={spec} t={t} />
              </Form.Item>
            ))}
          </div>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="edit-save">
              {t('edit.save')}
            </Button>
            <Button onClick={onClose}>{t('edit.cancel')}</Button>
          </Space>
        </Form>
      )}
    </Drawer>
  );
}
