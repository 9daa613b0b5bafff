import { describe, expect, it } from 'vitest';
import type { ProjectFeature, PvFeature } from '../../../client/features/layers/layers-api.ts';
import { clusterZoomTarget, defaultClusterOptions, isPointCluster, PointClusterIndex } from '../../../client/layers/point-clusters.ts';
import { clusterRadiusPx, projectsAtZoom, representativePoint } from '../../../client/layers/project-layers.ts';
import { pvAtZoom, pvBadgePlacement } from '../../../client/layers/pv-layers.ts';

const project = (code: string, coordinates: [number, number], geometry?: GeoJSON.Geometry | null): ProjectFeature =>
  ({
    type: 'Feature',
    geometry: geometry === undefined ? { type: 'Point', coordinates } : geometry,
    properties: {
      code,
      name: code,
      year: 2020,
      countyCode: '411421',
      townshipCode: null,
      villageCode: null,
      category: 'industry',
      mode: 'pv',
      status: 'started',
      overdue: false,
      totalWan: 10,
      spentWan: 1,
      householdsReached: 1,
      plannedCompletion: null,
    },
  }) as ProjectFeature;
const station = (code: string, coordinates: [number, number]): PvFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates },
  properties: {
    code,
    name: code,
    type: 'village',
    generalised: false,
    capacityKw: 100,
    status: 'grid_connected',
    registered: true,
    countyCode: '411421',
    villageCode: null,
    householdsReached: 1,
    yearlyIncomeWan: 1,
  },
});

const pointOf = { projects: (f: ProjectFeature) => representativePoint(f.geometry), pv: (f: PvFeature) => representativePoint(f.geometry) };
// Two places about 40 km apart in 商丘市, each with projects and stations a few hundred metres apart.
const west: [number, number] = [115.2, 34.6];
const east: [number, number] = [115.65, 34.45];
const near = (p: [number, number], i: number): [number, number] => [p[0] + 0.001 * i, p[1] + 0.0007 * i];
const projects = [project('W1', near(west, 0)), project('W2', near(west, 1)), project('W3', near(west, 2)), project('E1', near(east, 0))];
const stations = [station('VW', near(west, 3)), station('VE1', near(east, 1)), station('VE2', near(east, 2))];
const index = () => new PointClusterIndex<ProjectFeature, PvFeature>(projects, stations, pointOf);

const codes = (fs: { properties: { code: string } }[]) => fs.map((f) => f.properties.code).sort();

describe('PointClusterIndex (supercluster, projects and PV stations in one index)', () => {
  const cases = [
    {
      title: 'city zoom: one cluster per place, each counting both kinds',
      zoom: 8.6,
      clusters: [
        { projects: 3, pv: 1 },
        { projects: 1, pv: 2 },
      ],
      projects: [],
      pv: [],
    },
    {
      title: 'fractional zoom rounds down (no cluster closer than the radius)',
      zoom: 8.99,
      clusters: [
        { projects: 3, pv: 1 },
        { projects: 1, pv: 2 },
      ],
      projects: [],
      pv: [],
    },
    {
      title: 'above maxZoom every project and station stands alone',
      zoom: defaultClusterOptions.maxZoom + 1,
      clusters: [],
      projects: ['E1', 'W1', 'W2', 'W3'],
      pv: ['VE1', 'VE2', 'VW'],
    },
    { title: 'far beyond the map zoom: still alone', zoom: 22, clusters: [], projects: ['E1', 'W1', 'W2', 'W3'], pv: ['VE1', 'VE2', 'VW'] },
  ];
  it.each(cases)('$title', ({ zoom, clusters, projects: p, pv }) => {
    const view = index().at(zoom);
    expect(view.clusters.map((c) => ({ projects: c.projects, pv: c.pv }))).toEqual(clusters);
    for (const c of view.clusters) expect(c.count).toBe(c.projects + c.pv);
    expect(codes(view.projects)).toEqual(p);
    expect(codes(view.pv)).toEqual(pv);
  });

  it('every feature is counted exactly once at every zoom', () => {
    const idx = index();
    for (let z = 0; z <= 14; z++) {
      const v = idx.at(z);
      const inClusters = v.clusters.reduce((s, c) => s + c.count, 0);
      expect(inClusters + v.projects.length + v.pv.length, `zoom ${z}`).toBe(projects.length + stations.length);
    }
  });

  it('answers from its cache for the same integer zoom (same arrays: deck keeps its buffers)', () => {
    const idx = index();
    expect(idx.at(9.2)).toBe(idx.at(9.8));
    expect(idx.at(9.2)).not.toBe(idx.at(10));
  });

  it('a cluster is a cluster; a feature is not', () => {
    const [c] = index().at(8).clusters;
    expect(isPointCluster(c)).toBe(true);
    expect(isPointCluster(projects[0])).toBe(false);
    expect(isPointCluster(null)).toBe(false);
  });

  it('features without a usable point are left out (and not counted)', () => {
    const idx = new PointClusterIndex<ProjectFeature, PvFeature>(
      [project('N', [0, 0], null), project('X', [Number.NaN, 1]), ...projects],
      [],
      pointOf,
    );
    const v = idx.at(20);
    expect(codes(v.projects)).toEqual(['E1', 'W1', 'W2', 'W3']);
  });

  it('lines cluster at their middle vertex', () => {
    const road = project('R', [0, 0], { type: 'LineString', coordinates: [[115.0, 34.6], near(west, 1), [115.4, 34.6]] });
    const v = new PointClusterIndex<ProjectFeature, PvFeature>([road, projects[0]], [], pointOf).at(8);
    expect(v.clusters).toHaveLength(1);
    expect(v.clusters[0].projects).toBe(2);
  });

  it('clicking a cluster zooms to where it falls apart, centred on it', () => {
    const idx = index();
    const [c] = idx.at(8).clusters;
    const expansion = idx.expansionZoom(c)!;
    expect(expansion).toBeGreaterThan(8);
    // At the expansion zoom the cluster is no longer there as one.
    expect(idx.at(expansion).clusters.some((x) => x.count === c.count && x.position.join() === c.position.join())).toBe(false);
    expect(idx.zoomTarget(c, 8.4)).toEqual({ lng: c.position[0], lat: c.position[1], zoom: expansion });
    expect(idx.expansionZoom({ id: -1 })).toBeNull(); // not a cluster of this index
  });
});

describe('clusterZoomTarget', () => {
  const cases = [
    { title: 'the expansion zoom', expansion: 10, current: 8.3, max: 16, zoom: 10 },
    { title: 'at least one step in', expansion: 8, current: 8.7, max: 16, zoom: 9 },
    { title: 'never beyond the map', expansion: 15, current: 14.2, max: 14, zoom: 14 },
  ];
  it.each(cases)('$title', ({ expansion, current, max, zoom }) => {
    expect(clusterZoomTarget([115.6, 34.4], expansion, current, max)).toEqual({ lng: 115.6, lat: 34.4, zoom });
  });
});

describe('what each layer draws at a zoom', () => {
  const cases = [
    { title: 'projects clustered', zoom: 8, selected: null, features: [], clusters: 2 },
    { title: 'the selected project is drawn even inside a cluster', zoom: 8, selected: 'W2', features: ['W2'], clusters: 2 },
    { title: 'an unknown selection draws nothing extra', zoom: 8, selected: 'nope', features: [], clusters: 2 },
    { title: 'zoomed in: all projects, the selected once', zoom: 14, selected: 'W2', features: ['E1', 'W1', 'W2', 'W3'], clusters: 0 },
  ];
  it.each(cases)('projects: $title', ({ zoom, selected, features, clusters }) => {
    const v = projectsAtZoom(projects, index(), zoom, selected);
    expect(codes(v.features)).toEqual(features);
    expect(v.clusters).toHaveLength(clusters);
  });
  it('projects without clustering: everything as itself', () => {
    expect(projectsAtZoom(projects, null, 8, null)).toEqual({ features: projects, clusters: [] });
  });
  it('PV: only clusters that hold stations; the selected station always', () => {
    const onlyProjects = new PointClusterIndex<ProjectFeature, PvFeature>(projects, [station('LONE', [116.4, 33.9])], pointOf);
    const v = pvAtZoom(onlyProjects.at(8).pv, onlyProjects, 8, null);
    expect(v.clusters).toEqual([]);
    expect(codes(v.features)).toEqual(['LONE']);
    const sel = pvAtZoom(stations, index(), 8, 'VE2');
    expect(sel.clusters.map((c) => c.pv)).toEqual([1, 2]);
    expect(codes(sel.features)).toEqual(['VE2']);
  });
});

describe('cluster symbols', () => {
  const radii = [
    { count: 0, expected: 9 },
    { count: 4, expected: 10.4 },
    { count: 100, expected: 16 },
    { count: 100_000, expected: 24 },
  ];
  it.each(radii)('disc radius for $count = $expected px', ({ count, expected }) => expect(clusterRadiusPx(count)).toBeCloseTo(expected, 6));

  const badges = [
    { title: 'no project disc: on the cluster', projects: 0, expected: { anchor: 'middle', offset: [0, 0] } },
    { title: 'beside a small disc', projects: 4, expected: { anchor: 'start', offset: [8, -8] } },
    { title: 'beside a large disc', projects: 100_000, expected: { anchor: 'start', offset: [19, -18] } },
  ];
  it.each(badges)('PV badge: $title', ({ projects: n, expected }) => expect(pvBadgePlacement({ projects: n })).toEqual(expected));
});
