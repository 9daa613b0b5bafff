/**
 * The one table writer of every export: formula-looking text neutralised (and restored on import),
 * CSV quoting, BOM and CRLF, notes below the table; and the ledger views' download addresses built
 * from the view state (the project list's filters and sort, never its page).
 */
import { describe, expect, it } from 'vitest';
import { areaExportHref, projectExportHref, signoffExportHref } from '../../../client/features/ledger/export-href.ts';
import { initialListState } from '../../../client/features/ledger/project-query.ts';
import {
  csvField,
  neutralise,
  tableToCsvText,
  tableToXlsx,
  textWidth,
  unneutralise,
  type TableFile,
} from '../../../server/domain/table-file.ts';

describe('neutralise', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+86 370', "'+86 370"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['道路=1', '道路=1'],
    ["'=already", "'=already"],
    ['', ''],
    ['−13.0', '−13.0'],
  ])('%j → %j, and back', (text, out) => {
    expect(neutralise(text)).toBe(out);
    expect(neutralise(neutralise(text))).toBe(out);
    if (out !== text) expect(unneutralise(out)).toBe(text);
  });
});

describe('CSV', () => {
  it.each([
    [null, ''],
    [12.5, '12.5'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
  ] as const)('field %j → %j', (v, out) => expect(csvField(v)).toBe(out));

  it('writes a BOM, the header, the rows with formulas neutralised, an empty line and the notes, CRLF', () => {
    const text = tableToCsvText({
      columns: [{ header: '项目名称' }, { header: '总投资（万元）', format: 'wan' }],
      rows: [
        ['=HYPERLINK("x")', 12.5],
        ['道路', null],
      ],
      notes: ['演示数据'],
    });
    expect(text).toBe('\uFEFF项目名称,总投资（万元）\r\n"\'=HYPERLINK(""x"")",12.5\r\n道路,\r\n\r\n演示数据\r\n');
  });

  it('counts CJK characters double for widths', () => expect(textWidth('总投资ab')).toBe(8));
});

describe('export addresses', () => {
  it('area ledger: level, parent, date and format', () => {
    expect(areaExportHref({ level: 'township', area: '411421', asOf: '2020-06-20' }, 'csv')).toBe(
      '/api/ledger/export/areas?level=township&parent=411421&asOf=2020-06-20&format=csv',
    );
    expect(areaExportHref({ level: 'county', area: '4114', asOf: null }, 'xlsx')).toBe(
      '/api/ledger/export/areas?level=county&parent=4114&format=xlsx',
    );
  });

  it('sign-off: the month', () =>
    expect(signoffExportHref('2020-06', 'csv')).toBe('/api/ledger/export/signoffs?period=2020-06&format=csv'));

  it('project list: the filters and sort of the list, not its page', () => {
    const state = {
      ...initialListState,
      area: '411421',
      q: ' =道路 ',
      status: 'started',
      overdue: true,
      sort: 'total' as const,
      order: 'desc' as const,
      page: 3,
      pageSize: 50,
    };
    const url = new URL(projectExportHref(state, 'xlsx'), 'http://x');
    expect(url.pathname).toBe('/api/ledger/export/projects');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      area: '411421',
      q: '=道路',
      status: 'started',
      overdue: 'true',
      sort: 'total',
      order: 'desc',
      format: 'xlsx',
    });
    expect(new URL(projectExportHref({ ...initialListState, area: '4114' }, 'csv'), 'http://x').searchParams.has('area')).toBe(false);
  });
});

describe('tableToXlsx', () => {
  const read = async (t: TableFile) => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tableToXlsx(t)).buffer as ArrayBuffer);
    return wb.worksheets[0];
  };
  const table: TableFile = {
    sheetName: '区域台账/民权县:北关镇?*[测试]一个很长很长很长很长很长很长很长的名字',
    columns: [
      { header: '区划代码', format: 'code' },
      { header: '项目名称', format: 'text' },
      { header: '户数', format: 'int' },
      { header: '支出进度（%）', format: 'pct1' },
      { header: '总投资（万元）', format: 'wan' },
      { header: '计划完工日期', format: 'date' },
      { header: '备注' },
    ],
    rows: [
      ['411421', '=SUM(A1)', 1234, 40.04, 1234.5, '2020-06-30', 7],
      ['411422', '道路', '<5', null, 0, '待定', null],
    ],
    notes: ['演示数据'],
  };

  it('names the sheet without the characters Excel forbids, cut to 31 characters', async () => {
    const ws = await read(table);
    expect(ws.name).toBe('区域台账 民权县 北关镇   测试 一个很长很长很长很长很长很长很长的名字'.slice(0, 31));
  });

  it('writes a bold, frozen header row and the rows with formulas neutralised', async () => {
    const ws = await read(table);
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '区划代码',
      '项目名称',
      '户数',
      '支出进度（%）',
      '总投资（万元）',
      '计划完工日期',
      '备注',
    ]);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('B2').value).toBe("'=SUM(A1)");
    expect(ws.getCell('A2').value).toBe('411421');
  });

  it.each([
    { cell: 'A2', what: 'a code as text', fmt: '@', value: '411421' },
    { cell: 'C2', what: 'a count', fmt: '#,##0', value: 1234 },
    { cell: 'D2', what: 'a percentage', fmt: '0.0', value: 40.04 },
    { cell: 'E2', what: 'money in 万元', fmt: '#,##0.00', value: 1234.5 },
    { cell: 'F2', what: 'a date', fmt: 'yyyy-mm-dd', value: new Date('2020-06-30T00:00:00Z') },
    { cell: 'G2', what: 'a number in a column without a format', fmt: undefined, value: 7 },
    { cell: 'C3', what: '"<5" in a count column stays text, unformatted', fmt: undefined, value: '<5' },
    { cell: 'F3', what: 'a date column holding words stays text', fmt: undefined, value: '待定' },
  ])('$what: $cell', async ({ cell, fmt, value }) => {
    const c = (await read(table)).getCell(cell);
    expect(c.value).toEqual(value);
    expect(c.numFmt).toBe(fmt);
  });

  it('writes the notes in italics after an empty row', async () => {
    const ws = await read(table);
    expect(ws.getRow(4).values).toEqual([]);
    expect(ws.getCell('A5').value).toBe('演示数据');
    expect(ws.getRow(5).font?.italic).toBe(true);
  });

  it('sizes each column to its widest text, CJK counted double, between 8 and 48', async () => {
    const ws = await read({ ...table, rows: [...table.rows, ['1', '很'.repeat(40), 1, 1, 1234567.891, '2020-06-30', 1]] });
    // 区划代码 (8) + 2; 很 × 40 = 80, capped at 48; 户数 (4) → at least 8; 1,234,567.89 (12) + 2; a date 10 + 2.
    expect([1, 2, 3, 5, 6].map((i) => ws.getColumn(i).width)).toEqual([10, 48, 8, 16, 14]);
  });
});

describe('cells that only look like something else', () => {
  it('a negative number stays a number; only text is neutralised', () => {
    expect(tableToCsvText({ columns: [{ header: 'a' }], rows: [[-5], ['-5']] })).toBe("\uFEFFa\r\n-5\r\n'-5\r\n");
  });
  it('an apostrophe inside a text is kept on import', () => expect(unneutralise("道路'=1")).toBe("道路'=1"));
  it.each([
    { title: 'no notes', notes: undefined },
    { title: 'an empty list of notes', notes: [] },
  ])('$title: no empty line at the end', ({ notes }) => {
    expect(tableToCsvText({ columns: [{ header: 'a' }], rows: [['x']], notes })).toBe('\uFEFFa\r\nx\r\n');
  });
});

describe('tableToXlsx: what each column shows', () => {
  const read = async (t: TableFile) => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tableToXlsx(t)).buffer as ArrayBuffer);
    return { wb, ws: wb.worksheets[0] };
  };
  it('sizes number columns by the number as shown: one decimal, money with two and separators, counts with separators', async () => {
    const { ws } = await read({
      sheetName: 's',
      columns: [
        { header: 'a', format: 'pct1' },
        { header: 'b', format: 'wan' },
        { header: 'c', format: 'int' },
        { header: 'd' },
        { header: 'e', format: 'int' },
      ],
      rows: [[123456.789, 1234567.891, 123456789, 1234567.891, null]],
    });
    // '123456.8' 8, '1,234,567.89' 12, '123,456,789' 11, '1234567.891' 11 (each + 2); an empty cell keeps the minimum 8.
    expect([1, 2, 3, 4, 5].map((i) => ws.getColumn(i).width)).toEqual([10, 14, 13, 13, 8]);
  });
  it.each([
    { title: 'a date-like text in a text column stays text', format: 'text' as const, value: '2020-06-30', want: '2020-06-30' },
    { title: 'a date with more after it stays text', format: 'date' as const, value: '2020-06-30 上午', want: '2020-06-30 上午' },
    { title: 'a date with something before it stays text', format: 'date' as const, value: '约2020-06-30', want: '约2020-06-30' },
  ])('$title', async ({ format, value, want }) => {
    const { ws } = await read({ sheetName: 's', columns: [{ header: 'a', format }], rows: [[value]] });
    expect(ws.getCell('A2').value).toBe(want);
  });
  it('a number in a code column keeps no text format', async () => {
    const { ws } = await read({ sheetName: 's', columns: [{ header: 'a', format: 'code' }], rows: [[411421]] });
    expect(ws.getCell('A2').value).toBe(411421);
    expect(ws.getCell('A2').numFmt).toBeUndefined();
  });
  it('shades the header and names the application as the author', async () => {
    const { wb, ws } = await read({ sheetName: 's', columns: [{ header: 'a' }], rows: [] });
    expect(ws.getCell('A1').fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } });
    expect(wb.creator).toBe('扶贫项目调度一张图');
  });
  it('writes notes in grey italics, and none when there are none', async () => {
    const { ws } = await read({ sheetName: 's', columns: [{ header: 'a' }], rows: [['x']], notes: ['演示数据'] });
    expect(ws.getRow(4).font).toEqual({ italic: true, color: { argb: 'FF666666' } });
    const bare = await read({ sheetName: 's', columns: [{ header: 'a' }], rows: [['x']], notes: [] });
    expect(bare.ws.rowCount).toBe(2);
    const none = await read({ sheetName: 's', columns: [{ header: 'a' }], rows: [['x']] });
    expect(none.ws.rowCount).toBe(2);
  });
});
