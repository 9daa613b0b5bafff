import { formatHouseholdCount } from '../../../server/domain/format.ts';
import { benefitLinkColor } from '../../layers/benefit-link-layers.ts';
import type { BenefitLinkCollection } from './layers-api.ts';
import type { Lang, LayersT } from './layers-i18n.ts';
import type { LayersState } from './layers-state.ts';
import { LegendRow } from './LegendRow.tsx';
import { Swatch } from './Swatch.tsx';

interface BenefitLinksControlsProps {
  lang: Lang;
  state: LayersState;
  t: LayersT;
  links: BenefitLinkCollection | null;
  /** Category of the selected project when known (benefit links exist for industry projects). */
  selectedProjectCategory: string | null;
}

/** The benefit links of the selected project: what they reach (or why there are none), and the legend. */
export function BenefitLinksControls({ lang, state, t, links, selectedProjectCategory }: BenefitLinksControlsProps) {
  const hh = (n: number | null) => formatHouseholdCount(n, lang);
  const sel = state.selected?.kind === 'project' ? state.selected.code : null;
  let note: string;
  if (!sel) note = t('links.none');
  else if (selectedProjectCategory && selectedProjectCategory !== 'industry' && !links?.features.length) note = t('links.notIndustry');
  else if (links && links.features.length === 0) note = t('links.empty');
  else
    note = links
      ? t('count.links', {
          villages: links.features.length,
          households: hh(links.features.reduce((s, f) => s + f.properties.households, 0)),
        })
      : '';
  return (
    <>
      {note && (
        <div className="op-count" data-testid="links-count">
          {note}
        </div>
      )}
      <ul className="op-legend">
        <LegendRow swatch={<Swatch color={benefitLinkColor} shape="line" />} label={t('size.linkWidth')} />
      </ul>
    </>
  );
}
