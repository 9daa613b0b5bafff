import { formatHouseholdCount } from '../../../server/domain/format.ts';
import { householdSymbolColor } from '../../layers/household-layers.ts';
import { HouseholdControls } from './HouseholdControls.tsx';
import { sumPublished, type HouseholdAreaSymbol } from './layers-api.ts';
import type { Lang, LayersT } from './layers-i18n.ts';
import type { LayersState } from './layers-state.ts';
import { LegendRow } from './LegendRow.tsx';
import { Swatch } from './Swatch.tsx';

interface HouseholdAreasControlsProps {
  lang: Lang;
  state: LayersState;
  onStateChange(s: LayersState): void;
  t: LayersT;
  rows: HouseholdAreaSymbol[] | null;
}

/** The per-area household symbols: villages and households counted, the filters, the legend. */
export function HouseholdAreasControls({ lang, state, onStateChange, t, rows }: HouseholdAreasControlsProps) {
  const hh = (n: number | null) => formatHouseholdCount(n, lang);
  return (
    <>
      {rows && (
        <div className="op-count" data-testid="households-areas-count">
          {t('count.householdsAreas', { villages: rows.length, households: hh(sumPublished(rows.map((r) => r.total))) })}
        </div>
      )}
      <HouseholdControls state={state} onStateChange={onStateChange} t={t} hex={false} />
      <ul className="op-legend">
        <LegendRow swatch={<Swatch color={householdSymbolColor} outline={[255, 255, 255]} />} label={t('size.households')} />
      </ul>
      <div className="op-note" data-testid="disclosure-note">
        {t('disclosure.note')}
      </div>
    </>
  );
}
