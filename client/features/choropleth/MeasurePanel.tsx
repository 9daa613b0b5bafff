/** Left panel: measure (grouped as the speech talks), classification, legend and the ranking. */
import { Button, Input, Select, Skeleton } from 'antd';
import { useState, type ReactNode } from 'react';
import { useChanged } from '../../ui/use-changed.ts';
import type { MeasureValues } from '../../api/client.ts';
import { classMethods, type ClassMethod } from '../../app-state/view-state.ts';
import { useI18n } from '../../i18n/use-i18n.tsx';
import { measureCatalogue, measureGroupNames, measureGroups, type MeasureId } from '../../../server/domain/measures.ts';
import { effectiveMethod, type Classification } from './choropleth.ts';
import { Legend } from './Legend.tsx';

export interface MeasurePanelProps {
  measure: MeasureId;
  method: ClassMethod;
  customBreaks: number[];
  values: MeasureValues | null;
  loading: boolean;
  error: string | null;
  onRetry: () => void;
  classification: Classification | null;
  synthesized: boolean;
  onMeasureChange: (id: MeasureId) => void;
  onMethodChange: (method: ClassMethod, breaks?: number[]) => void;
  /** The ranking (rendered below the legend). */
  ranking: ReactNode;
}

export function MeasurePanel({
  measure,
  method,
  customBreaks,
  values,
  loading,
  error,
  onRetry,
  classification,
  synthesized,
  onMeasureChange,
  onMethodChange,
  ranking,
}: MeasurePanelProps) {
  const { t, lang } = useI18n();
  const current = measureCatalogue.find((m) => m.id === measure)!;
  const [breaksText, setBreaksText] = useState(customBreaks.join(', '));
  const breaksChanged = useChanged(customBreaks);
  if (breaksChanged) setBreaksText(customBreaks.join(', '));

  const applyBreaks = () => {
    const parsed = breaksText
      .split(/[,，\s]+/)
      .filter((s) => s !== '')
      .map(Number)
      .filter(Number.isFinite);
    onMethodChange(
      'custom',
      [...new Set(parsed)].sort((a, b) => a - b),
    );
  };

  return (
    <section className="panel measure-panel" aria-labelledby="measure-title" data-testid="measure-panel">
      <div className="panel__body panel__body--padded">
        <label className="field-label" id="measure-title" htmlFor="measure-select">
          {t('measure.title')}
        </label>
        <Select<MeasureId>
          id="measure-select"
          data-testid="measure-select"
          className="measure-select"
          value={measure}
          onChange={onMeasureChange}
          aria-label={t('measure.select')}
          listHeight={420}
          popupMatchSelectWidth={false}
          options={measureGroups.map((g) => ({
            label: measureGroupNames[g][lang],
            title: measureGroupNames[g][lang],
            options: measureCatalogue
              .filter((m) => m.group === g)
              .map((m) => ({ value: m.id, label: lang === 'zh' ? m.nameZh : m.nameEn })),
          }))}
        />
        <label className="field-label" htmlFor="class-select">
          {t('class.title')}
        </label>
        <Select<ClassMethod>
          id="class-select"
          data-testid="class-select"
          className="measure-select"
          value={method}
          onChange={(m) =>
            onMethodChange(
              m,
              m === 'custom'
                ? customBreaks.length
                  ? customBreaks
                  : classification?.kind === 'value'
                    ? classification.breaks.map((b) => Number(b.toFixed(1)))
                    : []
                : undefined,
            )
          }
          options={classMethods.map((m) => ({ value: m, label: t(`class.${m}`) }))}
        />
        {method === 'custom' && (
          <div className="custom-breaks">
            <Input
              size="middle"
              aria-label={t('class.customBreaks')}
              placeholder={t('class.customBreaks')}
              value={breaksText}
              onChange={(e) => setBreaksText(e.target.value)}
              onPressEnter={applyBreaks}
              onBlur={applyBreaks}
            />
          </div>
        )}
        {effectiveMethod(current, method) !== method && <p className="panel__note">{t('class.fallback')}</p>}

        {error && (
          <div className="inline-error" role="alert" data-testid="values-error">
            <p>{t('error.values', { message: error })}</p>
            <Button type="primary" onClick={onRetry}>
              {t('error.retry')}
            </Button>
          </div>
        )}
        {!error && (loading || !values || !classification) && (
          <Skeleton active title={false} paragraph={{ rows: 12 }} style={{ marginTop: 16 }} />
        )}
        {!error && !loading && values && classification && (
          <>
            <Legend values={values} classification={classification} synthesized={synthesized} />
            <h2 className="section-title">{t('ranking.title')}</h2>
            {ranking}
          </>
        )}
      </div>
    </section>
  );
}
