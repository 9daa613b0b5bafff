/**
 * The ledger views as export tables (.xlsx / .csv): the area ledger with each measure's value, 序时进度,
 * gap and status beside the money, the project list and the sign-off table — headers with units,
 * rounding, "<5" for a withheld household count, the notes. Tables are built inside each test.
 */
import { describe, expect, it } from 'vitest';
import type { MeasureValues } from '../../../server/contracts/measures.ts';
import type { ProjectListItem } from '../../../server/contracts/ledger-list.ts';
import type { CountySignoff } from '../../../server/contracts/signoffs.ts';
import { statusWord, unitSuffix } from '../../../server/domain/export-labels.ts';
import { areaLedgerTable, demoNote, projectLedgerTable, signoffTable } from '../../../server/domain/ledger-tables.ts';
import { getMeasure, type MeasureId } from '../../../server/domain/measures.ts';

type Row = MeasureValues['rows'][number];
const row = (code: string, name: string, r: Partial<Row>): Row =>
  ({ code, name, value: null, numerator: null, denominator: null, expected: null, lag: null, status: 'no_data', rank: null, ...r }) as Row;

function answer(
  id: MeasureId,
  rows: Row[],
  total: MeasureValues['total'],
  expected: number | null,
  parent = { code: '4114', name: '商丘市' },
): MeasureValues {
  return {
    measure: getMeasure(id),
    level: 'county',
    parent: { ...parent, level: parent.code.length === 4 ? 'city' : 'county' },
    asOf: '2020-06-20',
    compareTo: null,
    expected,
    target: null,
    total,
    rankedCount: rows.filter((r) => r.value !== null).length,
    rows,
  } as MeasureValues;
}

// Spending against 序时进度 51.34 %, overdue projects (should be zero, no target); 永城市 is missing from the overdue answer.
const spend = () =>
  answer(
    'spend_rate',
    [
      row('411481', '永城市', { value: 40.04, numerator: 400.4, denominator: 1000, expected: 51.34, lag: -11.3, status: 'lagging' }),
      row('411421', '民权县', { value: null, numerator: 0, denominator: 0, expected: 51.34, status: 'no_data' }),
      row('411402', '梁园区', { value: 60.123, numerator: 601.23, denominator: 1000, expected: 51.34, lag: 8.783, status: 'ahead' }),
    ],
    { numerator: 1001.63, denominator: 2000, value: 50.0815 },
    51.34,
  );
const overdue = () =>
  answer(
    'overdue',
    [
      row('411421', '民权县', { value: 30, numerator: 3, denominator: 10, status: 'lagging' }),
      row('411402', '梁园区', { value: 0, numerator: 0, denominator: 12, status: 'on_track' }),
    ],
    { numerator: 3, denominator: 22, value: (100 * 3) / 22 },
    null,
  );

describe('areaLedgerTable', () => {
  it('has the code, the name, the money, and per measure its value, 序时进度, gap and status, with units', () => {
    const t = areaLedgerTable({ answers: [spend(), overdue()], level: 'county', asOf: '2020-06-20', demo: false });
    expect(t.columns).toEqual([
      { header: '区划代码', format: 'code' },
      { header: '县（市、区）', format: 'text' },
      { header: '总投资（万元）', format: 'wan' },
      { header: '已支出（万元）', format: 'wan' },
      { header: '资金支出进度（%）', format: 'pct1' },
      { header: '资金支出进度序时进度（%）', format: 'pct1' },
      { header: '资金支出进度差距（个百分点）', format: 'pct1' },
      { header: '资金支出进度状态', format: 'text' },
      { header: '逾期项目占比（%）', format: 'pct1' },
      { header: '逾期项目占比状态', format: 'text' },
    ]);
  });

  it('puts the total first, then the divisions in code order; values to one decimal, money to two', () => {
    const t = areaLedgerTable({ answers: [spend(), overdue()], level: 'county', asOf: '2020-06-20', demo: false });
    expect(t.rows).toEqual([
      ['4114', '商丘市（合计）', 2000, 1001.63, 50.1, 51.3, -1.3, null, 13.6, null],
      ['411402', '梁园区', 1000, 601.23, 60.1, 51.3, 8.8, '超前 ▲', 0, '正常'],
      ['411421', '民权县', 0, 0, null, 51.3, null, '无数据', 30, '滞后'],
      ['411481', '永城市', 1000, 400.4, 40, 51.3, -11.3, '滞后 ▼', null, null],
    ]);
  });

  it.each([
    {
      demo: false,
      notes: [
        '数据截至 2020-06-20；范围：商丘市 的县（市、区），共 3 个。',
        '序时进度：按时间进度应达到的值；差距 = 数值 − 序时进度（个百分点），▲ 超前，▼ 滞后。',
      ],
    },
    {
      demo: true,
      notes: [
        '数据截至 2020-06-20；范围：商丘市 的县（市、区），共 3 个。',
        '序时进度：按时间进度应达到的值；差距 = 数值 − 序时进度（个百分点），▲ 超前，▼ 滞后。',
        demoNote,
      ],
    },
  ])('notes the date, the scope and, for demo data, that it is demo data ($demo)', ({ demo, notes }) => {
    const t = areaLedgerTable({ answers: [spend(), overdue()], level: 'county', asOf: '2020-06-20', demo });
    expect(t.notes).toEqual(notes);
    expect(t.sheetName).toBe('区域台账-商丘市');
  });

  it('writes a withheld household count as "<5" and says why; no money columns without the spending measure', () => {
    const coverage = answer(
      'measure_coverage',
      [
        row('411421001', '北关镇', { value: null, numerator: null, denominator: 3, expected: 51.34, status: 'no_data', suppressed: true }),
        row('411421002', '城关镇', { value: 62.5, numerator: 25, denominator: 40, expected: 51.34, lag: 11.16, status: 'ahead' }),
      ],
      { numerator: null, denominator: 43, value: null },
      51.34,
      { code: '411421', name: '民权县' },
    );
    const t = areaLedgerTable({ answers: [coverage], level: 'township', asOf: '2020-06-20', demo: false });
    expect(t.columns.map((c) => c.header)).toEqual([
      '区划代码',
      '乡镇（街道）',
      '两项以上产业措施覆盖率（%）',
      '两项以上产业措施覆盖率序时进度（%）',
      '两项以上产业措施覆盖率差距（个百分点）',
      '两项以上产业措施覆盖率状态',
    ]);
    expect(t.rows).toEqual([
      ['411421', '民权县（合计）', '<5', 51.3, null, null],
      ['411421001', '北关镇', '<5', 51.3, null, '无数据'],
      ['411421002', '城关镇', 62.5, 51.3, 11.2, '超前 ▲'],
    ]);
    expect(t.notes).toContain('“<5”：1–4 户的户数不公布（小数保护）。');
    expect(t.notes?.[0]).toBe('数据截至 2020-06-20；范围：民权县 的乡镇（街道），共 2 个。');
  });

  it('rounds households per 万元 to two decimals and leaves counts whole, with no target or status columns for ranked-only measures', () => {
    const reach = answer(
      'reach_per_10k',
      [row('411402', '梁园区', { value: 0.52678, numerator: 52.678, denominator: 100, status: 'none' })],
      {
        numerator: 52.678,
        denominator: 100,
        value: 0.52678,
      },
      null,
    );
    const households = answer(
      'households',
      [row('411402', '梁园区', { value: 1234, numerator: 1234, status: 'none' })],
      {
        numerator: 1234,
        denominator: null,
        value: 1234,
      },
      null,
    );
    const t = areaLedgerTable({ answers: [reach, households], level: 'village', asOf: '2020-06-20', demo: false });
    expect(t.columns).toEqual([
      { header: '区划代码', format: 'code' },
      { header: '村（社区）', format: 'text' },
      { header: '带贫效益（户/万元）', format: 'number' },
      { header: '三类人群（户）', format: 'int' },
    ]);
    expect(t.rows).toEqual([
      ['4114', '商丘市（合计）', 0.53, 1234],
      ['411402', '梁园区', 0.53, 1234],
    ]);
  });

  it('a division without data has an empty value and gap but still its 序时进度 and a status', () => {
    const t = areaLedgerTable({ answers: [spend()], level: 'county', asOf: '2020-06-20', demo: false });
    // 民权县 has no lag (no data): the gap is empty, the status still says 无数据.
    expect(t.rows[2]).toEqual(['411421', '民权县', 0, 0, null, 51.3, null, '无数据']);
  });
});

describe('export words', () => {
  it.each([
    ['ahead', '超前'],
    ['on_track', '正常'],
    ['lagging', '滞后'],
    ['no_data', '无数据'],
    ['none', '—'],
    ['unknown', 'unknown'],
  ])('status %s reads %s', (status, word) => expect(statusWord(status)).toBe(word));

  it.each([
    { unit: 'pct' as const, numeratorUnit: 'project' as const, suffix: '（%）' },
    { unit: 'per_10k_yuan' as const, numeratorUnit: 'household' as const, suffix: '（户/万元）' },
    { unit: 'count' as const, numeratorUnit: 'household' as const, suffix: '（户）' },
    { unit: 'count' as const, numeratorUnit: 'project' as const, suffix: '（个）' },
    { unit: 'count' as const, numeratorUnit: 'station' as const, suffix: '（座）' },
    { unit: 'count' as const, numeratorUnit: 'wan' as const, suffix: '（万元）' },
    { unit: 'count' as const, numeratorUnit: 'yuan' as const, suffix: '（元）' },
  ])('a $unit value of $numeratorUnit is headed $suffix', ({ unit, numeratorUnit, suffix }) =>
    expect(unitSuffix({ unit, numeratorUnit })).toBe(suffix),
  );
});

const project = (over: Partial<ProjectListItem>): ProjectListItem => ({
  code: 'MQ-2020-001',
  name: '北关镇肉鸭养殖',
  year: 2020,
  countyCode: '411421',
  countyName: '民权县',
  townshipCode: '411421001',
  townshipName: '北关镇',
  villageCode: '411421001001',
  villageName: '张庄村',
  category: 'industry',
  status: 'started',
  responsibleUnit: '县农业农村局',
  totalInvestmentWan: 120.456,
  arrangedWan: 100,
  spentWan: 60.004,
  spendRatePct: 49.8134,
  plannedCompletion: '2020-05-31',
  actualCompletion: null,
  overdue: true,
  version: 1,
  updatedAt: '2020-06-20T00:00:00Z',
  anchor: null,
  ...over,
});

describe('projectLedgerTable', () => {
  it('writes each project with its labels in Chinese, money to two decimals and the rate to one', () => {
    const t = projectLedgerTable({
      items: [
        project({}),
        project({
          code: 'MQ-2020-002',
          category: 'infrastructure',
          status: 'completed',
          overdue: false,
          spendRatePct: null,
          actualCompletion: '2020-06-01',
        }),
      ],
      total: 2,
      sums: { totalInvestmentWan: 240.912, spentWan: 120.008, overdue: 1 },
      asOf: '2020-06-20',
      filters: [],
      demo: false,
    });
    expect(t.rows).toEqual([
      [
        'MQ-2020-001',
        '北关镇肉鸭养殖',
        2020,
        '民权县',
        '北关镇',
        '张庄村',
        '产业',
        '开工',
        '县农业农村局',
        120.46,
        100,
        60,
        49.8,
        '2020-05-31',
        null,
        '是',
      ],
      [
        'MQ-2020-002',
        '北关镇肉鸭养殖',
        2020,
        '民权县',
        '北关镇',
        '张庄村',
        '基础设施',
        '完工',
        '县农业农村局',
        120.46,
        100,
        60,
        null,
        '2020-05-31',
        '2020-06-01',
        '否',
      ],
    ]);
    expect(t.columns).toHaveLength(16);
    expect(t.sheetName).toBe('项目台账');
  });

  it.each([
    {
      filters: [],
      demo: false,
      notes: ['共 2 个项目，总投资 240.91 万元，已支出 120.01 万元，逾期 1 个。', '逾期按 2020-06-20 判断（计划完工日期已过且未完工）。'],
    },
    {
      filters: ['范围：民权县', '状态：开工'],
      demo: true,
      notes: [
        '共 2 个项目，总投资 240.91 万元，已支出 120.01 万元，逾期 1 个。',
        '逾期按 2020-06-20 判断（计划完工日期已过且未完工）。筛选：范围：民权县；状态：开工。',
        demoNote,
      ],
    },
  ])('notes the sums, the date overdue is judged on, the filters $filters', ({ filters, demo, notes }) => {
    const t = projectLedgerTable({
      items: [],
      total: 2,
      sums: { totalInvestmentWan: 240.912, spentWan: 120.008, overdue: 1 },
      asOf: '2020-06-20',
      filters,
      demo,
    });
    expect(t.notes).toEqual(notes);
  });
});

describe('signoffTable', () => {
  const county = (over: Partial<CountySignoff>): CountySignoff => ({
    countyCode: '411421',
    countyName: '民权县',
    state: 'unsigned',
    main: null,
    deputy: null,
    ...over,
  });
  it('writes each county’s state in words and both signatures in Beijing time', () => {
    const t = signoffTable({
      period: '2020-06',
      items: [
        county({
          state: 'signed',
          main: { signer: '县长', signedAt: '2020-06-21T02:30:00Z', current: true },
          deputy: { signer: '副县长', signedAt: '2020-06-20T16:05:00Z', current: true },
        }),
        county({
          countyCode: '411422',
          countyName: '睢县',
          state: 'partial',
          main: { signer: '县长', signedAt: '2020-06-21T00:00:00Z', current: true },
        }),
        county({
          countyCode: '411423',
          countyName: '宁陵县',
          state: 'changed',
          main: { signer: '县长', signedAt: '2020-06-19T08:00:00Z', current: false },
        }),
        county({ countyCode: '411424', countyName: '柘城县' }),
      ],
      demo: true,
    });
    expect(t.rows).toEqual([
      ['411421', '民权县', '已签字', '县长', '2020-06-21 10:30', '是', '副县长', '2020-06-21 00:05', '是'],
      ['411422', '睢县', '只签一人', '县长', '2020-06-21 08:00', '是', null, null, null],
      ['411423', '宁陵县', '签字后有改动，需重新签字', '县长', '2020-06-19 16:00', '否', null, null, null],
      ['411424', '柘城县', '未签字', null, null, null, null, null, null],
    ]);
    expect(t.notes).toEqual(['签字月份 2020-06：共 4 个县（市、区），已签字 1 个。', demoNote]);
    expect(t.sheetName).toBe('层层签字-2020-06');
    expect(t.columns).toHaveLength(9);
  });
});
