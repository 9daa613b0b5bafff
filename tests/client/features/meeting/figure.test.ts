import { describe, expect, it } from 'vitest';
import { figureSvg, lengthText, niceLength, wrapText } from '../../../../client/features/meeting/figure.ts';
import { presenterKey } from '../../../../client/features/meeting/Presenter.tsx';

describe('figure', () => {
  it.each([
    [160_000, 100_000],
    [45_000, 20_000],
    [7_500, 5_000],
    [999, 500],
    [0, 0],
  ])('scale bar length for at most %d m is %d m', (max, len) => expect(niceLength(max)).toBe(len));
  it.each([
    [20_000, '20 km'],
    [500, '500 m'],
  ])('%d m reads %s', (m, text) => expect(lengthText(m)).toBe(text));

  it('draws areas, names, legend colours, title, date, source, north arrow and a scale bar', () => {
    const square = (x: number, y: number) => [
      [
        [x, y],
        [x + 0.5, y],
        [x + 0.5, y + 0.5],
        [x, y + 0.5],
        [x, y],
      ],
    ];
    const svg = figureSvg({
      width: 1600,
      height: 900,
      title: '商丘市 · 光伏电站纳入系统完成率',
      subtitle: '数据截至 2020年6月20日',
      areas: [
        { code: '411421', name: '民权县', valueText: '50.0%', color: '#a50026', polygons: [square(115, 34.5)], label: null },
        { code: '411423', name: '宁陵县', valueText: '100.0%', color: '#fdc03c', polygons: [square(115.5, 34.5)], label: [115.7, 34.7] },
      ],
      legend: {
        title: '光伏电站纳入系统完成率',
        lines: ['目标 100.0%（2020年1月1日起）'],
        classes: [{ color: '#a50026', label: '滞后 ▼', count: 1 }],
      },
      source: '来源：演示数据 & 合成边界',
      watermark: '演示数据',
      lang: 'zh',
    });
    for (const s of [
      '民权县',
      '50.0%',
      '宁陵县',
      'fill="#a50026"',
      'data-legend="#a50026"',
      '数据截至 2020年6月20日',
      '来源：演示数据 &amp; 合成边界',
      '>北<',
      ' km<',
    ]) {
      expect(svg).toContain(s);
    }
    expect(svg.match(/<path d="M/g)?.length).toBeGreaterThanOrEqual(2);
  });
});

describe('presenter keys', () => {
  it.each([
    ['ArrowRight', 1],
    [' ', 1],
    ['PageDown', 1],
    ['ArrowLeft', -1],
    ['PageUp', -1],
    ['Escape', 'exit'],
    ['a', null],
  ])('%s → %s', (key, step) => expect(presenterKey(key)).toBe(step));
});

describe('wrapText', () => {
  it.each([
    { text: '数据截至 2020年6月20日', width: 400, size: 15, want: ['数据截至 2020年6月20日'] },
    // 15 px per CJK character: 10 per 150 px line.
    {
      text: '计算口径：纳入全国扶贫开发信息系统的电站数 ÷ 电站总数',
      width: 150,
      size: 15,
      want: ['计算口径：纳入全国扶', '贫开发信息系统的电站', '数 ÷ 电站总数'],
    },
    { text: '', width: 150, size: 15, want: [] },
  ])('$text in $width px', ({ text, width, size, want }) => {
    const lines = wrapText(text, width, size);
    expect(lines).toEqual(want);
  });
});

describe('figure labels', () => {
  const square = (x: number, y: number, d: number) => [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ];
  const figure = (areas: { code: string; name: string; at: [number, number]; d: number }[]) =>
    figureSvg({
      width: 1600,
      height: 900,
      title: 't',
      subtitle: 's',
      areas: areas.map((a) => ({
        code: a.code,
        name: a.name,
        valueText: '50.0%',
        color: '#a50026',
        polygons: [square(a.at[0], a.at[1], a.d)],
        label: [a.at[0] + a.d / 2, a.at[1] + a.d / 2] as [number, number],
      })),
      legend: { title: 'l', lines: [], classes: [] },
      source: '',
      watermark: null,
      lang: 'zh',
    });
  it.each([
    {
      name: 'apart: both drawn',
      areas: [
        { code: '1', name: '民权县', at: [115, 34] as [number, number], d: 0.5 },
        { code: '2', name: '宁陵县', at: [116, 34] as [number, number], d: 0.5 },
      ],
      drawn: ['民权县', '宁陵县'],
      hidden: [],
    },
    {
      // Two small districts side by side (the city centre): the larger one keeps its name, the other is left out.
      name: 'touching: the larger area only',
      areas: [
        { code: '1', name: '河南商丘经济开发区', at: [115.6, 34.4] as [number, number], d: 0.02 },
        { code: '2', name: '豫东综合物流产业集聚区', at: [115.6, 34.41] as [number, number], d: 0.03 },
        { code: '3', name: '民权县', at: [115, 34] as [number, number], d: 0.5 },
      ],
      drawn: ['豫东综合物流产业集聚区', '民权县'],
      hidden: ['河南商丘经济开发区'],
    },
  ])('$name', ({ areas, drawn, hidden }) => {
    const svg = figure(areas);
    for (const n of drawn) expect(svg).toContain(`>${n}</text>`);
    for (const n of hidden) expect(svg).not.toContain(`>${n}</text>`);
  });
});
