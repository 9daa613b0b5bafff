/**
 * The layer panel: per operational layer a switch, order buttons, counts under the current filters,
 * a spinner while loading, the error with a retry, and (when on) opacity, colouring, filters and legend.
 * Top of the list = drawn on top.
 */
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { BenefitLinksControls } from './BenefitLinksControls.tsx';
import { HexControls } from './HexControls.tsx';
import { HouseholdAreasControls } from './HouseholdAreasControls.tsx';
import { LayerItem } from './LayerItem.tsx';
import type {
  AreaOption,
  BenefitLinkCollection,
  HexCollection,
  HouseholdAreaSymbol,
  ProjectCollection,
  PvCollection,
} from './layers-api.ts';
import { layersTranslator, type Lang } from './layers-i18n.ts';
import type { LayersState, OperationalLayerId } from './layers-state.ts';
import { ProjectControls } from './ProjectControls.tsx';
import { PvControls } from './PvControls.tsx';
import type { Loaded } from '../../api/use-load.ts';
import './layers.css';

export type LayerStatusMap = Record<OperationalLayerId, Loaded<unknown>>;

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

export function LayerPanel(props: LayerPanelProps) {
  const { lang, state, onStateChange, status } = props;
  const t = layersTranslator(lang);
  const order = [...state.order].reverse(); // top first
  const common = { state, onStateChange, t };
  const controls: Record<OperationalLayerId, () => ReactNode> = {
    projects: () => (
      <ProjectControls {...common} data={props.projects} area={props.area} counties={props.counties} townships={props.townships} />
    ),
    pv: () => <PvControls {...common} data={props.pv} />,
    'households-areas': () => <HouseholdAreasControls {...common} lang={lang} rows={props.householdAreas} />,
    'households-hex': () => <HexControls {...common} lang={lang} hexagons={props.hexagons} />,
    'benefit-links': () => (
      <BenefitLinksControls lang={lang} state={state} t={t} links={props.links} selectedProjectCategory={props.selectedProjectCategory} />
    ),
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
        {order.map((id, i) => (
          <LayerItem key={id} id={id} {...common} status={status[id]} index={i} count={order.length}>
            {state.visible.includes(id) && controls[id]()}
          </LayerItem>
        ))}
      </ol>
    </section>
  );
}
