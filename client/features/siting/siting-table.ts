/**
 * The comparison of candidates and the ranking of suggested villages as plain tables (header row +
 * rows), for the panel and for the exports (.csv with a BOM so Excel reads UTF-8, .xlsx through
 * exceljs, both written by server/domain/table-file.ts). Export headers are always Chinese. Pure except
 * `tableToXlsx`, which loads exceljs.
 */
import type { Catchment, Suggestions } from '../../../server/contracts/siting.ts';
import { candidateLetters } from './siting-state.ts';
import { tableToCsvText, tableToXlsx as writeXlsx, type TableFile } from '../../../server/domain/table-file.ts';
import { translateSiting, type SitingLang, type SitingMessageKey } from './siting-i18n.ts';

export type Cell = string | number | null;
export interface Table {
  headers: string[];
  rows: Cell[][];
}

/** A household count as shown: the number, or “<5” when withheld. */
export const countCell = (n: number | null): Cell => (n === null ? '<5' : n);

const rows: { key: SitingMessageKey; value: (c: Catchment) => Cell }[] = [
  { key: 'row.site', value: (c) => c.site.label },
  { key: 'row.radius', value: (c) => c.radiusKm },
  { key: 'row.total', value: (c) => countCell(c.households.total) },
  { key: 'row.withLabour', value: (c) => countCell(c.households.withLabour) },
  { key: 'row.target', value: (c) => countCell(c.households.target) },
  { key: 'row.served', value: (c) => countCell(c.households.targetServed) },
  { key: 'row.villages', value: (c) => c.villages.length },
  { key: 'row.poorVillages', value: (c) => c.villages.filter((v) => v.poorVillage).length },
  { key: 'row.projects', value: (c) => c.projects.length },
  { key: 'row.nearest', value: (c) => c.overlap.projects[0]?.distanceKm ?? null },
  { key: 'row.pv', value: (c) => c.pvStations.length },
  { key: 'row.pvIncome', value: (c) => Number(c.pvStations.reduce((s, p) => s + p.yearlyIncomeWan, 0).toFixed(2)) },
  { key: 'row.overlap', value: (c) => `${c.overlap.areaSharePct.toFixed(1)}%` },
];

/** Candidates side by side: one row per figure, one column per candidate (A, B, C). */
export function comparisonTable(catchments: readonly (Catchment | null)[], lang: SitingLang = 'zh'): Table {
  const t = (k: SitingMessageKey, p?: Record<string, string | number>) => translateSiting(lang, k, p);
  return {
    headers: [lang === 'zh' ? '指标' : 'Figure', ...catchments.map((_, i) => t('candidate', { letter: candidateLetters[i] }))],
    rows: rows.map((r) => [t(r.key), ...catchments.map((c) => (c ? r.value(c) : null))]),
  };
}

/** The ranking of suggested villages with each part of the score. */
export function rankingTable(s: Suggestions, lang: SitingLang = 'zh'): Table {
  const t = (k: SitingMessageKey) => translateSiting(lang, k);
  const zh = lang === 'zh';
  return {
    headers: [
      t('suggest.rank'),
      t('suggest.village'),
      zh ? '乡镇' : 'Township',
      zh ? '村代码' : 'Code',
      t('poor'),
      t('row.target'),
      t('row.nearest'),
      t('row.pvIncome'),
      t('suggest.score'),
      t('part.target'),
      t('part.distance'),
      t('part.poor'),
      t('part.pv'),
    ],
    rows: s.items.map((v) => [
      v.rank,
      v.name,
      v.townshipName,
      v.code,
      v.poorVillage ? (zh ? '是' : 'yes') : zh ? '否' : 'no',
      countCell(v.targetHouseholds),
      v.nearestIndustryKm,
      v.pvIncomeWan,
      v.score,
      v.parts.target,
      v.parts.distance,
      v.parts.poor,
      v.parts.pv,
    ]),
  };
}

const asFile = (table: Table, sheetName: string, notes?: string[]): TableFile => ({
  sheetName,
  columns: table.headers.map((header) => ({ header })),
  rows: table.rows,
  notes,
});

/** CSV text with a UTF-8 BOM (Excel on Windows then reads the Chinese headers), CRLF line ends. */
export const tableToCsv = (table: Table): string => tableToCsvText(asFile(table, ''));

/** An .xlsx workbook of one sheet (bold, frozen header row, demo-data note below) as bytes. */
export const tableToXlsx = (table: Table, sheetName: string, note = '演示数据'): Promise<Uint8Array> =>
  writeXlsx(asFile(table, sheetName, [note]));
