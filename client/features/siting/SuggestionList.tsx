/** Suggested villages best first, each score split into its parts; a click makes the village a candidate. */
import type { Suggestions } from '../../api/siting-api.ts';
import { formatHouseholdCount } from '../../../server/domain/format.ts';
import { scorePartIds } from '../../../server/domain/siting-score.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { partColors, ScoreBar } from './ScoreBar.tsx';
import type { SitingLang, SitingT } from './siting-i18n.ts';

export function SuggestionList({
  s,
  t,
  lang,
  onUse,
  onExport,
}: {
  s: Suggestions;
  t: SitingT;
  lang: SitingLang;
  onUse(code: string): void;
  onExport(kind: 'xlsx' | 'csv'): void;
}) {
  const titles = { target: t('part.target'), distance: t('part.distance'), poor: t('part.poor'), pv: t('part.pv') };
  return (
    <div data-testid="siting-suggestions">
      <div className="siting-legend">
        {scorePartIds.map((k) => (
          <span key={k}>
            <i style={{ background: partColors[k] }} /> {titles[k]}
          </span>
        ))}
      </div>
      <ol className="siting-ranking">
        {s.items.map((v) => (
          <li key={v.code}>
            <button type="button" className="siting-ranking__row" onClick={() => onUse(v.code)} title={t('suggest.use')}>
              <span className="siting-ranking__rank">{v.rank}</span>
              <span className="siting-ranking__name">
                {v.name.replace(/(村委会|居委会)$/, '')}
                {v.poorVillage ? <em> {t('poor')}</em> : null}
                <small>
                  {v.townshipName} · {formatHouseholdCount(v.targetHouseholds, lang)}
                </small>
              </span>
              <ScoreBar parts={v.parts} score={v.score} titles={titles} />
            </button>
          </li>
        ))}
      </ol>
      <ExportButtons t={t} onExport={onExport} />
    </div>
  );
}
