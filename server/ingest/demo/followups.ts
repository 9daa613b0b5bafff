/**
 * Follow-up items (督办事项) of the demo (演示数据): what the 4th dispatch meeting (2020-06-22) gave to
 * the counties after the speech — PV registration at 50 %, 夏邑县's spending, "interest" instead of
 * dividends — with the counties' answers and one item the city office has closed. Generated, like
 * everything in the demo.
 */
const meeting = '2020-06-22';
const recorded = '2020-06-22T09:30:00+08:00';

export interface DemoFollowup {
  title: string;
  detail: string;
  areaCode: string;
  countyCode: string;
  responsibleUnit: string;
  deadline: string;
  doneCriteria: string;
  meetingDate: string;
  createdAt: Date;
  closed?: { at: Date; note: string };
  responses: { at: Date; author: string; progress: string; report: string }[];
}

const demoNote = '（演示数据）';
const at = (iso: string) => new Date(iso);

export const demoFollowups: DemoFollowup[] = [
  {
    title: '光伏电站纳入全国扶贫信息系统完成率仅50%',
    detail: `第四次调度会通报：永城市光伏扶贫电站纳入全国扶贫信息系统完成率50%，全市最低。${demoNote}`,
    areaCode: '411481',
    countyCode: '411481',
    responsibleUnit: '永城市扶贫办',
    deadline: '2020-06-30',
    doneCriteria: '全市光伏扶贫电站全部纳入全国扶贫信息系统，收益分配信息录入完整',
    meetingDate: meeting,
    createdAt: at(recorded),
    responses: [
      {
        at: at('2020-06-29T17:10:00+08:00'),
        author: '永城市扶贫办',
        progress: '已录入4座，剩余4座待乡镇核实并网资料',
        report: '已逐站核对并网验收资料，4座村级电站因并网时间与台账不一致需乡镇重新出具证明。',
      },
    ],
  },
  {
    title: '光伏电站纳入全国扶贫信息系统完成率仅50%',
    detail: `第四次调度会通报：民权县光伏扶贫电站纳入系统完成率50%。${demoNote}`,
    areaCode: '411421',
    countyCode: '411421',
    responsibleUnit: '民权县扶贫办',
    deadline: '2020-06-30',
    doneCriteria: '全县光伏扶贫电站全部纳入全国扶贫信息系统',
    meetingDate: meeting,
    createdAt: at(recorded),
    closed: { at: at('2020-07-02T10:00:00+08:00'), note: '经市扶贫办核查，全县电站已全部纳入系统，予以办结。' },
    responses: [
      {
        at: at('2020-06-30T16:40:00+08:00'),
        author: '民权县扶贫办',
        progress: '全县电站已全部录入系统',
        report: '6月24日至30日集中录入，全部电站信息已在全国扶贫开发信息系统中核实。',
      },
    ],
  },
  {
    title: '资金支出进度全市最低，落后序时进度20个百分点以上',
    detail: `夏邑县财政专项扶贫资金支出进度约30%，明显滞后。${demoNote}`,
    areaCode: '411426',
    countyCode: '411426',
    responsibleUnit: '夏邑县财政局、夏邑县扶贫办',
    deadline: '2020-07-20',
    doneCriteria: '资金支出进度达到序时进度，已完工项目全部报账',
    meetingDate: meeting,
    createdAt: at(recorded),
    responses: [],
  },
  {
    title: '资产收益项目以固定“利息”代替分红，低于最低分红比例',
    detail: `柘城县部分产业项目按固定利息支付收益，不符合资产收益扶贫要求。${demoNote}`,
    areaCode: '411424',
    countyCode: '411424',
    responsibleUnit: '柘城县扶贫办',
    deadline: '2020-07-31',
    doneCriteria: '相关项目改签分红协议，按不低于最低分红比例分红并公示',
    meetingDate: meeting,
    createdAt: at(recorded),
    responses: [
      {
        at: at('2020-07-15T11:20:00+08:00'),
        author: '柘城县扶贫办',
        progress: '已与5家经营主体重新签订分红协议，3家正在协商',
        report: '',
      },
    ],
  },
  {
    title: '资产收益项目以固定“利息”代替分红',
    detail: `睢县部分产业项目收益按固定利息支付。${demoNote}`,
    areaCode: '411422',
    countyCode: '411422',
    responsibleUnit: '睢县扶贫办',
    deadline: '2020-07-31',
    doneCriteria: '相关项目改签分红协议，按不低于最低分红比例分红并公示',
    meetingDate: meeting,
    createdAt: at(recorded),
    responses: [],
  },
];
