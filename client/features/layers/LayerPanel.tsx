/**
 * The layer panel: per operational layer a switch, order buttons, counts under the current filters,
 * a spinner while loading, the error with a retry, and (when on) opacity, colouring, filters and legend.
 * Top of the list = drawn on top.
 */
import { Alert, Button, Checkbox, Popover, Segmented, Select, Slider, Space, Spin, Switch, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import {
  householdCategories,
  industryModes,
  labourCapacities,
  projectCategories,
  projectStatuses,
  pvStatuses,
  pvTypes,
  responsibleLevels,
} from '../../../server/contracts/enums.ts';
import { fundingSources, hexSizes, minHouseholdsPerCell } from '../../../server/contracts/layer-constants.ts';
import { formatCount } from '../../../server/domain/format.ts';
import { benefitLinkColor } from '../../layers/benefit-link-layers.ts';
import { householdRamp, householdSymbolColor } from '../../layers/household-layers.ts';
import { clusterColor, projectLegend, projectOutline, type Rgb } from '../../layers/project-layers.ts';
import { pvIconUrl, pvRegisteredColors, pvStatusColors } from '../../layers/pv-layers.ts';
import { areaFilterView, type AreaOption, type BenefitLinkCollection, type HexCollection, type HouseholdAreaSymbol, type ProjectCollection, type PvCollection } from './layers-api.ts';
import { layersTranslator, type Lang, type LayersT } from './layers-i18n.ts';
import { defaultLayersState, moveLayer, projectColorModes, pvColorModes, setLayerVisible, type LayersState, type OperationalLayerId } from './layers-state.ts';
import type { Loadable } from './use-load.ts';
import './layers.css';

export type LayerStatusMap = Record<OperationalLayerId, Loadable<unknown> & { retry: () => void }>;

export interface LayerPanelProps {
  lang: Lang;
  state: LayersState;
  onStateChange(next: LayersState): void;
  status: LayerStatusMap;
  projects: ProjectCollection | null;
  pv: PvCollection | null;
  householdAreas: HouseholdAreaSymbol[] | null;
  hexagons: HexCollection | null;
  links: BenefitLinkCollection | null;
  /** Category of the selected project when known (benefit links exist for industry projects). */
  selectedProjectCategory: string | null;
  /** The map's area (city, county, township or village code): the area filter narrows it. */
  area: string;
  /** Counties of the city and townships of the chosen county, for the area filter (null while loading). */
  counties: AreaOption[] | null;
  townships: AreaOption[] | null;
}

const css = (c: Rgb) => `rgb(${c.join(',')})`;

function Swatch({ color, shape = 'circle', outline = projectOutline }: { color: Rgb; shape?: 'circle' | 'square' | 'line'; outline?: Rgb }) {
  const style =
    shape === 'line'
      ? { width: 22, height: 5, background: css(color), borderRadius: 2 }
      : { width: 14, height: 14, background: css(color), border: `1.5px solid ${css(outline)}`, borderRadius: shape === 'circle' ? '50%' : 2 };
  return <span className="op-legend__swatch" style={style} aria-hidden />;
}

function LegendRow({ swatch, label }: { swatch: ReactNode; label: string }) {
  return (
    <li className="op-legend__row">
      {swatch}
      <span>{label}</span>
    </li>
  );
}

/** Labels of the colour modes (the modes themselves come from layers-state.ts). */
const projectColorLabels: Record<LayersState['projectColor'], Parameters<LayersT>[0]> = { category: 'color.category', status: 'color.status' };
const pvColorLabels: Record<LayersState['pvColor'], Parameters<LayersT>[0]> = { registered: 'color.registered', status: 'color.pvStatus' };

function boolOptions(t: LayersT) {
  return [
    { label: t('filter.any'), value: 'any' },
    { label: t('filter.yes'), value: 'true' },
    { label: t('filter.no'), value: 'false' },
  ];
}
const boolValue = (v: boolean | null) => (v === null ? 'any' : String(v));
const parseBoolValue = (v: string) => (v === 'any' ? null : v === 'true');

function FilterRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="op-filter">
      <span className="op-filter__label">{label}</span>
      <div className="op-filter__control">{children}</div>
    </div>
  );
}

interface ProjectControlsProps {
  state: LayersState;
  onStateChange(s: LayersState): void;
  t: LayersT;
  data: ProjectCollection | null;
  area: string;
  counties: AreaOption[] | null;
  townships: AreaOption[] | null;
}

function ProjectControls({ state, onStateChange, t, data, area, counties, townships }: ProjectControlsProps) {
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
          {meta.returned < meta.located && <div className="op-count__truncated" data-testid="projects-truncated">{t('count.truncated', { returned: meta.returned })}</div>}
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
                  {meta.unlocatedCount > meta.unlocated.length && <li>{t('count.unlocatedMore', { count: meta.unlocatedCount - meta.unlocated.length })}</li>}
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
          options={where.countyFixed && where.county ? areaOptions(counties).filter((o) => o.value === where.county) : areaOptions(counties)}
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
        <Select size="small" mode="multiple" allowClear placeholder={t('filter.any')} value={f.category} onChange={(v) => setF({ category: v })} options={projectCategories.map((c) => ({ label: t(`category.${c}`), value: c }))} style={{ width: '100%' }} maxTagCount="responsive" />
      </FilterRow>
      <FilterRow label={t('filter.mode')}>
        <Select size="small" mode="multiple" allowClear placeholder={t('filter.any')} value={f.mode} onChange={(v) => setF({ mode: v })} options={industryModes.map((m) => ({ label: t(`mode.${m}`), value: m }))} style={{ width: '100%' }} maxTagCount="responsive" />
      </FilterRow>
      <FilterRow label={t('filter.status')}>
        <Select size="small" mode="multiple" allowClear placeholder={t('filter.any')} value={f.status} onChange={(v) => setF({ status: v })} options={projectStatuses.map((s) => ({ label: t(`status.${s}`), value: s }))} style={{ width: '100%' }} maxTagCount="responsive" />
      </FilterRow>
      <FilterRow label={t('filter.responsibleLevel')}>
        <Select size="small" mode="multiple" allowClear placeholder={t('filter.any')} value={f.responsibleLevel} onChange={(v) => setF({ responsibleLevel: v })} options={responsibleLevels.map((s) => ({ label: t(`responsibleLevel.${s}`), value: s }))} style={{ width: '100%' }} maxTagCount="responsive" />
      </FilterRow>
      <FilterRow label={t('filter.fundingSource')}>
        <Select size="small" mode="multiple" allowClear placeholder={t('filter.any')} value={f.fundingSource} onChange={(v) => setF({ fundingSource: v })} options={fundingSources.map((s) => ({ label: t(`fund.${s}`), value: s }))} style={{ width: '100%' }} maxTagCount="responsive" />
      </FilterRow>
      <FilterRow label={t('filter.overdue')}>
        <Segmented size="small" value={boolValue(f.overdue)} onChange={(v) => setF({ overdue: parseBoolValue(v as string) })} options={boolOptions(t)} data-testid="filter-overdue" />
      </FilterRow>
      <FilterRow label={t('filter.signed')}>
        <Segmented size="small" value={boolValue(f.signed)} onChange={(v) => setF({ signed: parseBoolValue(v as string) })} options={boolOptions(t)} />
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
        <LegendRow swatch={<span className="op-legend__disc" style={{ borderColor: css(clusterColor), color: css(clusterColor) }} aria-hidden>N</span>} label={t('cluster')} />
        <li className="op-legend__note">{t('size.investment')}</li>
      </ul>
    </>
  );
}

function PvControls({ state, onStateChange, t, data }: { state: LayersState; onStateChange(s: LayersState): void; t: LayersT; data: PvCollection | null }) {
  const f = state.pvFilters;
  const setF = (patch: Partial<LayersState['pvFilters']>) => onStateChange({ ...state, pvFilters: { ...f, ...patch } });
  const legend =
    state.pvColor === 'registered'
      ? [
          { label: t('registered.yes'), color: pvRegisteredColors.yes },
          { label: t('registered.no'), color: pvRegisteredColors.no },
        ]
      : pvStatuses.map((s) => ({ label: t(`pvStatus.${s}`), color: pvStatusColors[s] }));
  return (
    <>
      {data && (
        <div className="op-count" data-testid="pv-count">
          {t('count.pv', { matched: data.meta.matched, returned: data.meta.returned })}
          {data.meta.unlocatedCount > 0 && <> · {t('count.pvUnlocated', { count: data.meta.unlocatedCount })}</>}
        </div>
      )}
      <FilterRow label={t('color.by')}>
        <Segmented
          size="small"
          value={state.pvColor}
          onChange={(v) => onStateChange({ ...state, pvColor: v as LayersState['pvColor'] })}
          options={pvColorModes.map((m) => ({ label: t(pvColorLabels[m]), value: m }))}
        />
      </FilterRow>
      <FilterRow label={t('filter.pvType')}>
        <Checkbox.Group value={f.type} onChange={(v) => setF({ type: v as LayersState['pvFilters']['type'] })} options={pvTypes.map((x) => ({ label: t(`pvType.${x}`), value: x }))} />
      </FilterRow>
      <FilterRow label={t('filter.pvStatus')}>
        <Checkbox.Group value={f.status} onChange={(v) => setF({ status: v as LayersState['pvFilters']['status'] })} options={pvStatuses.map((x) => ({ label: t(`pvStatus.${x}`), value: x }))} />
      </FilterRow>
      <FilterRow label={t('filter.registered')}>
        <Segmented size="small" value={boolValue(f.registered)} onChange={(v) => setF({ registered: parseBoolValue(v as string) })} options={boolOptions(t)} />
      </FilterRow>
      <ul className="op-legend" aria-label={t('layer.legend')}>
        {legend.map((e) => (
          <LegendRow key={e.label} swatch={<Swatch color={e.color} shape="square" />} label={e.label} />
        ))}
        {pvTypes.map((x) => (
          <LegendRow key={x} swatch={<img className="op-legend__icon" src={pvIconUrl(x, [255, 255, 255])} alt="" />} label={t(`pvType.${x}`)} />
        ))}
        <LegendRow swatch={<span className="op-legend__badge" aria-hidden>N</span>} label={t('cluster.pvLegend')} />
        <li className="op-legend__note">{t('size.capacity')}</li>
      </ul>
    </>
  );
}

function HouseholdControls({ state, onStateChange, t, hex }: { state: LayersState; onStateChange(s: LayersState): void; t: LayersT; hex: boolean }) {
  return (
    <>
      <FilterRow label={t('filter.groups')}>
        <Checkbox.Group
          value={state.householdGroups}
          onChange={(v) => v.length > 0 && onStateChange({ ...state, householdGroups: v as LayersState['householdGroups'] })}
          options={householdCategories.map((c) => ({ label: t(`group.${c}`), value: c }))}
        />
      </FilterRow>
      <FilterRow label={t('filter.labour')}>
        <Checkbox.Group value={state.labour} onChange={(v) => onStateChange({ ...state, labour: v as LayersState['labour'] })} options={labourCapacities.map((c) => ({ label: t(`labour.${c}`), value: c }))} />
      </FilterRow>
      {hex && (
        <FilterRow label={t('filter.hexSize')}>
          <Segmented size="small" value={state.hexSize} onChange={(v) => onStateChange({ ...state, hexSize: v as LayersState['hexSize'] })} options={hexSizes.map((s) => ({ label: t('hex.size', { km: Number(s) / 1000 }), value: s }))} />
        </FilterRow>
      )}
    </>
  );
}

const layerTitles: Record<OperationalLayerId, Parameters<LayersT>[0]> = {
  projects: 'layer.projects',
  pv: 'layer.pv',
  'households-areas': 'layer.households-areas',
  'households-hex': 'layer.households-hex',
  'benefit-links': 'layer.benefit-links',
};

export function LayerPanel(props: LayerPanelProps) {
  const { lang, state, onStateChange, status } = props;
  const t = layersTranslator(lang);
  const order = [...state.order].reverse(); // top first
  const hh = (n: number) => formatCount(n, 'household', lang);

  const body = (id: OperationalLayerId): ReactNode => {
    switch (id) {
      case 'projects':
        return <ProjectControls state={state} onStateChange={onStateChange} t={t} data={props.projects} area={props.area} counties={props.counties} townships={props.townships} />;
      case 'pv':
        return <PvControls state={state} onStateChange={onStateChange} t={t} data={props.pv} />;
      case 'households-areas': {
        const rows = props.householdAreas;
        return (
          <>
            {rows && <div className="op-count" data-testid="households-areas-count">{t('count.householdsAreas', { villages: rows.length, households: hh(rows.reduce((s, r) => s + r.total, 0)) })}</div>}
            <HouseholdControls state={state} onStateChange={onStateChange} t={t} hex={false} />
            <ul className="op-legend">
              <LegendRow swatch={<Swatch color={householdSymbolColor} outline={[255, 255, 255]} />} label={t('size.households')} />
            </ul>
          </>
        );
      }
      case 'households-hex': {
        const h = props.hexagons;
        return (
          <>
            {h && (
              <div className="op-count" data-testid="households-hex-count">
                {t('count.hex', { households: hh(h.meta.households - h.meta.suppressedHouseholds), cells: h.features.length })}
                <div className="op-count__suppressed" data-testid="hex-suppressed">
                  {t('count.suppressed', { count: h.meta.suppressedHouseholds, min: h.meta.minPerCell ?? minHouseholdsPerCell })}
                </div>
              </div>
            )}
            <HouseholdControls state={state} onStateChange={onStateChange} t={t} hex />
            <div className="op-ramp" aria-label={t('layer.legend')}>
              {householdRamp.map((c) => (
                <span key={c.join()} style={{ background: css(c) }} />
              ))}
            </div>
            <div className="op-ramp__labels">
              <span>{hh(minHouseholdsPerCell)}</span>
              <span>{hh(Math.max(0, ...(h?.features.map((f) => f.properties.total) ?? [0])))}</span>
            </div>
          </>
        );
      }
      case 'benefit-links': {
        const sel = state.selected?.kind === 'project' ? state.selected.code : null;
        const links = props.links;
        let note: string;
        if (!sel) note = t('links.none');
        else if (props.selectedProjectCategory && props.selectedProjectCategory !== 'industry' && !links?.features.length) note = t('links.notIndustry');
        else if (links && links.features.length === 0) note = t('links.empty');
        else note = links ? t('count.links', { villages: links.features.length, households: hh(links.features.reduce((s, f) => s + f.properties.households, 0)) }) : '';
        return (
          <>
            {note && <div className="op-count" data-testid="links-count">{note}</div>}
            <ul className="op-legend">
              <LegendRow swatch={<Swatch color={benefitLinkColor} shape="line" />} label={t('size.linkWidth')} />
            </ul>
          </>
        );
      }
    }
  };

  return (
    <section className="op-panel" aria-labelledby="op-panel-title" data-testid="layer-panel">
      <Typography.Title level={5} id="op-panel-title" className="op-panel__title">
        {t('panel.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" className="op-panel__hint">
        {t('panel.hint')}
      </Typography.Paragraph>
      <ol className="op-layers">
        {order.map((id, i) => {
          const visible = state.visible.includes(id);
          const s = status[id];
          return (
            <li key={id} className={`op-layer${visible ? ' op-layer--on' : ''}`} data-testid={`layer-${id}`}>
              <div className="op-layer__head">
                <Switch size="small" checked={visible} onChange={(v) => onStateChange(setLayerVisible(state, id, v))} aria-label={t(layerTitles[id])} data-testid={`layer-toggle-${id}`} />
                <span className="op-layer__name">{t(layerTitles[id])}</span>
                {s.status === 'loading' && <Spin size="small" aria-label={t('layer.loading')} data-testid={`layer-loading-${id}`} />}
                <Space.Compact className="op-layer__order">
                  <Tooltip title={t('layer.up')}>
                    <Button size="small" disabled={i === 0} onClick={() => onStateChange(moveLayer(state, id, 'up'))} aria-label={t('layer.up')}>
                      ▲
                    </Button>
                  </Tooltip>
                  <Tooltip title={t('layer.down')}>
                    <Button size="small" disabled={i === order.length - 1} onClick={() => onStateChange(moveLayer(state, id, 'down'))} aria-label={t('layer.down')}>
                      ▼
                    </Button>
                  </Tooltip>
                </Space.Compact>
              </div>
              {visible && s.status === 'error' && (
                <Alert
                  type="error"
                  showIcon
                  className="op-layer__error"
                  data-testid={`layer-error-${id}`}
                  title={t('layer.error', { message: s.message })}
                  action={
                    <Button size="small" onClick={s.retry}>
                      {t('layer.retry')}
                    </Button>
                  }
                />
              )}
              {visible && (
                <div className="op-layer__body">
                  <FilterRow label={t('layer.opacity')}>
                    <Slider min={0} max={100} step={5} value={state.opacity[id]} onChange={(v: number) => onStateChange({ ...state, opacity: { ...state.opacity, [id]: v } })} tooltip={{ formatter: (v) => `${v}%` }} />
                  </FilterRow>
                  {body(id)}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
