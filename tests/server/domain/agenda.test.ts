import { describe, expect, it } from 'vitest';
import {
  agendaSlides,
  childLevel,
  followupSlide,
  viewProblem,
  viewQuery,
  viewRefs,
  type AgendaFollowup,
} from '../../../server/domain/agenda.ts';
import { getMeasure } from '../../../server/domain/measures.ts';

describe('agenda and saved views', () => {
  it.each([
    { v: { measure: 'spend_rate' as const, area: '4114', asOf: '2020-06-20' }, q: '?level=county&area=4114&m=spend_rate&asOf=2020-06-20' },
    {
      v: { measure: 'pv_registration' as const, area: '411421', asOf: '2020-06-20' },
      q: '?level=township&area=411421&m=pv_registration&asOf=2020-06-20',
    },
    {
      v: { measure: 'overdue' as const, area: '411421101', asOf: '2020-05-31', selected: '411421101201' },
      q: '?level=village&area=411421101&sel=411421101201&m=overdue&asOf=2020-05-31',
    },
  ])('writes the view $q', ({ v, q }) => expect(viewQuery(v)).toBe(q));

  it.each([
    { view: '?m=spend_rate&area=411421', problem: null },
    { view: '', problem: null },
    { view: '?m=gone', problem: 'measure "gone" no longer exists' },
    { view: '?area=419999&sel=411421', problem: 'area 419999 no longer exists' },
  ])('finds what is wrong with $view', ({ view, problem }) => expect(viewProblem(view, new Set(['4114', '411421']))).toBe(problem));

  it('puts the overview first, then the lagging units worst first (ties by code), zoomed to each', () => {
    const rows = [
      { code: '411402', name: '梁园区', value: 60, lag: 8.7, status: 'ahead' },
      { code: '411426', name: '夏邑县', value: 30, lag: -21.34, status: 'lagging' },
      { code: '411424', name: '柘城县', value: 35, lag: -16.3, status: 'lagging' },
      { code: '411421', name: '民权县', value: 35, lag: -16.3, status: 'lagging' },
      { code: '411422', name: '睢县', value: 48, lag: -3.3, status: 'on_track' },
      { code: '411423', name: '宁陵县', value: null, lag: null, status: 'no_data' },
    ];
    const slides = agendaSlides(getMeasure('spend_rate'), { code: '4114', name: '商丘市' }, rows, '2020-06-20');
    expect(slides).toEqual([
      { title: '商丘市资金支出进度（数据截至2020年6月20日）', view: '?level=county&area=4114&m=spend_rate&asOf=2020-06-20' },
      { title: '夏邑县：资金支出进度30.0%，落后21.3个百分点', view: '?level=township&area=411426&m=spend_rate&asOf=2020-06-20' },
      { title: '民权县：资金支出进度35.0%，落后16.3个百分点', view: '?level=township&area=411421&m=spend_rate&asOf=2020-06-20' },
      { title: '柘城县：资金支出进度35.0%，落后16.3个百分点', view: '?level=township&area=411424&m=spend_rate&asOf=2020-06-20' },
    ]);
  });

  it('an agenda with nobody lagging is the overview alone', () => {
    expect(agendaSlides(getMeasure('spend_rate'), { code: '4114', name: '商丘市' }, [], '2020-06-20')).toHaveLength(1);
  });
});

describe('the level under an area and what a saved view refers to', () => {
  it.each([
    { area: '4114', level: 'county' },
    { area: '411421', level: 'township' },
    { area: '411421101', level: 'village' },
  ])('draws the divisions under $area as $level', ({ area, level }) => {
    expect(viewQuery({ measure: 'spend_rate', area, asOf: '2020-06-20' })).toBe(
      `?level=${level}&area=${area}&m=spend_rate&asOf=2020-06-20`,
    );
  });
  it.each([
    { area: '41', why: 'a province' },
    { area: '41142110120', why: 'eleven digits' },
    { area: '411421101201', why: 'a village has no divisions' },
  ])('knows no level under $area ($why)', ({ area }) => expect(childLevel(area)).toBeNull());
  it.each([
    { area: '4114', level: 'county' },
    { area: '411421', level: 'township' },
    { area: '411421101', level: 'village' },
  ])('the divisions under $area are of level $level', ({ area, level }) => expect(childLevel(area)).toBe(level));
  it('draws county-level divisions under a code of unknown length', () => {
    expect(viewQuery({ measure: 'spend_rate', area: '41', asOf: '2020-06-20' })).toBe('?level=county&area=41&m=spend_rate&asOf=2020-06-20');
  });
  it('opens the follow-up list only when asked', () => {
    expect(viewQuery({ measure: 'spend_rate', area: '4114', asOf: '2020-06-20', followups: true })).toBe(
      '?level=county&area=4114&m=spend_rate&asOf=2020-06-20&fu=1',
    );
    expect(viewQuery({ measure: 'spend_rate', area: '4114', asOf: '2020-06-20', followups: false })).not.toContain('fu=');
  });
  it.each([
    { view: '?m=spend_rate&area=4114&sel=411421', refs: { measure: 'spend_rate', codes: ['4114', '411421'] } },
    { view: '?area=4114', refs: { measure: null, codes: ['4114'] } },
    { view: '?m=overdue&sel=', refs: { measure: 'overdue', codes: [] } },
  ])('reads the measure and areas of $view', ({ view, refs }) => expect(viewRefs(view)).toEqual(refs));
  it.each([
    { view: '?m=spend_rate&area=4114&sel=411499', problem: 'area 411499 no longer exists' },
    { view: '?m=spend_rate&area=4199&sel=411499', problem: 'area 4199, 411499 no longer exists' },
  ])('names every area that is gone: $view', ({ view, problem }) => expect(viewProblem(view, new Set(['4114', '411421']))).toBe(problem));
});

describe('agenda of a "should be zero" measure', () => {
  it('orders by value, most overdue first, and says no points behind', () => {
    const rows = [
      { code: '411402', name: '梁园区', value: 0, lag: null, status: 'on_track' },
      { code: '411403', name: '睢阳区', value: 10, lag: null, status: 'lagging' },
      { code: '411421', name: '民权县', value: 30, lag: null, status: 'lagging' },
      { code: '411422', name: '睢县', value: 10, lag: null, status: 'lagging' },
    ];
    expect(agendaSlides(getMeasure('overdue'), { code: '4114', name: '商丘市' }, rows, '2020-06-20').map((s) => s.title)).toEqual([
      '商丘市逾期项目占比（数据截至2020年6月20日）',
      '民权县：逾期项目占比30.0%',
      '睢阳区：逾期项目占比10.0%',
      '睢县：逾期项目占比10.0%',
    ]);
  });
  it('leaves out a lagging row without a value', () => {
    const rows = [{ code: '411403', name: '睢阳区', value: null, lag: null, status: 'lagging' }];
    expect(agendaSlides(getMeasure('spend_rate'), { code: '4114', name: '商丘市' }, rows, '2020-06-20')).toHaveLength(1);
  });
});

describe('the follow-up slide that opens the next meeting', () => {
  const item = (over: Partial<AgendaFollowup>): AgendaFollowup => ({
    countyName: '民权县',
    areaName: null,
    title: '加快资金支出',
    responsibleUnit: '县财政局',
    deadline: '2020-07-15',
    state: 'open',
    daysOverdue: null,
    meetingDate: '2020-06-22',
    responses: [],
    ...over,
  });
  const slide = (items: AgendaFollowup[]) => followupSlide(items, getMeasure('spend_rate'), { code: '4114' }, '2020-06-20');

  it.each([
    {
      title: 'an open item without progress',
      items: [item({})],
      head: '上次调度会督办事项：1项未办结',
      notes: '1. 【民权县】加快资金支出（责任单位：县财政局；期限：2020年7月15日）尚未报送进展',
    },
    {
      title: 'an overdue item in a township, with its latest progress',
      items: [
        item({
          areaName: '北关镇',
          state: 'overdue',
          daysOverdue: 3,
          responses: [{ progress: '已拨付三成' }, { progress: '已拨付一半' }, { progress: '已全部拨付' }],
        }),
        item({ countyName: '睢县', areaName: '睢县', title: '项目开工' }),
      ],
      head: '上次调度会督办事项：2项未办结，其中1项超期',
      notes:
        '1. 【民权县北关镇】加快资金支出（责任单位：县财政局；期限：2020年7月15日，已超期3天）最新进展：已全部拨付\n' +
        '2. 【睢县】项目开工（责任单位：县财政局；期限：2020年7月15日）尚未报送进展',
    },
  ])('$title', ({ items, head, notes }) => {
    const s = slide(items);
    expect(s.title).toBe(head);
    expect(s.notes).toBe(notes);
    expect(s.view).toBe('?level=county&area=4114&m=spend_rate&asOf=2020-06-20&fu=1');
  });

  it.each([
    { n: 12, lines: 12, rest: null },
    { n: 13, lines: 13, rest: '另有1项，见督办面板。' },
    { n: 20, lines: 13, rest: '另有8项，见督办面板。' },
  ])('writes out at most twelve of $n items and counts the rest', ({ n, lines, rest }) => {
    const notes = slide(Array.from({ length: n }, (_, i) => item({ title: `事项${i + 1}` }))).notes.split('\n');
    expect(notes).toHaveLength(lines);
    expect(notes[11]).toMatch(/^12\. 【民权县】事项12（/);
    expect(notes.length > 12 ? notes[12] : null).toBe(rest);
  });

  it('cuts the notes to what a slide may hold (4,000 characters), first items first', () => {
    const long = slide(Array.from({ length: 12 }, (_, i) => item({ title: `${i + 1}`.padEnd(400, '长') })));
    expect(long.notes).toHaveLength(4000);
    expect(long.notes.startsWith('1. 【民权县】1长')).toBe(true);
  });
});
