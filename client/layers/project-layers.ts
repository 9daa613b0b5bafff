/**
 * Pure factories for the projects layer: colours (category / industry mode, or status with lateness),
 * radius from investment, and a composite deck layer that draws, at each zoom, the clusters of the
 * shared point clustering (point-clusters.ts, supercluster) with their counts and the projects that
 * stand alone (points, road and irrigation lines). Colours avoid the choropleth's red / amber / green
 * and carry a dark outline.
 */
import type { DefaultProps } from '@deck.gl/core';
import {
  CompositeLayer,
  GeoJsonLayer,
  ScatterplotLayer,
  TextLayer,
  type Color,
  type CompositeLayerProps,
  type UpdateParameters,
} from 'deck.gl';
import type { IndustryMode, ProjectStatus } from '../../server/contracts/enums.ts';
import type { ProjectFeature, ProjectProperties } from '../features/layers/layers-api.ts';
import { PointClusterIndex, type PointCluster } from './point-clusters.ts';
import { labelFontFamily } from './region-style.ts';
import type { SubLayerProps } from './sub-layer-props.ts';

export type Rgb = [number, number, number];

/** Industry modes: distinct, colour-blind-safe hues (Okabe–Ito / Tol), none of them red, amber or green. */
export const industryModeColors: Readonly<Record<IndustryMode, Rgb>> = {
  leading_enterprise: [0, 114, 178], // blue
  planting: [86, 180, 233], // sky blue
  breeding: [204, 121, 167], // reddish purple
  pv: [51, 34, 136], // indigo
  processing: [136, 34, 85], // wine
  ecommerce: [68, 170, 153], // teal
  tourism: [170, 68, 153], // purple
  other: [153, 153, 51], // olive
};
/** Non-industry projects: one light neutral, so industry (the speech's subject) stands out. */
export const nonIndustryColor: Rgb = [245, 245, 245];

/** Status by lifecycle: light to dark blue-grey; suspended black; overdue (lateness) a strong magenta. */
export const projectStatusColors: Readonly<Record<ProjectStatus, Rgb>> = {
  planned: [236, 236, 236],
  approved: [189, 201, 225],
  started: [116, 169, 207],
  completed: [5, 112, 176],
  accepted: [4, 90, 141],
  operating: [2, 56, 88],
  suspended: [37, 37, 37],
};
export const overdueColor: Rgb = [231, 41, 138];
export const projectOutline: Rgb = [25, 32, 45];
export const clusterColor: Rgb = [55, 71, 79];

export type ProjectColorMode = 'category' | 'status';

/** Fill of a project: by industry mode (non-industry neutral) or by status, overdue first. */
export function projectColor(p: Pick<ProjectProperties, 'category' | 'mode' | 'status' | 'overdue'>, mode: ProjectColorMode): Rgb {
  if (mode === 'status') return p.overdue ? overdueColor : (projectStatusColors[p.status] ?? projectStatusColors.planned);
  if (p.category !== 'industry') return nonIndustryColor;
  return industryModeColors[p.mode ?? 'other'] ?? industryModeColors.other;
}

/** Legend entries for the colour mode, in a stable order. */
export function projectLegend(mode: ProjectColorMode): { key: string; color: Rgb }[] {
  if (mode === 'status') {
    return [
      { key: 'overdue', color: overdueColor },
      ...(Object.keys(projectStatusColors) as ProjectStatus[]).map((s) => ({ key: s, color: projectStatusColors[s] })),
    ];
  }
  return [
    ...(Object.keys(industryModeColors) as IndustryMode[]).map((m) => ({ key: `mode.${m}`, color: industryModeColors[m] })),
    { key: 'nonIndustry', color: nonIndustryColor },
  ];
}

export interface RadiusScale {
  /** Radius of the smallest (or an unknown) investment, CSS px (default 4). */
  minPx: number;
  /** Radius at `maxWan` and above, CSS px (default 16). */
  maxPx: number;
}

/**
 * Radius in CSS px for an investment in 万元: the area grows with the amount (square-root scale) from
 * `minPx` at 0 to `maxPx` at `maxWan`; null, NaN, negative → minPx; above maxWan → maxPx.
 */
export function investmentRadiusPx(
  totalWan: number | null | undefined,
  maxWan: number,
  scale: RadiusScale = { minPx: 4, maxPx: 16 },
): number {
  if (totalWan == null || !Number.isFinite(totalWan) || totalWan <= 0 || !(maxWan > 0)) return scale.minPx;
  const t = Math.min(1, Math.sqrt(totalWan / maxWan));
  return scale.minPx + (scale.maxPx - scale.minPx) * t;
}

/**
 * The investment that gets the largest symbol: the 95th percentile, so one huge project does not
 * shrink all the others. 0 for no data.
 */
export function investmentScaleMax(values: readonly (number | null)[]): number {
  const v = values.filter((x): x is number => x != null && Number.isFinite(x) && x > 0).sort((a, b) => a - b);
  if (!v.length) return 0;
  return v[Math.min(v.length - 1, Math.floor(0.95 * (v.length - 1)))];
}

/** A point that stands for a feature of any geometry: the point, or the middle vertex of a line / ring. */
export function representativePoint(g: GeoJSON.Geometry | null): [number, number] | null {
  if (!g) return null;
  switch (g.type) {
    case 'Point':
      return [g.coordinates[0], g.coordinates[1]];
    case 'MultiPoint':
    case 'LineString': {
      const c = g.coordinates[Math.floor(g.coordinates.length / 2)];
      return c ? [c[0], c[1]] : null;
    }
    case 'MultiLineString':
    case 'Polygon':
      return representativePoint({ type: 'LineString', coordinates: g.coordinates[0] ?? [] });
    case 'MultiPolygon':
      return representativePoint({ type: 'LineString', coordinates: g.coordinates[0]?.[0] ?? [] });
    default:
      return null;
  }
}

/** Radius of a cluster disc, CSS px: its area grows with the count (about 11 px for 2 … 24 px for 500 and more). */
export function clusterRadiusPx(count: number): number {
  return Math.min(24, 9 + 0.7 * Math.sqrt(Math.max(0, count)));
}

interface ProjectsLayerExtraProps {
  /** The projects (GeoJSON features, any geometry); default none. */
  data: ProjectFeature[];
  /** The clustering of the point layers (projects and PV stations), or null (the default) to draw every project. */
  clusters: PointClusterIndex<ProjectFeature, unknown> | null;
  /** Fill by category and industry mode, or by status with lateness; default 'category'. */
  colorMode: ProjectColorMode;
  /** Code of the selected project (drawn with a thick ring, even when its neighbours are clustered), or null (the default). */
  selectedCode: string | null;
}
export type ProjectsLayerProps = ProjectsLayerExtraProps & CompositeLayerProps;

/**
 * Projects: clusters with their counts where they crowd, the projects themselves (points, lines) elsewhere.
 * Every sub-layer gets its props through getSubLayerProps, so it follows the layer's opacity (0–1),
 * visibility and picking.
 */
export class ProjectsLayer extends CompositeLayer<ProjectsLayerExtraProps> {
  static override layerName = 'ProjectsLayer';
  static override defaultProps: DefaultProps<ProjectsLayerExtraProps> = {
    data: { type: 'object', value: [] },
    clusters: { type: 'object', value: null },
    colorMode: { type: 'object', value: 'category' },
    selectedCode: { type: 'object', value: null },
  };

  declare state: { maxWan: number };

  override shouldUpdateState({ changeFlags }: UpdateParameters<this>): boolean {
    return changeFlags.somethingChanged;
  }

  override updateState({ changeFlags }: UpdateParameters<this>): void {
    if (changeFlags.dataChanged) this.setState({ maxWan: investmentScaleMax(this.props.data.map((f) => f.properties.totalWan)) });
  }

  override renderLayers() {
    const { data, clusters, colorMode, selectedCode } = this.props;
    const view = projectsAtZoom(data, clusters, this.context.viewport.zoom, selectedCode);
    return [
      createProjectFeatureLayer(
        view.features,
        { colorMode, selectedCode, maxWan: this.state.maxWan },
        this.getSubLayerProps({ id: 'features' }),
      ),
      createProjectClusterDiscLayer(view.clusters, this.getSubLayerProps({ id: 'clusters-disc' })),
      createProjectClusterCountLayer(view.clusters, this.getSubLayerProps({ id: 'clusters-count' })),
    ];
  }
}

/**
 * What the projects layer draws at `zoom`: the clusters holding projects and the projects standing
 * alone; the selected project is always drawn as itself (on top), even inside a cluster.
 */
export function projectsAtZoom(
  data: readonly ProjectFeature[],
  clusters: PointClusterIndex<ProjectFeature, unknown> | null,
  zoom: number,
  selectedCode: string | null,
): { features: ProjectFeature[]; clusters: PointCluster[] } {
  if (!clusters) return { features: data as ProjectFeature[], clusters: [] };
  const view = clusters.at(zoom);
  const withProjects = view.clusters.filter((c) => c.projects > 0);
  if (!selectedCode || view.projects.some((f) => f.properties.code === selectedCode))
    return { features: view.projects, clusters: withProjects };
  const selected = data.find((f) => f.properties.code === selectedCode);
  return { features: selected ? [...view.projects, selected] : view.projects, clusters: withProjects };
}

export interface ProjectFeatureLayerOptions {
  id?: string;
  colorMode: ProjectColorMode;
  selectedCode: string | null;
  /** Investment that gets the largest symbol (see investmentScaleMax). */
  maxWan: number;
}

/**
 * Projects as GeoJSON: dark-outlined circles sized by investment; roads and irrigation as lines. Pickable
 * unless `subLayerProps` (a composite's getSubLayerProps) says otherwise.
 */
export function createProjectFeatureLayer(
  features: readonly ProjectFeature[],
  options: ProjectFeatureLayerOptions,
  subLayerProps: SubLayerProps = {},
) {
  const { colorMode, selectedCode, maxWan } = options;
  const fill = (f: { properties: ProjectProperties }): Color => [...projectColor(f.properties, colorMode), 255];
  return new GeoJsonLayer<ProjectProperties>({
    pickable: true,
    ...subLayerProps,
    id: subLayerProps.id ?? options.id ?? 'projects-features',
    data: features as ProjectFeature[],
    pointType: 'circle',
    filled: true,
    stroked: true,
    getFillColor: fill,
    // Lines carry the colour on the line itself (a dark outline would hide it).
    getLineColor: (f) =>
      f.geometry.type === 'Point' ? [...projectOutline, 255] : f.properties.code === selectedCode ? [...projectOutline, 255] : fill(f),
    getLineWidth: (f) =>
      f.geometry.type === 'Point' ? (f.properties.code === selectedCode ? 4 : 1.5) : f.properties.code === selectedCode ? 7 : 4,
    lineWidthUnits: 'pixels',
    getPointRadius: (f) => investmentRadiusPx(f.properties.totalWan, maxWan) + (f.properties.code === selectedCode ? 3 : 0),
    pointRadiusUnits: 'pixels',
    lineCapRounded: true,
    lineJointRounded: true,
    updateTriggers: {
      ...subLayerProps.updateTriggers,
      getFillColor: [colorMode],
      getLineColor: [colorMode, selectedCode],
      getLineWidth: [selectedCode],
      getPointRadius: [maxWan, selectedCode],
    },
  });
}

/**
 * Project clusters: a white disc with a dark ring, sized by the number of projects — light enough that
 * the choropleth around it keeps its colour. Pickable (a click zooms in, see clusterZoomTarget) unless
 * `subLayerProps` says otherwise.
 */
export function createProjectClusterDiscLayer(clusters: readonly PointCluster[], subLayerProps: SubLayerProps = {}) {
  return new ScatterplotLayer<PointCluster>({
    pickable: true,
    ...subLayerProps,
    id: subLayerProps.id ?? 'projects-clusters-disc',
    data: clusters as PointCluster[],
    getPosition: (c) => c.position,
    getRadius: (c) => clusterRadiusPx(c.projects),
    radiusUnits: 'pixels',
    getFillColor: [255, 255, 255, 235],
    stroked: true,
    getLineColor: [...clusterColor, 255],
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
  });
}

/** The number of projects on each cluster disc, in dark bold figures; never picked (the disc is). */
export function createProjectClusterCountLayer(clusters: readonly PointCluster[], subLayerProps: SubLayerProps = {}) {
  return new TextLayer<PointCluster>({
    ...subLayerProps,
    id: subLayerProps.id ?? 'projects-clusters-count',
    data: clusters as PointCluster[],
    getPosition: (c) => c.position,
    getText: (c) => String(c.projects),
    getSize: (c) => (c.projects >= 1000 ? 14 : 16),
    sizeUnits: 'pixels',
    getColor: [...clusterColor, 255],
    fontFamily: labelFontFamily,
    fontWeight: 700,
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    characterSet: '0123456789',
    pickable: false,
  });
}

export interface ProjectsLayerOptions {
  id?: string;
  colorMode: ProjectColorMode;
  selectedCode?: string | null;
  /** Opacity 0–1 (default 1). */
  opacity?: number;
  /** Clustering shared with the PV layer (see point-clusters.ts); null or absent: no clustering. */
  clusters?: PointClusterIndex<ProjectFeature, unknown> | null;
}

/** The projects layer for the map (composite: clusters where projects crowd, the projects elsewhere). */
export function createProjectsLayer(features: readonly ProjectFeature[], options: ProjectsLayerOptions) {
  return new ProjectsLayer({
    id: options.id ?? 'op-projects',
    data: features as ProjectFeature[],
    colorMode: options.colorMode,
    selectedCode: options.selectedCode ?? null,
    clusters: options.clusters ?? null,
    opacity: options.opacity ?? 1,
    pickable: true,
  });
}
