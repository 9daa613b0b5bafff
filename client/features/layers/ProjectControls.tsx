import { Button, Popover, Segmented, Select } from 'antd';
import { industryModes, projectCategories, projectStatuses, responsibleLevels } from '../../../server/contracts/enums.ts';
import { fundingSources } from '../../../server/contracts/layer-constants.ts';
import { clusterColor, projectLegend } from '../../layers/project-layers.ts';
import { FilterRow } from './FilterRow.tsx';
import { areaFilterView, type AreaOption, type ProjectCollection } from './layers-api.ts';
import type { LayersT } from './layers-i18n.ts';
import { defaultLayersState, projectColorModes, type LayersState } from './layers-state.ts';
import { LegendRow } from './LegendRow.tsx';
import { boolOptions, boolValue, css, parseBoolValue, projectColorLabels } from './panel-options.ts';
import { Swatch } from './Swatch.tsx';

export interface ProjectControlsProps {
  state: LayersState;
  onStateChange(s: LayersState): void;
  t: LayersT;
  data: ProjectCollection | null;
  area: string;
  counties: AreaOption[] | null;
  townships: AreaOption[] | null;
}

/** The projects layer's counts, colouring, filters and legend. */
export function ProjectControls({ state, onStateChange, t, data, area, counties, townships }: ProjectControlsProps) {
  const f = state.projectFilters;
  const setF = (patch: Partial<LayersState['projectFilters']>) => onStateChange({ ...state, projectFilters: { ...f, ...patch } });
  const meta = data?.meta;
  const filtered = JSON.stringify(f) !== JSON.stringify(defaultLayersState.projectFilters);
  const where = areaFilterView(area, f.area);
  // The years of the area's projects (from the server), and the chosen one even when it has none.
  const years = [...new Set([...(meta?.years ?? []), ...(f.year !== null ? [f.year] : [])])].sort((a, b) => a - b);
  const areaOptions = (list: AreaOption[] | null) => list?.map((a) => ({ label: a.name, value: a.code })) ?? [];
  return (
    <>
      {meta && (
        <div className="op-count" data-testid="projects-count">
          {t('count.projects', { matched: meta.matched, located: meta.located })}
          {meta.returned < meta.located && (
            <div className="op-count__truncated" data-testid="projects-truncated">
              {t('count.truncated', { returned: meta.returned })}
            </div>
          )}
          {meta.unlocatedCount > 0 && (
            <Popover
              title={t('count.unlocatedTitle')}
              trigger="click"
              content={
                <ul className="op-unlocated" data-testid="unlocated-list">
                  {meta.unlocated.map((u) => (
                    <li key={u.code}>
                      <span className="op-unlocated__code">{u.code}</span> {u.name}
                    </li>
                  ))}
                  {meta.unlocatedCount > meta.unlocated.length && (
                    <li>{t('count.unlocatedMore', { count: meta.unlocatedCount - meta.unlocated.length })}</li>
                  )}
                </ul>
              }
            >
              <Button type="link" size="small" className="op-count__unlocated" data-testid="unlocated-button">
                {t('count.unlocated', { count: meta.unlocatedCount })}
              </Button>
            </Popover>
          )}
        </div>
      )}
      <FilterRow label={t('color.by')}>
        <Segmented
          size="small"
          value={state.projectColor}
          onChange={(v) => onStateChange({ ...state, projectColor: v as LayersState['projectColor'] })}
          options={projectColorModes.map((m) => ({ label: t(projectColorLabels[m]), value: m }))}
        />
      </FilterRow>
      <FilterRow label={t('filter.county')}>
        <Select
          size="small"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('filter.any')}
          disabled={where.countyFixed}
          value={where.county ?? undefined}
          loading={!counties}
          onChange={(v: string | undefined) => setF({ area: v ?? null })}
          options={
            where.countyFixed && where.county ? areaOptions(counties).filter((o) => o.value === where.county) : areaOptions(counties)
          }
          style={{ width: '100%' }}
          data-testid="filter-county"
        />
      </FilterRow>
      <FilterRow label={t('filter.township')}>
        <Select
          size="small"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={where.county ? t('filter.any') : t('filter.countyFirst')}
          disabled={where.townshipFixed || !where.county}
          value={where.township ?? undefined}
          loading={Boolean(where.county) && !townships}
          onChange={(v: string | undefined) => setF({ area: v ?? (where.countyFixed ? null : where.county) })}
          options={areaOptions(townships)}
          style={{ width: '100%' }}
          data-testid="filter-township"
        />
      </FilterRow>
      <FilterRow label={t('filter.year')}>
        <Select
          size="small"
          allowClear
          placeholder={t('filter.any')}
          value={f.year ?? undefined}
          onChange={(v: number | undefined) => setF({ year: v ?? null })}
          options={years.map((y) => ({ label: String(y), value: y }))}
          style={{ width: '100%' }}
        />
      </FilterRow>
      <FilterRow label={t('filter.category')}>
        <Select
          size="small"
          mode="multiple"
          allowClear
          placeholder={t('filter.any')}
          value={f.category}
          onChange={(v) => setF({ category: v })}
          options={projectCategories.map((c) => ({ label: t(`category.${c}`), value: c }))}
          style={{ width: '100%' }}
          maxTagCount="responsive"
        />
      </FilterRow>
      <FilterRow label={t('filter.mode')}>
        <Select
          size="small"
          mode="multiple"
          allowClear
          placeholder={t('filter.any')}
          value={f.mode}
          onChange={(v) => setF({ mode: v })}
          options={industryModes.map((m) => ({ label: t(`mode.${m}`), value: m }))}
          style={{ width: '100%' }}
          maxTagCount="responsive"
        />
      </FilterRow>
      <FilterRow label={t('filter.status')}>
        <Select
          size="small"
          mode="multiple"
          allowClear
          placeholder={t('filter.any')}
          value={f.status}
          onChange={(v) => setF({ status: v })}
          options={projectStatuses.map((s) => ({ label: t(`status.${s}`), value: s }))}
          style={{ width: '100%' }}
          maxTagCount="responsive"
        />
      </FilterRow>
      <FilterRow label={t('filter.responsibleLevel')}>
        <Select
          size="small"
          mode="multiple"
          allowClear
          placeholder={t('filter.any')}
          value={f.responsibleLevel}
          onChange={(v) => setF({ responsibleLevel: v })}
          options={responsibleLevels.map((s) => ({ label: t(`responsibleLevel.${s}`), value: s }))}
          style={{ width: '100%' }}
          maxTagCount="responsive"
        />
      </FilterRow>
      <FilterRow label={t('filter.fundingSource')}>
        <Select
          size="small"
          mode="multiple"
          allowClear
          placeholder={t('filter.any')}
          value={f.fundingSource}
          onChange={(v) => setF({ fundingSource: v })}
          options={fundingSources.map((s) => ({ label: t(`fund.${s}`), value: s }))}
          style={{ width: '100%' }}
          maxTagCount="responsive"
        />
      </FilterRow>
      <FilterRow label={t('filter.overdue')}>
        <Segmented
          size="small"
          value={boolValue(f.overdue)}
          onChange={(v) => setF({ overdue: parseBoolValue(v as string) })}
          options={boolOptions(t)}
          data-testid="filter-overdue"
        />
      </FilterRow>
      <FilterRow label={t('filter.signed')}>
        <Segmented
          size="small"
          value={boolValue(f.signed)}
          onChange={(v) => setF({ signed: parseBoolValue(v as string) })}
          options={boolOptions(t)}
        />
      </FilterRow>
      {filtered && (
        <Button size="small" onClick={() => setF(defaultLayersState.projectFilters)}>
          {t('filter.reset')}
        </Button>
      )}
      <ul className="op-legend" aria-label={t('layer.legend')}>
        {projectLegend(state.projectColor).map((e) => (
          <LegendRow key={e.key} swatch={<Swatch color={e.color} />} label={t(e.key as Parameters<LayersT>[0])} />
        ))}
        <LegendRow
          swatch={
            <span className="op-legend__disc" style={{ borderColor: css(clusterColor), color: css(clusterColor) }} aria-hidden>
              N
            </span>
          }
          label={t('cluster')}
        />
        <li className="op-legend__note">{t('size.investment')}</li>
      </ul>
    </>
  );
}
