import { describe, expect, it } from 'vitest';
import { followupLines } from '../../../../client/features/meeting/followup-slide.ts';
import { followupSlide } from '../../../../server/domain/agenda.ts';
import { getMeasure } from '../../../../server/domain/measures.ts';

const item = {
  countyName: '民权县',
  areaName: '民权县',
  title: '光伏电站纳入系统完成率仅50%',
  responsibleUnit: '民权县扶贫办',
  deadline: '2020-06-30',
  meetingDate: '2020-06-22',
  responses: [{ progress: '已录入6座' }],
};

describe('the agenda’s follow-up slide', () => {
  it('lists the items as the server writes them, overdue ones marked, numbering left to the list', () => {
    const slide = followupSlide(
      [
        { ...item, state: 'overdue', daysOverdue: 3 },
        { ...item, countyName: '夏邑县', areaName: '会亭镇', title: '资金支出滞后', state: 'open', daysOverdue: null, responses: [] },
      ],
      getMeasure('spend_rate'),
      { code: '4114' },
      '2020-06-20',
    );
    expect(slide.title).toBe('上次调度会督办事项：2项未办结，其中1项超期');
    expect(followupLines(slide)).toEqual([
      {
        text: '【民权县】光伏电站纳入系统完成率仅50%（责任单位：民权县扶贫办；期限：2020年6月30日，已超期3天）最新进展：已录入6座',
        overdue: true,
      },
      { text: '【夏邑县会亭镇】资金支出滞后（责任单位：民权县扶贫办；期限：2020年6月30日）尚未报送进展', overdue: false },
    ]);
  });

  it('is not a follow-up slide without fu=1 or without notes', () => {
    expect(followupLines({ view: '?m=spend_rate&area=4114', notes: '1. 某事' })).toBeNull();
    expect(followupLines({ view: '?m=spend_rate&area=4114&fu=1', notes: '  ' })).toBeNull();
  });
});
