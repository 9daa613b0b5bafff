/** The division list reader and planner (pure): header aliases, levels from code length or a column, parents, one city. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { countyCodes, parseDivisionSheet, planDivisions, type StoredDivision } from '../../../server/ingest/division-list.ts';
import { readSheet, type Sheet } from '../../../server/ingest/sheet.ts';

const sheet = (rows: (string | number | null)[][]): Sheet => ({ rows, format: 'csv', date1904: false });

describe('parseDivisionSheet', () => {
  it('finds the header under a title row, takes the level from a column, trims zero-padded codes and drops the province', () => {
    const p = parseDivisionSheet(
      sheet([
        ['青岚市行政区划名录（2020年）'],
        ['级别', '区划代码', '区划名称', '上级区划代码'],
        ['市', '339100000000', '青岚市', '330000000000'],
        ['县', '339102000000', '东湖区', '339100000000'],
        ['乡', 339102100, '东湖镇', 339102],
        ['村', '339102100201', '东湖一村', ''],
        [],
        ['合计', '', '4 个', ''],
      ]),
    );
    expect(p.issues).toEqual([]);
    expect(p.records).toEqual([
      { row: 3, code: '3391', name: '青岚市', level: 'city', parentCode: null },
      { row: 4, code: '339102', name: '东湖区', level: 'county', parentCode: '3391' },
      { row: 5, code: '339102100', name: '东湖镇', level: 'township', parentCode: '339102' },
      { row: 6, code: '339102100201', name: '东湖一村', level: 'village', parentCode: '339102100' },
    ]);
    expect(p.skipped).toBe(2);
    expect(p.notices.map((n) => n.message).join()).toContain('省');
  });

  it('reports bad codes, levels and names by row and column', () => {
    const p = parseDivisionSheet(
      sheet([
        ['代码', '名称', '级别'],
        ['33910', '五位', ''],
        ['3391A2', '字母', ''],
        ['339102', '', ''],
        ['339102', '东湖区', '省'],
        ['3391', '青岚市', '县'],
      ]),
    );
    expect(p.records).toEqual([]);
    expect(p.issues.map((i) => [i.row, i.column.slice(0, 2), i.reason])).toEqual([
      [2, 'A列', '区划代码应为 4（市）、6（县）、9（乡）或 12（村）位数字'],
      [3, 'A列', '区划代码只能是数字（4、6、9 或 12 位）'],
      [4, 'B列', '缺少名称'],
      [5, 'C列', '级别应为 市、县、乡、村（或 city、county、township、village）'],
      [6, 'A列', '县级区划代码应为 6 位'],
    ]);
  });

  it('refuses a file without the code and name columns, and one with no data rows', () => {
    expect(
      parseDivisionSheet(
        sheet([
          ['a', 'b'],
          ['1', '2'],
        ]),
      ).fileError,
    ).toContain('代码');
    expect(parseDivisionSheet(sheet([['代码', '名称']])).fileError).toContain('没有数据行');
  });

  it('reads an .xlsx (codes typed as numbers stay text)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('区划');
    ws.addRows([
      ['代码', '名称', '上级代码'],
      [3391, '青岚市', null],
      [339102, '东湖区', 3391],
    ]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const p = parseDivisionSheet(await readSheet(bytes, '区划.xlsx'));
    expect(p.records.map((r) => [r.code, r.level, r.parentCode])).toEqual([
      ['3391', 'city', null],
      ['339102', 'county', '3391'],
    ]);
  });
});

describe('planDivisions', () => {
  const stored: StoredDivision[] = [
    { code: '3391', name: '青岚市', level: 'city', parentCode: null },
    { code: '339102', name: '东湖区', level: 'county', parentCode: '3391' },
  ];
  const rec = (row: number, code: string, name: string, level: StoredDivision['level'], parentCode: string | null) => ({
    row,
    code,
    name,
    level,
    parentCode,
  });

  it('plans adds, renames and unchanged rows; checks parents against the file and the stored list', () => {
    const { plan, issues } = planDivisions(
      [
        rec(2, '339102', '东湖新区', 'county', '3391'),
        rec(3, '339102100', '东湖镇', 'township', '339102'),
        rec(4, '339102100201', '一村', 'village', '339102100'),
        rec(5, '339102200201', '二村', 'village', '339102200'),
        rec(6, '339102100202', '三村', 'village', '339102'),
        rec(7, '339102100', '东湖镇', 'township', '339102'),
        rec(8, '3391', '青岚市', 'city', null),
      ],
      stored,
    );
    expect(plan.map((p) => [p.record.code, p.action])).toEqual([
      ['339102', 'change'],
      ['339102100', 'add'],
      ['339102100201', 'add'],
      ['339102200201', 'add'],
      ['339102100202', 'add'],
      ['3391', 'unchanged'],
    ]);
    expect(plan[0].changes).toEqual([{ field: 'name', label: '名称', before: '东湖区', after: '东湖新区' }]);
    expect(issues.map((i) => [i.row, i.reason.split('：')[0].split('，')[0]])).toEqual([
      [7, '区划代码 339102100 与第 3 行重复'],
      [5, '上级代码 339102200 不在区划名录中（文件和已有数据中都没有）'],
      [6, '上级 339102（东湖新区）是县级'],
    ]);
  });

  it('refuses a second city', () => {
    const { issues } = planDivisions([rec(2, '3392', '另一市', 'city', null)], stored);
    expect(issues).toMatchObject([{ row: 2, reason: expect.stringContaining('一个市') }]);
  });

  it('finds the county of every division', () => {
    const c = countyCodes([
      ...stored,
      { code: '339102100', name: 'x', level: 'township', parentCode: '339102' },
      { code: '339102100201', name: 'y', level: 'village', parentCode: '339102100' },
    ]);
    expect(Object.fromEntries(c)).toEqual({ '3391': null, '339102': '339102', '339102100': '339102', '339102100201': '339102' });
  });
});
