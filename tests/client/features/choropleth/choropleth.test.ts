import { describe, expect, it } from 'vitest';
import type { MeasureRow } from '../../../../client/api/client.ts';
import {
  arrangedLooksBetter,
  barFraction,
  breadcrumbCodes,
  breadcrumbPath,
  changeBreaks,
  childLevelOf,
  classifyRows,
  effectiveMethod,
  fillColors,
  hexToRgba,
  joinRows,
  projectsBehind,
  rankChangeOf,
  rankingOrder,
} from '../../../../client/features/choropleth/choropleth.ts';
import { rampChangePuOr7, statusColors } from '../../../../server/domain/classify.ts';
import { getMeasure } from '../../../../server/domain/measures.ts';

const row = (code: string, value: number | null, extra: Partial<MeasureRow> = {}): MeasureRow => ({
  code,
  name: `名${code}`,
  value,
  numerator: value ?? 0,
  denominator: value === null ? 0 : 100,
  expected: 50,
  lag: value === null ? null : value - 50,
  status: value === null ? 'no_data' : value - 50 < -5 ? 'lagging' : value - 50 > 5 ? 'ahead' : 'on_track',
  rank: null,
  ...extra,
});

const statusLabels = { ahead: '超前 ▲', on_track: '正常', lagging: '滞后 ▼' };
const spend = getMeasure('spend_rate');
const rows = [row('411402', 70, { rank: 1 }), row('411403', 52, { rank: 2 }), row('411421', 30, { rank: 3 }), row('411422', null)];

describe('classifyRows', () => {
  const cases: { title: string; method: 'target' | 'quantile' | 'equal' | 'jenks' | 'custom'; breaks?: number[]; expected: (number | null)[]; kind: string }[] = [
    { title: 'target: ahead / on track / lagging, null → no class', method: 'target', expected: [0, 1, 2, null], kind: 'status' },
    { title: 'custom breaks, value on a break goes up', method: 'custom', breaks: [52, 60], expected: [2, 1, 0, null], kind: 'value' },
    { title: 'custom without breaks: one class', method: 'custom', breaks: [], expected: [0, 0, 0, null], kind: 'value' },
    { title: 'equal intervals over 30–70', method: 'equal', expected: [4, 2, 0, null], kind: 'value' },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const k = classifyRows(rows, { measure: spend, method: c.method, customBreaks: c.breaks, lang: 'zh', statusLabels });
      expect(k.kind).toBe(c.kind);
      expect(rows.map((r) => k.classOf(r))).toEqual(c.expected);
      expect(k.noDataCount).toBe(1);
      expect(k.classOf(undefined)).toBeNull();
    });
  }

  it('status legend: colours from statusColors, best first, with counts', () => {
    const k = classifyRows(rows, { measure: spend, method: 'target', lang: 'zh', statusLabels });
    expect(k.classes).toEqual([
      { color: statusColors.ahead, label: '超前 ▲', count: 1 },
      { color: statusColors.on_track, label: '正常', count: 1 },
      { color: statusColors.lagging, label: '滞后 ▼', count: 1 },
    ]);
  });

  it('value legend: ranges formatted through formatMeasureValue', () => {
    const k = classifyRows(rows, { measure: spend, method: 'custom', customBreaks: [40, 60], lang: 'zh', statusLabels });
    expect(k.classes.map((c) => c.label)).toEqual(['< 40.0%', '40.0% – 60.0%', '≥ 60.0%']);
    expect(k.classes.map((c) => c.count)).toEqual([1, 1, 1]);
  });

  it('change mode: diverging PuOr, symmetric breaks, legend in points', () => {
    const changed = [row('a', 60, { change: 8 }), row('b', 50, { change: -2 }), row('c', null, { change: null })];
    const k = classifyRows(changed, { measure: spend, method: 'target', compare: true, lang: 'zh', statusLabels });
    expect(k.kind).toBe('change');
    expect(k.classes.map((c) => c.color)).toEqual([...rampChangePuOr7]);
    expect(k.breaks).toEqual([-10, -5, -1, 1, 5, 10]);
    expect(changed.map((r) => k.classOf(r))).toEqual([5, 2, null]);
    expect(k.classes[0].label).toBe('< −10.0');
    expect(k.classes[4].label).toBe('+1.0 – +5.0');
  });

  it('a measure without a status rule falls back from target to quantiles', () => {
    const m = getMeasure('reach_per_10k');
    expect(effectiveMethod(m, 'target')).toBe('quantile');
    expect(effectiveMethod(spend, 'target')).toBe('target');
    expect(classifyRows(rows, { measure: m, method: 'target', lang: 'zh', statusLabels }).kind).toBe('value');
  });
});

describe('changeBreaks', () => {
  const cases = [
    { title: 'no data', changes: [null], expected: [-10, -5, -1, 1, 5, 10] },
    { title: 'small changes', changes: [1, -2.5], expected: [-2, -1, -0.2, 0.2, 1, 2] },
    { title: 'up to 12', changes: [12, -3], expected: [-10, -5, -1, 1, 5, 10] },
    { title: 'large changes scale up', changes: [30], expected: [-30, -15, -3, 3, 15, 30] },
  ];
  for (const c of cases) it(c.title, () => expect(changeBreaks(c.changes)).toEqual(c.expected));
});

describe('fillColors and joinRows', () => {
  it('colours each feature code; missing rows and null values are the no-data grey', () => {
    const k = classifyRows(rows, { measure: spend, method: 'target', lang: 'zh', statusLabels });
    const colors = fillColors(['411402', '411421', '411422', '411499'], rows, k);
    expect(colors.get('411402')).toEqual(hexToRgba(statusColors.ahead));
    expect(colors.get('411421')).toEqual(hexToRgba(statusColors.lagging));
    expect(colors.get('411422')).toEqual(hexToRgba(statusColors.no_data));
    expect(colors.get('411499')).toEqual(hexToRgba(statusColors.no_data));
  });
  it('joins by code and lists features without values', () => {
    const { byCode, missing } = joinRows(['411402', '411499'], rows);
    expect(byCode.get('411402')?.value).toBe(70);
    expect(missing).toEqual(['411499']);
  });
});

describe('ranking', () => {
  it('orders by rank, unranked last by code', () => {
    const shuffled = [row('b', null), row('c', 30, { rank: 3 }), row('a', null), row('d', 70, { rank: 1 })];
    expect(rankingOrder(shuffled).map((r) => r.code)).toEqual(['d', 'c', 'a', 'b']);
  });
  const changes = [
    { title: 'moved up', rank: 3, before: 5, expected: 2 },
    { title: 'moved down', rank: 5, before: 3, expected: -2 },
    { title: 'no earlier rank', rank: 5, before: null, expected: null },
  ];
  for (const c of changes) it(`rank change: ${c.title}`, () => expect(rankChangeOf(row('x', 1, { rank: c.rank, previous: { value: 1, rank: c.before, expected: 1 } }))).toBe(c.expected));
  it('bar fraction', () => {
    expect([barFraction(50, 100), barFraction(null, 100), barFraction(150, 100), barFraction(5, 0)]).toEqual([0.5, 0, 1, 0]);
  });
});

describe('drill-down path', () => {
  const levels = [
    { area: '4114', level: 'county' },
    { area: '411421', level: 'township' },
    { area: '411421100', level: 'village' },
    { area: '411421100201', level: null },
  ];
  for (const c of levels) it(`child level of ${c.area}`, () => expect(childLevelOf(c.area)).toBe(c.level));
  const paths = [
    { area: '4114', expected: ['4114'] },
    { area: '411421', expected: ['4114', '411421'] },
    { area: '411421100', expected: ['4114', '411421', '411421100'] },
  ];
  for (const c of paths) it(`breadcrumb of ${c.area}`, () => expect(breadcrumbCodes(c.area)).toEqual(c.expected));
  it('names the steps, falling back to the code', () => {
    const names = new Map([['411421', '民权县']]);
    expect(breadcrumbPath('411421100', names, '商丘市')).toEqual([
      { code: '4114', name: '商丘市' },
      { code: '411421', name: '民权县' },
      { code: '411421100', name: '411421100' },
    ]);
  });
});

describe('area card helpers', () => {
  const bases = [
    { title: 'arranged higher', fair: 38.2, arranged: 52, expected: true },
    { title: 'equal', fair: 40, arranged: 40, expected: false },
    { title: 'missing', fair: null, arranged: 52, expected: false },
  ];
  for (const c of bases) it(`arranged basis looks better: ${c.title}`, () => expect(arrangedLooksBetter(c.fair, c.arranged)).toBe(c.expected));

  it('projects behind: shortfall = total × expected − spent, largest first, top 5, positive only', () => {
    const p = (code: string, totalWan: number | null, spentWan: number | null) => ({ code, name: code, status: 'started', overdue: false, totalWan, spentWan });
    const list = [p('a', 100, 10), p('b', 200, 0), p('c', 100, 60), p('d', null, 0), p('e', 50, 0), p('f', 40, 0), p('g', 30, 0), p('h', 20, 0)];
    const out = projectsBehind(list, 50);
    expect(out.map((x) => x.code)).toEqual(['b', 'a', 'e', 'f', 'g']);
    expect(out[0].shortfallWan).toBe(100);
    expect(projectsBehind(list, null)).toEqual([]);
  });
});
