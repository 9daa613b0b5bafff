/**
 * Clustering of the point layers (projects and PV stations) on supercluster. ONE index holds both
 * kinds, so a place's projects and stations fall into the same cluster: the projects layer draws the
 * cluster's project count as a disc and the PV layer draws its station count as a badge beside that
 * disc, instead of two independent clusterings burying each other's symbols.
 * Pure: the index is immutable once built; answers per integer zoom are cached.
 */
import Supercluster, { type PointFeature } from 'supercluster';

export type ClusterKind = 'projects' | 'pv';

/** A cluster at one zoom: where it is, how many of each kind it holds, and the zoom that splits it. */
export interface PointCluster {
  kind: 'cluster';
  /** supercluster's cluster id (unique within the index). */
  id: number;
  /** Centre of the members, [lng, lat]. */
  position: [number, number];
  /** Members of both kinds. */
  count: number;
  projects: number;
  pv: number;
}

/** What to draw at one zoom: the clusters, and the members of each kind that stand alone. */
export interface ClusterView<P, V> {
  zoom: number;
  clusters: PointCluster[];
  projects: P[];
  pv: V[];
}

export interface ClusterOptions {
  /** Points closer than this on the screen merge, CSS px (at the integer zoom below the view). */
  radiusPx: number;
  /** Clusters are made up to this zoom; above it every point stands alone. */
  maxZoom: number;
  /** Fewest points that make a cluster. */
  minPoints: number;
}

/**
 * Clusters up to zoom 11: the city (zoom ≈ 8) and a county (≈ 10) show clusters, a township filling
 * the screen (≈ 12) shows every project and station. 56 px keeps two discs and a badge apart.
 */
export const defaultClusterOptions: ClusterOptions = Object.freeze({ radiusPx: 56, maxZoom: 11, minPoints: 2 });

interface Tag {
  kind: ClusterKind;
  /** Position of the feature in its input list. */
  i: number;
}
interface Counts {
  projects: number;
  pv: number;
}

const world: GeoJSON.BBox = [-180, -85, 180, 85];

/** An index over projects and PV stations; `pointOf` gives a feature's point, or null to leave it out. */
export class PointClusterIndex<P, V> {
  readonly options: ClusterOptions;
  private readonly index: Supercluster<Tag, Counts>;
  private readonly views = new Map<number, ClusterView<P, V>>();

  constructor(
    private readonly projects: readonly P[],
    private readonly pv: readonly V[],
    pointOf: { projects: (f: P) => [number, number] | null; pv: (f: V) => [number, number] | null },
    options: Partial<ClusterOptions> = {},
  ) {
    this.options = { ...defaultClusterOptions, ...options };
    const points: PointFeature<Tag>[] = [];
    const add = (kind: ClusterKind, position: [number, number] | null, i: number) => {
      if (position && Number.isFinite(position[0]) && Number.isFinite(position[1])) {
        points.push({ type: 'Feature', geometry: { type: 'Point', coordinates: position }, properties: { kind, i } });
      }
    };
    projects.forEach((f, i) => add('projects', pointOf.projects(f), i));
    pv.forEach((f, i) => add('pv', pointOf.pv(f), i));
    this.index = new Supercluster<Tag, Counts>({
      radius: this.options.radiusPx,
      maxZoom: this.options.maxZoom,
      minPoints: this.options.minPoints,
      // MapLibre's zoom counts 512-px tiles, as does supercluster's default extent: radius is in CSS px.
      extent: 512,
      map: (t) => ({ projects: t.kind === 'projects' ? 1 : 0, pv: t.kind === 'pv' ? 1 : 0 }),
      reduce: (acc, c) => {
        acc.projects += c.projects;
        acc.pv += c.pv;
      },
    }).load(points);
  }

  /** Clusters and lone members at `zoom` (rounded down, so clusters never get closer than the radius). */
  at(zoom: number): ClusterView<P, V> {
    const z = Math.max(0, Math.min(this.options.maxZoom + 1, Math.floor(Number.isFinite(zoom) ? zoom : 0)));
    const hit = this.views.get(z);
    if (hit) return hit;
    const view: ClusterView<P, V> = { zoom: z, clusters: [], projects: [], pv: [] };
    for (const f of this.index.getClusters(world, z)) {
      const [lng, lat] = f.geometry.coordinates as [number, number];
      const p = f.properties;
      if ('cluster' in p && p.cluster) {
        view.clusters.push({
          kind: 'cluster',
          id: p.cluster_id,
          position: [lng, lat],
          count: p.point_count,
          projects: p.projects,
          pv: p.pv,
        });
      } else {
        const t = p as Tag;
        if (t.kind === 'projects') view.projects.push(this.projects[t.i]);
        else view.pv.push(this.pv[t.i]);
      }
    }
    // Largest first: the small clusters are drawn last, on top, so none hides under a big neighbour.
    view.clusters.sort((a, b) => b.count - a.count || a.id - b.id);
    this.views.set(z, view);
    return view;
  }

  /**
   * The zoom at which a cluster falls apart into smaller clusters or its members (asked on a click
   * only); null for a cluster this index does not hold (e.g. one from before the data changed).
   */
  expansionZoom(cluster: Pick<PointCluster, 'id'>): number | null {
    try {
      return this.index.getClusterExpansionZoom(cluster.id);
    } catch {
      return null;
    }
  }

  /** Where a click on `cluster` takes the map (see clusterZoomTarget). */
  zoomTarget(
    cluster: Pick<PointCluster, 'id' | 'position'>,
    currentZoom: number,
    maxZoom?: number,
  ): { lng: number; lat: number; zoom: number } {
    return clusterZoomTarget(cluster.position, this.expansionZoom(cluster) ?? 0, currentZoom, maxZoom);
  }
}

/**
 * Where a click on a cluster takes the map: its centre at its expansion zoom, at least one step in
 * from `currentZoom` and no further than the map allows.
 */
export function clusterZoomTarget(
  position: [number, number],
  expansionZoom: number,
  currentZoom: number,
  maxZoom = 16,
): { lng: number; lat: number; zoom: number } {
  const zoom = Math.min(maxZoom, Math.max(expansionZoom, Math.floor(currentZoom) + 1));
  return { lng: position[0], lat: position[1], zoom };
}

export const isPointCluster = (o: unknown): o is PointCluster =>
  typeof o === 'object' && o !== null && (o as PointCluster).kind === 'cluster';
