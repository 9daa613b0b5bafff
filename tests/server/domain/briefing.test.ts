/**
 * The briefing (通报) on crafted rankings: every expected sentence is written out in full, so a
 * change of wording shows here first. Rows go through evaluateMeasure as on the server.
 */
import { describe, expect, it } from 'vitest';
import { briefingFacts, briefingSentences, type BriefingInput } from '../../../server/domain/briefing.ts';
import { evaluateMeasure } from '../../../server/domain/evaluate.ts';
import { getMeasure, measureValue, type MeasureId } from '../../../server/domain/measures.ts';
import { expectedPct, type TargetConfig } from '../../../server/domain/time-target.ts';

const linear: TargetConfig = { windowStart: '2020-01-01', basicCompletion: '2020-09-30', fullCompletion: '2020-11-30', method: 'linear' };
/** PV registration: 100 % due from the start of the year. */
const fixed100: TargetConfig = { ...linear, milestones: [{ date: '2020-01-01', valuePct: 100 }] };

interface Unit {
  code: string;
  name: string;
  num: number;
  den: number;
  prevNum?: number;
  prevDen?: number;
}

function input(
  id: MeasureId,
  units: Unit[],
  opts: {
    target?: TargetConfig;
    kind?: 'schedule' | 'fixed';
    scope?: BriefingInput['scope'];
    level?: BriefingInput['level'];
    compareTo?: string;
  },
): BriefingInput {
  const measure = getMeasure(id);
  const asOf = '2020-06-20';
  const rows = evaluateMeasure(
    measure,
    units.map((u) => ({ code: u.code, name: u.name, numerator: u.num, denominator: u.den })),
    { asOf, target: opts.target },
  );
  const num = units.reduce((s, u) => s + u.num, 0);
  const den = units.reduce((s, u) => s + u.den, 0);
  const prevNum = units.reduce((s, u) => s + (u.prevNum ?? 0), 0);
  const prevDen = units.reduce((s, u) => s + (u.prevDen ?? 0), 0);
  return {
    measure,
    asOf,
    compareTo: opts.compareTo ?? null,
    scope: opts.scope ?? { code: '4114', name: '商丘市', level: 'city' },
    level: opts.level ?? 'county',
    total: { numerator: num, denominator: den, value: measureValue(measure, num, den) },
    previousTotal: opts.compareTo ? measureValue(measure, prevNum, prevDen) : null,
    expected: opts.target ? expectedPct(asOf, opts.target) : null,
    expectedKind: opts.kind ?? 'schedule',
    rows: rows.map((r, i) => ({
      ...r,
      previousValue: units[i].prevDen !== undefined ? measureValue(measure, units[i].prevNum ?? null, units[i].prevDen) : null,
    })),
  };
}

// The speech's PV picture: four units at 100 %, four at 50 %, three between; target 100 % now.
const pvCounties: Unit[] = [
  { code: '411402', name: '梁园区', num: 8, den: 8 },
  { code: '411403', name: '睢阳区', num: 6, den: 6 },
  { code: '411421', name: '民权县', num: 5, den: 10 },
  { code: '411422', name: '睢县', num: 7, den: 10 },
  { code: '411423', name: '宁陵县', num: 10, den: 10 },
  { code: '411424', name: '柘城县', num: 4, den: 8 },
  { code: '411425', name: '虞城县', num: 9, den: 10 },
  { code: '411426', name: '夏邑县', num: 6, den: 12 },
  { code: '411481', name: '永城市', num: 10, den: 20 },
  { code: '411471', name: '物流集聚区', num: 3, den: 4 },
  { code: '411472', name: '示范区', num: 4, den: 4 },
];

// A county's townships, spending against 序时进度 (51.3 %), with the previous meeting's figures.
const townships: Unit[] = [
  { code: '411421001', name: '北关镇', num: 60, den: 100, prevNum: 50, prevDen: 100 },
  { code: '411421002', name: '城关镇', num: 55, den: 100, prevNum: 50, prevDen: 100 },
  { code: '411421003', name: '人和镇', num: 40, den: 100, prevNum: 38, prevDen: 100 },
  { code: '411421004', name: '龙塘镇', num: 40, den: 100, prevNum: 41, prevDen: 100 },
  { code: '411421005', name: '老颜集乡', num: 30, den: 100, prevNum: 28, prevDen: 100 },
  { code: '411421006', name: '王庄寨镇', num: 20, den: 100, prevNum: 15, prevDen: 100 },
  { code: '411421007', name: '孙六镇', num: 0, den: 0, prevNum: 0, prevDen: 0 },
];

const cases: { title: string; input: BriefingInput; zh: string[]; en?: string[] }[] = [
  {
    title: 'the speech: ties at both ends, fixed 100 % target',
    input: input('pv_registration', pvCounties, { target: fixed100, kind: 'fixed' }),
    zh: [
      '截至2020年6月20日，全市102座光伏电站纳入全国扶贫信息系统的有72座，完成率为70.6%，目标为100.0%，落后29.4个百分点。',
      '完成较好的是梁园区、睢阳区、宁陵县、示范区，完成率都是100.0%；完成较差的是民权县、柘城县、夏邑县、永城市，完成率都是50.0%。',
      '落后目标超过5个百分点的县（市、区）有7个：民权县（落后50.0个百分点）、柘城县（落后50.0个百分点）、夏邑县（落后50.0个百分点）、' +
        '永城市（落后50.0个百分点）、睢县（落后30.0个百分点）、物流集聚区（落后25.0个百分点）、虞城县（落后10.0个百分点）。',
    ],
    en: [
      'As of 2020-06-20, PV stations registered in the city: 70.6% (72 stations of 102 stations), against the target of 100.0%, 29.4 pts behind.',
      'Best: 梁园区, 睢阳区, 宁陵县 and 示范区 (100.0% each); worst: 民权县, 柘城县, 夏邑县 and 永城市 (50.0% each).',
      '7 county-level units lag the target by more than 5 pts: 民权县 (50.0 pts behind), 柘城县 (50.0 pts behind), 夏邑县 (50.0 pts behind), ' +
        '永城市 (50.0 pts behind), 睢县 (30.0 pts behind), 物流集聚区 (25.0 pts behind) and 虞城县 (10.0 pts behind).',
    ],
  },
  {
    title: 'townships inside a county: different values, a tie among the lagging, change since, one without data',
    input: input('spend_rate', townships, {
      target: linear,
      scope: { code: '411421', name: '民权县', level: 'county' },
      level: 'township',
      compareTo: '2020-05-20',
    }),
    zh: [
      '截至2020年6月20日，民权县资金支出进度为40.8%（已支出245.00万元，项目投资总额600.00万元），序时进度为51.3%，落后10.5个百分点。',
      '完成较好的是北关镇（60.0%）、城关镇（55.0%）；完成较差的是王庄寨镇（20.0%）、老颜集乡（30.0%）。',
      '落后序时进度超过5个百分点的乡镇（街道）有4个：王庄寨镇（落后31.3个百分点）、老颜集乡（落后21.3个百分点）、人和镇（落后11.3个百分点）、龙塘镇（落后11.3个百分点）。',
      '与上次调度（数据截至2020年5月20日）相比，民权县资金支出进度提高3.8个百分点；进展最快的是北关镇（+10.0个百分点），退步最多的是龙塘镇（−1.0个百分点）。',
      '孙六镇暂无数据。',
    ],
    en: [
      'As of 2020-06-20, Spending progress in 民权县: 40.8% (245.00 (10k CNY) of 600.00 (10k CNY)), against the time-proportional target of 51.3%, 10.5 pts behind.',
      'Best: 北关镇 (60.0%) and 城关镇 (55.0%); worst: 王庄寨镇 (20.0%) and 老颜集乡 (30.0%).',
      '4 townships lag the time-proportional target by more than 5 pts: 王庄寨镇 (31.3 pts behind), 老颜集乡 (21.3 pts behind), 人和镇 (11.3 pts behind) and 龙塘镇 (11.3 pts behind).',
      'Since the previous meeting (data as of 2020-05-20), Spending progress in 民权县 rose by 3.8 pts; fastest progress: 北关镇 (+10.0 pts); most setback: 龙塘镇 (−1.0 pts).',
      'No data yet for 孙六镇.',
    ],
  },
  {
    title: 'all equal at 100 %',
    input: input('pv_registration', pvCounties.slice(0, 2).concat([{ code: '411423', name: '宁陵县', num: 2, den: 2 }]), {
      target: fixed100,
      kind: 'fixed',
    }),
    zh: [
      '截至2020年6月20日，全市16座光伏电站纳入全国扶贫信息系统的有16座，完成率为100.0%，目标为100.0%，已达到目标。',
      '全市3个县（市、区）完成率都是100.0%，并列第一。',
      '没有落后目标超过5个百分点的县（市、区）。',
    ],
    en: [
      'As of 2020-06-20, PV stations registered in the city: 100.0% (16 stations of 16 stations), against the target of 100.0%, on target.',
      'All 3 county-level units stand at 100.0%, tied first.',
      'No county-level units lag the target by more than 5 pts.',
    ],
  },
  {
    title: 'no data at all',
    input: input(
      'pv_registration',
      pvCounties.slice(0, 3).map((u) => ({ ...u, num: 0, den: 0 })),
      { target: fixed100, kind: 'fixed' },
    ),
    zh: ['截至2020年6月20日，全市各县（市、区）暂无光伏电站纳入系统完成率数据。'],
    en: ['As of 2020-06-20, no county-level units in the city have data on PV stations registered yet.'],
  },
  {
    title: 'one unit with data',
    input: input(
      'pv_registration',
      [
        { code: '411402', name: '梁园区', num: 3, den: 4 },
        { code: '411403', name: '睢阳区', num: 0, den: 0 },
        { code: '411421', name: '民权县', num: 0, den: 0 },
      ],
      { target: fixed100, kind: 'fixed' },
    ),
    zh: [
      '截至2020年6月20日，全市4座光伏电站纳入全国扶贫信息系统的有3座，完成率为75.0%，目标为100.0%，落后25.0个百分点。',
      '全市仅梁园区有数据，完成率为75.0%。',
      '落后目标超过5个百分点的县（市、区）有1个：梁园区（落后25.0个百分点）。',
      '睢阳区、民权县暂无数据。',
    ],
  },
  {
    title: 'two units: the best and the worst by name',
    input: input(
      'start_rate',
      [
        { code: '411402', name: '梁园区', num: 10, den: 10 },
        { code: '411403', name: '睢阳区', num: 5, den: 10 },
      ],
      {},
    ),
    zh: [
      '截至2020年6月20日，全市20个年度扶贫项目已开工15个，开工率为75.0%。',
      '完成最好的是梁园区，开工率为100.0%；完成最差的是睢阳区，开工率为50.0%。',
    ],
  },
  {
    title: 'overdue projects: lower is better, counties with overdue projects listed',
    input: input(
      'overdue',
      [
        { code: '411402', name: '梁园区', num: 0, den: 10 },
        { code: '411403', name: '睢阳区', num: 1, den: 10 },
        { code: '411421', name: '民权县', num: 3, den: 10 },
      ],
      {},
    ),
    zh: [
      '截至2020年6月20日，全市30个年度扶贫项目中逾期未完工4个，占13.3%。',
      '情况最好的是梁园区，逾期项目占比为0.0%；情况最差的是民权县，逾期项目占比为30.0%。',
      '有逾期项目的县（市、区）2个：民权县（30.0%）、睢阳区（10.0%）。',
    ],
  },
];

describe('briefingSentences', () => {
  it.each(cases)('$title (zh)', ({ input, zh }) => {
    expect(briefingSentences(input, 'zh')).toEqual(zh);
  });
  it.each(cases.filter((c) => c.en))('$title (en)', ({ input, en }) => {
    expect(briefingSentences(input, 'en')).toEqual(en);
  });
});

describe('a large tie in the change since the last meeting', () => {
  // One township moved; five did not: reading fourteen names aloud (as a real county produced) is no briefing.
  const still: Unit[] = ['甲', '乙', '丙', '丁', '戊'].map((n, i) => ({
    code: `41142101${i}`,
    name: `${n}镇`,
    num: 40,
    den: 100,
    prevNum: 40,
    prevDen: 100,
  }));
  const moved: Unit = { code: '411421020', name: '北关镇', num: 60, den: 100, prevNum: 50, prevDen: 100 };
  const tie = input('spend_rate', [moved, ...still], {
    target: linear,
    scope: { code: '411421', name: '民权县', level: 'county' },
    level: 'township',
    compareTo: '2020-05-20',
  });
  it.each([
    ['zh', '进展最快的是北关镇（+10.0个百分点），进展最慢的是甲镇、乙镇、丙镇等5个乡镇（街道）（均为0.0个百分点）。'],
    ['en', 'fastest progress: 北关镇 (+10.0 pts); slowest: 甲镇, 乙镇, 丙镇 and 2 more (0.0 pts each).'],
  ] as const)('names three and counts the rest (%s)', (locale, ending) => {
    const change = briefingSentences(tie, locale).find((t) => t.includes(locale === 'zh' ? '上次调度' : 'previous meeting'));
    expect(change?.endsWith(ending), change).toBe(true);
  });
});

describe('briefingFacts', () => {
  it('never lets the row order change who is named', () => {
    const a = briefingFacts(input('pv_registration', pvCounties, { target: fixed100, kind: 'fixed' }));
    const b = briefingFacts(input('pv_registration', [...pvCounties].reverse(), { target: fixed100, kind: 'fixed' }));
    expect(b.best.map((u) => u.code)).toEqual(a.best.map((u) => u.code));
    expect(b.worst.map((u) => u.code)).toEqual(a.worst.map((u) => u.code));
    expect(b.lagging.map((u) => u.code)).toEqual(a.lagging.map((u) => u.code));
  });
  it('names best and worst disjointly and never more than the ties demand', () => {
    const f = briefingFacts(input('pv_registration', pvCounties, { target: fixed100, kind: 'fixed' }));
    expect(f.kind).toBe('ranked');
    expect(f.best).toHaveLength(4);
    expect(f.worst).toHaveLength(4);
    expect(f.best.some((u) => f.worst.includes(u))).toBe(false);
  });
});
