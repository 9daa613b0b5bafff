/**
 * Editing a project, a monthly progress report or a PV station (county editors of their own county, the
 * city office everywhere): an antd form over the row as read with its version. Saving sends only the
 * changed fields; a stale version answers 409 and the merge screen takes over; the server's field
 * problems go to the fields.
 */
import { Alert, Drawer, Form, Spin, message } from 'antd';
import { useEffect, useState } from 'react';
import { useChanged } from '../../ui/use-changed.ts';
import { ApiError } from '../../api/client.ts';
import {
  LedgerConflictError,
  ledgerChanged,
  readEditable,
  saveEdit,
  type EditableRow,
  type EditTarget,
  type ProjectEditBody,
} from '../../api/ledger-api.ts';
import { useAccount } from '../account/account-context.ts';
import { baseOf, changedSet, checksOf, fieldsOf, fromForm } from './edit-form.ts';
import { canEditCounty } from './ledger-access.ts';
import { SaveCancel } from './SaveCancel.tsx';
import { LedgerField } from './LedgerField.tsx';
import { useLedgerI18n } from './ledger-i18n.ts';
import { mergedSave, mergeRows, type Choice, type MergeRow, type Values } from './merge.ts';
import { MergeView } from './MergeView.tsx';

export interface EditDrawerProps {
  target: EditTarget | null;
  onClose: () => void;
}

interface Conflict {
  message: string;
  current: EditableRow;
  rows: MergeRow[];
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

  // Another row (or none): forget the last one's values, conflict and error before anything is drawn.
  const targetChanged = useChanged(target);
  if (targetChanged) {
    setRow(null);
    setConflict(null);
    setLoadError(null);
  }
  useEffect(() => {
    if (!target) return;
    let live = true;
    readEditable(target).then(
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
      const res = await saveEdit(target, body as ProjectEditBody);
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
    const problems = target ? checksOf(target.kind, values) : [];
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
      title={
        target?.kind === 'progress'
          ? t('edit.titleProgress', { name: target.code, asOf: target.asOf })
          : t(target?.kind === 'pv_stations' ? 'edit.titlePv' : 'edit.title', { name })
      }
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
              <LedgerField key={spec.name} spec={spec} t={t} wide={spec.name === 'name' || spec.name === 'responsibleUnit'} />
            ))}
          </div>
          <SaveCancel saving={saving} saveLabel={t('edit.save')} saveTestId="edit-save" cancelLabel={t('edit.cancel')} onCancel={onClose} />
        </Form>
      )}
    </Drawer>
  );
}
