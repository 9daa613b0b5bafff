/**
 * Pure assembly of the operational layers: state + loaded data → deck layers in drawing order with
 * their opacity; and the pick / tooltip logic that tells our objects apart. No React, no fetching.
 */
import type { Layer, LayersList, PickingInfo } from 'deck.gl';
import { formatCount, formatHouseholdCount } from '../../../server/domain/format.ts';
import { createBenefitLinkLayers } from '../../layers/benefit-link-layers.ts';
import { createHouseholdAreaLayer, createHouseholdHexLayer } from '../../layers/household-layers.ts';
import { isPointCluster, PointClusterIndex, type ClusterOptions, type PointCluster } from '../../layers/point-clusters.ts';
import { createProjectsLayer, representativePoint } from '../../layers/project-layers.ts';
import { createPvLayer } from '../../layers/pv-layers.ts';
import type {
  BenefitLinkCollection,
  BenefitLinkFeature,
  HexCollection,
  HexProperties,
  HouseholdAreaSymbol,
  ProjectCollection,
  ProjectFeature,
  PvCollection,
  PvFeature,
} from './layers-api.ts';
import type { Lang } from './layers-i18n.ts';
import { translateLayers } from './layers-i18n.ts';
import { visibleInOrder, type LayerSelection, type LayersState, type OperationalLayerId } from './layers-state.ts';

/** deck layer ids (prefixes) of each operational layer. */
export const deckLayerIds: Record<OperationalLayerId, string> = {
  projects: 'op-projects',
  pv: 'op-pv',
  'households-areas': 'op-households-areas',
  'households-hex': 'op-households-hex',
  'benefit-links': 'op-benefit-links',
};

export interface OperationalData {
  projects: ProjectCollection | null;
  pv: PvCollection | null;
  householdAreas: HouseholdAreaSymbol[] | null;
  hexagons: HexCollection | null;
  links: BenefitLinkCollection | null;
  /** The clustering of the visible point layers (see buildPointClusters); absent or null: none. */
  clusters?: PointClusterIndex<ProjectFeature, PvFeature> | null;
}

/**
 * One clustering for the visible point layers (projects, PV stations), so that a place's projects
 * and stations share a cluster; null when neither is visible or loaded.
 */
export function buildPointClusters(
  state: Pick<LayersState, 'visible'>,
  data: Pick<OperationalData, 'projects' | 'pv'>,
  options: Partial<ClusterOptions> = {},
): PointClusterIndex<ProjectFeature, PvFeature> | null {
  const projects = state.visible.includes('projects') ? (data.projects?.features ?? []) : [];
  const pv = state.visible.includes('pv') ? (data.pv?.features ?? []) : [];
  if (!projects.length && !pv.length) return null;
  return new PointClusterIndex<ProjectFeature, PvFeature>(
    projects,
    pv,
    { projects: (f) => representativePoint(f.geometry), pv: (f) => representativePoint(f.geometry) },
    options,
  );
}

/** The deck layers of the visible operational layers, bottom first, with their opacity. */
export function buildOperationalLayers(state: LayersState, data: OperationalData, lang: Lang = 'zh'): LayersList {
  const out: (Layer | Layer[])[] = [];
  const selectedProject = state.selected?.kind === 'project' ? state.selected.code : null;
  const selectedPv = state.selected?.kind === 'pv' ? state.selected.code : null;
  for (const id of visibleInOrder(state)) {
    const opacity = Math.min(100, Math.max(0, state.opacity[id])) / 100;
    switch (id) {
      case 'projects':
        if (data.projects)
          out.push(
            createProjectsLayer(data.projects.features, {
              id: deckLayerIds.projects,
              colorMode: state.projectColor,
              selectedCode: selectedProject,
              opacity,
              clusters: data.clusters,
            }),
          );
        break;
      case 'pv':
        if (data.pv)
          out.push(
            createPvLayer(data.pv.features, {
              id: deckLayerIds.pv,
              colorMode: state.pvColor,
              selectedCode: selectedPv,
              opacity,
              clusters: data.clusters,
            }),
          );
        break;
      case 'households-areas':
        if (data.householdAreas) out.push(createHouseholdAreaLayer(data.householdAreas, { id: deckLayerIds['households-areas'], opacity }));
        break;
      case 'households-hex':
        if (data.hexagons) out.push(createHouseholdHexLayer(data.hexagons, { id: deckLayerIds['households-hex'], opacity }));
        break;
      case 'benefit-links':
        if (data.links && selectedProject) {
          out.push(
            createBenefitLinkLayers(data.links.features, {
              id: deckLayerIds['benefit-links'],
              opacity,
              labelOf: (f) => `${f.properties.villageName} ${formatCount(f.properties.households, 'household', lang)}`,
            }),
          );
        }
        break;
    }
  }
  return out;
}

/** Which operational layer a picked deck layer belongs to (sub-layers included), or null. */
export function operationalLayerOf(info: Pick<PickingInfo, 'layer'> & { sourceLayer?: { id: string } | null }): OperationalLayerId | null {
  const ids = [info.layer?.id, info.sourceLayer?.id].filter((x): x is string => Boolean(x));
  for (const [key, prefix] of Object.entries(deckLayerIds) as [OperationalLayerId, string][]) {
    if (ids.some((id) => id === prefix || id.startsWith(`${prefix}-`))) return key;
  }
  return null;
}

type PickLike = Pick<PickingInfo, 'layer' | 'object'> & { sourceLayer?: { id: string } | null };

/** The cluster (of projects and / or PV stations) under a click, or null. */
export function clusterOfPick(info: PickLike): PointCluster | null {
  const layer = operationalLayerOf(info);
  return (layer === 'projects' || layer === 'pv') && isPointCluster(info.object) ? info.object : null;
}

/**
 * The selection a click on `info` makes: a project or PV station; `undefined` when the click was not on
 * one of our layers (the caller handles it), `null` when it was ours but selects nothing (a cluster:
 * the caller zooms in, see clusterOfPick; a household symbol, a link).
 */
export function selectionOfPick(info: PickLike): LayerSelection | null | undefined {
  const layer = operationalLayerOf(info);
  if (!layer || !info.object) return undefined;
  if (isPointCluster(info.object)) return null;
  if (layer === 'projects') {
    const code = (info.object as ProjectFeature).properties?.code;
    return code ? { kind: 'project', code } : null;
  }
  if (layer === 'pv') {
    const code = (info.object as PvFeature).properties?.code;
    return code ? { kind: 'pv', code } : null;
  }
  return null;
}

/** Tooltip text for an object of our layers, or null. */
export function operationalTooltip(info: PickLike, lang: Lang): string | null {
  const layer = operationalLayerOf(info);
  const o = info.object as unknown;
  if (!layer || !o) return null;
  const t = (k: Parameters<typeof translateLayers>[1], p?: Record<string, string | number>) => translateLayers(lang, k, p);
  const hh = (n: number | null) => formatHouseholdCount(n, lang);
  const small = (n: number | null) => (n === null ? '<5' : n);
  if (isPointCluster(o)) {
    const parts = [
      o.projects > 0 ? t('cluster.projects', { count: o.projects }) : '',
      o.pv > 0 ? t('cluster.pv', { count: o.pv }) : '',
    ].filter(Boolean);
    return `${parts.join(t('cluster.and'))}\n${t('cluster.click')}`;
  }
  switch (layer) {
    case 'projects': {
      const p = (o as ProjectFeature).properties;
      const kind = p.category === 'industry' && p.mode ? t(`mode.${p.mode}`) : t(`category.${p.category}`);
      return [p.name, `${kind} · ${t(`status.${p.status}`)}${p.overdue ? ` · ${t('overdue')}` : ''}`].join('\n');
    }
    case 'pv': {
      const p = (o as PvFeature).properties;
      return [
        p.name,
        `${t(`pvType.${p.type}`)} · ${t(`pvStatus.${p.status}`)} · ${t(p.registered ? 'registered.yes' : 'registered.no')}`,
      ].join('\n');
    }
    case 'households-areas': {
      const r = o as HouseholdAreaSymbol;
      return t('tooltip.village', { name: r.name, households: hh(r.total) });
    }
    case 'households-hex': {
      const p = (o as GeoJSON.Feature<GeoJSON.Polygon, HexProperties>).properties;
      return t('tooltip.hex', {
        households: hh(p.total),
        notLifted: small(p.notLifted),
        edge: small(p.edge),
        monitored: small(p.monitored),
        lifted: small(p.lifted),
      });
    }
    case 'benefit-links': {
      const p = (o as BenefitLinkFeature).properties;
      return t('tooltip.village', { name: p.villageName, households: hh(p.households) });
    }
  }
}
