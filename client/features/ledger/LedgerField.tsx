/**
 * One field of a ledger form (edit or create): its antd Form.Item with the label, the rules the
 * server would apply anyway, and the control for its kind (dates as YYYY-MM-DD strings).
 */
import { DatePicker, Form, Input, InputNumber, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { fieldLabelKey, type FieldSpec } from './edit-form.ts';
import type { LedgerT } from './ledger-i18n.ts';

/** A village to choose for a new project. */
export interface VillageOption {
  code: string;
  name: string;
  /** The township's name (villages are grouped by it). */
  township: string | null;
}

function rulesOf(spec: FieldSpec, t: LedgerT) {
  const label = t(fieldLabelKey(spec.name));
  const rules: object[] = [];
  if (!spec.nullable && spec.kind !== 'bool') rules.push({ required: true, message: t('edit.required', { label }) });
  if (spec.kind === 'text') rules.push({ whitespace: true, message: t('edit.required', { label }) }, { max: 200 });
  if (spec.kind === 'code') rules.push({ max: 32 }, { pattern: /^[^\s/?#%\\]+$/, message: t('edit.codeFormat') });
  if (spec.kind === 'year') rules.push({ type: 'number', min: 2000, max: 2100, message: t('edit.year') });
  if (spec.kind === 'money' || spec.kind === 'number' || spec.kind === 'count')
    rules.push({ type: 'number', min: 0, message: t('edit.notNegative', { label }) });
  if (spec.kind === 'count') rules.push({ type: 'integer', message: t('edit.whole', { label }) });
  if (spec.kind === 'pct') rules.push({ type: 'number', min: 0, max: 100, message: t('edit.pct', { label }) });
  return rules;
}

/** The control of one field; Form.Item's value, onChange and id pass through to it. */
function FieldInput({
  spec,
  t,
  villages,
  ...control
}: { spec: FieldSpec; t: LedgerT; villages?: readonly VillageOption[] } & Record<string, unknown>) {
  switch (spec.kind) {
    case 'enum':
      return (
        <Select
          {...control}
          allowClear={spec.nullable}
          options={(spec.options ?? []).map((v) => ({ value: v, label: t(`${spec.labelPrefix}.${v}` as never) }))}
        />
      );
    case 'village':
      return (
        <Select
          {...control}
          allowClear
          showSearch
          optionFilterProp="label"
          loading={!villages}
          options={(villages ?? []).map((v) => ({ value: v.code, label: v.township ? `${v.township} · ${v.name}` : v.name }))}
        />
      );
    case 'bool':
      return <Switch {...control} />;
    case 'date':
      return <DatePicker {...control} style={{ width: '100%' }} allowClear={spec.nullable} />;
    case 'text':
    case 'code':
      return <Input {...control} />;
    case 'year':
      return <InputNumber {...control} style={{ width: '100%' }} min={2000} max={2100} precision={0} />;
    default:
      return <InputNumber {...control} style={{ width: '100%' }} min={0} precision={spec.kind === 'count' ? 0 : 2} />;
  }
}

export interface LedgerFieldProps {
  spec: FieldSpec;
  t: LedgerT;
  /** More rules (e.g. the as-of date's span). */
  rules?: object[];
  extra?: string;
  villages?: readonly VillageOption[];
  /** Spans both columns of the form's grid. */
  wide?: boolean;
}

export function LedgerField({ spec, t, rules = [], extra, villages, wide }: LedgerFieldProps) {
  return (
    <Form.Item
      name={spec.name}
      label={t(fieldLabelKey(spec.name))}
      rules={[...rulesOf(spec, t), ...rules] as never}
      extra={extra}
      valuePropName={spec.kind === 'bool' ? 'checked' : 'value'}
      style={wide ? { gridColumn: '1 / span 2' } : undefined}
      {...(spec.kind === 'date'
        ? {
            getValueProps: (v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : null }),
            normalize: (d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
          }
        : {})}
    >
      <FieldInput spec={spec} t={t} villages={villages} />
    </Form.Item>
  );
}
