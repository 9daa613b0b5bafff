/**
 * Detail cards of the selected project (funds as bars, planned vs actual dates, monthly history,
 * households, linkages and dividend, sign-offs, beneficiary villages) or PV station (capacity,
 * generation, income and its use, households), with 修改 (the ledger's edit form) for the county's
 * editors. Numbers through server/domain/format.ts only.
 */
import { Alert, Button, Card, Descriptions, Skeleton, Space } from 'antd';
import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { useAccount } from '../account/account-context.ts';
import { canEditCounty } from '../ledger/ledger-access.ts';
import { formatCount, formatDate, formatNumber, formatPct, formatWan, noDataText } from '../../../server/domain/format.ts';
import type { ProjectDetail, PvDetail } from './layers-api.ts';
import { isLayersKey, layersTranslator, type Lang, type LayersT } from './layers-i18n.ts';
import type { LayerSelection } from './layers-state.ts';
import type { Loaded } from '../../api/use-load.ts';
import './layers.css';

// The ledger's edit form (and its merge screen after a 409), loaded when first opened.
const EditDrawer = lazy(() => import('../ledger/EditDrawer.tsx').then((m) => ({ default: m.EditDrawer })));

export interface LayerDetailProps {
  lang: Lang;
  selection: LayerSelection;
  project: Loaded<ProjectDetail>;
  pv: Loaded<PvDetail>;
  linksVisible: boolean;
  onShowLinks(): void;
  onClose(): void;
}

/** Share of `value` in `max` as a bar width, percent 0–100 (0 for missing or non-positive input). */
export function barWidthPct(value: number | null | undefined, max: number | null | undefined): number {
  if (value == null || max == null || !Number.isFinite(value) || !Number.isFinite(max) || max <= 0 || value <= 0) return 0;
  return Math.min(100, (value / max) * 100);
}

function FundBars({ detail, t, lang }: { detail: ProjectDetail; t: LayersT; lang: Lang }) {
  const f = detail.funds;
  const rows: [Parameters<LayersT>[0], number | null, string][] = [
    ['detail.total', f.totalWan, 'total'],
    ['detail.arranged', f.arrangedWan, 'arranged'],
    ['detail.disbursed', f.disbursedWan, 'disbursed'],
    ['detail.spent', f.spentWan, 'spent'],
  ];
  const max = Math.max(0, ...rows.map((r) => r[1] ?? 0));
  return (
    <div className="op-bars" data-testid="fund-bars">
      {rows.map(([key, value, id]) => (
        <div className="op-bar" key={id} data-testid={`fund-${id}`}>
          <span>{t(key)}</span>
          <span className="op-bar__track">
            <span
              className="op-bar__fill"
              style={{ display: 'block', width: `${barWidthPct(value, max)}%`, opacity: id === 'total' ? 0.45 : 1 }}
            />
          </span>
          <span className="op-bar__value">{formatWan(value, lang)}</span>
        </div>
      ))}
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="op-detail__section">
      <h4>{title}</h4>
      {children}
    </div>
  );
}

const tk = (t: LayersT, key: string, fallback: string) => (isLayersKey(key) ? t(key) : fallback);

function ProjectBody({
  d,
  t,
  lang,
  linksVisible,
  onShowLinks,
}: {
  d: ProjectDetail;
  t: LayersT;
  lang: Lang;
  linksVisible: boolean;
  onShowLinks(): void;
}) {
  const place = [d.countyName, d.townshipName, d.villageName].filter(Boolean).join(' · ') || noDataText[lang];
  const kind = d.category === 'industry' && d.mode ? `${t('category.industry')} · ${t(`mode.${d.mode}`)}` : t(`category.${d.category}`);
  const late =
    d.dates.plannedCompletion &&
    !d.dates.actualCompletion &&
    d.history.length > 0 &&
    d.history[d.history.length - 1].asOf > d.dates.plannedCompletion;
  const signed = (name: string | null, date: string | null) =>
    date ? `${name ?? ''} ${formatDate(date, lang)}`.trim() : t('detail.unsigned');
  return (
    <>
      <Descriptions size="small" column={1} colon={false} styles={{ label: { width: 84 } }}>
        <Descriptions.Item label={t('detail.code')}>{d.code}</Descriptions.Item>
        <Descriptions.Item label={t('detail.place')}>{place}</Descriptions.Item>
        <Descriptions.Item label={t('detail.category')}>{kind}</Descriptions.Item>
        <Descriptions.Item label={t('detail.status')}>
          <span data-testid="detail-status">{tk(t, `status.${d.status}`, d.status)}</span>
          {late && <span className="overdue"> · {t('overdue')}</span>}
        </Descriptions.Item>
        {d.responsibleUnit && <Descriptions.Item label={t('detail.responsible')}>{d.responsibleUnit}</Descriptions.Item>}
      </Descriptions>
      <Section title={t('detail.funds')}>
        <FundBars detail={d} t={t} lang={lang} />
      </Section>
      <Section title={t('detail.dates')}>
        <table>
          <thead>
            <tr>
              <th />
              <th>{t('detail.planned')}</th>
              <th>{t('detail.actual')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th>{t('detail.start')}</th>
              <td>{formatDate(d.dates.plannedStart, lang)}</td>
              <td>{formatDate(d.dates.actualStart, lang)}</td>
            </tr>
            <tr>
              <th>{t('detail.completion')}</th>
              <td>{formatDate(d.dates.plannedCompletion, lang)}</td>
              <td className={late ? 'overdue' : undefined}>{formatDate(d.dates.actualCompletion, lang)}</td>
            </tr>
          </tbody>
        </table>
      </Section>
      {d.history.length > 0 && (
        <Section title={t('detail.history')}>
          <table data-testid="detail-history">
            <tbody>
              {d.history.map((h) => (
                <tr key={h.asOf}>
                  <th>{formatDate(h.asOf, lang)}</th>
                  <td>{tk(t, `status.${h.status}`, h.status)}</td>
                  <td className="num">{formatWan(h.spentWan, lang)}</td>
                  <td className="num">{formatPct(h.physicalProgressPct, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      )}
      <Section title={t('detail.households')}>
        <Descriptions size="small" column={1} colon={false} styles={{ label: { width: 120 } }}>
          <Descriptions.Item label={t('detail.households')}>
            <span data-testid="detail-households">{formatCount(d.householdsReached, 'household', lang)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.poorHouseholds')}>
            {formatCount(d.poorHouseholdsReached, 'household', lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.linkages')}>
            {d.linkages?.length ? d.linkages.map((l) => tk(t, `linkage.${l}`, l)).join('、') : noDataText[lang]}
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.dividend')}>{formatPct(d.dividendRatePct, lang)}</Descriptions.Item>
        </Descriptions>
      </Section>
      <Section title={t('detail.signOff')}>
        <Descriptions size="small" column={1} colon={false} styles={{ label: { width: 84 } }}>
          <Descriptions.Item label={t('detail.mainLeader')}>{signed(d.signOff.mainLeader, d.signOff.mainDate)}</Descriptions.Item>
          <Descriptions.Item label={t('detail.deputyLeader')}>{signed(d.signOff.deputyLeader, d.signOff.deputyDate)}</Descriptions.Item>
        </Descriptions>
      </Section>
      {d.beneficiaries.length > 0 && (
        <Section title={`${t('detail.beneficiaries')}（${d.beneficiaries.length}）`}>
          <table>
            <tbody>
              {d.beneficiaries.slice(0, 12).map((b) => (
                <tr key={b.villageCode}>
                  <th>{b.villageName}</th>
                  <td className="num">{formatCount(b.households, 'household', lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!linksVisible && (
            <Button size="small" type="primary" ghost style={{ marginTop: 6 }} onClick={onShowLinks} data-testid="show-links">
              {t('detail.showLinks')}
            </Button>
          )}
        </Section>
      )}
    </>
  );
}

function PvBody({ d, t, lang }: { d: PvDetail; t: LayersT; lang: Lang }) {
  const place = [d.countyName, d.villageName].filter(Boolean).join(' · ') || noDataText[lang];
  return (
    <Descriptions size="small" column={1} colon={false} styles={{ label: { width: 112 } }}>
      <Descriptions.Item label={t('detail.code')}>{d.code}</Descriptions.Item>
      <Descriptions.Item label={t('detail.place')}>{place}</Descriptions.Item>
      <Descriptions.Item label={t('detail.type')}>{tk(t, `pvType.${d.type}`, d.type)}</Descriptions.Item>
      <Descriptions.Item label={t('detail.capacity')}>
        <span data-testid="pv-capacity">{t('unit.kw', { value: formatNumber(d.capacityKw, 1, lang) })}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('detail.status')}>{tk(t, `pvStatus.${d.status}`, d.status)}</Descriptions.Item>
      <Descriptions.Item label={t('detail.gridDate')}>{formatDate(d.gridDate, lang)}</Descriptions.Item>
      <Descriptions.Item label={t('detail.registered')}>
        {t(d.registered ? 'registered.yes' : 'registered.no')}
        {d.registeredDate ? ` · ${formatDate(d.registeredDate, lang)}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('detail.generation')}>
        {t('unit.kwh', { value: formatNumber(d.yearlyGenerationKwh, 0, lang) })}
      </Descriptions.Item>
      <Descriptions.Item label={t('detail.income')}>
        <span data-testid="pv-income">{formatWan(d.yearlyIncomeWan, lang)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('detail.incomeWelfare')}>{formatWan(d.incomeWelfareJobsWan, lang)}</Descriptions.Item>
      <Descriptions.Item label={t('detail.incomeCollective')}>{formatWan(d.incomeCollectiveWan, lang)}</Descriptions.Item>
      <Descriptions.Item label={t('detail.households')}>{formatCount(d.householdsReached, 'household', lang)}</Descriptions.Item>
    </Descriptions>
  );
}

export function LayerDetail({ lang, selection, project, pv, linksVisible, onShowLinks, onClose }: LayerDetailProps) {
  const t = layersTranslator(lang);
  const load = selection.kind === 'project' ? project : pv;
  const data = load.status === 'ready' && load.data.code === selection.code ? load.data : null;
  const { me } = useAccount();
  const [editing, setEditing] = useState(false);
  const editTarget = useMemo(
    () =>
      editing ? { kind: selection.kind === 'project' ? ('projects' as const) : ('pv_stations' as const), code: selection.code } : null,
    [editing, selection.kind, selection.code],
  );
  const mayEdit = data !== null && canEditCounty(me, data.countyCode);
  return (
    <>
      <Card
        className="op-detail"
        size="small"
        data-testid="layer-detail"
        title={data ? data.name : t(selection.kind === 'project' ? 'detail.project' : 'detail.pv')}
        extra={
          <Space size={0}>
            {mayEdit && (
              <Button size="small" type="link" onClick={() => setEditing(true)} data-testid="layer-detail-edit">
                {t('detail.edit')}
              </Button>
            )}
            <Button size="small" type="text" onClick={onClose} aria-label={t('detail.close')} data-testid="layer-detail-close">
              ✕
            </Button>
          </Space>
        }
      >
        {load.status === 'error' ? (
          <Alert
            type="error"
            showIcon
            title={t('layer.error', { message: load.error.message })}
            action={
              <Button size="small" onClick={load.retry}>
                {t('layer.retry')}
              </Button>
            }
          />
        ) : !data ? (
          <Skeleton active paragraph={{ rows: 6 }} aria-label={t('detail.loading')} />
        ) : selection.kind === 'project' ? (
          <ProjectBody d={data as ProjectDetail} t={t} lang={lang} linksVisible={linksVisible} onShowLinks={onShowLinks} />
        ) : (
          <PvBody d={data as PvDetail} t={t} lang={lang} />
        )}
      </Card>
      {editTarget && (
        <Suspense fallback={null}>
          <EditDrawer
            target={editTarget}
            onClose={() => {
              setEditing(false);
              load.retry(); // show the saved values
            }}
          />
        </Suspense>
      )}
    </>
  );
}
