/** The legend: measure, formula and basis, as-of date, expected value (序时进度), class swatches with counts, 无数据. */
import type { MeasureValues } from '../../api/client.ts';
import { useI18n } from '../../i18n/use-i18n.tsx';
import { formatDate, formatMeasureValue } from '../../../server/domain/format.ts';
import { defaultLagThresholdPts, expectedKindOf } from '../../../server/domain/time-target.ts';
import { TargetRuleNote } from '../meeting/TargetRuleNote.tsx';
import type { Classification } from './choropleth.ts';

export interface LegendProps {
  values: MeasureValues;
  classification: Classification;
  /** Township and village boundaries are synthesized in the demo. */
  synthesized: boolean;
}

export function Legend({ values, classification, synthesized }: LegendProps) {
  const { t, lang } = useI18n();
  const m = values.measure;
  const kind = m.statusRule === 'schedule' ? expectedKindOf(values.target ?? undefined) : null;
  return (
    <div className="legend" data-testid="legend">
      <div className="legend__measure">{lang === 'zh' ? m.nameZh : m.nameEn}</div>
      <div className="legend__line">{t('legend.formula', { formula: lang === 'zh' ? m.formulaZh : m.formulaEn })}</div>
      <div className="legend__line">{t('legend.asOf', { date: formatDate(values.asOf, lang) })}</div>
      {values.expected !== null && kind === 'schedule' && (
        <div className="legend__line legend__expected">{t('legend.expected', { value: formatMeasureValue(m, values.expected, lang) })}</div>
      )}
      <TargetRuleNote values={values} />
      {classification.kind === 'change' && values.compareTo && (
        <div className="legend__line legend__strong">{t('legend.change', { from: formatDate(values.compareTo, lang) })}</div>
      )}
      {classification.kind === 'status' && m.statusRule === 'schedule' && kind === 'schedule' && (
        <div className="legend__line">
          {t('legend.threshold', { pts: Math.abs(values.target?.lagThresholdPts ?? defaultLagThresholdPts) })}
        </div>
      )}
      <ul className="legend__classes">
        {classification.classes.map((c, i) => (
          <li key={i} className="legend__class" data-color={c.color}>
            <span className="legend__swatch" style={{ background: c.color }} aria-hidden="true" />
            <span className="legend__label">{c.label}</span>
            <span className="legend__count">{c.count}</span>
          </li>
        ))}
        <li className="legend__class">
          <span className="legend__swatch legend__swatch--nodata" aria-hidden="true" />
          <span className="legend__label">{t('legend.noData')}</span>
          <span className="legend__count">{classification.noDataCount}</span>
        </li>
      </ul>
      {synthesized && <div className="legend__note">{t('legend.synthesized')}</div>}
    </div>
  );
}
