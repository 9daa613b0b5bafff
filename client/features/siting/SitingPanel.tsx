/** The siting tool in the right panel: pick mode, radius, candidates A/B/C, the answer, compare, suggestions, before → after. */
import { useMemo } from 'react';
import { Alert, Button, Collapse, Segmented, Select, Slider, Space, Spin, Switch, Tabs } from 'antd';
import type { Catchment, SitingEffect, Suggestions } from '../../api/siting-api.ts';
import type { SitingSite } from '../../../server/contracts/siting.ts';
import { CatchmentCard } from './CatchmentCard.tsx';
import { CompareTable } from './CompareTable.tsx';
import { downloadFile } from './download-file.ts';
import { EffectCard } from './EffectCard.tsx';
import { sitingTranslator, type SitingLang } from './siting-i18n.ts';
import { candidateLetters, maxRadiusKm, minRadiusKm, removeCandidate, type PickMode, type SitingState } from './siting-state.ts';
import { comparisonTable, rankingTable, tableToCsv, tableToXlsx, type Table } from './siting-table.ts';
import { SuggestionList } from './SuggestionList.tsx';
import { rootCode } from '../../app-state/root-area.ts';
import { useLoad } from '../../api/use-load.ts';
import { regionsRequest } from '../regions/regions-load.ts';
import type { Loadable } from '../../api/use-load.ts';
import './siting.css';

export interface SitingPanelProps {
  lang: SitingLang;
  state: SitingState;
  catchments: Loadable<Catchment>[];
  suggestions: Loadable<Suggestions>;
  effect: Loadable<SitingEffect>;
  draftCorners: number;
  defaultArea: string;
  onUpdate(patch: Partial<SitingState>): void;
  onPickSite(site: SitingSite): void;
  onFinishRange(): void;
  onClearRange(): void;
  onChange(next: SitingState | null): void;
}

/**
 * The areas suggestions can be asked for: the whole city (the root area), then its county-level units in
 * code order — those with a surveyed outline (development zones carved from a district are left out).
 */
function useCountyOptions(lang: SitingLang) {
  const counties = useLoad(...regionsRequest('county', rootCode()));
  return useMemo(
    () => [
      { value: rootCode(), label: lang === 'zh' ? '全市' : 'Whole city' },
      ...(counties.status === 'ready' ? counties.data.features : [])
        .filter((f) => !f.properties.synthesized)
        .sort((a, b) => (a.properties.code < b.properties.code ? -1 : 1))
        .map((f) => ({ value: f.properties.code, label: f.properties.name })),
    ],
    [counties, lang],
  );
}

async function exportTable(table: Table, name: string, kind: 'xlsx' | 'csv') {
  if (kind === 'csv') downloadFile(`${name}.csv`, tableToCsv(table), 'text/csv;charset=utf-8');
  else downloadFile(`${name}.xlsx`, await tableToXlsx(table, name), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
}

export function SitingPanel(p: SitingPanelProps) {
  const { lang, state: s } = p;
  const t = sitingTranslator(lang);
  const ready = p.catchments.map((c) => (c.status === 'ready' ? c.data : null));
  const active = p.catchments[s.active];
  const countyOptions = useCountyOptions(lang);
  return (
    <section className="panel siting-panel" data-testid="siting-panel">
      <div className="panel__header siting-panel__header">
        <b>{t('title')}</b> <span className="siting-demo">{t('demo')}</span>
        <Button size="small" type="link" onClick={() => p.onChange(null)}>
          {t('close')}
        </Button>
      </div>
      <div className="panel__body panel__body--padded siting-panel__body">
        <Segmented<PickMode>
          block
          value={s.mode}
          options={(['point', 'polygon', 'village'] as const).map((m) => ({ value: m, label: t(`mode.${m}`) }))}
          onChange={(mode) => p.onUpdate({ mode })}
        />
        <div className="siting-note">{t(`hint.${s.mode}`)}</div>
        {s.mode === 'polygon' ? (
          <Space size="small">
            <span>{t('range.corners', { n: p.draftCorners })}</span>
            <Button size="small" type="primary" disabled={p.draftCorners < 3} onClick={p.onFinishRange}>
              {t('range.finish')}
            </Button>
            <Button size="small" onClick={p.onClearRange}>
              {t('range.clear')}
            </Button>
          </Space>
        ) : null}
        <div className="siting-radius">
          <span>{t('radius', { km: s.radiusKm })}</span>
          <Slider
            min={minRadiusKm}
            max={maxRadiusKm}
            step={1}
            value={s.radiusKm}
            onChange={(radiusKm) => p.onUpdate({ radiusKm })}
            data-testid="siting-radius"
          />
        </div>
        {s.candidates.length === 0 ? (
          <div className="siting-note">{t('candidate.none')}</div>
        ) : (
          <Tabs
            size="small"
            activeKey={String(s.active)}
            onChange={(k) => p.onUpdate({ active: Number(k) })}
            items={s.candidates.map((_, i) => ({
              key: String(i),
              label: (
                <span className={`siting-letter siting-letter--${i}`} data-testid={`siting-tab-${candidateLetters[i]}`}>
                  {t('candidate', { letter: candidateLetters[i] })}
                </span>
              ),
            }))}
            tabBarExtraContent={
              <Button size="small" type="text" onClick={() => p.onChange(removeCandidate(s, s.active))}>
                {t('candidate.remove')}
              </Button>
            }
          />
        )}
        {active?.status === 'loading' ? (
          <div className="siting-note">
            <Spin size="small" /> {t('loading')}
          </div>
        ) : active?.status === 'error' ? (
          <Alert type="error" showIcon message={t('error', { message: active.error.message })} />
        ) : active?.status === 'ready' ? (
          <CatchmentCard c={active.data} t={t} lang={lang} />
        ) : null}
        <Collapse
          size="small"
          defaultActiveKey={['compare', 'suggest', 'effect']}
          items={[
            ...(s.candidates.length >= 2
              ? [
                  {
                    key: 'compare',
                    label: t('compare'),
                    children: (
                      <CompareTable
                        table={comparisonTable(ready, lang)}
                        t={t}
                        onExport={(kind) => exportTable(comparisonTable(ready, 'zh'), '选址候选对比', kind)}
                      />
                    ),
                  },
                ]
              : []),
            {
              key: 'suggest',
              label: t('suggest'),
              children: (
                <div>
                  <Space size="small" wrap>
                    <Switch
                      size="small"
                      checked={s.suggestArea !== null}
                      onChange={(on) => p.onUpdate({ suggestArea: on ? p.defaultArea : null })}
                      data-testid="siting-suggest-switch"
                    />
                    <span>{t('suggest.show', { n: s.top })}</span>
                    {s.suggestArea ? (
                      <Select
                        size="small"
                        style={{ width: 100 }}
                        value={s.suggestArea}
                        options={countyOptions}
                        onChange={(suggestArea) => p.onUpdate({ suggestArea })}
                      />
                    ) : null}
                  </Space>
                  {p.suggestions.status === 'loading' ? (
                    <div className="siting-note">
                      <Spin size="small" /> {t('suggest.loading')}
                    </div>
                  ) : p.suggestions.status === 'error' ? (
                    <Alert type="error" showIcon message={t('error', { message: p.suggestions.error.message })} />
                  ) : p.suggestions.status === 'ready' ? (
                    <SuggestionList
                      s={p.suggestions.data}
                      t={t}
                      lang={lang}
                      onUse={(village) => p.onPickSite({ kind: 'village', village })}
                      onExport={(kind) =>
                        p.suggestions.status === 'ready' && exportTable(rankingTable(p.suggestions.data, 'zh'), '推荐村排名', kind)
                      }
                    />
                  ) : null}
                </div>
              ),
            },
            ...(active?.status === 'ready'
              ? [
                  {
                    key: 'effect',
                    label: `${t('effect')} · ${t('candidate', { letter: candidateLetters[s.active] })}`,
                    children: (
                      <EffectCard
                        effect={p.effect.status === 'ready' ? p.effect.data : null}
                        households={s.households}
                        investmentWan={s.investmentWan}
                        t={t}
                        lang={lang}
                        onChange={(patch) => p.onUpdate(patch)}
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </div>
    </section>
  );
}
