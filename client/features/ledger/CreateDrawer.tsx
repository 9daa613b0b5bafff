/**
 * Adding a monthly progress report (月报) to a project, or a project to a county's ledger (county
 * editors of their own county, the city office everywhere). A report starts from the latest one (money
 * is cumulative) dated the next month's end; its date must lie in the project's span, as the server
 * checks. A key already taken (a report of that date, a project code) offers the existing row's edit form.
 */
import { Alert, Button, Drawer, Form, message } from 'antd';
import { useEffect, useState } from 'react';
import { useLoad } from '../../api/use-load.ts';
import { useChanged } from '../../ui/use-changed.ts';
import { ApiError, fetchRegions } from '../../api/client.ts';
import {
  createProgressReport,
  createProject,
  ledgerChanged,
  LedgerExistsError,
  type EditTarget,
  type ProgressCreateBody,
  type ProjectCreateBody,
  type ProjectDetail,
} from '../../api/ledger-api.ts';
import { progressDateProblem, shanghaiDay } from '../../../server/domain/progress-report.ts';
import {
  createBody,
  crossChecks,
  fromForm,
  newProjectFields,
  newReportValues,
  progressChecks,
  progressFields,
  type FieldSpec,
} from './edit-form.ts';
import { SaveCancel } from './SaveCancel.tsx';
import { LedgerField, type VillageOption } from './LedgerField.tsx';
import { useLedgerI18n } from './ledger-i18n.ts';

export type CreateTarget =
  | { kind: 'progress'; code: string; name: string; year: number; history: ProjectDetail['history'] }
  | { kind: 'projects'; countyCode: string; countyName: string };

export interface CreateDrawerProps {
  target: CreateTarget | null;
  onClose: () => void;
  /** The key is taken: open the existing row's edit form instead. */
  onEditExisting: (target: EditTarget) => void;
}

const asOfSpec: FieldSpec = { name: 'asOf', kind: 'date' };
const reportSpecs = [asOfSpec, ...progressFields];

export function CreateDrawer({ target, onClose, onEditExisting }: CreateDrawerProps) {
  const { t } = useLedgerI18n();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [exists, setExists] = useState<{ message: string; target: EditTarget } | null>(null);
  const category = Form.useWatch('category', form) as string | undefined;
  const today = shanghaiDay(new Date());
  const specs = target?.kind === 'progress' ? reportSpecs : newProjectFields;

  // Another target (or none): forget the last one's "already exists" before anything is drawn.
  const targetChanged = useChanged(target);
  if (targetChanged) setExists(null);
  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.kind === 'progress') form.setFieldsValue(newReportValues(target.history, today));
    else form.setFieldsValue({ year: Number(today.slice(0, 4)), status: 'planned', responsibleLevel: 'village' });
  }, [target, form, today]);
  // The county's villages for a new project (undefined while they load, none when they could not be read).
  const villageCounty = target && target.kind !== 'progress' ? target.countyCode : null;
  const villagesLoad = useLoad(villageCounty, (signal) =>
    fetchRegions({ level: 'village', parent: villageCounty! }, { signal }).then((fc) =>
      fc.features
        .map((f): VillageOption => ({ code: f.properties.code, name: f.properties.name, township: null }))
        .sort((a, b) => a.code.localeCompare(b.code)),
    ),
  );
  const villages = villagesLoad.status === 'ready' ? villagesLoad.data : villagesLoad.status === 'error' ? [] : undefined;

  const onFinish = async (raw: Record<string, unknown>) => {
    if (!target) return;
    const values = Object.fromEntries(specs.map((s) => [s.name, fromForm(s, raw[s.name])]));
    const problems = target.kind === 'progress' ? progressChecks(values) : crossChecks(values);
    const errors = problems.filter((p) => p.level === 'error');
    if (errors.length) {
      form.setFields(errors.map((p) => ({ name: p.field, errors: [t(p.key)] })));
      return;
    }
    if (problems.length) void message.warning(problems.map((p) => t(p.key)).join('；'));
    setSaving(true);
    setExists(null);
    try {
      if (target.kind === 'progress') {
        const row = await createProgressReport(target.code, createBody(reportSpecs, raw) as ProgressCreateBody);
        void message.success(t('create.saved', { what: `${target.name} · ${row.asOf ?? ''}` }));
      } else {
        const row = await createProject(createBody(newProjectFields, raw, { countyCode: target.countyCode }) as ProjectCreateBody);
        void message.success(t('create.saved', { what: `${row.code} ${String(row.values.name ?? '')}` }));
      }
      ledgerChanged();
      onClose();
    } catch (err) {
      if (err instanceof LedgerExistsError) {
        const existing: EditTarget | null = err.conflict.current
          ? target.kind === 'progress'
            ? { kind: 'progress', code: target.code, asOf: err.conflict.current.asOf ?? String(raw.asOf) }
            : { kind: 'projects', code: err.conflict.current.code }
          : null;
        if (existing) setExists({ message: err.message, target: existing });
        else void message.error(err.message);
      } else if (err instanceof ApiError && err.issues.length) {
        form.setFields(err.issues.map((i) => ({ name: i.path, errors: [i.message] })));
      } else {
        void message.error(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setSaving(false);
    }
  };

  const dateRule =
    target?.kind === 'progress'
      ? [
          {
            validator: (_: unknown, v: unknown) => {
              const problem = typeof v === 'string' && v ? progressDateProblem(v, { year: target.year }, today) : null;
              return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
            },
          },
        ]
      : [];
  const modeRule = [
    {
      validator: (_: unknown, v: unknown) =>
        category === 'industry' && !v ? Promise.reject(new Error(t('edit.modeForIndustry'))) : Promise.resolve(),
    },
  ];

  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      width={640}
      title={
        target?.kind === 'progress'
          ? t('create.reportTitle', { name: target.name })
          : t('create.projectTitle', { county: target?.countyName ?? '' })
      }
      data-testid="create-drawer"
      destroyOnHidden
    >
      {exists && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={exists.message}
          action={
            <Button size="small" onClick={() => onEditExisting(exists.target)} data-testid="create-open-existing">
              {t('create.openExisting')}
            </Button>
          }
        />
      )}
      {target?.kind === 'progress' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('create.reportHint')} />}
      <Form form={form} name="ledger-create" layout="vertical" onFinish={(v) => void onFinish(v)} data-testid="create-form">
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          {specs
            .filter((spec) => spec.name !== 'industryMode' || category === 'industry')
            .map((spec) => (
              <LedgerField
                key={spec.name}
                spec={spec}
                t={t}
                villages={villages}
                rules={spec.name === 'asOf' ? dateRule : spec.name === 'industryMode' ? modeRule : []}
                extra={spec.name === 'villageCode' ? t('create.villageHint') : undefined}
                wide={['name', 'responsibleUnit', 'villageCode'].includes(spec.name)}
              />
            ))}
        </div>
        <SaveCancel
          saving={saving}
          saveLabel={t('create.save')}
          saveTestId="create-save"
          cancelLabel={t('edit.cancel')}
          onCancel={onClose}
        />
      </Form>
    </Drawer>
  );
}
