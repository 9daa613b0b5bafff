/** Exports of the comparison and the ranking: .csv and .xlsx with Chinese headers, read back by openpyxl. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Catchment, Suggestions } from '../../../../server/contracts/siting.ts';
import { comparisonTable, rankingTable, tableToCsv, tableToXlsx } from '../../../../client/features/siting/siting-table.ts';

const catchment = (target: number | null, label: string): Catchment => ({
  site: { kind: 'point', label, centre: [115.15, 34.65], countyCode: '411421', villageCode: null },
  radiusKm: 5,
  catchment: { areaKm2: 78.4, geometry: { type: 'Polygon', coordinates: [] } },
  households: {
    exact: false,
    minCount: 5,
    cells: [],
    byCategory: [],
    byLabour: [],
    total: 70,
    withLabour: 50,
    target,
    targetServed: 5,
  },
  villages: [
    { code: '411421001001', name: '东郊居委会', townshipName: '绿洲街道', countyCode: '411421', poorVillage: true, distanceKm: 1 },
  ],
  projects: [],
  pvStations: [
    {
      code: 'PV1',
      name: '光伏站',
      type: 'village',
      status: 'grid_connected',
      capacityKw: 100,
      yearlyIncomeWan: 8.25,
      distanceKm: 2,
      location: [115, 34],
    },
  ],
  overlap: { projects: [], areaSharePct: 12.345 },
});
const suggestions: Suggestions = {
  area: { code: '411421', name: '民权县' },
  radiusKm: 5,
  weights: { target: 5, distance: 2.5, poor: 1.5, pv: 1 },
  halfPoints: { target: 30, distanceKm: 5, pvWan: 10 },
  villages: 2,
  items: [
    {
      rank: 1,
      code: '411421104217',
      name: '杨卓武村委会',
      townshipName: '程庄镇',
      countyCode: '411421',
      poorVillage: true,
      location: [115.3, 34.8],
      targetHouseholds: 30,
      nearestIndustryKm: 3.448,
      pvIncomeWan: 108.48,
      score: 59.36,
      parts: { target: 25, distance: 10.2, poor: 15, pv: 9.16 },
    },
    {
      rank: 2,
      code: '411421104214',
      name: '杨东村委会',
      townshipName: '程庄镇',
      countyCode: '411421',
      poorVillage: false,
      location: [115.3, 34.8],
      targetHouseholds: null,
      nearestIndustryKm: null,
      pvIncomeWan: 0,
      score: 20,
      parts: { target: 5, distance: 15, poor: 0, pv: 0 },
    },
  ],
};

const readXlsx = (file: string) =>
  JSON.parse(
    execFileSync(
      '/usr/bin/python3',
      [
        '-c',
        `
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
print(json.dumps([[c for c in r] for r in ws.iter_rows(values_only=True)], ensure_ascii=False))
`,
        file,
      ],
      { encoding: 'utf8' },
    ),
  ) as (string | number | null)[][];

describe('siting exports', () => {
  it('writes the comparison to .xlsx with Chinese headers and the numbers (openpyxl reads it back)', async () => {
    const table = comparisonTable([catchment(25, '民权县 绿洲街道 东郊居委会'), catchment(null, '民权县 程庄镇 杨东村委会')], 'zh');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'siting-')), '对比.xlsx');
    fs.writeFileSync(file, await tableToXlsx(table, '选址候选对比'));
    const rows = readXlsx(file);
    expect(rows[0]).toEqual(['指标', '候选 A', '候选 B']);
    expect(rows.find((r) => r[0] === '目标户数')).toEqual(['目标户数', 25, '<5']);
    expect(rows.find((r) => r[0] === '位置')).toEqual(['位置', '民权县 绿洲街道 东郊居委会', '民权县 程庄镇 杨东村委会']);
    expect(rows.find((r) => r[0] === '光伏年收益（万元）')).toEqual(['光伏年收益（万元）', 8.25, 8.25]);
    expect(rows.find((r) => r[0] === '与现有范围重叠')).toEqual(['与现有范围重叠', '12.3%', '12.3%']);
    expect(rows.at(-1)).toEqual(['演示数据', null, null]);
  });

  it('writes the ranking to .xlsx and .csv with each part of the score', async () => {
    const table = rankingTable(suggestions, 'zh');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siting-'));
    fs.writeFileSync(path.join(dir, 'r.xlsx'), await tableToXlsx(table, '推荐村排名'));
    const rows = readXlsx(path.join(dir, 'r.xlsx'));
    expect(rows[0]).toEqual([
      '名次',
      '村',
      '乡镇',
      '村代码',
      '贫困村',
      '目标户数',
      '最近产业项目（公里）',
      '光伏年收益（万元）',
      '得分',
      '目标户',
      '远离现有产业项目',
      '贫困村',
      '光伏收益',
    ]);
    expect(rows[1]).toEqual([1, '杨卓武村委会', '程庄镇', '411421104217', '是', 30, 3.448, 108.48, 59.36, 25, 10.2, 15, 9.16]);
    expect(rows[2].slice(4, 7)).toEqual(['否', '<5', null]);
    const csv = tableToCsv(table);
    expect(csv.startsWith('\uFEFF名次,村,乡镇')).toBe(true);
    fs.writeFileSync(path.join(dir, 'r.csv'), csv);
    const back = execFileSync(
      '/usr/bin/python3',
      [
        '-c',
        `
import csv, json, sys
print(json.dumps(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig'))), ensure_ascii=False))`,
        path.join(dir, 'r.csv'),
      ],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(back)[1]).toEqual([
      '1',
      '杨卓武村委会',
      '程庄镇',
      '411421104217',
      '是',
      '30',
      '3.448',
      '108.48',
      '59.36',
      '25',
      '10.2',
      '15',
      '9.16',
    ]);
  });
});
