import { describe, expect, it } from 'vitest';
import { areaFilterView } from '../../../client/features/layers/layers-api.ts';
import {
  choroplethOpacity,
  canonicalLayersState,
  defaultLayersState,
  moveLayer,
  operationalLayerIds,
  parseLayersState,
  projectArea,
  setLayerVisible,
  visibleInOrder,
  writeLayersState,
  type LayersState,
} from '../../../client/features/layers/layers-state.ts';

const state = (patch: Partial<LayersState>): LayersState => ({ ...structuredClone(defaultLayersState), ...patch });
const f = defaultLayersState.projectFilters;

describe('defaultLayersState', () => {
  it('has every operational layer off, all five in the order, full filters open', () => {
    expect(defaultLayersState.visible).toEqual([]);
    expect([...defaultLayersState.order].sort()).toEqual([...operationalLayerIds].sort());
    expect(defaultLayersState.householdGroups).toEqual(['not_lifted', 'edge', 'monitored']);
    expect(defaultLayersState.selected).toBeNull();
  });
  it('writes no parameter at all', () => {
    const p = new URLSearchParams();
    writeLayersState(defaultLayersState, p);
    expect(p.toString()).toBe('');
  });
});

const roundTrips: { title: string; state: LayersState; query: string }[] = [
  { title: 'two layers on', state: state({ visible: ['pv', 'projects'] }), query: 'ly=pv%2Cprojects' },
  {
    title: 'opacity',
    state: state({ visible: ['projects'], opacity: { ...defaultLayersState.opacity, projects: 80 } }),
    query: 'ly=projects&op.projects=80',
  },
  { title: 'category filter', state: state({ projectFilters: { ...f, category: ['industry'] } }), query: 'pf.category=industry' },
  {
    title: 'all project filters',
    state: state({
      projectFilters: {
        area: '411421101',
        year: 2020,
        category: ['industry', 'education'],
        mode: ['breeding'],
        status: ['started'],
        responsibleLevel: ['county'],
        fundingSource: ['central', 'bond'],
        overdue: true,
        signed: false,
      },
    }),
    query:
      'pf.area=411421101&pf.year=2020&pf.category=industry%2Ceducation&pf.mode=breeding&pf.status=started&pf.level=county&pf.fund=central%2Cbond&pf.overdue=true&pf.signed=false',
  },
  { title: 'county filter', state: state({ projectFilters: { ...f, area: '411421' } }), query: 'pf.area=411421' },
  { title: 'colour modes', state: state({ projectColor: 'status', pvColor: 'status' }), query: 'pc=status&vc=status' },
  {
    title: 'PV filters',
    state: state({ pvFilters: { type: ['village', 'household'], status: ['building'], registered: false } }),
    query: 'vf.type=village%2Chousehold&vf.status=building&vf.registered=false',
  },
  {
    title: 'household groups and labour, hex size',
    state: state({ householdGroups: ['lifted'], labour: ['none', 'weak'], hexSize: '5000' }),
    query: 'hg=lifted&hl=none%2Cweak&hx=5000',
  },
  {
    title: 'order changed',
    state: state({ order: ['projects', 'pv', 'benefit-links', 'households-areas', 'households-hex'] }),
    query: 'lo=projects%2Cpv%2Cbenefit-links%2Chouseholds-areas%2Chouseholds-hex',
  },
  {
    title: 'selected project',
    state: state({ selected: { kind: 'project', code: 'P411421-2020-0001' } }),
    query: 'lsel=p%3AP411421-2020-0001',
  },
  { title: 'selected PV station', state: state({ selected: { kind: 'pv', code: 'PV411421-0001' } }), query: 'lsel=v%3APV411421-0001' },
  { title: 'opacity 0 is kept', state: state({ opacity: { ...defaultLayersState.opacity, pv: 0 } }), query: 'op.pv=0' },
];

describe('writeLayersState / parseLayersState', () => {
  it.each(roundTrips)('round trip: $title', ({ state: s, query }) => {
    const p = new URLSearchParams();
    writeLayersState(s, p);
    expect(p.toString()).toBe(query);
    expect(parseLayersState(new URLSearchParams(query))).toEqual(s);
  });

  it('leaves other view parameters alone and replaces its own', () => {
    const p = new URLSearchParams('lang=en&sel=411421&ly=pv&op.pv=10&pf.year=2019');
    writeLayersState(state({ visible: ['projects'] }), p);
    expect(p.toString()).toBe('lang=en&sel=411421&ly=projects');
  });

  const bad: { title: string; query: string; expected: LayersState }[] = [
    { title: 'unknown layer dropped', query: 'ly=projects,roads,,pv', expected: state({ visible: ['pv', 'projects'] }) },
    {
      title: 'unknown category dropped',
      query: 'pf.category=industry,<script>',
      expected: state({ projectFilters: { ...f, category: ['industry'] } }),
    },
    {
      title: 'duplicates collapse',
      query: 'pf.status=started,started',
      expected: state({ projectFilters: { ...f, status: ['started'] } }),
    },
    { title: 'opacity out of range', query: 'op.projects=250&op.pv=-5&op.households-hex=abc', expected: state({}) },
    { title: 'year not a year', query: 'pf.year=20x0', expected: state({}) },
    { title: 'area filter not a county or township code', query: 'pf.area=4114', expected: state({}) },
    { title: 'area filter with junk', query: 'pf.area=411421;drop', expected: state({}) },
    { title: 'year out of range', query: 'pf.year=1899', expected: state({}) },
    { title: 'bool not a bool', query: 'pf.overdue=yes&vf.registered=1', expected: state({}) },
    { title: 'colour mode unknown', query: 'pc=rainbow', expected: state({}) },
    { title: 'hex size not allowed', query: 'hx=1234', expected: state({}) },
    { title: 'no group left: defaults', query: 'hg=rich', expected: state({}) },
    { title: 'selection of unknown kind', query: 'lsel=x:P1', expected: state({}) },
    { title: 'selection with a bad code', query: 'lsel=p:../../etc', expected: state({}) },
    {
      title: 'partial order completed with the rest',
      query: 'lo=projects,bogus',
      expected: state({ order: ['projects', 'households-hex', 'households-areas', 'benefit-links', 'pv'] }),
    },
  ];
  it.each(bad)('bad input is ignored safely: $title', ({ query, expected }) => {
    expect(parseLayersState(new URLSearchParams(query))).toEqual(expected);
  });
});

describe('canonicalLayersState: the state as its URL reads it back', () => {
  const cases: { title: string; given: LayersState; expected: LayersState }[] = [
    {
      title: 'already canonical: unchanged',
      given: state({ visible: ['households-hex', 'pv'] }),
      expected: state({ visible: ['households-hex', 'pv'] }),
    },
    {
      title: 'visible layers in their canonical order',
      given: state({ visible: ['benefit-links', 'households-hex'] }),
      expected: state({ visible: ['households-hex', 'benefit-links'] }),
    },
    {
      title: 'filter lists in the order of their enum (as picked in a multi-select)',
      given: state({ projectFilters: { ...f, category: ['education', 'industry'] } }),
      expected: state({ projectFilters: { ...f, category: ['industry', 'education'] } }),
    },
    { title: 'duplicate values once', given: state({ visible: ['pv', 'pv'] }), expected: state({ visible: ['pv'] }) },
    {
      title: 'opacity rounded and clamped',
      given: state({ opacity: { ...defaultLayersState.opacity, pv: 47.6, projects: 140 } }),
      expected: state({ opacity: { ...defaultLayersState.opacity, pv: 48, projects: 100 } }),
    },
    {
      title: 'groups in their order',
      given: state({ householdGroups: ['monitored', 'not_lifted'] }),
      expected: state({ householdGroups: ['not_lifted', 'monitored'] }),
    },
  ];
  it.each(cases)('$title', ({ given, expected }) => {
    const c = canonicalLayersState(given);
    expect(c).toEqual(expected);
    const p = new URLSearchParams();
    writeLayersState(c, p);
    expect(parseLayersState(p)).toEqual(c);
  });
  it('a layer switched off and on again is the same state, and the same URL', () => {
    const start = canonicalLayersState(
      state({
        visible: ['households-hex', 'households-areas', 'pv'],
        opacity: { ...defaultLayersState.opacity, 'households-hex': 70 },
        hexSize: '5000',
      }),
    );
    const off = canonicalLayersState(setLayerVisible(start, 'households-hex', false));
    const on = canonicalLayersState(setLayerVisible(off, 'households-hex', true));
    expect(on).toEqual(start);
    const [a, b] = [new URLSearchParams(), new URLSearchParams()];
    writeLayersState(start, a);
    writeLayersState(on, b);
    expect(b.toString()).toBe(a.toString());
  });
});

describe('projects area filter', () => {
  const areas = [
    { title: 'no filter: the map area', map: '4114', filter: null, expected: '4114' },
    { title: 'county inside the city', map: '4114', filter: '411421', expected: '411421' },
    { title: 'township inside the county on the map', map: '411421', filter: '411421101', expected: '411421101' },
    { title: 'filter outside the map area: ignored', map: '411422', filter: '411421101', expected: '411422' },
    { title: 'map deeper than the filter: the map', map: '411421101', filter: '411421', expected: '411421101' },
    { title: 'same as the map', map: '411421', filter: '411421', expected: '411421' },
  ];
  it.each(areas)('projectArea: $title', ({ map, filter, expected }) => expect(projectArea(map, filter)).toBe(expected));

  const views = [
    {
      title: 'city, nothing chosen',
      map: '4114',
      filter: null,
      expected: { county: null, township: null, countyFixed: false, townshipFixed: false },
    },
    {
      title: 'city, county chosen',
      map: '4114',
      filter: '411421',
      expected: { county: '411421', township: null, countyFixed: false, townshipFixed: false },
    },
    {
      title: 'city, township chosen',
      map: '4114',
      filter: '411421101',
      expected: { county: '411421', township: '411421101', countyFixed: false, townshipFixed: false },
    },
    {
      title: 'county on the map: county fixed',
      map: '411421',
      filter: null,
      expected: { county: '411421', township: null, countyFixed: true, townshipFixed: false },
    },
    {
      title: 'county on the map, other county filtered: the map wins',
      map: '411421',
      filter: '411422',
      expected: { county: '411421', township: null, countyFixed: true, townshipFixed: false },
    },
    {
      title: 'township on the map: both fixed',
      map: '411421101',
      filter: null,
      expected: { county: '411421', township: '411421101', countyFixed: true, townshipFixed: true },
    },
  ];
  it.each(views)('areaFilterView: $title', ({ map, filter, expected }) => expect(areaFilterView(map, filter)).toEqual(expected));
});

describe('order and visibility helpers', () => {
  it('visibleInOrder follows the order, bottom first', () => {
    expect(visibleInOrder(state({ visible: ['projects', 'households-hex'] }))).toEqual(['households-hex', 'projects']);
  });
  const moves = [
    {
      title: 'pv up',
      id: 'pv' as const,
      dir: 'up' as const,
      order: ['households-hex', 'households-areas', 'benefit-links', 'projects', 'pv'],
    },
    {
      title: 'pv down',
      id: 'pv' as const,
      dir: 'down' as const,
      order: ['households-hex', 'households-areas', 'pv', 'benefit-links', 'projects'],
    },
    { title: 'top stays', id: 'projects' as const, dir: 'up' as const, order: [...defaultLayersState.order] },
    { title: 'bottom stays', id: 'households-hex' as const, dir: 'down' as const, order: [...defaultLayersState.order] },
  ];
  it.each(moves)('moveLayer: $title', ({ id, dir, order }) => {
    expect(moveLayer(defaultLayersState, id, dir).order).toEqual(order);
  });
  it('setLayerVisible adds once and removes', () => {
    const on = setLayerVisible(setLayerVisible(defaultLayersState, 'pv', true), 'pv', true);
    expect(on.visible).toEqual(['pv']);
    expect(setLayerVisible(on, 'pv', false).visible).toEqual([]);
  });
});

describe('choroplethOpacity', () => {
  const cases = [
    { visible: [], expected: 1 },
    { visible: ['projects', 'pv'], expected: 1 },
    { visible: ['households-areas'], expected: 1 },
    { visible: ['households-hex'], expected: 0.15 },
    { visible: ['projects', 'households-hex'], expected: 0.15 },
  ] as const;
  for (const c of cases)
    it(`${c.visible.join('+') || 'no layers'} → ${c.expected}`, () =>
      expect(choroplethOpacity({ visible: [...c.visible] })).toBe(c.expected));
});
