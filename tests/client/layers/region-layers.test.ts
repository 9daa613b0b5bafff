import { describe, expect, it } from 'vitest';
import type { RegionFeature } from '../../../client/api/client.ts';
import { createOutlineLayer, createRegionFillLayer, createRegionLabelLayer } from '../../../client/layers/region-layers.ts';
import { regionStyle } from '../../../client/layers/region-style.ts';

const feature = (code: string, geometry: RegionFeature['geometry'] = { type: 'Polygon', coordinates: [[[115, 34], [116, 34], [116, 35], [115, 34]]] }): RegionFeature => ({
  type: 'Feature',
  geometry,
  properties: { code, name: `名${code}`, level: 'county', parentCode: '4114', countyCode: code, synthesized: false, poorVillage: false, label: [115.5, 34.5] },
});

describe('createRegionFillLayer', () => {
  const data = [feature('411402'), feature('411403'), feature('411471', null)];
  it('draws only features with a geometry, pickable by default, nothing highlighted', () => {
    const layer = createRegionFillLayer(data);
    expect(layer.id).toBe('region-fill');
    expect((layer.props.data as unknown[]).length).toBe(2);
    expect(layer.props.pickable).toBe(true);
    expect(layer.props.autoHighlight).toBe(false);
    expect(layer.props.highlightedObjectIndex).toBe(-1);
    expect(layer.props.lineWidthUnits).toBe('pixels');
  });
  const hoverCases = [
    { title: 'nothing hovered', hoveredCode: null, index: -1 },
    { title: 'second feature', hoveredCode: '411403', index: 1 },
    { title: 'unknown code', hoveredCode: '999999', index: -1 },
    { title: 'a feature without geometry is not drawn, so not highlighted', hoveredCode: '411471', index: -1 },
  ];
  it.each(hoverCases)('hover highlight: $title', ({ hoveredCode, index }) => {
    const layer = createRegionFillLayer(data, { hoveredCode });
    expect(layer.props.highlightedObjectIndex).toBe(index);
    expect(layer.props.highlightColor).toEqual(Array.from(regionStyle.hoverFill));
  });
  const fillCases = [
    { title: 'not selected', selectedCode: null, code: '411402', expected: regionStyle.fill },
    { title: 'another one selected', selectedCode: '411403', code: '411402', expected: regionStyle.fill },
    { title: 'selected', selectedCode: '411402', code: '411402', expected: regionStyle.selectedFill },
  ];
  it.each(fillCases)('fill colour: $title', ({ selectedCode, code, expected }) => {
    const layer = createRegionFillLayer(data, { selectedCode });
    const getFill = layer.props.getFillColor as (f: RegionFeature) => unknown;
    expect(getFill(feature(code))).toEqual(expected);
    expect(layer.props.updateTriggers.getFillColor).toContain(selectedCode);
  });
  it('options override the style', () => {
    const layer = createRegionFillLayer(data, { id: 'x', pickable: false, lineWidthPx: 3, fillColor: [1, 2, 3, 255] });
    expect(layer.id).toBe('x');
    expect(layer.props.pickable).toBe(false);
    expect(layer.props.getLineWidth).toBe(3);
    expect((layer.props.getFillColor as (f: RegionFeature) => unknown)(feature('411402'))).toEqual([1, 2, 3, 255]);
  });
});

describe('createOutlineLayer', () => {
  it('strokes without fill and skips null geometry', () => {
    const layer = createOutlineLayer([feature('1'), feature('2', null)], { id: 'city', color: [0, 0, 0, 255], widthPx: 4 });
    expect(layer.id).toBe('city');
    expect(layer.props.filled).toBe(false);
    expect(layer.props.stroked).toBe(true);
    expect(layer.props.getLineWidth).toBe(4);
    expect((layer.props.data as unknown[]).length).toBe(1);
  });
});

describe('createRegionLabelLayer', () => {
  const labels = [
    { code: '411402', text: '梁园区', position: [115.6, 34.5] as [number, number] },
    { code: '411421', text: '民权县', position: [115.1, 34.7] as [number, number] },
  ];
  const sizeCases = [
    { title: 'default', sizePx: undefined, expected: regionStyle.labelSizePx },
    { title: 'larger', sizePx: 28, expected: 28 },
    { title: 'never below 16 px', sizePx: 10, expected: 16 },
  ];
  it.each(sizeCases)('size: $title', ({ sizePx, expected }) => {
    expect(createRegionLabelLayer(labels, { sizePx }).props.getSize).toBe(expected);
  });
  it('renders CJK offline: glyphs from the data with a local font, SDF halo, no overlaps', () => {
    const layer = createRegionLabelLayer(labels);
    const p = layer.props;
    expect(p.characterSet).toBe('auto');
    expect(p.fontFamily).toMatch(/Noto Sans CJK SC/);
    expect(p.fontFamily).not.toMatch(/url\(|https?:/);
    expect(p.fontSettings?.sdf).toBe(true);
    expect(p.outlineWidth).toBeGreaterThan(0);
    expect(p.sizeUnits).toBe('pixels');
    expect(p.extensions.map((e) => e.constructor.name)).toContain('CollisionFilterExtension');
    expect((p as unknown as { collisionEnabled: boolean }).collisionEnabled).toBe(true);
    expect((p.getText as (d: (typeof labels)[number]) => string)(labels[1])).toBe('民权县');
    expect((p.getPosition as (d: (typeof labels)[number]) => unknown)(labels[1])).toEqual([115.1, 34.7]);
  });
  const priorityCases = [
    { title: 'no priorities: equal', data: [labels[0], labels[1]], priorityCode: null, expected: [0, 0] },
    { title: 'by datum priority', data: [{ ...labels[0], priority: 300 }, { ...labels[1], priority: 120 }], priorityCode: null, expected: [300, 120] },
    { title: 'clamped to ±999', data: [{ ...labels[0], priority: 5000 }, { ...labels[1], priority: -5000 }], priorityCode: null, expected: [999, -999] },
    { title: 'the priority code beats everything', data: [{ ...labels[0], priority: 5000 }, { ...labels[1], priority: 1 }], priorityCode: '411421', expected: [999, 1000] },
  ];
  it.each(priorityCases)('collision priority: $title', ({ data, priorityCode, expected }) => {
    const p = createRegionLabelLayer(data, { priorityCode }).props as unknown as { getCollisionPriority: (d: (typeof data)[number]) => number };
    expect(data.map((d) => p.getCollisionPriority(d))).toEqual(expected);
  });
  it('wraps long names after a number of characters', () => {
    expect(createRegionLabelLayer(labels).props.maxWidth).toBe(6);
    expect(createRegionLabelLayer(labels).props.wordBreak).toBe('break-all');
    expect(createRegionLabelLayer(labels, { charsPerLine: 4 }).props.maxWidth).toBe(4);
  });
});
