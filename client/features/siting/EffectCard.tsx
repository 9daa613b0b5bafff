/** 若在此建设: the county's and the city's coverage and reach before → after. */
import { InputNumber, Space } from 'antd';
import type { SitingEffect } from '../../api/siting-api.ts';
import { formatNumber, formatPct, formatPts } from '../../../server/domain/format.ts';
import type { SitingLang, SitingT } from './siting-i18n.ts';

export function EffectCard(props: {
  effect: SitingEffect | null;
  households: number;
  investmentWan: number;
  t: SitingT;
  lang: SitingLang;
  onChange(patch: { households?: number; investmentWan?: number }): void;
}) {
  const { effect, t, lang } = props;
  const areas = effect
    ? [
        { name: effect.county.name, e: effect.county },
        { name: t('effect.city'), e: effect.city },
      ]
    : [];
  return (
    <div data-testid="siting-effect">
      <Space size="small" wrap>
        <label>
          {t('effect.households')}{' '}
          <InputNumber
            size="small"
            min={0}
            max={100000}
            value={props.households}
            onChange={(v) => props.onChange({ households: Number(v ?? 0) })}
          />
        </label>
        <label>
          {t('effect.investment')}{' '}
          <InputNumber
            size="small"
            min={0}
            max={1000000}
            value={props.investmentWan}
            onChange={(v) => props.onChange({ investmentWan: Number(v ?? 0) })}
          />
        </label>
      </Space>
      {areas.map(({ name, e }) => (
        <div key={name} className="siting-effect">
          <b>{name}</b>
          <div>
            {t('effect.coverage')}: {formatPct(e.coverage.before, lang)} → <b>{formatPct(e.coverage.after, lang)}</b>{' '}
            <span className="siting-up">({formatPts(e.coverage.change, lang)})</span>
          </div>
          <div>
            {t('effect.reach')}: {formatNumber(e.reach.before, 3, lang)} → <b>{formatNumber(e.reach.after, 3, lang)}</b>
          </div>
        </div>
      ))}
      <div className="siting-note">{t('effect.note')}</div>
    </div>
  );
}
