/**
 * The ledger views as tables for the .xlsx / .csv exports (server/domain/table-file.ts writes them):
 * the area ledger (the panel's rows and total row from `mergeAreaRows`, each measure's value,
 * 序时进度, lag and status) and the project list. Chinese headers with units; percentages rounded to
 * one decimal, money in 万元 to two; a withheld household count reads "<5". Pure.
 */
import type { ProjectListItem } from '../contracts/ledger-list.ts';
import type { CountySignoff } from '../contracts/signoffs.ts';
import type { MeasureValues } from '../contracts/measures.ts';
import { categoryLabels, statusLabels } from '../ingest/kinds.ts';
import { lagMark, mergeAreaRows, type AreaCell } from './area-ledger.ts';
import { levelNames, statusWord, unitSuffix } from './export-labels.ts';
import { formatNumber } from './format.ts';
import type { Measure } from './measures.ts';
import type { TableCell, TableColumn, TableFile } from './table-file.ts';

const round = (n: number | null, digits: number) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);

/** The note every export of demo data carries. */
export const demoNote = '演示数据：本表数据为系统生成的演示数据，不是真实统计。';
const suppressedNote = '“<5”：1–4 户的户数不公布（小数保护）。';

function valueCell(measure: Measure, value: number | null, suppressed: boolean | undefined): TableCell {
  if (value === null) return suppressed ? '<5' : null;
  return measure.unit === 'pct' ? round(value, 1) : measure.unit === 'per_10k_yuan' ? round(value, 2) : value;
}

const valueFormat = (m: Measure): TableColumn['format'] => (m.unit === 'pct' ? 'pct1' : m.unit === 'count' ? 'int' : 'number');

export interface AreaTableInput {
  answers: readonly MeasureValues[];
  level: 'county' | 'township' | 'village';
  asOf: string;
  demo: boolean;
}

/** The area ledger of one level under a parent: total row first (as on the screen), then the divisions in code order. */
export function areaLedgerTable({ answers, level, asOf, demo }: AreaTableInput): TableFile {
  const { rows, total } = mergeAreaRows(answers);
  const parent = answers[0]?.parent;
  const money = answers.some((a) => a.measure.id === 'spend_rate');
  const columns: TableColumn[] = [
    { header: '区划代码', format: 'code' },
    { header: levelNames[level], format: 'text' },
    ...(money
      ? [
          { header: '总投资（万元）', format: 'wan' as const },
          { header: '已支出（万元）', format: 'wan' as const },
        ]
      : []),
  ];
  for (const { measure } of answers) {
    columns.push({ header: `${measure.nameZh}${unitSuffix(measure)}`, format: valueFormat(measure) });
    if (measure.hasTarget) {
      columns.push({ header: `${measure.nameZh}序时进度${unitSuffix(measure)}`, format: valueFormat(measure) });
      columns.push({ header: `${measure.nameZh}差距（个百分点）`, format: 'pct1' });
    }
    if (measure.statusRule !== 'none') columns.push({ header: `${measure.nameZh}状态`, format: 'text' });
  }
  let anySuppressed = false;
  const line = (code: string, name: string, totalWan: number | null, spentWan: number | null, cells: Partial<Record<string, AreaCell>>) => {
    const out: TableCell[] = [code, name, ...(money ? [round(totalWan, 2), round(spentWan, 2)] : [])];
    for (const { measure } of answers) {
      const c = cells[measure.id];
      if (c?.suppressed) anySuppressed = true;
      out.push(c ? valueCell(measure, c.value, c.suppressed) : null);
      if (measure.hasTarget) out.push(round(c?.expected ?? null, 1), round(c?.lag ?? null, 1));
      if (measure.statusRule !== 'none') {
        const mark = lagMark(c?.lag ?? null);
        out.push(c && c.status !== 'none' ? `${statusWord(c.status)}${mark ? ` ${mark}` : ''}` : null);
      }
    }
    return out;
  };
  const body = [
    ...(total ? [line(total.code, `${total.name}（合计）`, total.totalWan, total.spentWan, total.cells)] : []),
    ...rows.map((r) => line(r.code, r.name, r.totalWan, r.spentWan, r.cells)),
  ];
  const notes = [
    `数据截至 ${asOf}；范围：${parent?.name ?? ''} 的${levelNames[level]}，共 ${rows.length} 个。`,
    '序时进度：按时间进度应达到的值；差距 = 数值 − 序时进度（个百分点），▲ 超前，▼ 滞后。',
    ...(anySuppressed ? [suppressedNote] : []),
    ...(demo ? [demoNote] : []),
  ];
  return { sheetName: `区域台账-${parent?.name ?? ''}`, columns, rows: body, notes };
}

export const projectColumns: readonly TableColumn[] = [
  { header: '项目编号', format: 'code' },
  { header: '项目名称', format: 'text' },
  { header: '年度', format: 'number' },
  { header: '县（市、区）', format: 'text' },
  { header: '乡镇（街道）', format: 'text' },
  { header: '村（社区）', format: 'text' },
  { header: '项目类别', format: 'text' },
  { header: '项目状态', format: 'text' },
  { header: '责任单位', format: 'text' },
  { header: '总投资（万元）', format: 'wan' },
  { header: '已安排资金（万元）', format: 'wan' },
  { header: '已支出（万元）', format: 'wan' },
  { header: '支出进度（%）', format: 'pct1' },
  { header: '计划完工日期', format: 'date' },
  { header: '实际完工日期', format: 'date' },
  { header: '是否逾期', format: 'text' },
];

export interface ProjectTableInput {
  items: readonly ProjectListItem[];
  total: number;
  sums: { totalInvestmentWan: number; spentWan: number; overdue: number };
  asOf: string;
  /** The filters in words, e.g. ['范围：民权县', '状态：开工']. */
  filters: readonly string[];
  demo: boolean;
}

/** The project list, every match in the list's order, with the sums the list shows. */
export function projectLedgerTable({ items, total, sums, asOf, filters, demo }: ProjectTableInput): TableFile {
  const rows = items.map((p) => [
    p.code,
    p.name,
    p.year,
    p.countyName,
    p.townshipName,
    p.villageName,
    categoryLabels[p.category] ?? p.category,
    statusLabels[p.status] ?? p.status,
    p.responsibleUnit,
    round(p.totalInvestmentWan, 2),
    round(p.arrangedWan, 2),
    round(p.spentWan, 2),
    round(p.spendRatePct, 1),
    p.plannedCompletion,
    p.actualCompletion,
    p.overdue ? '是' : '否',
  ]);
  const notes = [
    `共 ${formatNumber(total)} 个项目，总投资 ${formatNumber(sums.totalInvestmentWan, 2)} 万元，已支出 ${formatNumber(sums.spentWan, 2)} 万元，逾期 ${formatNumber(sums.overdue)} 个。`,
    `逾期按 ${asOf} 判断（计划完工日期已过且未完工）。${filters.length ? `筛选：${filters.join('；')}。` : ''}`,
    ...(demo ? [demoNote] : []),
  ];
  return { sheetName: '项目台账', columns: projectColumns, rows, notes };
}

const signoffStateWords: Record<CountySignoff['state'], string> = {
  unsigned: '未签字',
  partial: '只签一人',
  signed: '已签字',
  changed: '签字后有改动，需重新签字',
};

/** A signing time in Beijing time, 'YYYY-MM-DD HH:mm'. */
const beijingTime = (iso: string) => (iso ? new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16) : null);

export const signoffColumns: readonly TableColumn[] = [
  { header: '县代码', format: 'code' },
  { header: '县（市、区）', format: 'text' },
  { header: '签字状态', format: 'text' },
  { header: '主要领导', format: 'text' },
  { header: '主要领导签字时间（北京时间）', format: 'text' },
  { header: '主要领导签字仍有效', format: 'text' },
  { header: '分管领导', format: 'text' },
  { header: '分管领导签字时间（北京时间）', format: 'text' },
  { header: '分管领导签字仍有效', format: 'text' },
];

/** 层层签字 of a month: every county with both signatures and whether they still hold. */
export function signoffTable({ period, items, demo }: { period: string; items: readonly CountySignoff[]; demo: boolean }): TableFile {
  const sig = (s: CountySignoff['main']) => (s ? [s.signer, beijingTime(s.signedAt), s.current ? '是' : '否'] : [null, null, null]);
  const rows = items.map((c) => [c.countyCode, c.countyName, signoffStateWords[c.state], ...sig(c.main), ...sig(c.deputy)]);
  const signed = items.filter((c) => c.state === 'signed').length;
  const notes = [`签字月份 ${period}：共 ${items.length} 个县（市、区），已签字 ${signed} 个。`, ...(demo ? [demoNote] : [])];
  return { sheetName: `层层签字-${period}`, columns: signoffColumns, rows, notes };
}
