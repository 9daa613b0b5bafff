/** The ranking, best to worst: a bar with the value per area; lagging rows red with ▼; rank change since compareTo. */
import { useMemo } from 'react';
import type { MeasureValues } from '../../api/client.ts';
import { useI18n } from '../../i18n/use-i18n.tsx';
import { formatMeasureValue, formatRankChange } from '../../../server/domain/format.ts';
import { barFraction, isLagging, rankChangeOf, rankingOrder, type Classification } from '../choropleth/choropleth.ts';

export interface RankingProps {
  values: MeasureValues;
  classification: Classification;
  selectedCode: string | null;
  hoveredCode: string | null;
  onHover: (code: string | null) => void;
  onSelect: (code: string) => void;
}

export function Ranking({ values, classification, selectedCode, hoveredCode, onHover, onSelect }: RankingProps) {
  const { t, lang } = useI18n();
  const rows = useMemo(() => rankingOrder(values.rows), [values]);
  const max = useMemo(() => Math.max(0, ...values.rows.map((r) => Math.abs(r.value ?? 0))), [values]);
  if (rows.length === 0) return <p className="panel__note">{t('ranking.empty')}</p>;
  return (
    <ol className="ranking" data-testid="ranking" onMouseLeave={() => onHover(null)}>
      {rows.map((r) => {
        const cls = classification.classOf(r);
        const color = cls === null ? undefined : classification.classes[cls].color;
        const lag = isLagging(r);
        const change = values.compareTo ? rankChangeOf(r) : null;
        return (
          <li
            key={r.code}
            className={`ranking__row${lag ? ' ranking__row--lagging' : ''}${r.code === selectedCode ? ' ranking__row--selected' : ''}${r.code === hoveredCode ? ' ranking__row--hover' : ''}`}
            data-code={r.code}
            tabIndex={0}
            role="button"
            aria-pressed={r.code === selectedCode}
            onMouseEnter={() => onHover(r.code)}
            onFocus={() => onHover(r.code)}
            onClick={() => onSelect(r.code)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onSelect(r.code);
              }
            }}
          >
            <span className="ranking__rank">{r.rank ?? '—'}</span>
            <span className="ranking__name" title={r.name}>
              {r.name}
            </span>
            <span className="ranking__bar" aria-hidden="true">
              <span style={{ width: `${barFraction(r.value, max) * 100}%`, background: color ?? '#bfbfbf' }} />
            </span>
            <span className="ranking__value">
              {lag && (
                <span className="ranking__lag" aria-label={t('ranking.lagging')}>
                  ▼
                </span>
              )}
              {formatMeasureValue(values.measure, r.value, lang)}
            </span>
            {values.compareTo && (
              <span className={`ranking__change${change !== null && change > 0 ? ' up' : change !== null && change < 0 ? ' down' : ''}`}>
                {change === null ? '' : formatRankChange(change, lang)}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
