import { describe, expect, it } from 'vitest';
import {
  householdParams,
  joinHouseholdRows,
  projectLayerParams,
  pvLayerParams,
  type BenefitLinkFeature,
  type HexCollection,
  type HouseholdAreaRow,
  type ProjectFeature,
  type PvFeature,
} from '../../../client/features/layers/layers-api.ts';
import { defaultLayersState, type LayersState } from '../../../client/features/layers/layers-state.ts';
import {
  buildOperationalLayers,
  buildPointClusters,
  clusterOfPick,
  operationalTooltip,
  selectionOfPick,
} from '../../../client/features/layers/operational-layers.ts';
import { barWidthPct } from '../../../client/features/layers/LayerDetail.tsx';
import { createBenefitLinkLayers, linkWidthPx } from '../../../client/layers/benefit-link-layers.ts';
import {
  createHouseholdAreaLayer,
  createHouseholdHexLayer,
  hexBreaks,
  hexColor,
  householdMaxRadiusPx,
  householdRadiusPx,
  householdRamp,
} from '../../../client/layers/household-layers.ts';
import {
  createProjectFeatureLayer,
  industryModeColors,
  investmentRadiusPx,
  investmentScaleMax,
  nonIndustryColor,
  overdueColor,
  projectColor,
  projectStatusColors,
  representativePoint,
} from '../../../client/layers/project-layers.ts';
import {
  capacityScaleMax,
  capacitySizePx,
  createPvIconLayer,
  createPvLayer,
  pvColor,
  pvIconUrl,
  pvRegisteredColors,
  pvStatusColors,
} from '../../../client/layers/pv-layers.ts';
import { statusColors } from '../../../server/domain/classify.ts';

const project = (
  code: string,
  patch: Partial<ProjectFeature['properties']> = {},
  geometry: ProjectFeature['geometry'] = { type: 'Point', coordinates: [115.6, 34.4] },
): ProjectFeature => ({
  type: 'Feature',
  geometry,
  properties: {
    code,
    name: `项目${code}`,
    year: 2020,
    generalised: false,
    countyCode: '411421',
    townshipCode: null,
    villageCode: null,
    category: 'industry',
    mode: 'breeding',
    status: 'started',
    overdue: false,
    totalWan: 100,
    spentWan: 50,
    householdsReached: 10,
    plannedCompletion: '2020-12-31',
    ...patch,
  },
});
const pvStation = (code: string, patch: Partial<PvFeature['properties']> = {}): PvFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [115.7, 34.3] },
  properties: {
    code,
    name: `电站${code}`,
    type: 'village',
    generalised: false,
    capacityKw: 100,
    status: 'grid_connected',
    registered: true,
    countyCode: '411421',
    villageCode: null,
    householdsReached: 30,
    yearlyIncomeWan: 8,
    ...patch,
  },
});
const link = (village: string, households: number): BenefitLinkFeature => ({
  type: 'Feature',
  geometry: {
    type: 'LineString',
    coordinates: [
      [115.6, 34.4],
      [115.7, 34.5],
    ],
  },
  properties: { villageCode: village, villageName: `村${village}`, households },
});

describe('project colours', () => {
  const cases = [
    {
      title: 'industry by mode',
      p: { category: 'industry', mode: 'pv', status: 'started', overdue: false },
      mode: 'category',
      expected: industryModeColors.pv,
    },
    {
      title: 'industry without mode → other',
      p: { category: 'industry', mode: null, status: 'started', overdue: false },
      mode: 'category',
      expected: industryModeColors.other,
    },
    {
      title: 'non-industry neutral',
      p: { category: 'education', mode: null, status: 'started', overdue: false },
      mode: 'category',
      expected: nonIndustryColor,
    },
    {
      title: 'overdue wins in status mode',
      p: { category: 'education', mode: null, status: 'started', overdue: true },
      mode: 'status',
      expected: overdueColor,
    },
    {
      title: 'status colour',
      p: { category: 'industry', mode: 'pv', status: 'operating', overdue: false },
      mode: 'status',
      expected: projectStatusColors.operating,
    },
  ] as const;
  it.each(cases)('$title', ({ p, mode, expected }) => {
    expect(projectColor(p as never, mode)).toEqual(expected);
  });
  it('industry modes are distinct and none is the choropleth red, amber or green', () => {
    const all = Object.values(industryModeColors).map((c) => c.join());
    expect(new Set(all).size).toBe(all.length);
    const hex = (c: readonly number[]) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    const choropleth = [statusColors.lagging, statusColors.on_track, statusColors.ahead];
    for (const c of [...Object.values(industryModeColors), overdueColor, ...Object.values(projectStatusColors)])
      expect(choropleth).not.toContain(hex(c));
  });
});

describe('investment radius (sqrt scale, px)', () => {
  const cases = [
    { title: 'null → min', wan: null, max: 400, expected: 4 },
    { title: 'NaN → min', wan: NaN, max: 400, expected: 4 },
    { title: 'negative → min', wan: -5, max: 400, expected: 4 },
    { title: 'zero → min', wan: 0, max: 400, expected: 4 },
    { title: 'quarter of max → half way', wan: 100, max: 400, expected: 10 },
    { title: 'max → max', wan: 400, max: 400, expected: 16 },
    { title: 'beyond max → capped', wan: 10_000, max: 400, expected: 16 },
    { title: 'no scale → min', wan: 100, max: 0, expected: 4 },
  ];
  it.each(cases)('$title', ({ wan, max, expected }) => {
    expect(investmentRadiusPx(wan, max)).toBeCloseTo(expected, 6);
  });
  it('the 95th percentile sets the largest symbol, ignoring null and outliers', () => {
    const values = [...Array.from({ length: 99 }, (_, i) => i + 1), 1_000_000, null];
    expect(investmentScaleMax(values)).toBe(95);
    expect(investmentScaleMax([])).toBe(0);
  });
});

describe('representativePoint', () => {
  const cases: { title: string; g: GeoJSON.Geometry | null; expected: [number, number] | null }[] = [
    { title: 'point', g: { type: 'Point', coordinates: [1, 2] }, expected: [1, 2] },
    {
      title: 'line → middle vertex',
      g: {
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
          [2, 2],
        ],
      },
      expected: [1, 1],
    },
    {
      title: 'polygon → ring middle',
      g: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [2, 0],
            [2, 2],
            [0, 0],
          ],
        ],
      },
      expected: [2, 2],
    },
    { title: 'null', g: null, expected: null },
    { title: 'empty line', g: { type: 'LineString', coordinates: [] }, expected: null },
  ];
  it.each(cases)('$title', ({ g, expected }) => expect(representativePoint(g)).toEqual(expected));
});

describe('createProjectFeatureLayer', () => {
  it('colours, sizes and rings the selected project', () => {
    const data = [project('A', { totalWan: 400 }), project('B', { totalWan: null, category: 'education', mode: null })];
    const layer = createProjectFeatureLayer(data, { colorMode: 'category', selectedCode: 'A', maxWan: 400 });
    const p = layer.props as unknown as {
      getFillColor: (f: ProjectFeature) => number[];
      getPointRadius: (f: ProjectFeature) => number;
      getLineWidth: (f: ProjectFeature) => number;
      pointRadiusUnits: string;
    };
    expect(p.getFillColor(data[0])).toEqual([...industryModeColors.breeding, 255]);
    expect(p.getFillColor(data[1])).toEqual([...nonIndustryColor, 255]);
    expect(p.getPointRadius(data[0])).toBe(19); // max 16 + 3 for the selection
    expect(p.getPointRadius(data[1])).toBe(4);
    expect(p.getLineWidth(data[0])).toBeGreaterThan(p.getLineWidth(data[1]));
    expect(p.pointRadiusUnits).toBe('pixels');
  });
});

describe('PV stations', () => {
  const cases = [
    { title: 'registered', p: { registered: true, status: 'building' }, mode: 'registered', expected: pvRegisteredColors.yes },
    { title: 'not registered', p: { registered: false, status: 'grid_connected' }, mode: 'registered', expected: pvRegisteredColors.no },
    { title: 'building', p: { registered: true, status: 'building' }, mode: 'status', expected: pvStatusColors.building },
  ] as const;
  it.each(cases)('colour: $title', ({ p, mode, expected }) => expect(pvColor(p, mode)).toEqual(expected));
  const sizes = [
    { kw: null, max: 1000, expected: 14 },
    { kw: 0, max: 1000, expected: 14 },
    { kw: 250, max: 1000, expected: 24 },
    { kw: 1000, max: 1000, expected: 34 },
    { kw: 5000, max: 1000, expected: 34 },
  ];
  it.each(sizes)('size of $kw kW (max $max) = $expected px', ({ kw, max, expected }) =>
    expect(capacitySizePx(kw, max)).toBeCloseTo(expected, 6),
  );
  it('icons are inline SVG data URLs, one shape per type', () => {
    const urls = (['village', 'centralized', 'household'] as const).map((t) => pvIconUrl(t, [29, 53, 87]));
    for (const u of urls) expect(u.startsWith('data:image/svg+xml')).toBe(true);
    expect(new Set(urls).size).toBe(3);
    expect(decodeURIComponent(urls[0])).toContain('#1d3557');
  });
  it('icons: one per type and colour, size by capacity relative to the scale, the selected one larger', () => {
    const data = [pvStation('V1', { capacityKw: 400 }), pvStation('V2', { capacityKw: 100, type: 'household', registered: false })];
    const layer = createPvIconLayer(data, { colorMode: 'registered', selectedCode: 'V2', maxKw: 400 });
    const p = layer.props as unknown as { getIcon: (f: PvFeature) => { id: string; url: string }; getSize: (f: PvFeature) => number };
    expect(p.getIcon(data[0]).id).toBe('village-yes');
    expect(p.getIcon(data[1]).id).toBe('household-no');
    expect(p.getSize(data[0])).toBe(34);
    expect(p.getSize(data[1])).toBeCloseTo(24 * 1.4, 6);
  });
  const scales = [
    { title: 'none', kw: [], expected: 0 },
    { title: 'nulls ignored', kw: [null, 100, 200], expected: 100 },
    {
      title: 'one huge centralized station does not shrink the village ones',
      kw: [...Array.from({ length: 99 }, () => 100), 30_000],
      expected: 100,
    },
  ];
  it.each(scales)('capacity scale: $title', ({ kw, expected }) => {
    expect(capacityScaleMax(kw.map((c, i) => pvStation(`S${i}`, { capacityKw: c })))).toBe(expected);
  });
  it('layer: composite with its opacity and the shared clustering', () => {
    const layer = createPvLayer([pvStation('V1')], { colorMode: 'status', opacity: 0.5 });
    expect(layer.id).toBe('op-pv');
    expect((layer.props as unknown as { opacity: number; clusters: unknown }).opacity).toBe(0.5);
    expect((layer.props as unknown as { clusters: unknown }).clusters).toBeNull();
  });
});

describe('household aggregates', () => {
  const breaks = [
    { max: 100, expected: [20, 40, 60, 80, 100] },
    { max: 3, expected: [1, 2, 3] },
    { max: 0, expected: [] },
    { max: NaN, expected: [] },
  ];
  it.each(breaks)('hexBreaks($max)', ({ max, expected }) => expect(hexBreaks(max)).toEqual(expected));
  it('hexColor picks the class of the count (single purple ramp)', () => {
    const b = hexBreaks(100);
    expect(hexColor(5, b)).toEqual(householdRamp[0]);
    expect(hexColor(41, b)).toEqual(householdRamp[2]);
    expect(hexColor(100, b)).toEqual(householdRamp[4]);
    expect(hexColor(1000, b)).toEqual(householdRamp[4]);
  });
  const radii = [
    { count: 0, max: 100, expected: 0 },
    { count: 100, max: 100, expected: 26 },
    { count: 25, max: 100, expected: 14.5 },
  ];
  it.each(radii)('village radius $count of $max', ({ count, max, expected }) =>
    expect(householdRadiusPx(count, max)).toBeCloseTo(expected, 6),
  );
  const maxRadii = [
    { n: 0, expected: 22 },
    { n: 30, expected: 22 },
    { n: 186, expected: 22 * Math.sqrt(120 / 186) },
    { n: 500, expected: 10.78 },
    { n: 5000, expected: 10 },
  ];
  it.each(maxRadii)('the more areas, the smaller the symbols: $n areas → $expected px', ({ n, expected }) =>
    expect(householdMaxRadiusPx(n)).toBeCloseTo(expected, 2),
  );
  it('joins counts to label points by code and drops villages without a point or households', () => {
    const row = (code: string, total: number): HouseholdAreaRow => ({
      code,
      name: code,
      total,
      notLifted: total,
      edge: 0,
      monitored: 0,
      lifted: 0,
      labourNone: 0,
      labourWeak: 0,
      labourFull: total,
    });
    const joined = joinHouseholdRows(
      [row('1', 5), row('2', 0), row('3', 7)],
      [
        { code: '1', label: [1, 2] },
        { code: '2', label: [3, 4] },
        { code: '3', label: null },
      ],
    );
    expect(joined.map((r) => [r.code, r.position])).toEqual([['1', [1, 2]]]);
  });
  it('layers: nothing but counts go in', () => {
    const hex: HexCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 0],
              ],
            ],
          },
          properties: { total: 9, notLifted: 9, edge: 0, monitored: 0, lifted: 0 },
        },
      ],
      meta: { sizeM: 2000, minPerCell: 5, households: 12, suppressedHouseholds: 3, disclosure: 'exact' },
    };
    expect((createHouseholdHexLayer(hex).props.data as unknown[]).length).toBe(1);
    const areas = createHouseholdAreaLayer([
      {
        code: '1',
        name: 'a',
        total: 0,
        notLifted: 0,
        edge: 0,
        monitored: 0,
        lifted: 0,
        labourNone: 0,
        labourWeak: 0,
        labourFull: 0,
        position: [1, 1],
      },
    ]);
    expect((areas.props.data as unknown[]).length).toBe(0);
  });
  it('area symbols: purple rings on a faint tint, sized among the areas drawn', () => {
    const row = (code: string, total: number) => ({
      code,
      name: code,
      total,
      notLifted: total,
      edge: 0,
      monitored: 0,
      lifted: 0,
      labourNone: 0,
      labourWeak: 0,
      labourFull: 0,
      position: [1, 1] as [number, number],
    });
    const layer = createHouseholdAreaLayer([row('1', 100), row('2', 25), row('3', 0)]);
    const p = layer.props as unknown as {
      getRadius: (r: { total: number }) => number;
      getFillColor: number[];
      getLineColor: number[];
      data: unknown[];
    };
    expect(p.data).toHaveLength(2);
    expect(p.getRadius({ total: 100 })).toBe(22);
    expect(p.getFillColor[3]).toBeLessThan(80);
    expect(p.getLineColor[3]).toBe(255);
  });
});

describe('benefit links', () => {
  const widths = [
    { h: 0, max: 100, expected: 2 },
    { h: 100, max: 100, expected: 12 },
    { h: 25, max: 100, expected: 7 },
  ];
  it.each(widths)('width for $h of $max households', ({ h, max, expected }) => expect(linkWidthPx(h, max)).toBeCloseTo(expected, 6));
  it('casing, line, village dot and label, labelled with the village name', () => {
    const layers = createBenefitLinkLayers([link('1', 100), link('2', 25)]);
    expect(layers.map((l) => l.id)).toEqual([
      'op-benefit-links-casing',
      'op-benefit-links-line',
      'op-benefit-links-village',
      'op-benefit-links-label',
    ]);
    const line = layers[1].props as unknown as { getWidth: (f: BenefitLinkFeature) => number };
    expect(line.getWidth(link('2', 25))).toBeCloseTo(7, 6);
    const label = layers[3].props as unknown as { getText: (f: BenefitLinkFeature) => string };
    expect(label.getText(link('2', 25))).toBe('村2');
  });
});

describe('filters → query strings', () => {
  const s = (patch: Partial<LayersState>): LayersState => ({ ...structuredClone(defaultLayersState), ...patch });
  const pf = defaultLayersState.projectFilters;
  const cases = [
    { title: 'no filter', state: s({}), asOf: null, expected: 'area=4114&limit=50000' },
    {
      title: 'county filter narrows the city',
      state: s({ projectFilters: { ...pf, area: '411421' } }),
      asOf: null,
      expected: 'area=411421&limit=50000',
    },
    {
      title: 'township filter narrows the city',
      state: s({ projectFilters: { ...pf, area: '411421101' } }),
      asOf: null,
      expected: 'area=411421101&limit=50000',
    },
    { title: 'as of', state: s({}), asOf: '2020-06-20', expected: 'area=4114&asOf=2020-06-20&limit=50000' },
    {
      title: 'every filter',
      state: s({
        projectFilters: {
          area: null,
          year: 2019,
          category: ['industry'],
          mode: ['pv', 'tourism'],
          status: ['started'],
          responsibleLevel: ['village'],
          fundingSource: ['social'],
          overdue: false,
          signed: true,
        },
      }),
      asOf: null,
      expected:
        'area=4114&year=2019&category=industry&mode=pv%2Ctourism&status=started&responsibleLevel=village&fundingSource=social&overdue=false&signed=true&limit=50000',
    },
    {
      title: 'overdue only',
      state: s({ projectFilters: { ...pf, overdue: true } }),
      asOf: null,
      expected: 'area=4114&overdue=true&limit=50000',
    },
  ];
  it.each(cases)('projects: $title', ({ state, asOf, expected }) =>
    expect(projectLayerParams('4114', asOf, state).toString()).toBe(expected),
  );
  it('PV stations', () => {
    expect(pvLayerParams('411421', null, s({ pvFilters: { type: ['centralized'], status: [], registered: true } })).toString()).toBe(
      'area=411421&type=centralized&registered=true&limit=50000',
    );
  });
  it('households: groups and labour, never anything else', () => {
    expect(householdParams('411421', s({ labour: ['none'] }), { level: 'village' }).toString()).toBe(
      'parent=411421&level=village&category=not_lifted%2Cedge%2Cmonitored&labour=none',
    );
  });
});

describe('buildOperationalLayers', () => {
  const data = {
    projects: {
      type: 'FeatureCollection' as const,
      features: [project('A')],
      meta: {
        asOf: '2020-06-20',
        matched: 2,
        located: 1,
        inView: 1,
        returned: 1,
        limit: 5000,
        offset: 0,
        unlocated: [],
        unlocatedCount: 1,
        years: [2020],
      },
    },
    pv: {
      type: 'FeatureCollection' as const,
      features: [pvStation('V')],
      meta: { asOf: '2020-06-20', matched: 1, returned: 1, limit: 5000, offset: 0, unlocatedCount: 0 },
    },
    householdAreas: [],
    hexagons: null,
    links: { type: 'FeatureCollection' as const, features: [link('1', 10)] },
  };
  it('nothing when every layer is off (the default)', () => {
    expect(buildOperationalLayers(defaultLayersState, data)).toEqual([]);
  });
  it('visible layers in order with their opacity; links only with a selected project', () => {
    const state: LayersState = {
      ...structuredClone(defaultLayersState),
      visible: ['projects', 'pv', 'benefit-links'],
      opacity: { ...defaultLayersState.opacity, pv: 40 },
    };
    const layers = buildOperationalLayers(state, data).flat() as { id: string; props: { opacity: number } }[];
    expect(layers.map((l) => l.id)).toEqual(['op-pv', 'op-projects']);
    expect(layers[0].props.opacity).toBe(0.4);
    const withSel = buildOperationalLayers({ ...state, selected: { kind: 'project', code: 'A' } }, data).flat() as { id: string }[];
    expect(withSel.map((l) => l.id)).toEqual([
      'op-benefit-links-casing',
      'op-benefit-links-line',
      'op-benefit-links-village',
      'op-benefit-links-label',
      'op-pv',
      'op-projects',
    ]);
    const reordered = buildOperationalLayers(
      { ...state, order: ['projects', 'pv', 'benefit-links', 'households-areas', 'households-hex'] },
      data,
    ).flat() as { id: string }[];
    expect(reordered.map((l) => l.id)).toEqual(['op-projects', 'op-pv']);
  });
  it('one clustering for the visible point layers, handed to both', () => {
    const both: LayersState = { ...structuredClone(defaultLayersState), visible: ['projects', 'pv'] };
    const clusters = buildPointClusters(both, data)!;
    const view = clusters.at(22);
    expect([view.projects.length, view.pv.length]).toEqual([1, 1]);
    expect(buildPointClusters({ visible: ['pv'] }, data)!.at(22).projects).toEqual([]);
    expect(buildPointClusters({ visible: ['households-hex'] }, data)).toBeNull();
    const layers = buildOperationalLayers(both, { ...data, clusters }).flat() as unknown as { id: string; props: { clusters: unknown } }[];
    expect(layers.map((l) => l.props.clusters)).toEqual([clusters, clusters]);
  });
  it('a layer whose data is not loaded yet is left out', () => {
    const state: LayersState = { ...structuredClone(defaultLayersState), visible: ['households-hex'] };
    expect(buildOperationalLayers(state, data)).toEqual([]);
  });
});

describe('picking', () => {
  const cases = [
    {
      title: 'project point (sub-layer of the composite)',
      info: { layer: { id: 'op-projects' }, sourceLayer: { id: 'op-projects-features' }, object: project('P1') },
      expected: { kind: 'project', code: 'P1' },
    },
    {
      title: 'project cluster: ours, selects nothing',
      info: { layer: { id: 'op-projects' }, object: { kind: 'cluster', id: 1, count: 3, projects: 3, pv: 0, position: [0, 0] } },
      expected: null,
    },
    {
      title: 'PV cluster badge: ours, selects nothing',
      info: {
        layer: { id: 'op-pv' },
        sourceLayer: { id: 'op-pv-clusters' },
        object: { kind: 'cluster', id: 1, count: 3, projects: 1, pv: 2, position: [0, 0] },
      },
      expected: null,
    },
    { title: 'PV station', info: { layer: { id: 'op-pv' }, object: pvStation('V9') }, expected: { kind: 'pv', code: 'V9' } },
    {
      title: 'household hexagon: ours, selects nothing',
      info: { layer: { id: 'op-households-hex' }, object: { properties: { total: 5 } } },
      expected: null,
    },
    {
      title: 'region fill: not ours',
      info: { layer: { id: 'region-fill' }, object: { properties: { code: '411421' } } },
      expected: undefined,
    },
    { title: 'empty map: not ours', info: { layer: null, object: null }, expected: undefined },
  ];
  it.each(cases)('$title', ({ info, expected }) => expect(selectionOfPick(info as never)).toEqual(expected));
  const cluster = { kind: 'cluster', id: 7, count: 5, projects: 3, pv: 2, position: [115.6, 34.4] };
  const clusterPicks = [
    {
      title: 'project disc',
      info: { layer: { id: 'op-projects' }, sourceLayer: { id: 'op-projects-clusters-disc' }, object: cluster },
      expected: cluster,
    },
    { title: 'PV badge', info: { layer: { id: 'op-pv' }, sourceLayer: { id: 'op-pv-clusters' }, object: cluster }, expected: cluster },
    { title: 'a project', info: { layer: { id: 'op-projects' }, object: project('P1') }, expected: null },
    { title: 'not our layer', info: { layer: { id: 'region-fill' }, object: cluster }, expected: null },
  ];
  it.each(clusterPicks)('clusterOfPick: $title', ({ info, expected }) => expect(clusterOfPick(info as never)).toEqual(expected));
  it('cluster tooltips count both kinds and say a click zooms in', () => {
    expect(operationalTooltip({ layer: { id: 'op-projects' }, object: cluster } as never, 'zh')).toBe(
      '3 个项目、2 座光伏电站\n点击放大查看',
    );
    expect(operationalTooltip({ layer: { id: 'op-pv' }, object: { ...cluster, projects: 0, count: 2 } } as never, 'en')).toBe(
      '2 PV stations\nclick to zoom in',
    );
  });
  it('tooltips name the object in the language', () => {
    expect(operationalTooltip({ layer: { id: 'op-projects' }, object: project('P1', { overdue: true }) } as never, 'zh')).toBe(
      '项目P1\n养殖 · 开工 · 逾期未完工',
    );
    expect(operationalTooltip({ layer: { id: 'op-benefit-links-line' }, object: link('7', 12) } as never, 'en')).toBe('村7: 12 households');
    expect(operationalTooltip({ layer: { id: 'region-fill' }, object: {} } as never, 'zh')).toBeNull();
  });
});

describe('detail fund bars', () => {
  const cases = [
    { v: 50, max: 200, expected: 25 },
    { v: 300, max: 200, expected: 100 },
    { v: null, max: 200, expected: 0 },
    { v: 10, max: 0, expected: 0 },
    { v: -1, max: 10, expected: 0 },
  ];
  it.each(cases)('$v of $max → $expected%', ({ v, max, expected }) => expect(barWidthPct(v, max)).toBe(expected));
});
