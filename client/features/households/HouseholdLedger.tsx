/**
 * 农户台账: the button on the area card (county editor of the selected village's county only) and the
 * drawer with the village's household records, names and ID numbers masked by the server. 查看完整信息
 * asks for a reason and shows the full values of that one row, in this drawer's state only; they are
 * dropped when the drawer closes (and nothing of the list is cached).
 */
import { EyeInvisibleOutlined, EyeOutlined, SafetyCertificateOutlined, SolutionOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Drawer, Form, Input, Modal, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { fetchHouseholds, unmaskHousehold, type UnmaskedHousehold } from '../../api/auth-api.ts';
import { useLoad } from '../../api/use-load.ts';
import { ApiError } from '../../api/client.ts';
import { useAccount } from '../account/account-context.ts';
import { useAccountI18n } from '../account/account-i18n.ts';
import { AccountTheme } from '../account/AccountTheme.tsx';
import { localizeServerMessage } from '../account/form-errors.ts';
import { canOpenVillageHouseholds, canUnmaskVillageHouseholds } from '../account/permissions.ts';
import {
  countByCategory,
  formatYuan,
  measureTags,
  reasonProblem,
  REASON_MAX,
  rowsWithUnmasked,
  type HouseholdRow,
} from './household-view.ts';
import './households.css';

const categoryColors: Record<string, string> = { not_lifted: 'red', edge: 'orange', monitored: 'gold', lifted: 'green' };
const categoryOrder = ['not_lifted', 'edge', 'monitored', 'lifted'] as const;
const labourOrder = ['none', 'weak', 'full'] as const;

/** The card's 农户台账 button with its drawer; nothing for anyone who may not read this village's households. */
export function HouseholdLedgerButton({ villageCode, villageName }: { villageCode: string; villageName: string }) {
  const { t } = useAccountI18n();
  const { me } = useAccount();
  const [open, setOpen] = useState(false);
  if (!canOpenVillageHouseholds(me, villageCode)) return null;
  return (
    <>
      <Tooltip title={t('households.buttonHint')}>
        <Button icon={<SolutionOutlined />} onClick={() => setOpen(true)} data-testid="households-button" className="households-button">
          {t('households.button')}
        </Button>
      </Tooltip>
      <AccountTheme>
        <Drawer
          open={open}
          onClose={() => setOpen(false)}
          title={t('households.title', { village: villageName })}
          size={Math.min(1200, typeof window === 'undefined' ? 1200 : window.innerWidth - 80)}
          destroyOnHidden
          className="households-drawer"
          data-testid="households-drawer"
        >
          {open && <HouseholdLedger villageCode={villageCode} canUnmask={canUnmaskVillageHouseholds(me, villageCode)} />}
        </Drawer>
      </AccountTheme>
    </>
  );
}

function HouseholdLedger({ villageCode, canUnmask }: { villageCode: string; canUnmask: boolean }) {
  const { t, lang } = useAccountI18n();
  // Nothing of the list is cached: it lives in this component's state only.
  const households = useLoad(villageCode, (signal) => fetchHouseholds(villageCode, { signal }), { keep: true });
  const list = households.data;
  const error = households.status === 'error' ? localizeServerMessage(households.error.message, lang) : null;
  // The only place unmasked values live: this component's state, gone when the drawer closes.
  const [unmasked, setUnmasked] = useState<ReadonlyMap<string, UnmaskedHousehold>>(new Map());
  const [asking, setAsking] = useState<HouseholdRow | null>(null);

  const rows = useMemo(() => (list ? rowsWithUnmasked(list.items, unmasked) : []), [list, unmasked]);
  const counts = useMemo(() => countByCategory(list?.items ?? []), [list]);

  const hide = (id: string) =>
    setUnmasked((m) => {
      const next = new Map(m);
      next.delete(id);
      return next;
    });

  const columns: TableColumnsType<HouseholdRow> = [
    {
      title: t('households.name'),
      dataIndex: 'holderName',
      width: 130,
      render: (v: string | null, r) => (
        <span className={r.revealed ? 'hh__revealed' : 'hh__masked'} data-testid={r.revealed ? 'hh-name-revealed' : undefined}>
          {v ?? t('common.none')}
        </span>
      ),
    },
    {
      title: t('households.idNumber'),
      dataIndex: 'idNumber',
      width: 200,
      render: (v: string | null, r) => (
        <span className={`hh__id ${r.revealed ? 'hh__revealed' : 'hh__masked'}`} data-testid={r.revealed ? 'hh-id-revealed' : undefined}>
          {v ?? t('common.none')}
        </span>
      ),
    },
    {
      title: t('households.category'),
      dataIndex: 'category',
      width: 110,
      filters: categoryOrder.filter((c) => counts[c]).map((c) => ({ text: `${t(`category.${c}`)}（${counts[c]}）`, value: c })),
      onFilter: (value, r) => r.category === value,
      render: (v: string) => (
        <Tag color={categoryColors[v]}>{categoryOrder.includes(v as never) ? t(`category.${v as (typeof categoryOrder)[number]}`) : v}</Tag>
      ),
    },
    {
      title: t('households.labour'),
      dataIndex: 'labour',
      width: 120,
      render: (v: string) => (labourOrder.includes(v as never) ? t(`labour.${v as (typeof labourOrder)[number]}`) : v),
    },
    { title: t('households.members'), dataIndex: 'members', width: 70, align: 'right', sorter: (a, b) => a.members - b.members },
    {
      title: t('households.measures'),
      key: 'measures',
      render: (_: unknown, r) => {
        const tags = measureTags(r);
        return tags.length ? (
          <span className="hh__measures">
            {tags.map((m) => (
              <Tag key={m.key} className="hh__measure">
                {t(m.key, m.params)}
              </Tag>
            ))}
          </span>
        ) : (
          <span className="muted">{t('households.noMeasures')}</span>
        );
      },
    },
    {
      title: t('households.income'),
      dataIndex: 'incomePerCapitaYuan',
      width: 150,
      align: 'right',
      sorter: (a, b) => a.incomePerCapitaYuan - b.incomePerCapitaYuan,
      render: (v: number) => <span className="hh__income">{formatYuan(v, lang)}</span>,
    },
    ...(canUnmask
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            render: (_: unknown, r: HouseholdRow) =>
              r.revealed ? (
                <span className="hh__revealed-actions">
                  <Tag icon={<SafetyCertificateOutlined />} color="blue" className="hh__audited">
                    {t('households.unmaskedTag')}
                  </Tag>
                  <Button type="link" size="small" icon={<EyeInvisibleOutlined />} onClick={() => hide(r.id)}>
                    {t('households.hide')}
                  </Button>
                </span>
              ) : (
                <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setAsking(r)} data-testid="hh-unmask">
                  {t('households.unmask')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <div className="hh" data-testid="households-ledger">
      <Alert type="warning" showIcon icon={<SafetyCertificateOutlined />} title={t('households.privacy')} className="hh__privacy" />
      {unmasked.size > 0 && (
        <Alert type="info" showIcon title={t('households.unmaskedNote')} className="hh__note" data-testid="hh-unmasked-note" />
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed', { message: error })}
          action={
            <Button size="small" onClick={households.retry}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      {list && (
        <div className="hh__summary" data-testid="hh-summary">
          {t('households.count', { count: list.items.length })}
          {categoryOrder
            .filter((c) => counts[c])
            .map((c) => (
              <span key={c} className="hh__summary-item">
                {t(`category.${c}`)} {counts[c]}
              </span>
            ))}
        </div>
      )}
      <Table<HouseholdRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={!list && !error}
        locale={{ emptyText: t('households.empty') }}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => t('common.total', { total }) }}
        rowClassName={(r) => (r.revealed ? 'hh__row--revealed' : '')}
        data-testid="households-table"
      />
      <UnmaskModal
        row={asking}
        onCancel={() => setAsking(null)}
        onDone={(u) => {
          setUnmasked((m) => new Map(m).set(u.id, u));
          setAsking(null);
        }}
      />
    </div>
  );
}

function UnmaskModal({
  row,
  onCancel,
  onDone,
}: {
  row: HouseholdRow | null;
  onCancel: () => void;
  onDone: (u: UnmaskedHousehold) => void;
}) {
  const { t, lang } = useAccountI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async ({ reason }: { reason: string }) => {
    if (!row) return;
    setBusy(true);
    try {
      onDone(await unmaskHousehold(row.id, reason.trim()));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      const text = localizeServerMessage(err instanceof Error ? err.message : String(err), lang);
      if (err instanceof ApiError && err.status === 400) form.setFields([{ name: 'reason', errors: [text] }]);
      else message.error(text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={row !== null}
      title={t('households.unmaskTitle')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={t('households.unmaskSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      mask={{ closable: false }}
      className="unmask-modal"
      data-testid="unmask-modal"
    >
      {row && <p className="hh__unmask-for">{t('households.unmaskFor', { name: row.holderName ?? '—', id: row.idNumber ?? '—' })}</p>}
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          name="reason"
          label={t('households.reason')}
          extra={t('households.reasonNote')}
          rules={[
            { validator: (_, v: string) => (reasonProblem(v) ? Promise.reject(new Error(t(reasonProblem(v)!))) : Promise.resolve()) },
          ]}
        >
          <Input.TextArea
            autoFocus
            rows={3}
            maxLength={REASON_MAX}
            showCount
            placeholder={t('households.reasonPlaceholder')}
            data-testid="unmask-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
