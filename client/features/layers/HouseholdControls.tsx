import { Checkbox, Segmented } from 'antd';
import { householdCategories, labourCapacities } from '../../../server/contracts/enums.ts';
import { hexSizes } from '../../../server/contracts/layer-constants.ts';
import { FilterRow } from './FilterRow.tsx';
import type { LayersT } from './layers-i18n.ts';
import type { LayersState } from './layers-state.ts';

/** The household layers' filters: groups, labour capacity and (for the hexagons) the cell size. */
export function HouseholdControls({
  state,
  onStateChange,
  t,
  hex,
}: {
  state: LayersState;
  onStateChange(s: LayersState): void;
  t: LayersT;
  hex: boolean;
}) {
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
        <Checkbox.Group
          value={state.labour}
          onChange={(v) => onStateChange({ ...state, labour: v as LayersState['labour'] })}
          options={labourCapacities.map((c) => ({ label: t(`labour.${c}`), value: c }))}
        />
      </FilterRow>
      {hex && (
        <FilterRow label={t('filter.hexSize')}>
          <Segmented
            size="small"
            value={state.hexSize}
            onChange={(v) => onStateChange({ ...state, hexSize: v as LayersState['hexSize'] })}
            options={hexSizes.map((s) => ({ label: t('hex.size', { km: Number(s) / 1000 }), value: s }))}
          />
        </FilterRow>
      )}
    </>
  );
}
