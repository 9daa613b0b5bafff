/**
 * The operational layers as one hook for the page: loads what the visible layers need (limited to
 * `area`, status as of `asOf`), and returns the deck layers (ordered, with opacity) to draw above the
 * choropleth, the layer panel, the detail card of the selected project / PV station, and the click
 * handler. State lives with the caller (the URL): see layers-state.ts.
 */
import type { LayersList, PickingInfo } from 'deck.gl';
import {
  createElement,
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react';
import { loadKey } from '../../api/load-state.ts';
import { useLoad, type LoadOptions } from '../../api/use-load.ts';
import type { MapViewHandle } from '../../map/MapView.tsx';
import type { LayerStatusMap } from './LayerPanel.tsx';
import {
  areaFilterView,
  fetchAreaOptions,
  fetchBenefitLinks,
  fetchHexagons,
  fetchHouseholdSymbols,
  fetchProjectDetail,
  fetchProjectLayer,
  fetchPvDetail,
  fetchPvLayer,
  projectLayerParams,
  pvLayerParams,
} from './layers-api.ts';
import type { Lang } from './layers-i18n.ts';
import { canonicalLayersState, choroplethOpacity, type LayersState } from './layers-state.ts';

/** The layer builders with deck.gl: fetched when a layer is first turned on, never for the first screen. */
type Builders = typeof import('./operational-layers.ts');
let builders: Builders | null = null;
const loadBuilders = () => import('./operational-layers.ts').then((m) => (builders = m));

export interface UseOperationalLayersArgs {
  lang: Lang;
  /** Status as of this date (YYYY-MM-DD); null: the latest cut-off. */
  asOf: string | null;
  /** City 4114, a county or township code (a village code is widened to its township): data is limited to it. */
  area: string;
  state: LayersState;
  onStateChange(next: LayersState): void;
  /** The map, to zoom into a cluster that was clicked. */
  mapRef?: RefObject<MapViewHandle | null>;
}

export interface OperationalLayers {
  /** deck layers to draw above the choropleth, bottom first, with their opacity. */
  layers: LayersList;
  /** The layer panel (visibility, order, opacity, legend, filters, counts, loading and errors). */
  panel: ReactNode;
  /** Detail card of the selected project / PV station, or null. */
  detail: ReactNode;
  /** Handle a map click: true when it hit one of these layers (a project or station is then selected, a cluster zoomed into). */
  onPick(info: PickingInfo): boolean;
  /** Tooltip text for an object of these layers, or null (optional for the caller). */
  getTooltip(info: PickingInfo): string | null;
  /** Opacity for the choropleth fill under these layers (0–1). */
  choroplethOpacity: number;
}

const noLayers: LayersList = [];

/** A layer keeps its last answer while the next one loads (the map never blanks while a filter changes). */
const kept: LoadOptions<never> = { keep: true };

// The panel's legends import the layer factories, hence deck.gl: panel and detail card load as their own
// chunk, after the first frame (the panel shows a placeholder for that moment).
const LayerPanel = lazy(() => import('./LayerPanel.tsx').then((m) => ({ default: m.LayerPanel })));
const LayerDetail = lazy(() => import('./LayerDetail.tsx').then((m) => ({ default: m.LayerDetail })));
const panelFallback = createElement('div', { className: 'layer-panel layer-panel--loading', 'aria-busy': true });

/** Household aggregates need a parent above village level. */
export const householdParent = (area: string) => (/^\d{12}$/.test(area) ? area.slice(0, 9) : area);

export function useOperationalLayers({
  lang,
  asOf,
  area,
  state,
  onStateChange: onChange,
  mapRef,
}: UseOperationalLayersArgs): OperationalLayers {
  const on = (id: LayersState['visible'][number]) => state.visible.includes(id);
  // Every change is written as its URL will read it back, so a reload of the link gives the same state.
  const onStateChange = useCallback((next: LayersState) => onChange(canonicalLayersState(next)), [onChange]);
  const parent = householdParent(area);

  const projectParams = projectLayerParams(parent, asOf, state).toString();
  const projects = useLoad(
    on('projects') ? projectParams : null,
    (signal) => fetchProjectLayer(new URLSearchParams(projectParams), { signal }),
    kept,
  );

  // Choices of the projects' area filter: the city's counties, the chosen county's townships.
  const filterCounty = areaFilterView(parent, state.projectFilters.area).county;
  const counties = useLoad(
    on('projects') ? loadKey('counties', parent.slice(0, 4)) : null,
    (signal) => fetchAreaOptions('county', parent.slice(0, 4), { signal }),
    kept,
  );
  const townships = useLoad(
    on('projects') && filterCounty ? loadKey('townships', filterCounty) : null,
    (signal) => fetchAreaOptions('township', filterCounty!, { signal }),
    kept,
  );

  const pvParams = pvLayerParams(parent, asOf, state).toString();
  const pv = useLoad(on('pv') ? pvParams : null, (signal) => fetchPvLayer(new URLSearchParams(pvParams), { signal }), kept);

  const groupsKey = `${parent}|${state.householdGroups.join(',')}|${state.labour.join(',')}`;
  const householdAreas = useLoad(
    on('households-areas') ? groupsKey : null,
    (signal) => fetchHouseholdSymbols(parent, state, { signal }),
    kept,
  );
  const hexagons = useLoad(
    on('households-hex') ? `${groupsKey}|${state.hexSize}` : null,
    (signal) => fetchHexagons(parent, state.hexSize, state, { signal }),
    kept,
  );

  const selectedProject = state.selected?.kind === 'project' ? state.selected.code : null;
  const selectedPv = state.selected?.kind === 'pv' ? state.selected.code : null;
  const links = useLoad(
    on('benefit-links') && selectedProject ? selectedProject : null,
    (signal) => fetchBenefitLinks(selectedProject!, { signal }),
    kept,
  );
  const projectDetail = useLoad(selectedProject, (signal) => fetchProjectDetail(selectedProject!, { signal }), kept);
  const pvDetail = useLoad(selectedPv, (signal) => fetchPvDetail(selectedPv!, { signal }), kept);

  // deck.gl and the layer builders arrive with the first layer turned on (in parallel with its data).
  const anyOn = state.visible.length > 0;
  const [built, setBuilt] = useState<Builders | null>(builders);
  useEffect(() => {
    if (anyOn && !built) void loadBuilders().then(setBuilt);
  }, [anyOn, built]);

  // One clustering for the projects and PV stations on the map, rebuilt only when their data change.
  const projectsOn = on('projects');
  const pvOn = on('pv');
  const clusters = useMemo(
    () => built?.buildPointClusters(state, { projects: projects.data, pv: pv.data }) ?? null,
    // Of the state only the two switches matter: another layer, an opacity or a colour keeps the clustering.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [built, projectsOn, pvOn, projects.data, pv.data],
  );

  const layers = useMemo(
    () =>
      !built || !anyOn
        ? noLayers
        : built.buildOperationalLayers(
            state,
            {
              projects: projects.data,
              pv: pv.data,
              householdAreas: householdAreas.data,
              hexagons: hexagons.data,
              links: links.status === 'ready' ? links.data : null,
              clusters,
            },
            lang,
          ),
    [built, anyOn, state, projects.data, pv.data, householdAreas.data, hexagons.data, links.status, links.data, clusters, lang],
  );

  // The latest state and clusters for the click handler (stable, so the map keeps one listener).
  const stateRef = useRef(state);
  const clustersRef = useRef(clusters);
  useLayoutEffect(() => {
    stateRef.current = state;
    clustersRef.current = clusters;
  });
  const onPick = useCallback(
    (info: PickingInfo): boolean => {
      if (!builders) return false;
      const cluster = builders.clusterOfPick(info);
      if (cluster) {
        const target = clustersRef.current?.zoomTarget(cluster, info.viewport?.zoom ?? 0);
        if (target) mapRef?.current?.easeTo(target);
        return true;
      }
      const sel = builders.selectionOfPick(info);
      if (sel === undefined) return false;
      if (sel) onStateChange({ ...stateRef.current, selected: sel });
      return true;
    },
    [onStateChange, mapRef],
  );
  const getTooltip = useCallback((info: PickingInfo) => builders?.operationalTooltip(info, lang) ?? null, [lang]);

  const status: LayerStatusMap = {
    projects: projects,
    pv: pv,
    'households-areas': householdAreas,
    'households-hex': hexagons,
    'benefit-links': links,
  };

  const panel = createElement(
    Suspense,
    { fallback: panelFallback },
    createElement(LayerPanel, {
      lang,
      state,
      onStateChange,
      status,
      projects: projects.data,
      pv: pv.data,
      householdAreas: householdAreas.data,
      hexagons: hexagons.data,
      links: links.data,
      selectedProjectCategory: projectDetail.data?.code === selectedProject ? (projectDetail.data?.category ?? null) : null,
      area: parent,
      counties: counties.data,
      townships: townships.status === 'ready' ? townships.data : null,
    }),
  );

  const detail = state.selected
    ? createElement(
        Suspense,
        { fallback: null },
        createElement(LayerDetail, {
          lang,
          selection: state.selected,
          project: projectDetail,
          pv: pvDetail,
          linksVisible: on('benefit-links'),
          onShowLinks: () => onStateChange({ ...state, visible: [...new Set([...state.visible, 'benefit-links' as const])] }),
          onClose: () => onStateChange({ ...state, selected: null }),
        }),
      )
    : null;

  return { layers, panel, detail, onPick, getTooltip, choroplethOpacity: choroplethOpacity(state) };
}
