/**
 * The one table writer of every export: formula-looking text neutralised (and restored on import),
 * CSV quoting, BOM and CRLF, notes below the table; and the ledger views' download addresses built
 * from the view state (the project list's filters and sort, never its page).
 */
import { describe, expect, it } from 'vitest';
import { areaExportHref, projectExportHref, signoffExportHref } from '../../../client/features/ledger/export-href.ts';
import { initialListState } from '../../../client/features/ledger/project-query.ts';
import { csvField, neutralise, tableToCsvText, textWidth, unneutralise } from '../../../server/domain/table-file.ts';

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
