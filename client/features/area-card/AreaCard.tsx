/**
 * Right panel: the selected area (or the parent when nothing is selected) on the chosen measure —
 * value against 序时进度, lag, rank and its change, numerator and denominator, both spending bases,
 * the monthly history and the projects that hold it back most. A slot below takes the layer panel.
 */
import { Button, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import {
  fetchLaggingProjects,
  fetchMeasureHistory,
  type LaggingProjects,
  type MeasureHistory,
  type MeasureValues,
} from '../../api/client.ts';
import { LruCache, loadKey } from '../../api/load-state.ts';
import { useLoad } from '../../api/use-load.ts';
import { useI18n } from '../../i18n/use-i18n.tsx';
import { formatDate, formatMeasureValue, formatPts, formatQuantity, formatRankChange, formatWan } from '../../../server/domain/format.ts';
import { getMeasure, type MeasureId } from '../../../server/domain/measures.ts';
import { arrangedLooksBetter, rankChangeOf, spendingMeasureIds } from '../choropleth/choropleth.ts';
import { answerScope } from '../choropleth/chunk-values.ts';
import { measureValuesRequest } from '../choropleth/use-choropleth.ts';
import { Sparkline } from './Sparkline.tsx';

export interface AreaCardProps {
  values: MeasureValues;
  /** Code of the selected area, or null for the parent (the area whose children are drawn). */
  selectedCode: string | null;
  onClear: () => void;
  /** The layer panel (from the operational layers), rendered in its own section at the bottom. */
  layersSlot: ReactNode;
  /** Actions on the selected area (e.g. 农户台账 for a county editor), shown under its name. */
  areaActions?: (area: { code: string; name: string }) => ReactNode;
}

/** An area's monthly history and its lagging projects, by area and date: going back to an area asks once. */
const historyCache = new LruCache<MeasureHistory>(32);
const laggingCache = new LruCache<LaggingProjects>(32);

const isSpending = (id: string): id is (typeof spendingMeasureIds)[number] => (spendingMeasureIds as readonly string[]).includes(id);

export function AreaCard({ values, selectedCode, onClear, layersSlot, areaActions }: AreaCardProps) {
  const { t, lang } = useI18n();
  const m = values.measure;
  const row = selectedCode ? values.rows.find((r) => r.code === selectedCode) : undefined;
  const code = row?.code ?? values.parent.code;
  const name = row?.name ?? values.parent.name;
  const value = row ? row.value : values.total.value;
  const numerator = row ? row.numerator : values.total.numerator;
  const denominator = row ? row.denominator : values.total.denominator;
  const expected = row ? row.expected : values.expected;
  const lag = row ? row.lag : value !== null && expected !== null && m.hasTarget ? value - expected : null;
  const rankChange = row && values.compareTo ? rankChangeOf(row) : null;

  // The other spending basis, same level, parent and date (only for spending measures).
  const otherId: MeasureId | null = isSpending(m.id) ? (m.id === 'spend_rate' ? 'spend_rate_arranged' : 'spend_rate') : null;
  const [otherKey, loadOther, otherOptions] = measureValuesRequest(otherId ?? m.id, {
    ...answerScope(values, row?.code ?? null),
    asOf: values.asOf,
    compareTo: null,
  });
  const other = useLoad(otherId ? otherKey : null, loadOther, otherOptions);
  const otherValue =
    other.status === 'ready'
      ? row
        ? (other.data.rows.find((r) => r.code === row.code)?.value ?? null)
        : other.data.total.value
      : undefined;
  const fair = m.id === 'spend_rate' ? value : otherValue;
  const arranged = m.id === 'spend_rate_arranged' ? value : otherValue;

  // The history route answers for a county, township or village, not for the city or the province.
  const isCity = code.length <= 4;
  const history = useLoad(isCity ? null : loadKey('history', m.id, code), (signal) => fetchMeasureHistory(m.id, code, { signal }), {
    cache: historyCache,
  });
  // Shortfall against the schedule of spending: the spending measure's expected value applies to money.
  // The server ranks the area's projects (top 5 by shortfall); the card never loads the projects layer.
  const spendExpected = isSpending(m.id) ? expected : null;
  const schedule = spendExpected ?? values.expected;
  const projects = useLoad(
    schedule === null ? null : loadKey('lagging', code, values.asOf, schedule),
    (signal) =>
      fetchLaggingProjects({ area: code, asOf: values.asOf, expected: Math.max(0, Math.min(100, schedule!)), limit: 5 }, { signal }),
    { cache: laggingCache },
  );
  const behind = projects.status === 'ready' ? projects.data.projects : [];

  return (
    <section className="panel area-card" aria-labelledby="region-card-title" data-testid="region-card">
      <header className="panel__header">
        <h2 className="panel__title" id="region-card-title">
          {row ? name : t('card.title.parent', { name })}
        </h2>
        {row && (
          <Button size="small" type="link" onClick={onClear}>
            {t('card.clear')}
          </Button>
        )}
      </header>
      <div className="panel__body panel__body--padded">
        {row && areaActions && (
          <div className="card-actions" data-testid="card-actions">
            {areaActions({ code: row.code, name: row.name })}
          </div>
        )}
        <div className="card-measure">{lang === 'zh' ? m.nameZh : m.nameEn}</div>
        <div className="card-big" data-testid="card-value">
          {formatMeasureValue(m, value, lang)}
        </div>
        <dl className="card-facts">
          {expected !== null && (
            <>
              <dt>{t('card.expected')}</dt>
              <dd>{formatMeasureValue(m, expected, lang)}</dd>
            </>
          )}
          {lag !== null && (
            <>
              <dt>{t('card.lag')}</dt>
              <dd className={row?.status === 'lagging' || (!row && lag < -5) ? 'is-lagging' : lag > 0 ? 'is-ahead' : ''}>
                {lag < 0 ? '▼ ' : lag > 0 ? '▲ ' : ''}
                {formatPts(lag, lang)}
              </dd>
            </>
          )}
          {row?.rank != null && (
            <>
              <dt>{t('card.rank')}</dt>
              <dd data-testid="card-rank">
                {row.rank}/{values.rankedCount}
                {values.compareTo && rankChange !== null && (
                  <span className={`card-rank-change${rankChange > 0 ? ' up' : rankChange < 0 ? ' down' : ''}`}>
                    {' '}
                    {formatRankChange(rankChange, lang)} {t('card.rankChange', { date: formatDate(values.compareTo, lang) })}
                  </span>
                )}
              </dd>
            </>
          )}
          <dt>{lang === 'zh' ? m.numeratorLabelZh : m.numeratorLabelEn}</dt>
          <dd>{formatQuantity(numerator, m.numeratorUnit, lang)}</dd>
          {m.denominatorUnit && (
            <>
              <dt>{lang === 'zh' ? m.denominatorLabelZh : m.denominatorLabelEn}</dt>
              <dd>{formatQuantity(denominator, m.denominatorUnit, lang)}</dd>
            </>
          )}
        </dl>

        {otherId && (
          <div className="card-section" data-testid="card-bases">
            <h3 className="section-title">{t('card.bases')}</h3>
            {other.status === 'loading' && <Skeleton active title={false} paragraph={{ rows: 2 }} />}
            {other.status === 'error' && (
              <p className="panel__note">
                {other.error.message}{' '}
                <Button size="small" onClick={other.retry}>
                  {t('error.retry')}
                </Button>
              </p>
            )}
            {other.status === 'ready' && (
              <>
                <div className="bases">
                  <div className="bases__item bases__item--fair">
                    <div className="bases__label">{t('card.fair')}</div>
                    <div className="bases__value">{formatMeasureValue(getMeasure('spend_rate'), fair, lang)}</div>
                  </div>
                  <div className="bases__item">
                    <div className="bases__label">{t('card.arranged')}</div>
                    <div className="bases__value">{formatMeasureValue(getMeasure('spend_rate_arranged'), arranged, lang)}</div>
                  </div>
                </div>
                {arrangedLooksBetter(fair, arranged) && <p className="bases__note">{t('card.arrangedNote')}</p>}
              </>
            )}
          </div>
        )}

        <div className="card-section">
          <h3 className="section-title">{t('card.history')}</h3>
          {isCity && <p className="panel__note">{t('card.noCity')}</p>}
          {!isCity && history.status === 'loading' && <Skeleton.Node active style={{ width: 260, height: 90 }} />}
          {!isCity && history.status === 'error' && (
            <p className="panel__note">
              {history.error.message}{' '}
              <Button size="small" onClick={history.retry}>
                {t('error.retry')}
              </Button>
            </p>
          )}
          {!isCity && history.status === 'ready' && (
            <>
              <Sparkline series={history.data.series} asOf={values.asOf} label={t('card.history')} />
              <div className="panel__note">{t('card.historyLegend')}</div>
            </>
          )}
        </div>

        <div className="card-section">
          <h3 className="section-title">{t('card.projects')}</h3>
          {schedule !== null && projects.status === 'loading' && <Skeleton active title={false} paragraph={{ rows: 3 }} />}
          {schedule !== null && projects.status === 'error' && (
            <p className="panel__note">
              {projects.error.message}{' '}
              <Button size="small" onClick={projects.retry}>
                {t('error.retry')}
              </Button>
            </p>
          )}
          {schedule === null && <p className="panel__note">{t('card.projectsNoSchedule')}</p>}
          {projects.status === 'ready' && behind.length === 0 && <p className="panel__note">{t('card.projectsNone')}</p>}
          {behind.length > 0 && (
            <ol className="behind" data-testid="projects-behind">
              {behind.map((p) => (
                <li key={p.code}>
                  <span className="behind__name" title={p.name}>
                    {p.name}
                    {p.overdue && <span className="behind__tag">{t('card.overdue')}</span>}
                  </span>
                  <span className="behind__value">{t('card.shortfall', { value: formatWan(p.shortfallWan, lang) })}</span>
                </li>
              ))}
            </ol>
          )}
        </div>

        <div className="card-section layers-slot" data-testid="layers-slot">
          {layersSlot}
        </div>
      </div>
    </section>
  );
}
