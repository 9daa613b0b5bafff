import { describe, expect, it } from 'vitest';
import { labelBoxSize, placeLabels, type PlaceableLabel } from '../../../client/layers/label-placement.ts';

describe('labelBoxSize', () => {
  const cases = [
    { title: 'three CJK characters', text: '梁园区', expected: { width: 60, height: 23 } },
    { title: 'wraps after charsPerLine', text: '豫东综合物流产业聚集区', expected: { width: 120, height: 46 } },
    { title: 'Latin is narrower', text: 'abcde', expected: { width: 60, height: 23 } },
    { title: 'empty', text: '', expected: { width: 0, height: 0 } },
  ];
  it.each(cases)('$title', ({ text, expected }) => {
    const { width, height } = labelBoxSize(text, 20, 6, 1.15);
    expect({ width: Math.round(width), height: Math.round(height) }).toEqual(expected);
  });
});

/** Identity projection: "lng, lat" are already screen pixels. */
const project = (p: [number, number]): [number, number] => p;
const label = (code: string, x: number, y: number, priority = 0, text = '三个字'): PlaceableLabel => ({
  code,
  text,
  position: [x, y],
  priority,
});
const place = (labels: PlaceableLabel[], extra: Partial<Parameters<typeof placeLabels>[1]> = {}) =>
  [...placeLabels(labels, { project, sizePx: 20, charsPerLine: 6, lineHeight: 1.15, marginPx: 8, ...extra })].sort();

describe('placeLabels', () => {
  const cases: { title: string; labels: PlaceableLabel[]; priorityCode?: string | null; expected: string[] }[] = [
    { title: 'nothing to place', labels: [], expected: [] },
    { title: 'far apart: both kept', labels: [label('a', 100, 100), label('b', 300, 100)], expected: ['a', 'b'] },
    { title: 'overlapping: the higher priority wins', labels: [label('a', 100, 100, 1), label('b', 130, 105, 5)], expected: ['b'] },
    { title: 'same priority: the first wins', labels: [label('a', 100, 100), label('b', 130, 105)], expected: ['a'] },
    // 60 px wide boxes centred 66 px apart leave 6 px — less than the 8 px margin.
    { title: 'closer than the margin: one hidden', labels: [label('a', 100, 100), label('b', 166, 100)], expected: ['a'] },
    { title: 'just more than the margin apart: both kept', labels: [label('a', 100, 100), label('b', 169, 100)], expected: ['a', 'b'] },
    { title: 'stacked vertically with room', labels: [label('a', 100, 100), label('b', 100, 132)], expected: ['a', 'b'] },
    {
      title: 'a long wrapped name beside a short one (the anchor-only test of deck misses this)',
      labels: [label('short', 100, 100, 10), label('long', 175, 90, 1, '豫东综合物流产业聚集区')],
      expected: ['short'],
    },
    {
      title: 'the priority code beats priority',
      labels: [label('a', 100, 100, 99), label('sel', 120, 100, 0)],
      priorityCode: 'sel',
      expected: ['sel'],
    },
    {
      title: 'a chain: the middle one goes, both ends stay',
      labels: [label('left', 100, 100, 5), label('mid', 150, 100, 1), label('right', 200, 100, 5)],
      expected: ['left', 'right'],
    },
    { title: 'unprojectable points are skipped', labels: [label('a', Number.NaN, 100), label('b', 100, 100)], expected: ['b'] },
  ];
  it.each(cases)('$title', ({ labels, priorityCode, expected }) => {
    expect(place(labels, { priorityCode })).toEqual(expected);
  });

  it('no two kept boxes ever overlap (random layouts)', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let round = 0; round < 20; round++) {
      const labels = Array.from({ length: 150 }, (_, i) =>
        label(`l${i}`, rnd() * 800, rnd() * 600, Math.floor(rnd() * 10), '名'.repeat(1 + Math.floor(rnd() * 10))),
      );
      const kept = new Set(place(labels));
      const boxes = labels
        .filter((l) => kept.has(l.code))
        .map((l) => {
          const { width, height } = labelBoxSize(l.text, 20, 6, 1.15);
          return {
            x0: l.position[0] - width / 2,
            x1: l.position[0] + width / 2,
            y0: l.position[1] - height / 2,
            y1: l.position[1] + height / 2,
          };
        });
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i],
            b = boxes[j];
          const overlap = a.x0 < b.x1 + 8 && b.x0 < a.x1 + 8 && a.y0 < b.y1 + 8 && b.y0 < a.y1 + 8;
          expect(overlap, `round ${round}: boxes ${i} and ${j}`).toBe(false);
        }
      expect(kept.size).toBeGreaterThan(10);
    }
  });
});
