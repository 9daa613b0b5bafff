/** The ledger's pure logic: area rows, the merge after a 409, the edit form's set and checks, sign-off marks, the list query. */
import { describe, expect, it } from 'vitest';
import type { MeasureValues } from '../../../../client/api/client.ts';
import { lagMark, mergeAreaRows } from '../../../../server/domain/area-ledger.ts';
import {
  changedSet,
  checksOf,
  createBody,
  crossChecks,
  fromForm,
  newProjectFields,
  newReportValues,
  nextReportDate,
  progressChecks,
  projectFields,
  type FieldSpec,
} from '../../../../client/features/ledger/edit-form.ts';
import { canEditCounty, canReadChanges, canSignCounty } from '../../../../client/features/ledger/ledger-access.ts';
import { defaultChoices, mergeRows, mergedSave, normalise } from '../../../../client/features/ledger/merge.ts';
import { initialListState, sortOrderOf, toQuery, withFilter, withSorter } from '../../../../client/features/ledger/project-query.ts';
import { countStates, markOf, periodOf, placeMarks, signoffOrder } from '../../../../client/features/ledger/signoff.ts';
import type { MeLike } from '../../../../client/features/account/permissions.ts';
import type { LayersState } from '../../../../client/features/layers/layers-state.ts';
import { anchorBounds, dockPadding, isCountyCode, selectProjectLayers } from '../../../../client/features/ledger/map-link.ts';
import { displayValue } from '../../../../client/features/ledger/display.ts';
import { translateLedger } from '../../../../client/features/ledger/ledger-i18n.ts';

const answer = (
  id: string,
  hasTarget: boolean,
  rows: [string, string, number | null, number, number | null][],
  total: [number, number | null, number | null],
  expected: number | null,
): MeasureValues =>
  ({
    measure: { id, hasTarget },
    level: 'county',
    parent: { code: '4114', name: '商丘市', level: 'city' },
    asOf: '2020-06-20',
    compareTo: null,
    expected,
    target: null,
    total: { numerator: total[0], denominator: total[1], value: total[2] },
    rankedCount: rows.length,
    rows: rows.map(([code, name, value, numerator, denominator]) => ({
      code,
      name,
      value,
      numerator,
      denominator,
      expected,
      lag: value === null || expected === null ? null : value - expected,
      status: value === null ? 'no_data' : 'on_track',
      rank: null,
    })),
  }) as unknown as MeasureValues;

describe('area rows', () => {
  const spend = answer(
    'spend_rate',
    true,
    [
      ['411481', '永城市', 40, 400, 1000],
      ['411421', '民权县', null, 0, 0],
    ],
    [400, 1000, 40],
    45,
  );
  const overdue = answer('overdue', false, [['411421', '民权县', 3, 3, null]], [3, null, 3], null);
  const { rows, total } = mergeAreaRows([spend, overdue]);
  it.each([
    ['rows in code order', () => rows.map((r) => r.code), ['411421', '411481']],
    ['money from the spending measure', () => [rows[1].totalWan, rows[1].spentWan], [1000, 400]],
    ['no data stays null, never 0 %', () => rows[0].cells.spend_rate?.value, null],
    ['a division missing from one answer has no cell', () => rows[1].cells.overdue, undefined],
    ['total lag against 序时进度, one decimal', () => total?.cells.spend_rate?.lag, -5],
    ['no lag for a measure without a target', () => total?.cells.overdue?.lag, null],
    ['total names the parent', () => [total?.code, total?.totalWan], ['4114', 1000]],
  ])('%s', (_, get, want) => expect(get()).toEqual(want));
  it('no answers, no rows', () => expect(mergeAreaRows([])).toEqual({ rows: [], total: null }));
  it.each([
    [5, '▲'],
    [-0.1, '▼'],
    [0, ''],
    [null, ''],
  ] as const)('lag %s is marked %s', (lag, mark) => expect(lagMark(lag)).toBe(mark));
});

describe('merge after a 409', () => {
  const base = { name: '东村道路', spentWan: 10, status: 'started', actualCompletion: null };
  const current = { name: '东村道路硬化', spentWan: 20, status: 'started', actualCompletion: null };
  const fields = ['name', 'spentWan', 'status', 'actualCompletion'];
  it.each([
    // [what, mine, expected rows (field, yoursChanged, theirsChanged, conflict)]
    [
      'only they changed',
      {},
      [
        ['name', false, true, false],
        ['spentWan', false, true, false],
      ],
    ],
    [
      'I changed another field',
      { status: 'completed' },
      [
        ['name', false, true, false],
        ['spentWan', false, true, false],
        ['status', true, false, false],
      ],
    ],
    [
      'both changed one field differently',
      { spentWan: 15 },
      [
        ['name', false, true, false],
        ['spentWan', true, true, true],
      ],
    ],
    [
      'both changed it the same way',
      { spentWan: '20' },
      [
        ['name', false, true, false],
        ['spentWan', true, true, false],
      ],
    ],
  ] as const)('%s', (_, mine, want) => {
    const rows = mergeRows(fields, base, mine, current);
    expect(rows.map((r) => [r.field, r.yoursChanged, r.theirsChanged, r.conflict])).toEqual(want);
  });

  it('keeps mine where only I changed, theirs otherwise; saves only what differs from the stored row', () => {
    const rows = mergeRows(fields, base, { status: 'completed', spentWan: 15 }, current);
    const choices = defaultChoices(rows);
    expect(choices).toEqual({ name: 'theirs', spentWan: 'theirs', status: 'yours' });
    expect(mergedSave(rows, choices, { version: 3, values: current })).toEqual({
      version: 3,
      set: { status: 'completed' },
      base: { status: 'started' },
    });
    expect(mergedSave(rows, { ...choices, spentWan: 'yours' }, { version: 3, values: current }).set).toEqual({
      status: 'completed',
      spentWan: 15,
    });
    expect(mergedSave(rows, { status: 'theirs' }, { version: 3, values: current }).set).toEqual({});
  });
  it.each([
    ['12.50', 12.5],
    ['', null],
    [undefined, null],
    ['东村', '东村'],
    [false, false],
  ] as const)('normalises %j to %j', (v, want) => expect(normalise(v)).toBe(want));
});

describe('edit form', () => {
  const spec = (name: string) => projectFields.find((f) => f.name === name) as FieldSpec;
  it.each([
    ['name', '  东村道路 ', '东村道路'],
    ['name', '   ', null],
    ['spentWan', '12.5', 12.5],
    ['spentWan', '', null],
    ['plannedStart', '', null],
    ['dividendRatePct', undefined, null],
  ] as const)('%s: %j from the form is %j', (name, raw, want) => expect(fromForm(spec(name), raw)).toBe(want));

  it('sends only the fields that changed', () => {
    const read = { name: '东村道路', spentWan: 10, plannedStart: null, status: 'started' };
    expect(changedSet(projectFields, read, { name: '东村道路', spentWan: '10', plannedStart: '', status: 'completed' })).toEqual({
      status: 'completed',
    });
    expect(changedSet(projectFields, read, { spentWan: 11, plannedStart: '2020-03-01' })).toEqual({
      spentWan: 11,
      plannedStart: '2020-03-01',
    });
  });

  it.each([
    ['poor above all', { householdsReached: 5, poorHouseholdsReached: 6 }, [['poorHouseholdsReached', 'error']]],
    ['completion before start', { actualStart: '2020-05-01', actualCompletion: '2020-04-30' }, [['actualCompletion', 'error']]],
    [
      'planned completion before planned start',
      { plannedStart: '2020-05-01', plannedCompletion: '2020-01-01' },
      [['plannedCompletion', 'error']],
    ],
    ['spent above total: a warning', { totalInvestmentWan: 10, spentWan: 12 }, [['spentWan', 'warning']]],
    ['fine', { householdsReached: 5, poorHouseholdsReached: 5, actualStart: '2020-05-01', actualCompletion: '2020-05-01' }, []],
  ] as const)('%s', (_, values, want) => expect(crossChecks(values).map((p) => [p.field, p.level])).toEqual(want));
});

describe('monthly report and new project forms', () => {
  it.each([
    { title: 'no report yet: today', reported: [], today: '2020-06-22', want: '2020-06-22' },
    { title: 'after a month end: the next month end', reported: ['2020-04-30', '2020-03-31'], today: '2020-06-22', want: '2020-05-31' },
    {
      title: 'after a mid-month cut-off: its own month end',
      reported: ['2020-05-31', '2020-06-20'],
      today: '2020-07-15',
      want: '2020-06-30',
    },
    { title: 'never after today', reported: ['2020-05-31', '2020-06-20'], today: '2020-06-22', want: '2020-06-22' },
    { title: 'December → January', reported: ['2020-12-31'], today: '2021-03-01', want: '2021-01-31' },
  ])('nextReportDate: $title', ({ reported, today, want }) => expect(nextReportDate(reported, today)).toBe(want));

  it('a new report starts from the latest one', () => {
    const history = [
      { asOf: '2020-05-31', status: 'started', arrangedWan: 80, disbursedWan: 50, spentWan: 20, physicalProgressPct: 30 },
      { asOf: '2020-04-30', status: 'approved', arrangedWan: 80, disbursedWan: 10, spentWan: 0, physicalProgressPct: 0 },
    ];
    expect(newReportValues(history, '2020-06-22')).toEqual({
      asOf: '2020-06-22',
      status: 'started',
      arrangedWan: 80,
      disbursedWan: 50,
      spentWan: 20,
      physicalProgressPct: 30,
    });
    expect(newReportValues([], '2020-06-22')).toMatchObject({ asOf: '2020-06-22', status: null, spentWan: null });
  });

  it.each([
    ['in order', { arrangedWan: 80, disbursedWan: 50, spentWan: 20 }, []],
    ['spent > disbursed', { arrangedWan: 80, disbursedWan: 50, spentWan: 60 }, [['spentWan', 'warning']]],
    ['disbursed > arranged', { arrangedWan: 40, disbursedWan: 50, spentWan: 20 }, [['disbursedWan', 'warning']]],
    ['missing values say nothing', { arrangedWan: null, disbursedWan: 50, spentWan: null }, []],
  ] as const)('progressChecks: %s', (_, values, want) => expect(progressChecks(values).map((p) => [p.field, p.level])).toEqual(want));

  it('checksOf picks the checks of what the form edits', () => {
    expect(checksOf('progress', { disbursedWan: 5, spentWan: 6 }).map((p) => p.key)).toEqual(['edit.spentLeDisbursed']);
    expect(checksOf('projects', { householdsReached: 1, poorHouseholdsReached: 2 }).map((p) => p.key)).toEqual(['edit.poorLeAll']);
    expect(checksOf('pv_stations', { disbursedWan: 5, spentWan: 6 })).toEqual([]);
  });

  it('createBody: values through fromForm, empty optional fields left out, the county added', () => {
    const body = createBody(
      newProjectFields,
      {
        code: ' MQ-N1 ',
        name: '西村大棚',
        year: 2020,
        villageCode: undefined,
        category: 'infrastructure',
        industryMode: null,
        totalInvestmentWan: '120',
        plannedStart: '',
      },
      { countyCode: '411421' },
    );
    expect(body).toEqual({
      code: 'MQ-N1',
      name: '西村大棚',
      year: 2020,
      category: 'infrastructure',
      totalInvestmentWan: 120,
      countyCode: '411421',
    });
  });
});

describe('who may do what', () => {
  const me = (role: string, countyCode: string | null, grants: [string, 'all' | 'own_county'][]): MeLike =>
    ({
      user: { role, countyCode },
      grants: grants.map(([permission, scope]) => ({ permission, scope })),
      anonymousRead: true,
    }) as unknown as MeLike;
  const admin = me('city_admin', null, [
    ['ledger:write', 'all'],
    ['audit:read', 'all'],
  ]);
  const minquan = me('county_editor', '411421', [
    ['ledger:write', 'own_county'],
    ['ledger:sign', 'own_county'],
  ]);
  const yongcheng = me('county_editor', '411481', [['ledger:write', 'own_county']]);
  const leader = me('leader', null, []);
  it.each([
    ['admin edits anywhere', canEditCounty(admin, '411421'), true],
    ['admin does not sign', canSignCounty(admin, '411421'), false],
    ['minquan edits its county', canEditCounty(minquan, '411421'), true],
    ['minquan not another', canEditCounty(minquan, '411481'), false],
    ['minquan signs its county', canSignCounty(minquan, '411421'), true],
    ['yongcheng may not sign', canSignCounty(yongcheng, '411481'), false],
    ['yongcheng reads its own log', canReadChanges(yongcheng, '411481'), true],
    ['yongcheng not minquan’s log', canReadChanges(yongcheng, '411421'), false],
    ['admin reads every log', canReadChanges(admin, '411481'), true],
    ['a leader reads no log', canReadChanges(leader, '411421'), false],
    ['nobody logged in', canEditCounty(null, '411421'), false],
  ])('%s', (_, got, want) => expect(got).toBe(want));
});

describe('sign-off', () => {
  it.each([
    ['2020-06-20', '2020-06'],
    [null, '2021-01'],
  ] as const)('period of %s is %s', (d, want) => expect(periodOf(d, '2021-01-15')).toBe(want));
  it.each([
    ['unsigned', 'mark.unsigned'],
    ['partial', 'mark.partial'],
    ['changed', 'mark.changed'],
    ['signed', null],
  ] as const)('a %s county is marked %s', (state, label) => expect(markOf(state)?.label ?? null).toBe(label));
  it('lists counties needing a signature first, and counts them', () => {
    const items = [
      { countyCode: '411421', state: 'signed' as const },
      { countyCode: '411481', state: 'unsigned' as const },
      { countyCode: '411499', state: 'changed' as const },
      { countyCode: '411403', state: 'unsigned' as const },
    ];
    expect(signoffOrder(items).map((i) => i.countyCode)).toEqual(['411499', '411403', '411481', '411421']);
    expect(countStates(items)).toEqual({ unsigned: 2, partial: 0, signed: 1, changed: 1 });
  });
});

describe('project list query', () => {
  it.each([
    ['defaults', initialListState, { sort: 'code', order: 'asc', page: '1', pageSize: '20' }],
    [
      'filters set, city area left out',
      { ...initialListState, area: '4114', q: ' 道路 ', status: 'started', overdue: true, asOf: '2020-06-20' },
      { sort: 'code', order: 'asc', page: '1', pageSize: '20', q: '道路', status: 'started', overdue: 'true', asOf: '2020-06-20' },
    ],
    [
      'a county',
      { ...initialListState, area: '411421', category: 'industry' },
      { sort: 'code', order: 'asc', page: '1', pageSize: '20', area: '411421', category: 'industry' },
    ],
  ] as const)('%s', (_, state, want) => expect(toQuery(state)).toEqual(want));

  it.each([
    ['rate', 'descend', { sort: 'spendRate', order: 'desc' }],
    ['total', 'ascend', { sort: 'total', order: 'asc' }],
    ['rate', null, { sort: 'code', order: 'asc' }],
    ['unknown', 'ascend', { sort: 'code', order: 'asc' }],
  ] as const)('sorter %s %s', (key, order, want) => {
    const s = withSorter({ ...initialListState, page: 4 }, key, order);
    expect({ sort: s.sort, order: s.order, page: s.page }).toEqual({ ...want, page: 1 });
  });
  it('a filter goes back to page 1; the sorted column shows its order', () => {
    expect(withFilter({ ...initialListState, page: 3 }, { q: 'x' }).page).toBe(1);
    const s = withSorter(initialListState, 'rate', 'descend');
    expect([sortOrderOf(s, 'rate'), sortOrderOf(s, 'total')]).toEqual(['descend', null]);
  });
});

describe('ledger ↔ map', () => {
  const layers = { visible: ['pv'], selected: null } as unknown as LayersState;
  it('selecting a project shows its layer once and selects it', () => {
    const once = selectProjectLayers(layers, 'P-1');
    expect(once.visible).toEqual(['pv', 'projects']);
    expect(once.selected).toEqual({ kind: 'project', code: 'P-1' });
    expect(selectProjectLayers(once, 'P-2').visible).toEqual(['pv', 'projects']);
  });
  it('a box around an anchor', () =>
    expect(anchorBounds([115, 34.5], 0.5)).toEqual([
      [114.5, 34],
      [115.5, 35],
    ]));
  it.each([
    [400, 900, 424],
    [0, 900, 48],
    [800, 900, 740],
  ] as const)('dock %i px over a %i px map: bottom padding %i', (dock, map, bottom) => expect(dockPadding(dock, map).bottom).toBe(bottom));
  it.each([
    ['411421', true],
    ['4114', false],
    ['411421100', false],
  ] as const)('%s is a county: %s', (code, want) => expect(isCountyCode(code)).toBe(want));
});

describe('values on screen', () => {
  const t = (k: Parameters<typeof translateLedger>[1]) => translateLedger('zh', k);
  it.each([
    ['status', 'completed', '完工'],
    ['responsibleLevel', 'county', '县级'],
    ['status', 'grid_connected', '并网'],
    ['spentWan', 1234.5, '1,234.50'],
    ['householdsReached', 12, '12'],
    ['registered', true, '是'],
    ['actualCompletion', null, '—'],
    ['name', '东村道路', '东村道路'],
  ] as const)('%s %j reads %s', (field, value, want) => expect(displayValue(field, value, t, 'zh')).toBe(want));
});

describe('marks on a crowded map', () => {
  const box = (code: string, x: number, state: 'unsigned' | 'partial' | 'changed') => ({ code, x, y: 100, width: 46, height: 24, state });
  it.each([
    ['apart: all', [box('a', 0, 'unsigned'), box('b', 100, 'unsigned')], ['a', 'b']],
    ['overlapping: the first by code', [box('b', 0, 'unsigned'), box('a', 20, 'unsigned')], ['a']],
    ['overlapping: the urgent one wins', [box('a', 0, 'unsigned'), box('b', 20, 'changed')], ['b']],
    ['one of two before unsigned', [box('a', 0, 'unsigned'), box('b', 20, 'partial'), box('c', 200, 'unsigned')], ['b', 'c']],
  ] as const)('%s', (_, boxes, want) => expect(placeMarks(boxes).map((b) => b.code)).toEqual(want));
});

describe('marks clear of the names', () => {
  it('a mark that would cover a county name is left out', () => {
    const name = { x: 30, y: 90, width: 60, height: 48 };
    const marks = [
      { code: 'a', x: 0, y: 100, width: 46, height: 24, state: 'changed' as const },
      { code: 'b', x: 200, y: 100, width: 46, height: 24, state: 'unsigned' as const },
    ];
    expect(placeMarks(marks, [name]).map((m) => m.code)).toEqual(['b']);
  });
});
