import { Checkbox, Segmented } from 'antd';
import { pvStatuses, pvTypes } from '../../../server/contracts/enums.ts';
import { pvIconUrl, pvRegisteredColors, pvStatusColors } from '../../layers/pv-layers.ts';
import { FilterRow } from './FilterRow.tsx';
import type { PvCollection } from './layers-api.ts';
import type { LayersT } from './layers-i18n.ts';
import { pvColorModes, type LayersState } from './layers-state.ts';
import { LegendRow } from './LegendRow.tsx';
import { boolOptions, boolValue, parseBoolValue, pvColorLabels } from './panel-options.ts';
import { Swatch } from './Swatch.tsx';

/** The PV layer's counts, colouring, filters and legend. */
export function PvControls({
  state,
  onStateChange,
  t,
  data,
}: {
  state: LayersState;
  onStateChange(s: LayersState): void;
  t: LayersT;
  data: PvCollection | null;
}) {
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
        <Checkbox.Group
          value={f.type}
          onChange={(v) => setF({ type: v as LayersState['pvFilters']['type'] })}
          options={pvTypes.map((x) => ({ label: t(`pvType.${x}`), value: x }))}
        />
      </FilterRow>
      <FilterRow label={t('filter.pvStatus')}>
        <Checkbox.Group
          value={f.status}
          onChange={(v) => setF({ status: v as LayersState['pvFilters']['status'] })}
          options={pvStatuses.map((x) => ({ label: t(`pvStatus.${x}`), value: x }))}
        />
      </FilterRow>
      <FilterRow label={t('filter.registered')}>
        <Segmented
          size="small"
          value={boolValue(f.registered)}
          onChange={(v) => setF({ registered: parseBoolValue(v as string) })}
          options={boolOptions(t)}
        />
      </FilterRow>
      <ul className="op-legend" aria-label={t('layer.legend')}>
        {legend.map((e) => (
          <LegendRow key={e.label} swatch={<Swatch color={e.color} shape="square" />} label={e.label} />
        ))}
        {pvTypes.map((x) => (
          <LegendRow
            key={x}
            swatch={<img className="op-legend__icon" src={pvIconUrl(x, [255, 255, 255])} alt="" />}
            label={t(`pvType.${x}`)}
          />
        ))}
        <LegendRow
          swatch={
            <span className="op-legend__badge" aria-hidden>
              N
            </span>
          }
          label={t('cluster.pvLegend')}
        />
        <li className="op-legend__note">{t('size.capacity')}</li>
      </ul>
    </>
  );
}
