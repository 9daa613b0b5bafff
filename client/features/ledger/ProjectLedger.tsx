/**
 * 项目台账: the projects of an area, searched, filtered, sorted and paged by the server, with the sums
 * over every match. A row click selects the project on the map (and shows where it is); 详情 opens its
 * page; 修改 its edit form (own county's editors, the city office); 新增项目 adds one to the county. A
 * project selected on the map is marked in the list.
 */
import { Alert, Button, Checkbox, Input, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { exportHref } from '../../api/import-api.ts';
import { useChanged } from '../../ui/use-changed.ts';
import { fetchProjectPage, ledgerLoad, type ProjectListItem } from '../../api/ledger-api.ts';
import { formatNumber, formatPct } from '../../../server/domain/format.ts';
import { projectCategories, projectStatuses } from '../../../server/contracts/enums.ts';
import { projectExportHref } from './export-href.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { useLedgerI18n } from './ledger-i18n.ts';
import { initialListState, sortOrderOf, toQuery, withFilter, withSorter, type ListState } from './project-query.ts';
import { useLoad } from '../../api/use-load.ts';

export interface ProjectLedgerProps {
  /** The division the list is limited to (the map's area, or one picked in the area ledger). */
  area: string;
  areaName: string;
  asOf: string | null;
  selectedProject: string | null;
  canEdit: (countyCode: string) => boolean;
  onSelect: (p: ProjectListItem) => void;
  onOpen: (code: string) => void;
  onEdit: (code: string) => void;
  /** 新增项目 (null: the account may not add a project here). */
  onCreate: (() => void) | null;
}

export function ProjectLedger({ area, areaName, asOf, selectedProject, canEdit, onSelect, onOpen, onEdit, onCreate }: ProjectLedgerProps) {
  const { t, lang } = useLedgerI18n();
  const [state, setState] = useState<ListState>({ ...initialListState, area, asOf });
  const [search, setSearch] = useState('');
  const areaChanged = useChanged(area);
  const asOfChanged = useChanged(asOf);
  if ((areaChanged || asOfChanged) && (state.area !== area || state.asOf !== asOf)) setState(withFilter(state, { area, asOf }));
  const query = toQuery(state);
  const loaded = useLoad(JSON.stringify(query), (signal) => fetchProjectPage(query, { signal }), ledgerLoad);
  const page = loaded.data;
  const selectedOnMap = selectedProject && page && !page.items.some((i) => i.code === selectedProject) ? selectedProject : null;

  const columns: ColumnsType<ProjectListItem> = [
    { key: 'code', title: t('col.code'), dataIndex: 'code', sorter: true, sortOrder: sortOrderOf(state, 'code'), width: 170 },
    {
      key: 'name',
      title: t('col.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrderOf(state, 'name'),
      render: (name: string, r) => (
        <Space size={4}>
          <span>{name}</span>
          {r.overdue && <Tag color="red">{t('overdue')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'place',
      title: t('col.place'),
      ellipsis: true,
      width: 220,
      render: (_, r) => [r.countyName, r.townshipName, r.villageName].filter(Boolean).join(' · '),
    },
    {
      key: 'status',
      title: t('col.status'),
      dataIndex: 'status',
      sorter: true,
      sortOrder: sortOrderOf(state, 'status'),
      render: (s: string) => t(`status.${s}` as never),
    },
    {
      key: 'total',
      title: t('col.total'),
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf(state, 'total'),
      render: (_, r) => <span className="lg-num">{formatNumber(r.totalInvestmentWan, 2, lang)}</span>,
    },
    {
      key: 'spent',
      title: t('col.spent'),
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf(state, 'spent'),
      render: (_, r) => <span className="lg-num">{formatNumber(r.spentWan, 2, lang)}</span>,
    },
    {
      key: 'rate',
      title: t('col.rate'),
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf(state, 'rate'),
      render: (_, r) => <span className="lg-num">{formatPct(r.spendRatePct, lang)}</span>,
    },
    {
      key: 'planned',
      title: t('col.planned'),
      dataIndex: 'plannedCompletion',
      sorter: true,
      sortOrder: sortOrderOf(state, 'planned'),
      render: (d: string | null) => <span className="lg-num">{d ?? '—'}</span>,
    },
    {
      key: 'actions',
      title: t('col.actions'),
      fixed: 'right',
      width: 120,
      render: (_, r) => (
        <Space size={0} onClick={(e) => e.stopPropagation()}>
          <Button type="link" size="small" onClick={() => onOpen(r.code)} data-testid="project-view">
            {t('action.view')}
          </Button>
          {canEdit(r.countyCode) && (
            <Button type="link" size="small" onClick={() => onEdit(r.code)} data-testid="project-edit">
              {t('action.edit')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="project-ledger">
      <div className="lg-toolbar">
        <Input.Search
          allowClear
          placeholder={t('list.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => setState((s) => withFilter(s, { q }))}
          style={{ width: 300 }}
          data-testid="project-search"
        />
        <Select
          allowClear
          placeholder={t('list.status')}
          value={state.status}
          onChange={(status) => setState((s) => withFilter(s, { status: status ?? null }))}
          options={projectStatuses.map((v) => ({ value: v, label: t(`status.${v}`) }))}
          style={{ width: 120 }}
        />
        <Select
          allowClear
          placeholder={t('list.category')}
          value={state.category}
          onChange={(category) => setState((s) => withFilter(s, { category: category ?? null }))}
          options={projectCategories.map((v) => ({ value: v, label: t(`category.${v}`) }))}
          style={{ width: 130 }}
        />
        <Checkbox checked={state.overdue} onChange={(e) => setState((s) => withFilter(s, { overdue: e.target.checked }))}>
          {t('list.overdue')}
        </Checkbox>
        <ExportMenu
          testId="project-export"
          href={(format) => projectExportHref(state, format)}
          extra={[
            {
              key: 'import-format',
              label: t('export.importFormat'),
              href: exportHref('projects') + (area.length >= 6 ? `&county=${area.slice(0, 6)}` : ''),
            },
          ]}
        />
        <span className="lg-toolbar__note">{t('list.area', { area: areaName })}</span>
        {onCreate && (
          <Button type="primary" onClick={onCreate} data-testid="project-create">
            {t('create.project')}
          </Button>
        )}
        {page && (
          <span className="lg-toolbar__note" data-testid="project-total">
            {t('list.total', {
              n: formatNumber(page.total, 0, lang),
              total: formatNumber(page.sums.totalInvestmentWan, 2, lang),
              spent: formatNumber(page.sums.spentWan, 2, lang),
              overdue: formatNumber(page.sums.overdue, 0, lang),
            })}
          </span>
        )}
      </div>
      {selectedOnMap && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          message={t('list.selectedOnMap', { name: selectedOnMap })}
          action={
            <Button size="small" onClick={() => onOpen(selectedOnMap)}>
              {t('list.show')}
            </Button>
          }
        />
      )}
      {loaded.status === 'error' && (
        <Alert type="error" showIcon message={loaded.error.message} action={<Button onClick={loaded.retry}>{t('retry')}</Button>} />
      )}
      <Table
        size="small"
        rowKey="code"
        columns={columns}
        dataSource={page?.items ?? []}
        loading={loaded.status === 'loading'}
        scroll={{ x: 'max-content' }}
        sticky
        rowClassName={(r) => (r.code === selectedProject ? 'lg-row--selected' : '')}
        onRow={(r) => ({ onClick: () => onSelect(r), 'data-testid': 'project-row', 'data-code': r.code }) as never}
        onChange={(p, _f, sorter) => {
          const one = Array.isArray(sorter) ? sorter[0] : sorter;
          setState((s) => {
            const sorted = withSorter(s, one?.columnKey, one?.order);
            const sortChanged = sorted.sort !== s.sort || sorted.order !== s.order;
            return sortChanged ? sorted : { ...s, page: p.current ?? 1, pageSize: p.pageSize ?? s.pageSize };
          });
        }}
        pagination={{
          current: state.page,
          pageSize: state.pageSize,
          total: page?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          size: 'small',
        }}
        locale={{ emptyText: t('empty') }}
      />
    </div>
  );
}
