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
    en: [
      'As of 2020-06-20, PV stations registered in the city: 75.0% (3 stations of 4 stations), against the target of 100.0%, 25.0 pts behind.',
      'Only 梁园区 has data: 75.0%.',
      '1 county-level unit lags the target by more than 5 pts: 梁园区 (25.0 pts behind).',
      'No data yet for 睢阳区 and 民权县.',
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
    en: ['As of 2020-06-20, Start rate in the city: 75.0% (15 projects of 20 projects).', 'Best: 梁园区 (100.0%); worst: 睢阳区 (50.0%).'],
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
    en: [
      'As of 2020-06-20, Overdue projects in the city: 13.3% (4 projects of 30 projects).',
      'Best: 梁园区 (0.0%); worst: 民权县 (30.0%).',
      '2 with overdue projects: 民权县 (30.0%) and 睢阳区 (10.0%).',
    ],
  },
  {
    title: 'overdue projects fewer than at the last meeting: falling is progress, rising a setback',
    input: input(
      'overdue',
      [
        { code: '411402', name: '梁园区', num: 0, den: 10, prevNum: 1, prevDen: 10 },
        { code: '411403', name: '睢阳区', num: 1, den: 10, prevNum: 2, prevDen: 10 },
        { code: '411421', name: '民权县', num: 2, den: 10, prevNum: 1, prevDen: 10 },
        { code: '411422', name: '睢县', num: 3, den: 10, prevNum: 3, prevDen: 10 },
      ],
      { compareTo: '2020-05-20' },
    ),
    zh: [
      '截至2020年6月20日，全市40个年度扶贫项目中逾期未完工6个，占15.0%。',
      '情况最好的是梁园区，逾期项目占比为0.0%；情况最差的是睢县，逾期项目占比为30.0%。',
      '有逾期项目的县（市、区）3个：睢县（30.0%）、民权县（20.0%）、睢阳区（10.0%）。',
      '与上次调度（数据截至2020年5月20日）相比，全市逾期项目占比下降2.5个百分点；进展最快的是梁园区（−10.0个百分点）、睢阳区（−10.0个百分点），退步最多的是民权县（+10.0个百分点）。',
    ],
    en: [
      'As of 2020-06-20, Overdue projects in the city: 15.0% (6 projects of 40 projects).',
      'Best: 梁园区 (0.0%); worst: 睢县 (30.0%).',
      '3 with overdue projects: 睢县 (30.0%), 民权县 (20.0%) and 睢阳区 (10.0%).',
      'Since the previous meeting (data as of 2020-05-20), Overdue projects in the city fell by 2.5 pts; fastest progress: 梁园区 (−10.0 pts) and 睢阳区 (−10.0 pts); most setback: 民权县 (+10.0 pts).',
    ],
  },
  {
    title: 'no overdue project anywhere',
    input: input(
      'overdue',
      [
        { code: '411402', name: '梁园区', num: 0, den: 10 },
        { code: '411403', name: '睢阳区', num: 0, den: 5 },
      ],
      {},
    ),
    zh: [
      '截至2020年6月20日，全市15个年度扶贫项目中逾期未完工0个，占0.0%。',
      '全市2个县（市、区）逾期项目占比都是0.0%，并列第一。',
      '各县（市、区）均无逾期项目。',
    ],
    en: [
      'As of 2020-06-20, Overdue projects in the city: 0.0% (0 projects of 15 projects).',
      'All 2 county-level units stand at 0.0%, tied first.',
      'No county-level units have overdue projects.',
    ],
  },
  {
    title: 'villages of a township ahead of 序时进度, every village improved',
    input: input(
      'spend_rate',
      [
        { code: '411421001001', name: '张庄村', num: 60, den: 100, prevNum: 55, prevDen: 100 },
        { code: '411421001002', name: '李庄村', num: 55, den: 100, prevNum: 54, prevDen: 100 },
        { code: '411421001003', name: '王庄村', num: 50, den: 100, prevNum: 49, prevDen: 100 },
      ],
      { target: linear, scope: { code: '411421001', name: '北关镇', level: 'township' }, level: 'village', compareTo: '2020-05-20' },
    ),
    zh: [
      '截至2020年6月20日，北关镇资金支出进度为55.0%（已支出165.00万元，项目投资总额300.00万元），序时进度为51.3%，超出3.7个百分点。',
      '完成最好的是张庄村，支出进度为60.0%；完成最差的是王庄村，支出进度为50.0%。',
      '没有落后序时进度超过5个百分点的村。',
      '与上次调度（数据截至2020年5月20日）相比，北关镇资金支出进度提高2.3个百分点；进展最快的是张庄村（+5.0个百分点），进展最慢的是李庄村（+1.0个百分点）、王庄村（+1.0个百分点）。',
    ],
    en: [
      'As of 2020-06-20, Spending progress in 北关镇: 55.0% (165.00 (10k CNY) of 300.00 (10k CNY)), against the time-proportional target of 51.3%, 3.7 pts ahead.',
      'Best: 张庄村 (60.0%); worst: 王庄村 (50.0%).',
      'No villages lag the time-proportional target by more than 5 pts.',
      'Since the previous meeting (data as of 2020-05-20), Spending progress in 北关镇 rose by 2.3 pts; fastest progress: 张庄村 (+5.0 pts); slowest: 李庄村 (+1.0 pts) and 王庄村 (+1.0 pts).',
    ],
  },
  {
    title: 'the total unchanged while one village gained and one lost; one village lagging; two without data',
    input: input(
      'spend_rate',
      [
        { code: '411421001001', name: '张庄村', num: 60, den: 100, prevNum: 58, prevDen: 100 },
        { code: '411421001002', name: '李庄村', num: 40, den: 100, prevNum: 42, prevDen: 100 },
        { code: '411421001003', name: '赵庄村', num: 0, den: 0 },
        { code: '411421001004', name: '钱庄村', num: 0, den: 0 },
      ],
      { target: linear, scope: { code: '411421001', name: '北关镇', level: 'township' }, level: 'village', compareTo: '2020-05-20' },
    ),
    zh: [
      '截至2020年6月20日，北关镇资金支出进度为50.0%（已支出100.00万元，项目投资总额200.00万元），序时进度为51.3%，落后1.3个百分点。',
      '完成最好的是张庄村，支出进度为60.0%；完成最差的是李庄村，支出进度为40.0%。',
      '落后序时进度超过5个百分点的村有1个：李庄村（落后11.3个百分点）。',
      '与上次调度（数据截至2020年5月20日）相比，北关镇资金支出进度持平；进展最快的是张庄村（+2.0个百分点），退步最多的是李庄村（−2.0个百分点）。',
      '赵庄村、钱庄村暂无数据。',
    ],
    en: [
      'As of 2020-06-20, Spending progress in 北关镇: 50.0% (100.00 (10k CNY) of 200.00 (10k CNY)), against the time-proportional target of 51.3%, 1.3 pts behind.',
      'Best: 张庄村 (60.0%); worst: 李庄村 (40.0%).',
      '1 village lags the time-proportional target by more than 5 pts: 李庄村 (11.3 pts behind).',
      'Since the previous meeting (data as of 2020-05-20), Spending progress in 北关镇 is unchanged; fastest progress: 张庄村 (+2.0 pts); most setback: 李庄村 (−2.0 pts).',
      'No data yet for 赵庄村 and 钱庄村.',
    ],
  },
  {
    title: "households reached per 万元: no target, changes in the measure's own unit",
    input: input(
      'reach_per_10k',
      [
        { code: '411402', name: '梁园区', num: 50, den: 100, prevNum: 40, prevDen: 100 },
        { code: '411403', name: '睢阳区', num: 30, den: 100, prevNum: 30, prevDen: 100 },
        { code: '411421', name: '民权县', num: 20, den: 100, prevNum: 25, prevDen: 100 },
      ],
      { compareTo: '2020-05-20' },
    ),
    zh: [
      '截至2020年6月20日，全市带贫效益为0.33户/万元（带贫户数100户，产业项目投资300.00万元）。',
      '情况最好的是梁园区，每万元带贫户数为0.50户/万元；情况最差的是民权县，每万元带贫户数为0.20户/万元。',
      '与上次调度（数据截至2020年5月20日）相比，全市带贫效益提高0.02户/万元；进展最快的是梁园区（+0.10户/万元），退步最多的是民权县（−0.05户/万元）。',
    ],
    en: [
      'As of 2020-06-20, Households reached per 10,000 CNY in the city: 0.33 households per 10k CNY (100 households of 300.00 (10k CNY)).',
      'Best: 梁园区 (0.50 households per 10k CNY); worst: 民权县 (0.20 households per 10k CNY).',
      'Since the previous meeting (data as of 2020-05-20), Households reached per 10,000 CNY in the city rose by 0.02 households per 10k CNY; fastest progress: 梁园区 (+0.10 households per 10k CNY); most setback: 民权县 (−0.05 households per 10k CNY).',
    ],
  },
  {
    title: 'households of the three groups: a count, fewer is better',
    input: input(
      'households',
      [
        { code: '411402', name: '梁园区', num: 100, den: 0, prevNum: 120, prevDen: 0 },
        { code: '411403', name: '睢阳区', num: 200, den: 0, prevNum: 200, prevDen: 0 },
        { code: '411421', name: '民权县', num: 300, den: 0, prevNum: 290, prevDen: 0 },
      ],
      { compareTo: '2020-05-20' },
    ),
    zh: [
      '截至2020年6月20日，全市三类人群为600户。',
      '情况最好的是梁园区，三类人群户数为100户；情况最差的是民权县，三类人群户数为300户。',
      '与上次调度（数据截至2020年5月20日）相比，全市三类人群下降10户；进展最快的是梁园区（−20户），退步最多的是民权县（+10户）。',
    ],
    en: [
      'As of 2020-06-20, Three groups in the city: 600 households.',
      'Best: 梁园区 (100 households); worst: 民权县 (300 households).',
      'Since the previous meeting (data as of 2020-05-20), Three groups in the city fell by 10 households; fastest progress: 梁园区 (−20 households); most setback: 民权县 (+10 households).',
    ],
  },
];

cases.push({
  title: 'six counties on a measure with its own unit: groups of two, a tie among the worst',
  input: input(
    'reach_per_10k',
    [
      { code: '411402', name: '梁园区', num: 90, den: 100 },
      { code: '411403', name: '睢阳区', num: 80, den: 100 },
      { code: '411421', name: '民权县', num: 50, den: 100 },
      { code: '411422', name: '睢县', num: 40, den: 100 },
      { code: '411423', name: '宁陵县', num: 20, den: 100 },
      { code: '411424', name: '柘城县', num: 20, den: 100 },
    ],
    {},
  ),
  zh: [
    '截至2020年6月20日，全市带贫效益为0.50户/万元（带贫户数300户，产业项目投资600.00万元）。',
    '情况较好的是梁园区（0.90户/万元）、睢阳区（0.80户/万元）；情况较差的是宁陵县、柘城县，每万元带贫户数都是0.20户/万元。',
  ],
  en: [
    'As of 2020-06-20, Households reached per 10,000 CNY in the city: 0.50 households per 10k CNY (300 households of 600.00 (10k CNY)).',
    'Best: 梁园区 (0.90 households per 10k CNY) and 睢阳区 (0.80 households per 10k CNY); worst: 宁陵县 and 柘城县 (0.20 households per 10k CNY each).',
  ],
});

cases.push(
  {
    title: 'households: one county with data',
    input: input('households', [{ code: '411402', name: '梁园区', num: 100, den: 0 }], {}),
    zh: ['截至2020年6月20日，全市三类人群为100户。', '全市仅梁园区有数据，三类人群户数为100户。'],
  },
  {
    title: 'households: all counties equal',
    input: input(
      'households',
      [
        { code: '411402', name: '梁园区', num: 100, den: 0 },
        { code: '411403', name: '睢阳区', num: 100, den: 0 },
      ],
      {},
    ),
    zh: ['截至2020年6月20日，全市三类人群为200户。', '全市2个县（市、区）三类人群户数都是100户，并列第一。'],
  },
  {
    title: 'everyone moved alike since the last meeting: nobody named fastest or slowest',
    input: input(
      'spend_rate',
      [
        { code: '411402', name: '梁园区', num: 60, den: 100, prevNum: 59, prevDen: 100 },
        { code: '411403', name: '睢阳区', num: 40, den: 100, prevNum: 39, prevDen: 100 },
      ],
      { compareTo: '2020-05-20' },
    ),
    zh: [
      '截至2020年6月20日，全市资金支出进度为50.0%（已支出100.00万元，项目投资总额200.00万元）。',
      '完成最好的是梁园区，支出进度为60.0%；完成最差的是睢阳区，支出进度为40.0%。',
      '与上次调度（数据截至2020年5月20日）相比，全市资金支出进度提高1.0个百分点。',
    ],
    en: [
      'As of 2020-06-20, Spending progress in the city: 50.0% (100.00 (10k CNY) of 200.00 (10k CNY)).',
      'Best: 梁园区 (60.0%); worst: 睢阳区 (40.0%).',
      'Since the previous meeting (data as of 2020-05-20), Spending progress in the city rose by 1.0 pts.',
    ],
  },
  {
    title: 'households reached per 万元: no change is written without a sign, ties in code order whatever their values',
    input: input(
      'reach_per_10k',
      [
        { code: '411403', name: '睢阳区', num: 60, den: 100, prevNum: 50, prevDen: 100 },
        { code: '411402', name: '梁园区', num: 40, den: 100, prevNum: 30, prevDen: 100 },
        { code: '411421', name: '民权县', num: 20, den: 100, prevNum: 20, prevDen: 100 },
      ],
      { compareTo: '2020-05-20' },
    ),
    zh: [
      '截至2020年6月20日，全市带贫效益为0.40户/万元（带贫户数120户，产业项目投资300.00万元）。',
      '情况最好的是睢阳区，每万元带贫户数为0.60户/万元；情况最差的是民权县，每万元带贫户数为0.20户/万元。',
      '与上次调度（数据截至2020年5月20日）相比，全市带贫效益提高0.07户/万元；进展最快的是梁园区（+0.10户/万元）、睢阳区（+0.10户/万元），进展最慢的是民权县（0.00户/万元）。',
    ],
  },
);

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

describe('how many units each end of the ranking names', () => {
  const spread = (values: number[]): Unit[] =>
    values.map((v, i) => ({ code: `4114${String(i + 10)}`, name: `单位${i + 1}`, num: v, den: 100 }));
  const named = (values: number[], id: MeasureId = 'start_rate') => {
    const f = briefingFacts(input(id, spread(values), {}));
    return { best: f.best.map((u) => u.value), worst: f.worst.map((u) => u.value) };
  };
  it.each([
    { n: 2, k: 1 },
    { n: 5, k: 1 },
    { n: 6, k: 2 },
    { n: 8, k: 2 },
    { n: 9, k: 3 },
    { n: 12, k: 3 },
    { n: 30, k: 3 },
  ])('$n different values: $k at each end', ({ n, k }) => {
    const values = Array.from({ length: n }, (_, i) => 100 - i);
    expect(named(values)).toEqual({ best: values.slice(0, k), worst: values.slice(-k).reverse() });
  });
  it.each([
    { title: 'a tie at the second place joins the best', values: [100, 90, 90, 90, 20, 10], best: [100, 90, 90, 90], worst: [10, 20] },
    { title: 'a tie at the last but one joins the worst', values: [100, 90, 30, 20, 20, 20], best: [100, 90], worst: [20, 20, 20] },
    {
      title: 'a tie reaching the bottom leaves the bottom tie as the worst',
      values: [100, 50, 50, 50, 50, 50, 50],
      best: [100],
      worst: [50, 50, 50, 50, 50, 50],
    },
    { title: 'two values only', values: [80, 80, 80, 40], best: [80, 80, 80], worst: [40] },
    {
      title: 'a tie from the second place to the last but one: the tie is best, the last worst',
      values: [100, 50, 50, 50, 50, 10],
      best: [100, 50, 50, 50, 50],
      worst: [10],
    },
  ])('$title', ({ values, best, worst }) => expect(named(values)).toEqual({ best, worst }));
  it('lower is better: the fewest overdue first, the most overdue named worst first', () => {
    expect(named([0, 10, 20, 30, 40, 50], 'overdue')).toEqual({ best: [0, 10], worst: [50, 40] });
  });
});

describe('who progressed most since the last meeting', () => {
  const units = (changes: (number | null)[]): Unit[] =>
    changes.map((c, i) => ({
      code: `4114${String(i + 10)}`,
      name: `单位${i + 1}`,
      num: 50 + (c ?? 0),
      den: 100,
      ...(c === null ? {} : { prevNum: 50, prevDen: 100 }),
    }));
  const movers = (changes: (number | null)[]) => {
    const f = briefingFacts(input('spend_rate', units(changes), { target: linear, compareTo: '2020-05-20' }));
    return { most: f.mostImproved.map((u) => u.change), least: f.leastImproved.map((u) => u.change), total: f.totalChange };
  };
  it.each([
    { title: 'one unit with a previous value names nobody', changes: [5, null, null], most: [], least: [] },
    { title: 'everyone moved alike: nobody is named', changes: [3, 3, 3], most: [], least: [] },
    { title: 'units without a previous value are left out', changes: [5, null, -2, 1], most: [5], least: [-2] },
    { title: 'ties are named together', changes: [4, -1, 4, -1, 0], most: [4, 4], least: [-1, -1] },
  ])('$title', ({ changes, most, least }) => {
    const m = movers(changes);
    expect({ most: m.most, least: m.least }).toEqual({ most, least });
  });
  it('names a tie in code order, whatever the units’ values', () => {
    const f = briefingFacts(
      input(
        'spend_rate',
        [
          { code: '411403', name: '睢阳区', num: 90, den: 100, prevNum: 91, prevDen: 100 },
          { code: '411402', name: '梁园区', num: 80, den: 100, prevNum: 81, prevDen: 100 },
          { code: '411422', name: '睢县', num: 70, den: 100, prevNum: 60, prevDen: 100 },
          { code: '411421', name: '民权县', num: 60, den: 100, prevNum: 50, prevDen: 100 },
        ],
        { compareTo: '2020-05-20' },
      ),
    );
    expect(f.mostImproved.map((u) => u.name)).toEqual(['民权县', '睢县']);
    expect(f.leastImproved.map((u) => u.name)).toEqual(['梁园区', '睢阳区']);
  });
  it('the change is the difference of the values, without floating-point noise', () => {
    const f = briefingFacts(
      input('spend_rate', [{ code: '411402', name: '梁园区', num: 0.3, den: 1, prevNum: 0.1, prevDen: 1 }, ...units([1])], {
        compareTo: '2020-05-20',
      }),
    );
    expect([...f.best, ...f.worst].find((u) => u.code === '411402')?.change).toBe(20);
  });
  it('there is no change without a previous meeting', () => {
    const i = input('spend_rate', units([4, 1]), { target: linear });
    expect(briefingFacts(i).totalChange).toBeNull();
    expect(briefingSentences(i, 'zh').some((s) => s.includes('上次调度'))).toBe(false);
  });
});

describe('what kind of ranking there is', () => {
  const units = (values: (number | null)[]): Unit[] =>
    values.map((v, i) => ({ code: `4114${String(i + 10)}`, name: `单位${i + 1}`, num: v ?? 0, den: v === null ? 0 : 100 }));
  it.each([
    { title: 'no unit with data', values: [null, null], kind: 'no_data', best: 0 },
    { title: 'one unit with data', values: [null, 40], kind: 'one', best: 1 },
    { title: 'all equal', values: [40, 40, 40], kind: 'all_equal', best: 3 },
    { title: 'different values', values: [40, 30, 20], kind: 'ranked', best: 1 },
  ])('$title: $kind, nobody named worst unless there is a ranking', ({ values, kind, best }) => {
    const f = briefingFacts(input('start_rate', units(values), {}));
    expect(f.kind).toBe(kind);
    expect(f.best).toHaveLength(best);
    expect(f.worst).toHaveLength(kind === 'ranked' ? 1 : 0);
  });

  it.each([
    {
      n: 3,
      zh: '进展最慢的是甲镇（0.0个百分点）、乙镇（0.0个百分点）、丙镇（0.0个百分点）。',
      en: 'slowest: 甲镇 (0.0 pts), 乙镇 (0.0 pts) and 丙镇 (0.0 pts).',
    },
    {
      n: 4,
      zh: '进展最慢的是甲镇、乙镇、丙镇等4个乡镇（街道）（均为0.0个百分点）。',
      en: 'slowest: 甲镇, 乙镇, 丙镇 and 1 more (0.0 pts each).',
    },
  ])('names a tie of $n in the change sentence $zh', ({ n, zh, en }) => {
    const still: Unit[] = ['甲', '乙', '丙', '丁'].slice(0, n).map((name, i) => ({
      code: `41142101${i}`,
      name: `${name}镇`,
      num: 40,
      den: 100,
      prevNum: 40,
      prevDen: 100,
    }));
    const moved: Unit = { code: '411421020', name: '北关镇', num: 60, den: 100, prevNum: 50, prevDen: 100 };
    const i = input('spend_rate', [moved, ...still], {
      target: linear,
      scope: { code: '411421', name: '民权县', level: 'county' },
      level: 'township',
      compareTo: '2020-05-20',
    });
    expect(
      briefingSentences(i, 'zh')
        .find((t) => t.includes('上次调度'))
        ?.endsWith(zh),
    ).toBe(true);
    expect(
      briefingSentences(i, 'en')
        .find((t) => t.includes('previous meeting'))
        ?.endsWith(en),
    ).toBe(true);
  });

  it('says nothing about change when the previous figures have no data or no meeting date', () => {
    const base = input('spend_rate', units([40, 30]), { target: linear, compareTo: '2020-05-20' });
    const noPrevious = { ...base, previousTotal: null };
    const noDate = { ...base, compareTo: null, previousTotal: 30 };
    for (const i of [noPrevious, noDate]) {
      expect(briefingSentences(i, 'zh').filter((t) => t.includes('上次调度'))).toEqual([]);
      expect(briefingSentences(i, 'en').filter((t) => t.includes('previous meeting'))).toEqual([]);
    }
  });

  it.each([
    {
      locale: 'zh' as const,
      text: '截至2020年6月20日，全市资金支出进度为51.3%（已支出10,268.00万元，项目投资总额20,000.00万元），序时进度为51.3%，与序时进度持平。',
    },
    {
      locale: 'en' as const,
      text: 'As of 2020-06-20, Spending progress in the city: 51.3% (10,268.00 (10k CNY) of 20,000.00 (10k CNY)), against the time-proportional target of 51.3%, on target.',
    },
  ])('a total on 序时进度 is level with it ($locale)', ({ locale, text }) => {
    const level = input(
      'spend_rate',
      [
        { code: '411402', name: '梁园区', num: 6000, den: 10_000 },
        { code: '411403', name: '睢阳区', num: 4268, den: 10_000 },
      ],
      { target: linear },
    );
    expect(briefingSentences(level, locale)[0]).toBe(text);
  });
});
