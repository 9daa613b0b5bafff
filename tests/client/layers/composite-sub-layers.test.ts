/**
 * Composite layers hand their opacity, visibility and picking on to every sub-layer (through
 * getSubLayerProps): a table of composites × parent props, each checked on every sub-layer drawn —
 * clusters and lone symbols both, so none can be left out.
 */
import type { CompositeLayer, Layer } from 'deck.gl';
import { describe, expect, it } from 'vitest';
import type { ProjectFeature, PvFeature } from '../../../client/features/layers/layers-api.ts';
import { PointClusterIndex } from '../../../client/layers/point-clusters.ts';
import { ProjectsLayer, representativePoint } from '../../../client/layers/project-layers.ts';
import { PvLayer } from '../../../client/layers/pv-layers.ts';

/** Only the properties the layers read. */
const project = (code: string, at: [number, number]): ProjectFeature =>
  ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: at },
    properties: { code, category: 'industry', mode: 'breeding', status: 'started', overdue: false, totalWan: 100 },
  }) as unknown as ProjectFeature;
const pv = (code: string, at: [number, number]): PvFeature =>
  ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: at },
    properties: { code, type: 'village', capacityKw: 100, status: 'grid_connected', registered: true },
  }) as unknown as PvFeature;

// Two crowds (clustered at zoom 8) and one of each standing alone far away.
const projects = [project('P1', [115.6, 34.4]), project('P2', [115.6001, 34.4001]), project('P3', [117.5, 33.0])];
const stations = [pv('V1', [115.6, 34.4]), pv('V2', [115.6002, 34.4]), pv('V3', [113.5, 36.0])];
const clusters = new PointClusterIndex(projects, stations, {
  projects: (f) => representativePoint(f.geometry),
  pv: (f) => f.geometry.coordinates as [number, number],
});

/** The sub-layers a composite renders at zoom 8, without a deck instance. */
function subLayers(layer: CompositeLayer, state: Record<string, unknown>): Layer[] {
  Object.assign(layer, { context: { viewport: { zoom: 8 } }, state });
  return (layer.renderLayers() as Layer[]).flat();
}

const composites = [
  {
    name: 'projects',
    make: (p: object) =>
      subLayers(new ProjectsLayer({ id: 'op-projects', data: projects, clusters, colorMode: 'category', selectedCode: null, ...p }), {
        maxWan: 100,
      }),
    subLayers: ['op-projects-features', 'op-projects-clusters-disc', 'op-projects-clusters-count'],
    /** Sub-layers that are never picked whatever the parent says (the count on a disc: the disc is picked). */
    neverPicked: ['op-projects-clusters-count'],
  },
  {
    name: 'PV stations',
    make: (p: object) =>
      subLayers(new PvLayer({ id: 'op-pv', data: stations, clusters, colorMode: 'registered', selectedCode: null, ...p }), { maxKw: 100 }),
    subLayers: ['op-pv-icons', 'op-pv-clusters'],
    neverPicked: [],
  },
];
const parents = [
  { opacity: 0.35, visible: true, pickable: true },
  { opacity: 1, visible: false, pickable: false },
  { opacity: 0, visible: true, pickable: false },
];

describe.each(composites)('$name layer hands its props to every sub-layer', ({ make, subLayers: ids, neverPicked }) => {
  it('draws each sub-layer with data (clusters and lone symbols)', () => {
    const layers = make({});
    expect(layers.map((l) => l.id)).toEqual(ids);
    for (const l of layers) expect((l.props.data as unknown[]).length, l.id).toBeGreaterThan(0);
  });
  it.each(parents)('opacity $opacity, visible $visible, pickable $pickable', (parent) => {
    for (const l of make(parent)) {
      expect(l.props.opacity, `${l.id} opacity`).toBe(parent.opacity);
      expect(l.props.visible, `${l.id} visible`).toBe(parent.visible);
      expect(l.props.pickable, `${l.id} pickable`).toBe(parent.pickable && !neverPicked.includes(l.id));
    }
  });
});
