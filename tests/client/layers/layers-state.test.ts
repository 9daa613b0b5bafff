import { describe, expect, it } from 'vitest';
import {
  defaultLayersState,
  moveLayer,
  operationalLayerIds,
  parseLayersState,
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
  { title: 'opacity', state: state({ visible: ['projects'], opacity: { ...defaultLayersState.opacity, projects: 80 } }), query: 'ly=projects&op.projects=80' },
  { title: 'category filter', state: state({ projectFilters: { ...f, category: ['industry'] } }), query: 'pf.category=industry' },
  {
    title: 'all project filters',
    state: state({
      projectFilters: { year: 2020, category: ['industry', 'education'], mode: ['breeding'], status: ['started'], responsibleLevel: ['county'], fundingSource: ['central', 'bond'], overdue: true, signed: false },
    }),
    query: 'pf.year=2020&pf.category=industry%2Ceducation&pf.mode=breeding&pf.status=started&pf.level=county&pf.fund=central%2Cbond&pf.overdue=true&pf.signed=false',
  },
  { title: 'colour modes', state: state({ projectColor: 'status', pvColor: 'status' }), query: 'pc=status&vc=status' },
  { title: 'PV filters', state: state({ pvFilters: { type: ['village', 'household'], status: ['building'], registered: false } }), query: 'vf.type=village%2Chousehold&vf.status=building&vf.registered=false' },
  { title: 'household groups and labour, hex size', state: state({ householdGroups: ['lifted'], labour: ['none', 'weak'], hexSize: '5000' }), query: 'hg=lifted&hl=none%2Cweak&hx=5000' },
  { title: 'order changed', state: state({ order: ['projects', 'pv', 'benefit-links', 'households-areas', 'households-hex'] }), query: 'lo=projects%2Cpv%2Cbenefit-links%2Chouseholds-areas%2Chouseholds-hex' },
  { title: 'selected project', state: state({ selected: { kind: 'project', code: 'P411421-2020-0001' } }), query: 'lsel=p%3AP411421-2020-0001' },
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
    { title: 'unknown category dropped', query: 'pf.category=industry,<script>', expected: state({ projectFilters: { ...f, category: ['industry'] } }) },
    { title: 'duplicates collapse', query: 'pf.status=started,started', expected: state({ projectFilters: { ...f, status: ['started'] } }) },
    { title: 'opacity out of range', query: 'op.projects=250&op.pv=-5&op.households-hex=abc', expected: state({}) },
    { title: 'year not a year', query: 'pf.year=20x0', expected: state({}) },
    { title: 'year out of range', query: 'pf.year=1899', expected: state({}) },
    { title: 'bool not a bool', query: 'pf.overdue=yes&vf.registered=1', expected: state({}) },
    { title: 'colour mode unknown', query: 'pc=rainbow', expected: state({}) },
    { title: 'hex size not allowed', query: 'hx=1234', expected: state({}) },
    { title: 'no group left: defaults', query: 'hg=rich', expected: state({}) },
    { title: 'selection of unknown kind', query: 'lsel=x:P1', expected: state({}) },
    { title: 'selection with a bad code', query: 'lsel=p:../../etc', expected: state({}) },
    { title: 'partial order completed with the rest', query: 'lo=projects,bogus', expected: state({ order: ['projects', 'households-hex', 'households-areas', 'benefit-links', 'pv'] }) },
  ];
  it.each(bad)('bad input is ignored safely: $title', ({ query, expected }) => {
    expect(parseLayersState(new URLSearchParams(query))).toEqual(expected);
  });
});

describe('order and visibility helpers', () => {
  it('visibleInOrder follows the order, bottom first', () => {
    expect(visibleInOrder(state({ visible: ['projects', 'households-hex'] }))).toEqual(['households-hex', 'projects']);
  });
  const moves = [
    { title: 'pv up', id: 'pv' as const, dir: 'up' as const, order: ['households-hex', 'households-areas', 'benefit-links', 'projects', 'pv'] },
    { title: 'pv down', id: 'pv' as const, dir: 'down' as const, order: ['households-hex', 'households-areas', 'pv', 'benefit-links', 'projects'] },
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
