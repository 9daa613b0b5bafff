/**
 * 审计日志 (city administrator): the log newest first, paged by the server, filtered by action,
 * username, result and Beijing dates (typed as people write them), with 导出 CSV of the same filters.
 */
import { DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Drawer, Form, Input, Select, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import 'dayjs/locale/zh-cn';
import { useCallback, useState } from 'react';
import { fetchAuditPage, type AuditEntry, type AuditResult } from '../../api/auth-api.ts';
import { useLoad } from '../../api/use-load.ts';
import { useAccountI18n, isAccountKey, type AccountT } from '../account/account-i18n.ts';
import { auditExportHref, auditResultOrder, auditSearch, formatAuditDetail, knownAuditActions, type AuditFilters } from './audit-query.ts';
import { dateInputFormats, formatBeijing } from './time-format.ts';

const resultColors: Record<AuditResult, string> = { ok: 'success', denied: 'error', failed: 'warning', rejected: 'default' };

interface FilterForm {
  action?: string;
  username?: string;
  result?: AuditResult;
  /** [from, to] as the picker holds them (dayjs); read through the picker's strings. */
  dates?: unknown;
}

export const actionLabel = (t: AccountT, action: string) => {
  const key = `action.${action}`;
  return isAccountKey(key) ? t(key) : action;
};

const roleLabel = (t: AccountT, role: string | null) => {
  const key = `role.${role}`;
  return role && isAccountKey(key) ? t(key) : (role ?? '');
};

export default function AuditDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useAccountI18n();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [dates, setDates] = useState<[string, string]>(['', '']);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  // The page stays shown while the next one loads; every search (even the same one) asks again.
  const search = auditSearch(filters, paging.page, paging.pageSize);
  const audit = useLoad(open ? search : null, (signal) => fetchAuditPage(search, { signal }), { keep: true });
  const { data, retry } = audit;
  const loading = audit.status === 'loading';
  const error = audit.status === 'error' ? audit.error.message : null;

  const apply = useCallback(
    (v: FilterForm) => {
      setFilters({
        action: v.action ?? null,
        username: v.username ?? null,
        result: v.result ?? null,
        fromDate: dates[0] || null,
        toDate: dates[1] || null,
      });
      setPaging((p) => ({ ...p, page: 1 }));
      retry();
    },
    [dates, retry],
  );

  const reset = () => {
    form.resetFields();
    setDates(['', '']);
    setFilters({});
    setPaging((p) => ({ ...p, page: 1 }));
    retry();
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 168, render: (v: string) => <span className="audit__time">{formatBeijing(v)}</span> },
    {
      title: t('audit.username'),
      dataIndex: 'username',
      width: 140,
      render: (v: string | null) => v ?? <span className="muted">{t('audit.anonymous')}</span>,
    },
    { title: t('audit.role'), dataIndex: 'role', width: 110, render: (v: string | null) => roleLabel(t, v) },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 170,
      render: (v: string) => (
        <Tooltip title={v}>
          <span className="audit__action">{actionLabel(t, v)}</span>
        </Tooltip>
      ),
    },
    { title: t('audit.target'), dataIndex: 'target', ellipsis: { showTitle: true }, width: 220 },
    {
      title: t('audit.result'),
      dataIndex: 'result',
      width: 80,
      render: (v: AuditResult) => (
        <Tag color={resultColors[v]} className={`audit__result audit__result--${v}`}>
          {t(`result.${v}`)}
        </Tag>
      ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 120 },
    {
      title: t('audit.detail'),
      dataIndex: 'detail',
      ellipsis: true,
      render: (v: AuditEntry['detail'], e) => {
        const text = formatAuditDetail(v);
        return (
          <Tooltip
            title={<span className="audit__detail-tip">{`${text}${e.requestId ? `\n${t('audit.requestId')}: ${e.requestId}` : ''}`}</span>}
          >
            <span className="audit__detail">{text}</span>
          </Tooltip>
        );
      },
    },
  ];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('audit.title')}
      size={Math.min(1400, typeof window === 'undefined' ? 1400 : window.innerWidth - 60)}
      destroyOnHidden
      className="admin-drawer"
      data-testid="audit-drawer"
    >
      <Alert type="info" showIcon title={t('audit.intro')} className="admin-drawer__intro" />
      <Form<FilterForm> form={form} layout="inline" onFinish={apply} className="audit__filters" data-testid="audit-filters">
        <Form.Item name="action" label={t('audit.action')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.actionPlaceholder')}
            style={{ width: 200 }}
            options={knownAuditActions.map((a) => ({ value: a, label: actionLabel(t, a) }))}
            data-testid="audit-action"
          />
        </Form.Item>
        <Form.Item name="username" label={t('audit.username')}>
          <Input allowClear placeholder={t('audit.usernamePlaceholder')} style={{ width: 140 }} data-testid="audit-username" />
        </Form.Item>
        <Form.Item name="result" label={t('audit.result')}>
          <Select
            allowClear
            placeholder={t('audit.resultPlaceholder')}
            style={{ width: 120 }}
            options={auditResultOrder.map((r) => ({ value: r, label: t(`result.${r}`) }))}
            data-testid="audit-result"
          />
        </Form.Item>
        <Form.Item name="dates" label={t('audit.dates')} tooltip={t('audit.datesHint')}>
          <DatePicker.RangePicker
            format={[...dateInputFormats]}
            allowEmpty={[true, true]}
            placeholder={[t('audit.dateStart'), t('audit.dateEnd')]}
            onChange={(_, s) => setDates([s?.[0] ?? '', s?.[1] ?? ''])}
            style={{ width: 270 }}
            data-testid="audit-dates"
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
              {t('audit.search')}
            </Button>
            <Button onClick={reset}>{t('audit.reset')}</Button>
            <Tooltip title={t('audit.exportHint')}>
              <Button icon={<DownloadOutlined />} href={auditExportHref(filters)} download data-testid="audit-export">
                {t('audit.export')}
              </Button>
            </Tooltip>
            <Button icon={<ReloadOutlined />} onClick={retry} aria-label={t('common.refresh')} />
          </Space>
        </Form.Item>
      </Form>
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed', { message: error })}
          className="audit__error"
          action={
            <Button size="small" onClick={retry}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        tableLayout="fixed"
        data-testid="audit-table"
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setPaging({ page: pageSize !== paging.pageSize ? 1 : page, pageSize }),
        }}
      />
    </Drawer>
  );
}
