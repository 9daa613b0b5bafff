/**
 * 区域台账: the divisions of the map's level under its area, one row each with investment, spending and
 * the project and PV measures against 序时进度, the area's total row on top, and (for counties) the
 * sign-off state of the period. A row click selects the division on the map; 下一级 drills down; a click
 * on the map selects the row.
 */
import { Alert, Button, Space, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useRef } from 'react';
import { fetchMeasureValues } from '../../api/client.ts';
import { ledgerLoad, type CountySignoff } from '../../api/ledger-api.ts';
import { loadKey } from '../../api/load-state.ts';
import { formatNumber, formatPct, formatPts } from '../../../server/domain/format.ts';
import {
  areaMeasureIds,
  lagMark,
  mergeAreaRows,
  type AreaCell,
  type AreaMeasureId,
  type AreaRow,
} from '../../../server/domain/area-ledger.ts';
import { areaExportHref } from './export-href.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { useLedgerI18n, type LedgerMessageKey } from './ledger-i18n.ts';
import { SignoffTag } from './SignoffTag.tsx';
import { useLoad } from '../../api/use-load.ts';

export interface AreaLedgerProps {
  area: string;
  level: 'county' | 'township' | 'village';
  asOf: string | null;
  selected: string | null;
  period: string;
  signoffs: readonly CountySignoff[] | null;
  onSelect: (code: string) => void;
  onDrill: (code: string) => void;
  onProjects: (code: string, name: string) => void;
}

const measureTitles: Record<AreaMeasureId, LedgerMessageKey> = {
  spend_rate: 'area.spendRate',
  start_rate: 'area.startRate',
  completion_rate: 'area.completionRate',
  overdue: 'area.overdue',
  pv_registration: 'area.pvRegistration',
};

export function AreaLedger({ area, level, asOf, selected, period, signoffs, onSelect, onDrill, onProjects }: AreaLedgerProps) {
  const { t, lang } = useLedgerI18n();
  const loaded = useLoad(
    loadKey(level, area, asOf),
    (signal) => Promise.all(areaMeasureIds.map((id) => fetchMeasureValues(id, { level, parent: area, asOf }, { signal }))),
    ledgerLoad,
  );
  const { rows, total } = useMemo(() => mergeAreaRows(loaded.data ?? []), [loaded.data]);
  const signoffOf = useMemo(() => new Map((signoffs ?? []).map((s) => [s.countyCode, s])), [signoffs]);
  const wrap = useRef<HTMLDivElement>(null);

  // A division selected on the map: bring its row into view.
  useEffect(() => {
    if (!selected) return;
    wrap.current?.querySelector(`[data-row-key="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected, rows]);

  const cell = (c: AreaCell | undefined, id: AreaMeasureId) => {
    if (!c) return <span className="lg-num">{t('empty')}</span>;
    // 逾期项目: how many, and their share of the year's projects (the measure's value, a percentage).
    const share = formatPct(c.value, lang);
    const text =
      id === 'overdue' && c.numerator !== null
        ? `${formatNumber(c.numerator, 0, lang)}${lang === 'zh' ? `（${share}）` : ` (${share})`}`
        : share;
    const behind = c.lag !== null && c.lag < 0;
    return (
      <span className="lg-num">
        {text}
        {c.lag !== null && (
          <span className={`lg-lag ${behind ? 'lg-lag--behind' : 'lg-lag--ahead'}`}>
            {lagMark(c.lag)} {formatPts(c.lag, lang)}
          </span>
        )}
      </span>
    );
  };

  const columns: ColumnsType<AreaRow & { isTotal?: boolean }> = [
    {
      key: 'name',
      title: t(`level.${level}`),
      dataIndex: 'name',
      fixed: 'left',
      width: 150,
      render: (name: string, r) => (r.isTotal ? t('area.totalRow', { name }) : name),
    },
    {
      key: 'total',
      title: t('area.totalInvestment'),
      align: 'right',
      render: (_, r) => <span className="lg-num">{formatNumber(r.totalWan, 2, lang)}</span>,
    },
    {
      key: 'spent',
      title: t('area.spent'),
      align: 'right',
      render: (_, r) => <span className="lg-num">{formatNumber(r.spentWan, 2, lang)}</span>,
    },
    ...areaMeasureIds.map((id) => ({
      key: id,
      title: t(measureTitles[id]),
      align: 'right' as const,
      render: (_: unknown, r: AreaRow) => cell(r.cells[id], id),
    })),
    ...(level === 'county'
      ? [
          {
            key: 'signoff',
            title: t('area.signoff', { period }),
            render: (_: unknown, r: AreaRow & { isTotal?: boolean }) => {
              const s = signoffOf.get(r.code);
              return s && !r.isTotal ? <SignoffTag state={s.state} /> : null;
            },
          },
        ]
      : []),
    {
      key: 'actions',
      title: '',
      width: 150,
      render: (_, r) =>
        r.isTotal ? null : (
          <Space size={0} onClick={(e) => e.stopPropagation()}>
            {level !== 'village' && (
              <Tooltip title={t('area.drillTitle', { name: r.name })}>
                <Button type="link" size="small" onClick={() => onDrill(r.code)} data-testid="area-drill">
                  {t('area.drill')}
                </Button>
              </Tooltip>
            )}
            <Tooltip title={t('area.projectsTitle', { name: r.name })}>
              <Button type="link" size="small" onClick={() => onProjects(r.code, r.name)}>
                {t('area.projects')}
              </Button>
            </Tooltip>
          </Space>
        ),
    },
  ];

  const data: (AreaRow & { isTotal?: boolean })[] = total ? [{ ...total, isTotal: true }, ...rows] : rows;
  return (
    <div ref={wrap} data-testid="area-ledger">
      <div className="lg-toolbar">
        <ExportMenu testId="area-export" href={(format) => areaExportHref({ level, area, asOf }, format)} />
        <span className="lg-toolbar__note">{t('area.hint')}</span>
      </div>
      {loaded.status === 'error' && (
        <Alert
          type="error"
          showIcon
          message={loaded.error.message}
          action={<Button onClick={loaded.retry}>{t('retry')}</Button>}
          style={{ marginBottom: 8 }}
        />
      )}
      <Table
        size="small"
        rowKey={(r) => (r.isTotal ? `total-${r.code}` : r.code)}
        columns={columns}
        dataSource={data}
        loading={loaded.status === 'loading'}
        pagination={false}
        scroll={{ x: 'max-content' }}
        sticky
        rowClassName={(r) => (r.isTotal ? 'lg-row--total' : r.code === selected ? 'lg-row--selected' : '')}
        onRow={(r) => ({ onClick: () => (r.isTotal ? undefined : onSelect(r.code)), 'data-testid': 'area-row' }) as never}
        locale={{ emptyText: t('empty') }}
      />
    </div>
  );
}
