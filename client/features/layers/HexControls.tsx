import { minHouseholdsPerCell } from '../../../server/contracts/layer-constants.ts';
import { formatHouseholdCount } from '../../../server/domain/format.ts';
import { householdRamp } from '../../layers/household-layers.ts';
import { HouseholdControls } from './HouseholdControls.tsx';
import type { HexCollection } from './layers-api.ts';
import type { Lang, LayersT } from './layers-i18n.ts';
import type { LayersState } from './layers-state.ts';
import { css } from './panel-options.ts';

interface HexControlsProps {
  lang: Lang;
  state: LayersState;
  onStateChange(s: LayersState): void;
  t: LayersT;
  hexagons: HexCollection | null;
}

/** The household hexagons: households and cells shown, those suppressed, the filters and the colour ramp. */
export function HexControls({ lang, state, onStateChange, t, hexagons: h }: HexControlsProps) {
  const hh = (n: number | null) => formatHouseholdCount(n, lang);
  return (
    <>
      {h && (
        <div className="op-count" data-testid="households-hex-count">
          {t('count.hex', {
            households: hh(h.meta.households === null ? null : h.meta.households - (h.meta.suppressedHouseholds ?? 0)),
            cells: h.features.length,
          })}
          <div className="op-count__suppressed" data-testid="hex-suppressed">
            {t('count.suppressed', { count: hh(h.meta.suppressedHouseholds), min: h.meta.minPerCell ?? minHouseholdsPerCell })}
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
        <span>{hh(Math.max(0, ...(h?.features.map((f) => f.properties.total ?? 0) ?? [0])))}</span>
      </div>
      <div className="op-note" data-testid="disclosure-note-hex">
        {t('disclosure.note')}
      </div>
    </>
  );
}
