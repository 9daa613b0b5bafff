/**
 * The merge screen after a stale save (409): per field the value as opened, yours and theirs (stored
 * now), with a choice of which to keep; then save against their version, or discard yours.
 */
import { Alert, Button, Radio, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { displayValue, fieldLabel } from './display.ts';
import { useLedgerI18n } from './ledger-i18n.ts';
import { defaultChoices, type Choice, type MergeRow } from './merge.ts';

export interface MergeViewProps {
  message: string;
  version: number;
  rows: readonly MergeRow[];
  saving: boolean;
  onSave: (choices: Record<string, Choice>) => void;
  onDiscard: () => void;
}

export function MergeView({ message, version, rows, saving, onSave, onDiscard }: MergeViewProps) {
  const { t, lang } = useLedgerI18n();
  const [choices, setChoices] = useState<Record<string, Choice>>(() => defaultChoices(rows));
  const show = (r: MergeRow, v: MergeRow['base']) => displayValue(r.field, v, t, lang);
  return (
    <div data-testid="merge-view">
      <Alert
        type="warning"
        showIcon
        message={t('merge.title')}
        description={
          <>
            <div>{message}</div>
            <div>{t('merge.intro', { version })}</div>
          </>
        }
      />
      <Table
        size="small"
        style={{ marginTop: 12 }}
        rowKey="field"
        pagination={false}
        dataSource={rows as MergeRow[]}
        rowClassName={(r) => (r.conflict ? 'lg-merge-row--conflict' : '')}
        onRow={(r) => ({ 'data-testid': 'merge-row', 'data-field': r.field }) as never}
        columns={[
          {
            key: 'field',
            title: t('merge.field'),
            render: (_, r) => (
              <Space size={4}>
                {fieldLabel(r.field, t)}
                {r.conflict && <Tag color="orange">{t('merge.both')}</Tag>}
              </Space>
            ),
          },
          { key: 'base', title: t('merge.base'), render: (_, r) => show(r, r.base) },
          {
            key: 'choice',
            title: t('merge.keep'),
            render: (_, r) => (
              <Radio.Group
                value={choices[r.field]}
                onChange={(e) => setChoices((c) => ({ ...c, [r.field]: e.target.value as Choice }))}
                data-testid="merge-choice"
              >
                <Space direction="vertical" size={2}>
                  <Radio value="yours" data-testid="merge-yours">
                    {t('merge.yours')}：<b>{show(r, r.yours)}</b>
                  </Radio>
                  <Radio value="theirs" data-testid="merge-theirs">
                    {t('merge.theirs')}：<b>{show(r, r.theirs)}</b>
                  </Radio>
                </Space>
              </Radio.Group>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" loading={saving} onClick={() => onSave(choices)} data-testid="merge-save">
          {t('merge.save')}
        </Button>
        <Button onClick={onDiscard} data-testid="merge-discard">
          {t('merge.discard')}
        </Button>
      </Space>
    </div>
  );
}
