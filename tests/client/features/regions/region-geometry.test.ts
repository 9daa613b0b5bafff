import { describe, expect, it } from 'vitest';
import type { RegionFeature } from '../../../../client/api/client.ts';
import { dissolveRegions } from '../../../../client/features/regions/region-outline.ts';
import {
  findRegion,
  labelPriorityOfArea,
  regionBounds,
  regionLabels,
  sortRegionsByCode,
} from '../../../../client/features/regions/region-geometry.ts';

/** An axis-aligned square [x0, y0]–[x1, y1] as a division. */
function square(
  code: string,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  label: [number, number] | null = [(x0 + x1) / 2, (y0 + y1) / 2],
): RegionFeature {
  return {
    type: 'Feature',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
          [x0, y0],
        ],
      ],
    },
    properties: {
      code,
      name: `名${code}`,
      level: 'county',
      parentCode: '4114',
      countyCode: code,
      synthesized: false,
      poorVillage: false,
      label,
    },
  };
}
const noGeometry = (code: string): RegionFeature => ({ ...square(code, 0, 0, 1, 1, null), geometry: null });

describe('regionBounds', () => {
  const cases: { title: string; features: RegionFeature[]; expected: ReturnType<typeof regionBounds> }[] = [
    { title: 'empty', features: [], expected: null },
    { title: 'only features without geometry', features: [noGeometry('411471')], expected: null },
    {
      title: 'one square',
      features: [square('411402', 115, 34, 116, 35)],
      expected: [
        [115, 34],
        [116, 35],
      ],
    },
    {
      title: 'two squares',
      features: [square('411402', 115, 34, 116, 35), square('411403', 116, 33.5, 116.5, 34.5)],
      expected: [
        [115, 33.5],
        [116.5, 35],
      ],
    },
    {
      title: 'null geometry ignored',
      features: [square('411402', 115, 34, 116, 35), noGeometry('411471')],
      expected: [
        [115, 34],
        [116, 35],
      ],
    },
    {
      title: 'multipolygon',
      features: [
        {
          ...square('411481', 0, 0, 1, 1),
          geometry: {
            type: 'MultiPolygon',
            coordinates: [
              [
                [
                  [116, 33],
                  [117, 33],
                  [117, 34],
                  [116, 33],
                ],
              ],
              [
                [
                  [118, 35],
                  [119, 35],
                  [119, 36],
                  [118, 35],
                ],
              ],
            ],
          },
        },
      ],
      expected: [
        [116, 33],
        [119, 36],
      ],
    },
  ];
  it.each(cases)('$title', ({ features, expected }) => {
    expect(regionBounds(features)).toEqual(expected);
  });
});

describe('dissolveRegions', () => {
  it('returns null without polygons', () => {
    expect(dissolveRegions([])).toBeNull();
    expect(dissolveRegions([noGeometry('411471')])).toBeNull();
  });
  it('merges two neighbours into one polygon', () => {
    const out = dissolveRegions([square('411402', 115, 34, 115.5, 34.5), square('411403', 115.5, 34, 116, 34.5)]);
    expect(out?.geometry.type).toBe('Polygon');
    expect(regionBounds([{ ...square('x', 0, 0, 1, 1), geometry: out!.geometry }])).toEqual([
      [115, 34],
      [116, 34.5],
    ]);
  });
  /** Four rectangles framing an empty square of side `hole` degrees centred in [115, 34]–[116, 35]. */
  const frame = (hole: number) => {
    const a = 115.5 - hole / 2,
      b = 115.5 + hole / 2,
      c = 34.5 - hole / 2,
      e = 34.5 + hole / 2;
    return [square('1', 115, 34, 116, c), square('2', 115, e, 116, 35), square('3', 115, c, a, e), square('4', b, c, 116, e)];
  };
  const holeCases = [
    { title: 'a ~50 m gap between neighbours is dropped', hole: 0.0005, minHoleKm2: undefined, rings: 1 },
    { title: 'a ~0.4 km² gap is dropped (default 5 km²)', hole: 0.006, minHoleKm2: undefined, rings: 1 },
    { title: 'a real ~2,500 km² hole is kept', hole: 0.5, minHoleKm2: undefined, rings: 2 },
    { title: 'threshold 0 keeps every hole', hole: 0.0005, minHoleKm2: 0, rings: 2 },
  ];
  it.each(holeCases)('$title', ({ hole, minHoleKm2, rings }) => {
    const out = dissolveRegions(frame(hole), { minHoleKm2 });
    expect(out?.geometry.type).toBe('Polygon');
    expect((out!.geometry as GeoJSON.Polygon).coordinates).toHaveLength(rings);
  });
  it('keeps islands apart as a MultiPolygon', () => {
    const out = dissolveRegions([square('1', 115, 34, 115.2, 34.2), square('2', 116, 34, 116.2, 34.2)]);
    expect(out?.geometry.type).toBe('MultiPolygon');
  });
});

describe('regionLabels', () => {
  it('puts names at the label anchors and skips divisions without one', () => {
    const labels = regionLabels([
      square('411402', 115, 34, 116, 35, [115.4, 34.6]),
      noGeometry('411471'),
      square('411403', 0, 0, 1, 1, [Number.NaN, 1]),
    ]);
    expect(labels.map(({ priority: _, ...l }) => l)).toEqual([{ code: '411402', text: '名411402', position: [115.4, 34.6] }]);
  });
  it('ranks larger divisions higher', () => {
    const [big, small] = regionLabels([square('411481', 115, 34, 116, 35), square('411471', 115, 34, 115.05, 34.05)]);
    // 1° × 1° at 34.5° N ≈ 10,280 km² → ≈ 401; 0.05° square ≈ 25.7 km² → ≈ 141.
    expect(big.priority).toBeGreaterThan(390);
    expect(big.priority).toBeLessThan(410);
    expect(small.priority).toBeGreaterThan(130);
    expect(small.priority).toBeLessThan(150);
  });
  it('a label without a polygon has priority 0', () => {
    expect(
      regionLabels([{ ...noGeometry('411471'), properties: { ...noGeometry('411471').properties, label: [115, 34] } }])[0].priority,
    ).toBe(0);
  });
});

describe('labelPriorityOfArea', () => {
  const cases = [
    { areaKm2: 1, expected: 0 },
    { areaKm2: 1000, expected: 300 },
    { areaKm2: 0.01, expected: -200 },
    { areaKm2: 0, expected: 0 },
    { areaKm2: -5, expected: 0 },
    { areaKm2: Number.NaN, expected: 0 },
    { areaKm2: Number.POSITIVE_INFINITY, expected: 0 },
  ];
  it.each(cases)('$areaKm2 km² → $expected', ({ areaKm2, expected }) => {
    expect(labelPriorityOfArea(areaKm2)).toBe(expected);
  });
});

describe('sortRegionsByCode / findRegion', () => {
  const list = [square('411481', 0, 0, 1, 1), square('411402', 0, 0, 1, 1), square('411421', 0, 0, 1, 1)];
  it('sorts by code without changing the input', () => {
    expect(sortRegionsByCode(list).map((f) => f.properties.code)).toEqual(['411402', '411421', '411481']);
    expect(list[0].properties.code).toBe('411481');
  });
  it('finds by code; null or unknown gives undefined', () => {
    expect(findRegion(list, '411421')?.properties.code).toBe('411421');
    expect(findRegion(list, null)).toBeUndefined();
    expect(findRegion(list, '999999')).toBeUndefined();
  });
});
