import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from '../../../server/ingest/csv.ts';
import { DivisionIndex, nameKey } from '../../../server/ingest/divisions.ts';
import { locateHeader, normHeader } from '../../../server/ingest/ledger-parse.ts';
import {
  excelSerialToDate,
  parseBool,
  parseCode,
  parseDate,
  parseMoney,
  parsePercent,
  type Cell,
} from '../../../server/ingest/normalize.ts';
import { decodeText, sniff } from '../../../server/ingest/sheet.ts';
import iconv from 'iconv-lite';

const value = <T>(p: { ok: true; value: T } | { ok: false; reason: string }) => (p.ok ? p.value : `ERR ${p.reason}`);

describe('money in 万元', () => {
  it.each<[Cell, '万元' | '元', number | null | string]>([
    [120, '万元', 120],
    ['１２０', '万元', 120],
    ['1,234.5', '万元', 1234.5],
    ['600,000', '元', 60],
    ['123456元', '万元', 12.3456],
    ['12.5万元', '元', 12.5],
    ['12.5万', '元', 12.5],
    ['', '万元', null],
    ['-', '万元', null],
    ['一百万', '万元', 'ERR 应为金额（数字，单位万元或元）'],
    [-3, '万元', 'ERR 金额不能为负数'],
  ])('%j in a %s column → %j', (cell, unit, expected) => expect(value(parseMoney(cell, unit))).toBe(expected));
});

describe('percentages with or without %', () => {
  it.each<[Cell, number | null | string]>([
    ['85%', 85],
    ['85.5％', 85.5],
    ['85', 85],
    [45, 45],
    ['45.0%', 45],
    ['', null],
    ['120%', 'ERR 百分比应在 0–100 之间'],
    ['很多', 'ERR 应为百分比（如 85 或 85%）'],
  ])('%j → %j', (cell, expected) => expect(value(parsePercent(cell))).toBe(expected));
});

describe('dates: Excel 1900 and 1904 serials, Date cells and text', () => {
  it.each<[Cell, boolean, string | null]>([
    [43983, false, '2020-06-01'],
    [42521, true, '2020-06-01'],
    [new Date(Date.UTC(2020, 5, 1)), false, '2020-06-01'],
    ['2020年6月1日', false, '2020-06-01'],
    ['２０２０年６月１日', false, '2020-06-01'],
    ['2020/6/1', false, '2020-06-01'],
    ['2020.6.1', false, '2020-06-01'],
    ['2020-06-01', false, '2020-06-01'],
    ['20200601', false, '2020-06-01'],
    ['2020年5月', false, '2020-05-31'],
    ['2020.2', false, '2020-02-29'],
    ['43983', false, '2020-06-01'],
    ['', false, null],
  ])('%j (1904: %s) → %s', (cell, date1904, expected) => expect(value(parseDate(cell, date1904))).toBe(expected));
  it.each(['2020-13-45', '2020年2月30日', '明年', '2021/02/29'])('refuses %j', (cell) => expect(parseDate(cell, false).ok).toBe(false));
  it('counts 1900 serials around Lotus’s phantom 1900-02-29 (serial 60)', () => {
    expect([excelSerialToDate(1, false), excelSerialToDate(59, false), excelSerialToDate(60, false), excelSerialToDate(61, false)]).toEqual(
      ['1900-01-01', '1900-02-28', null, '1900-03-01'],
    );
    expect(excelSerialToDate(0, true)).toBeNull();
    expect(excelSerialToDate(1, true)).toBe('1904-01-02');
  });
});

describe('codes stay text, yes/no, header names', () => {
  it.each<[Cell, string | null]>([
    [411421100201, '411421100201'],
    ['ＭＱ２０２０－００１', 'MQ2020-001'],
    [' 2020002 ', '2020002'],
  ])('code %j → %j', (cell, expected) => expect(value(parseCode(cell))).toBe(expected));
  it.each<[Cell, boolean | null]>([
    ['是', true],
    ['否', false],
    ['√', true],
    ['', null],
  ])('%j → %j', (c, e) => expect(value(parseBool(c))).toBe(e));
  it.each([
    ['总投资（万元）', { base: '总投资', unit: '万元' }],
    [' *项目 名称 ', { base: '项目名称', unit: null }],
    ['装机容量(MW)', { base: '装机容量', unit: 'mw' }],
  ])('header %j → %j', (h, e) => expect(normHeader(h)).toEqual(e));
});

describe('header row: title rows and two-row merged headers', () => {
  it('finds a one-row header below a title', () => {
    const h = locateHeader([['2020年台账'], [], ['项目编号', '项目名', '总投资（万元）']], 'projects');
    expect([h?.start, h?.height]).toEqual([2, 1]);
  });
  it('combines a group cell with its sub-headers', () => {
    const h = locateHeader(
      [
        ['项目编号', '项目名称', '资金来源（元）', '资金来源（元）', '计划', '计划'],
        ['项目编号', '项目名称', '中央', '省级', '开工时间', '完工时间'],
      ],
      'projects',
    );
    expect(h?.height).toBe(2);
    expect(h?.columns.map((c) => [c.field?.key, c.unit])).toEqual([
      ['code', null],
      ['name', null],
      ['fundCentralWan', '元'],
      ['fundProvinceWan', '元'],
      ['plannedStart', null],
      ['plannedCompletion', null],
    ]);
  });
});

describe('CSV: encodings and delimiters', () => {
  const text = '项目编号,项目名称\r\nA-1,"东村,""大棚"""\r\n';
  it.each([
    ['UTF-8', Buffer.from(text), 'UTF-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'UTF-8 (BOM)'],
    ['GBK', iconv.encode(text, 'gbk'), 'GB18030 (GBK)'],
    ['GB18030', iconv.encode(text, 'gb18030'), 'GB18030 (GBK)'],
  ])('%s', (_name, bytes, encoding) => {
    const decoded = decodeText(new Uint8Array(bytes));
    expect(decoded.encoding).toBe(encoding);
    expect(parseCsv(decoded.text)).toEqual([
      ['项目编号', '项目名称'],
      ['A-1', '东村,"大棚"'],
    ]);
  });
  it('detects tab and semicolon', () => {
    expect(detectDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(detectDelimiter('a;b;c\n1;2;3')).toBe(';');
  });
  it('sniffs content, not names', () => {
    expect(sniff(new Uint8Array([0x50, 0x4b, 3, 4]))).toBe('zip');
    expect(sniff(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toBe('ole');
    expect(sniff(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBe('image');
    expect(sniff(new Uint8Array(Buffer.from('项目,名称')))).toBe('text');
  });
});

describe('division names → codes', () => {
  const index = new DivisionIndex([
    { code: '4114', level: 'city', name: '商丘市', parentCode: null },
    { code: '411421', level: 'county', name: '民权县', parentCode: '4114' },
    { code: '411421100', level: 'township', name: '城关镇', parentCode: '411421' },
    { code: '411421101', level: 'township', name: '人和镇', parentCode: '411421' },
    { code: '411421100201', level: 'village', name: '东村村委会', parentCode: '411421100' },
    { code: '411421101201', level: 'village', name: '东村', parentCode: '411421101' },
  ]);
  it('strips suffixes', () =>
    expect([nameKey('民权县'), nameKey('东村村委会'), nameKey('城关镇'), nameKey('东村')]).toEqual(['民权', '东', '城关', '东']));
  it.each([
    [{ county: '民权', township: '城关', village: '东村' }, '411421100201'],
    [{ village: '东村村委会' }, '411421100201'],
    [{ county: '民权县', township: '人和镇', village: '东村' }, '411421101201'],
    [{ divisionCode: '411421101201' }, '411421101201'],
  ])('%j → %s', (input, code) => {
    const r = index.resolve(input);
    expect(r.ok && r.value.villageCode).toBe(code);
  });
  it('reports ambiguity with the candidates and unknown names', () => {
    const amb = index.resolve({ county: '民权县', village: '东' });
    expect(amb.ok ? '' : amb.reason).toMatch(/对应多个区划：民权县城关镇东村村委会（411421100201）、民权县人和镇东村（411421101201）/);
    const unknown = index.resolve({ county: '民权县', township: '城关镇', village: '北村' });
    expect(unknown.ok ? '' : unknown.reason).toMatch(/城关镇没有这个村/);
    expect(index.resolve({ divisionCode: '411421999999' }).ok).toBe(false);
  });
});
