/**
 * A project's page: its ledger row, its monthly history (as-of date, status, money, 形象进度; 新增月报
 * and 修改 per report for the county's editors) and its change log (who changed which field from what
 * to what, the project's and its reports'), the log only for those entitled to it.
 */
import { Alert, Button, Descriptions, Drawer, Empty, Space, Spin, Table, Tabs, Tag } from 'antd';
import { fetchLedgerProject, fetchProjectChanges, ledgerLoad, type ProjectDetail } from '../../api/ledger-api.ts';
import { formatNumber, formatPct } from '../../../server/domain/format.ts';
import { useAccount } from '../account/account-context.ts';
import { displayValue, fieldLabel } from './display.ts';
import { canEditCounty, canReadChanges } from './ledger-access.ts';
import { useLedgerI18n } from './ledger-i18n.ts';
import { useLoad } from '../../api/use-load.ts';

export interface ProjectPageProps {
  code: string | null;
  onClose: () => void;
  onEdit: (code: string) => void;
  /** 新增月报: the project with its history (the new report starts from the latest). */
  onAddReport: (project: Pick<ProjectDetail, 'code' | 'name' | 'year' | 'history'>) => void;
  onEditReport: (code: string, asOf: string) => void;
  onShowOnMap: (code: string) => void;
}

export function ProjectPage({ code, onClose, onEdit, onAddReport, onEditReport, onShowOnMap }: ProjectPageProps) {
  const { t, lang } = useLedgerI18n();
  const { me } = useAccount();
  const detail = useLoad(code, (signal) => fetchLedgerProject(code!, { signal }), ledgerLoad);
  const p = detail.data && detail.data.code === code ? detail.data : null;
  const mayReadLog = p ? canReadChanges(me, p.countyCode) : false;
  const log = useLoad(code && mayReadLog ? code : null, (signal) => fetchProjectChanges(code!, { signal }), ledgerLoad);
  const money = (n: number | null) => formatNumber(n, 2, lang);
  const mayEdit = p ? canEditCounty(me, p.countyCode) : false;

  const basic = p && (
    <Descriptions size="small" column={2} bordered>
      <Descriptions.Item label={t('col.code')}>{p.code}</Descriptions.Item>
      <Descriptions.Item label={t('col.status')}>{t(`status.${p.status}`)}</Descriptions.Item>
      <Descriptions.Item label={t('page.place')} span={2}>
        {[p.countyName, p.townshipName, p.villageName].filter(Boolean).join(' · ')}
        {!p.located && <Tag style={{ marginLeft: 8 }}>{t('page.unlocated')}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={t('list.category')}>{t(`category.${p.category}`)}</Descriptions.Item>
      <Descriptions.Item label={t('page.responsible')}>
        {p.responsibleLevel ? t(`rlevel.${p.responsibleLevel}`) : '—'} / {p.responsibleUnit ?? '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('page.funds')} span={2}>
        {t('page.fundsValue', {
          total: money(p.funds.totalWan),
          arranged: money(p.funds.arrangedWan),
          disbursed: money(p.funds.disbursedWan),
          spent: money(p.funds.spentWan),
        })}
      </Descriptions.Item>
      <Descriptions.Item label={t('page.dates')} span={2}>
        {`${p.dates.plannedStart ?? '—'} → ${p.dates.plannedCompletion ?? '—'} / ${p.dates.actualStart ?? '—'} → ${p.dates.actualCompletion ?? '—'}`}
      </Descriptions.Item>
      <Descriptions.Item label={t('page.households')} span={2}>
        {t('page.householdsValue', {
          all: formatNumber(p.householdsReached, 0, lang),
          poor: formatNumber(p.poorHouseholdsReached, 0, lang),
        })}
      </Descriptions.Item>
    </Descriptions>
  );

  const history = p && (
    <>
      {mayEdit && (
        <div className="lg-toolbar">
          <Button type="primary" size="small" onClick={() => onAddReport(p)} data-testid="report-add">
            {t('create.report')}
          </Button>
        </div>
      )}
      <Table
        size="small"
        rowKey="asOf"
        pagination={false}
        dataSource={p.history}
        locale={{ emptyText: t('page.noHistory') }}
        data-testid="project-history"
        columns={[
          { key: 'asOf', title: t('hist.asOf'), dataIndex: 'asOf' },
          { key: 'status', title: t('hist.status'), dataIndex: 'status', render: (s: string) => t(`status.${s}` as never) },
          { key: 'arranged', title: t('hist.arranged'), align: 'right', render: (_, h) => money(h.arrangedWan) },
          { key: 'disbursed', title: t('hist.disbursed'), align: 'right', render: (_, h) => money(h.disbursedWan) },
          { key: 'spent', title: t('hist.spent'), align: 'right', render: (_, h) => money(h.spentWan) },
          { key: 'physical', title: t('hist.physical'), align: 'right', render: (_, h) => formatPct(h.physicalProgressPct, lang) },
          ...(mayEdit
            ? [
                {
                  key: 'actions',
                  title: t('col.actions'),
                  render: (_: unknown, h: { asOf: string }) => (
                    <Button type="link" size="small" onClick={() => onEditReport(p.code, h.asOf)} data-testid="report-edit">
                      {t('action.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );

  const changes = !me?.user ? (
    <Alert type="info" showIcon message={t('page.changesLogin')} />
  ) : !mayReadLog ? (
    <Alert type="info" showIcon message={t('page.changesDenied')} />
  ) : log.status === 'error' ? (
    <Alert type="error" showIcon message={log.error.message} />
  ) : (
    <Table
      size="small"
      rowKey={(c) => `${c.at}-${c.version}`}
      loading={log.status === 'loading'}
      pagination={false}
      dataSource={log.data?.items ?? []}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('page.noChanges')} /> }}
      data-testid="project-changes"
      columns={[
        {
          key: 'at',
          title: t('change.at'),
          dataIndex: 'at',
          render: (at: string) => new Date(at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB'),
        },
        { key: 'user', title: t('change.user'), dataIndex: 'username' },
        {
          key: 'what',
          title: t('change.what'),
          render: (_, c) => (
            <Space size={4}>
              {c.asOf ? t('change.report', { asOf: c.asOf }) : t('change.project')}
              {c.action === 'create' && <Tag color="green">{t('change.created')}</Tag>}
            </Space>
          ),
        },
        { key: 'version', title: t('change.version'), dataIndex: 'version' },
        {
          key: 'fields',
          title: t('change.fields'),
          render: (_, c) => (
            <ul style={{ margin: 0, paddingLeft: 16 }}>
              {c.changes.map((f) => (
                <li key={f.field}>
                  <span className="lg-change__field">{fieldLabel(f.field, t)}</span>：{displayValue(f.field, f.before, t, lang)} →{' '}
                  <b>{displayValue(f.field, f.after, t, lang)}</b>
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );

  return (
    <Drawer
      open={code !== null}
      onClose={onClose}
      width={760}
      title={p ? p.name : t('page.title')}
      data-testid="project-page"
      extra={
        p && (
          <Space>
            <Button onClick={() => onShowOnMap(p.code)}>{t('page.showOnMap')}</Button>
            {mayEdit && (
              <Button type="primary" onClick={() => onEdit(p.code)} data-testid="project-page-edit">
                {t('action.edit')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {detail.status === 'error' && <Alert type="error" showIcon message={detail.error.message} />}
      {!p && detail.status === 'loading' && <Spin />}
      {p && (
        <Tabs
          items={[
            { key: 'basic', label: t('page.basic'), children: basic },
            { key: 'history', label: t('page.history'), children: history },
            { key: 'changes', label: t('page.changes'), children: changes },
          ]}
        />
      )}
    </Drawer>
  );
}
