/**
 * Pure factories for the projects layer: colours (category / industry mode, or status with lateness),
 * radius from investment, grid clustering when zoomed out, and a composite deck layer that draws
 * clusters below `clusterBelowZoom` and the projects themselves (points, road and irrigation lines)
 * above it. Colours avoid the choropleth's red / amber / green and carry a dark outline.
 */
import { CompositeLayer, GeoJsonLayer, ScatterplotLayer, TextLayer, type Color, type CompositeLayerProps, type UpdateParameters } from 'deck.gl';
import type { IndustryMode, ProjectStatus } from '../../server/contracts/enums.ts';
import type { ProjectFeature, ProjectProperties } from '../features/layers/layers-api.ts';
import { labelFontFamily } from './region-style.ts';

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
  if (mode === 'status') return p.overdue ? overdueColor : projectStatusColors[p.status] ?? projectStatusColors.planned;
  if (p.category !== 'industry') return nonIndustryColor;
  return industryModeColors[p.mode ?? 'other'] ?? industryModeColors.other;
}

/** Legend entries for the colour mode, in a stable order. */
export function projectLegend(mode: ProjectColorMode): { key: string; color: Rgb }[] {
  if (mode === 'status') {
    return [{ key: 'overdue', color: overdueColor }, ...(Object.keys(projectStatusColors) as ProjectStatus[]).map((s) => ({ key: s, color: projectStatusColors[s] }))];
  }
  return [...(Object.keys(industryModeColors) as IndustryMode[]).map((m) => ({ key: `mode.${m}`, color: industryModeColors[m] })), { key: 'nonIndustry', color: nonIndustryColor }];
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
export function investmentRadiusPx(totalWan: number | null | undefined, maxWan: number, scale: RadiusScale = { minPx: 4, maxPx: 16 }): number {
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

export interface ProjectCluster {
  kind: 'cluster';
  /** Mean position of the members, [lng, lat]. */
  position: [number, number];
  count: number;
  codes: string[];
}

/** World pixel coordinates (Web Mercator, 512-px tiles) of [lng, lat] at `zoom`. */
function worldPx([lng, lat]: [number, number], zoom: number): [number, number] {
  const size = 512 * 2 ** zoom;
  const s = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  return [((lng + 180) / 360) * size, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * size];
}

/**
 * Group features by a screen grid of `cellPx` at `zoom`: cells with one feature keep the feature;
 * cells with more become a cluster at the mean position. Deterministic (same input → same output).
 */
export function clusterByGrid<T extends { properties: { code: string }; geometry: GeoJSON.Geometry | null }>(
  features: readonly T[],
  zoom: number,
  cellPx: number,
): { singles: T[]; clusters: ProjectCluster[] } {
  const cells = new Map<string, { members: T[]; points: [number, number][] }>();
  for (const f of features) {
    const p = representativePoint(f.geometry);
    if (!p) continue;
    const [x, y] = worldPx(p, zoom);
    const key = `${Math.floor(x / cellPx)}:${Math.floor(y / cellPx)}`;
    const cell = cells.get(key) ?? { members: [], points: [] };
    cell.members.push(f);
    cell.points.push(p);
    cells.set(key, cell);
  }
  const singles: T[] = [];
  const clusters: ProjectCluster[] = [];
  for (const { members, points } of cells.values()) {
    if (members.length === 1) {
      singles.push(members[0]);
      continue;
    }
    const lng = points.reduce((s, p) => s + p[0], 0) / points.length;
    const lat = points.reduce((s, p) => s + p[1], 0) / points.length;
    clusters.push({ kind: 'cluster', position: [lng, lat], count: members.length, codes: members.map((m) => m.properties.code) });
  }
  return { singles, clusters };
}

/** Radius of a cluster symbol, CSS px: grows with the square root of the count (about 11 … 26). */
export function clusterRadiusPx(count: number): number {
  return Math.min(26, 9 + 1.5 * Math.sqrt(Math.max(0, count)));
}

interface ProjectsLayerExtraProps {
  data: ProjectFeature[];
  colorMode: ProjectColorMode;
  /** Code of the selected project (drawn with a thick ring), or null. */
  selectedCode: string | null;
  /** Below this zoom, projects closer than `clusterCellPx` merge into a cluster (default 10). */
  clusterBelowZoom: number;
  /** Grid cell, CSS px (default 64). */
  clusterCellPx: number;
}
export type ProjectsLayerProps = ProjectsLayerExtraProps & CompositeLayerProps;

/** Projects: clusters when zoomed out, then points (and lines / polygons for roads and irrigation). */
export class ProjectsLayer extends CompositeLayer<ProjectsLayerExtraProps> {
  static override layerName = 'ProjectsLayer';
  static override defaultProps = {
    data: { type: 'object', value: [] },
    colorMode: { type: 'object', value: 'category' },
    selectedCode: { type: 'object', value: null },
    clusterBelowZoom: { type: 'number', value: 10 },
    clusterCellPx: { type: 'number', value: 64 },
  } as never;

  declare state: { maxWan: number; grid: { zoom: number; singles: ProjectFeature[]; clusters: ProjectCluster[] } | null };

  override shouldUpdateState({ changeFlags }: UpdateParameters<this>): boolean {
    return changeFlags.somethingChanged;
  }

  override updateState({ props, oldProps, changeFlags }: UpdateParameters<this>): void {
    if (changeFlags.dataChanged || props.clusterCellPx !== oldProps.clusterCellPx) {
      this.setState({ maxWan: investmentScaleMax(props.data.map((f) => f.properties.totalWan)), grid: null });
    }
  }

  override renderLayers() {
    const { data, colorMode, selectedCode, clusterBelowZoom, clusterCellPx } = this.props;
    const zoom = Math.floor(this.context.viewport.zoom);
    let features = data;
    let clusters: ProjectCluster[] = [];
    if (zoom < clusterBelowZoom) {
      if (!this.state.grid || this.state.grid.zoom !== zoom) {
        this.state.grid = { zoom, ...clusterByGrid(data, zoom, clusterCellPx) };
      }
      features = this.state.grid.singles;
      clusters = this.state.grid.clusters;
    }
    return [
      createProjectFeatureLayer(features, { colorMode, selectedCode, maxWan: this.state.maxWan }, this.getSubLayerProps({ id: 'features' })),
      createProjectClusterLayers(clusters, this.getSubLayerProps({ id: 'clusters' }).id as string),
    ];
  }
}

export interface ProjectFeatureLayerOptions {
  id?: string;
  colorMode: ProjectColorMode;
  selectedCode: string | null;
  /** Investment that gets the largest symbol (see investmentScaleMax). */
  maxWan: number;
}

/** Projects as GeoJSON: dark-outlined circles sized by investment; roads and irrigation as lines. */
export function createProjectFeatureLayer(features: readonly ProjectFeature[], options: ProjectFeatureLayerOptions, subLayerProps: object = {}) {
  const { colorMode, selectedCode, maxWan } = options;
  const id = (subLayerProps as { id?: string }).id ?? options.id ?? 'projects-features';
  const fill = (f: ProjectFeature): Color => [...projectColor(f.properties, colorMode), 255];
  return new GeoJsonLayer<ProjectProperties>({
    ...subLayerProps,
    id,
    data: features as ProjectFeature[],
    pointType: 'circle',
    filled: true,
    stroked: true,
    getFillColor: fill,
    // Lines carry the colour on the line itself (a dark outline would hide it).
    getLineColor: (f) => (f.geometry.type === 'Point' ? [...projectOutline, 255] : f.properties.code === selectedCode ? [...projectOutline, 255] : fill(f as ProjectFeature)),
    getLineWidth: (f) => (f.geometry.type === 'Point' ? (f.properties.code === selectedCode ? 4 : 1.5) : f.properties.code === selectedCode ? 7 : 4),
    lineWidthUnits: 'pixels',
    getPointRadius: (f) => investmentRadiusPx(f.properties.totalWan, maxWan) + (f.properties.code === selectedCode ? 3 : 0),
    pointRadiusUnits: 'pixels',
    lineCapRounded: true,
    lineJointRounded: true,
    pickable: true,
    updateTriggers: { getFillColor: [colorMode], getLineColor: [colorMode, selectedCode], getLineWidth: [selectedCode], getPointRadius: [maxWan, selectedCode] },
  });
}

/**
 * Clusters: a translucent white disc with a dark ring and the count in dark text, sized by count —
 * light enough that the choropleth under it keeps its colour.
 */
export function createProjectClusterLayers(clusters: readonly ProjectCluster[], id = 'projects-clusters') {
  return [
    new ScatterplotLayer<ProjectCluster>({
      id: `${id}-disc`,
      data: clusters as ProjectCluster[],
      getPosition: (c) => c.position,
      getRadius: (c) => clusterRadiusPx(c.count),
      radiusUnits: 'pixels',
      getFillColor: [255, 255, 255, 210],
      stroked: true,
      getLineColor: [...clusterColor, 255],
      getLineWidth: 2.5,
      lineWidthUnits: 'pixels',
      pickable: true,
    }),
    new TextLayer<ProjectCluster>({
      id: `${id}-count`,
      data: clusters as ProjectCluster[],
      getPosition: (c) => c.position,
      getText: (c) => String(c.count),
      getSize: 16,
      sizeUnits: 'pixels',
      getColor: [...clusterColor, 255],
      fontFamily: labelFontFamily,
      fontWeight: 700,
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
      characterSet: '0123456789',
      pickable: false,
    }),
  ];
}

export interface ProjectsLayerOptions {
  id?: string;
  colorMode: ProjectColorMode;
  selectedCode?: string | null;
  /** Opacity 0–1 (default 1). */
  opacity?: number;
  clusterBelowZoom?: number;
  clusterCellPx?: number;
}

/** The projects layer for the map (composite: clusters zoomed out, projects zoomed in). */
export function createProjectsLayer(features: readonly ProjectFeature[], options: ProjectsLayerOptions) {
  return new ProjectsLayer({
    id: options.id ?? 'op-projects',
    data: features as ProjectFeature[],
    colorMode: options.colorMode,
    selectedCode: options.selectedCode ?? null,
    clusterBelowZoom: options.clusterBelowZoom ?? 10,
    clusterCellPx: options.clusterCellPx ?? 64,
    opacity: options.opacity ?? 1,
    pickable: true,
  });
}
