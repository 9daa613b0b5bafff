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
  rankChangeOf,
  rankingOrder,
} from '../../../../client/features/choropleth/choropleth.ts';
import { rampChangePuOr7, rampViridis, statusColors } from '../../../../server/domain/classify.ts';
import { getMeasure, measureCatalogue } from '../../../../server/domain/measures.ts';

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
  const cases: {
    title: string;
    method: 'target' | 'quantile' | 'equal' | 'jenks' | 'custom';
    breaks?: number[];
    expected: (number | null)[];
    kind: string;
  }[] = [
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

describe('classifyRows: colours and units of every measure', () => {
  // Eleven areas (the county level of 商丘市), values 10, 18, …, 90.
  const eleven = Array.from({ length: 11 }, (_, i) => row(`4114${String(i).padStart(2, '0')}`, 10 + i * 8));
  const dark = rampViridis[0];
  const light = rampViridis[rampViridis.length - 1];
  const methods = ['quantile', 'equal', 'jenks'] as const;

  it.each(measureCatalogue.flatMap((measure) => methods.map((method) => ({ id: measure.id, measure, method }))))(
    '$id, $method: the worst areas get the dark end of viridis, the best the light end',
    ({ measure, method }) => {
      const k = classifyRows(eleven, { measure, method, lang: 'zh', statusLabels });
      const colorOf = (r: MeasureRow) => k.classes[k.classOf(r)!].color;
      const [lowest, highest] = [eleven[0], eleven[10]];
      const [worst, best] = measure.higherIsBetter ? [lowest, highest] : [highest, lowest];
      expect({ worst: colorOf(worst), best: colorOf(best) }).toEqual({ worst: dark, best: light });
      expect(k.classes).toHaveLength(5);
    },
  );

  it('quantiles of eleven areas: 2, 2, 2, 2, 3 per class', () => {
    const k = classifyRows(eleven, { measure: spend, method: 'quantile', lang: 'zh', statusLabels });
    expect(k.classes.map((c) => c.count)).toEqual([2, 2, 2, 2, 3]);
    expect(k.breaks).toEqual([26, 42, 58, 74]);
  });

  /** What every value label of a measure ends with, by its unit. */
  const unitSuffix = {
    zh: { pct: /\d%$/, per_10k_yuan: /\d 户\/万元$/, count: /\d 户$/ },
    en: { pct: /\d%$/, per_10k_yuan: /\d households per 10k CNY$/, count: /\d households$/ },
  } as const;
  it.each(
    measureCatalogue.flatMap((measure) => (['zh', 'en'] as const).map((lang) => ({ id: measure.id, unit: measure.unit, measure, lang }))),
  )("$id ($lang): legend ranges in the measure's unit ($unit)", ({ measure, lang }) => {
    const k = classifyRows(eleven, { measure, method: 'custom', customBreaks: [30, 60], lang, statusLabels });
    const labels = k.classes.map((c) => c.label);
    expect(labels).toHaveLength(3);
    for (const label of labels) {
      for (const part of label.replace(/^[<≥] /, '').split(' – ')) expect(part).toMatch(unitSuffix[lang][measure.unit]);
    }
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
  for (const c of changes)
    it(`rank change: ${c.title}`, () =>
      expect(rankChangeOf(row('x', 1, { rank: c.rank, previous: { value: 1, rank: c.before, expected: 1 } }))).toBe(c.expected));
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
  for (const c of bases)
    it(`arranged basis looks better: ${c.title}`, () => expect(arrangedLooksBetter(c.fair, c.arranged)).toBe(c.expected));
});
