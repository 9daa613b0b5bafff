/**
 * 层层签字: every county's sign-off for a month — main leader and deputy in charge, when each signed and
 * whether the ledger changed since — with the buttons to sign for accounts holding that county's right.
 */
import { Alert, Button, DatePicker, Modal, Space, Table, Tag, message } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ledgerChanged, signLedger, type CountySignoff, type SignoffList } from '../../api/ledger-api.ts';
import { useAccount } from '../account/account-context.ts';
import { signoffExportHref } from './export-href.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { canSignCounty } from './ledger-access.ts';
import { useLedgerI18n } from './ledger-i18n.ts';
import { countStates, signoffOrder } from './signoff.ts';
import { SignoffTag } from './SignoffTag.tsx';
import type { Loaded } from '../../api/use-load.ts';

export interface SignoffTableProps {
  period: string;
  onPeriodChange: (period: string) => void;
  signoffs: Loaded<SignoffList>;
  selectedCounty: string | null;
  onSelect: (countyCode: string) => void;
}

export function SignoffTable({ period, onPeriodChange, signoffs, selectedCounty, onSelect }: SignoffTableProps) {
  const { t, lang } = useLedgerI18n();
  const { me } = useAccount();
  const [busy, setBusy] = useState<string | null>(null);
  const items = signoffOrder(signoffs.data?.period === period ? signoffs.data.items : []);
  const counts = countStates(items);
  const anySigner = items.some((c) => canSignCounty(me, c.countyCode));

  const sign = (c: CountySignoff, role: 'main' | 'deputy') => {
    const roleName = t(role === 'main' ? 'sign.main' : 'sign.deputy');
    Modal.confirm({
      title: t(role === 'main' ? 'sign.asMain' : 'sign.asDeputy'),
      content: t('sign.confirm', { role: roleName, county: c.countyName, period }),
      okButtonProps: { 'data-testid': 'sign-confirm' } as never,
      onOk: async () => {
        setBusy(`${c.countyCode}-${role}`);
        try {
          await signLedger({ countyCode: c.countyCode, period, role });
          void message.success(t('sign.done', { county: c.countyName, period, role: roleName }));
          ledgerChanged();
        } catch (err) {
          void message.error(err instanceof Error ? err.message : String(err));
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const signature = (c: CountySignoff, role: 'main' | 'deputy') => {
    const s = c[role];
    const mine = canSignCounty(me, c.countyCode);
    return (
      <Space size={4} wrap>
        {s ? (
          <span>
            {s.signer} · {new Date(s.signedAt).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB')}
            {!s.current && (
              <Tag color="purple" style={{ marginLeft: 4 }}>
                {t('sign.outdated')}
              </Tag>
            )}
          </span>
        ) : (
          <span className="lg-toolbar__note">—</span>
        )}
        {mine && (!s || !s.current) && (
          <Button
            size="small"
            type={s ? 'default' : 'primary'}
            loading={busy === `${c.countyCode}-${role}`}
            onClick={(e) => {
              e.stopPropagation();
              sign(c, role);
            }}
            data-testid={`sign-${role}`}
          >
            {s ? t('sign.again') : t(role === 'main' ? 'sign.asMain' : 'sign.asDeputy')}
          </Button>
        )}
      </Space>
    );
  };

  return (
    <div data-testid="signoff-table">
      <div className="lg-toolbar">
        <span>{t('sign.period')}</span>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${period}-01`)}
          onChange={(d) => d && onPeriodChange(d.format('YYYY-MM'))}
          data-testid="signoff-period"
        />
        <Space size={4}>
          {(['changed', 'unsigned', 'partial', 'signed'] as const).map((s) => (
            <span key={s}>
              <SignoffTag state={s} />
              {counts[s]}
            </span>
          ))}
        </Space>
        <ExportMenu testId="signoff-export" href={(format) => signoffExportHref(period, format)} />
      </div>
      <Alert type="info" showIcon message={t('sign.legend')} style={{ marginBottom: 8 }} />
      {!anySigner && me?.user && <Alert type="warning" showIcon message={t('sign.onlyOwn')} style={{ marginBottom: 8 }} />}
      {signoffs.status === 'error' && <Alert type="error" showIcon message={signoffs.error.message} />}
      <Table
        size="small"
        rowKey="countyCode"
        pagination={false}
        loading={signoffs.status === 'loading'}
        dataSource={items}
        rowClassName={(c) => (c.countyCode === selectedCounty ? 'lg-row--selected' : '')}
        onRow={(c) => ({ onClick: () => onSelect(c.countyCode), 'data-testid': 'signoff-row', 'data-county': c.countyCode }) as never}
        columns={[
          { key: 'county', title: t('sign.county'), dataIndex: 'countyName' },
          { key: 'state', title: t('sign.state'), render: (_, c) => <SignoffTag state={c.state} /> },
          { key: 'main', title: t('sign.main'), render: (_, c) => signature(c, 'main') },
          { key: 'deputy', title: t('sign.deputy'), render: (_, c) => signature(c, 'deputy') },
        ]}
      />
    </div>
  );
}
