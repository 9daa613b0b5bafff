import { describe, expect, it } from 'vitest';
import { agendaSlides, viewProblem, viewQuery } from '../../../server/domain/agenda.ts';
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
