/** The siting analysis in the URL: round trip, damaged links fall back, candidates A/B/C. */
import { describe, expect, it } from 'vitest';
import { defaultViewState, formatViewState, parseViewState } from '../../../../client/app-state/view-state.ts';
import {
  addCandidate,
  defaultSitingState,
  formatSitingState,
  parseSitingState,
  removeCandidate,
  sitingClick,
  type SitingClick,
  type SitingState,
} from '../../../../client/features/siting/siting-state.ts';
import { catchmentPreview } from '../../../../client/features/siting/siting-geometry.ts';
import { area, booleanPointInPolygon, point } from '@turf/turf';

const full = {
  ...defaultSitingState,
  mode: 'polygon' as const,
  radiusKm: 7,
  candidates: [
    { kind: 'point' as const, point: [115.15, 34.65] as [number, number] },
    { kind: 'village' as const, village: '411421104217' },
    {
      kind: 'polygon' as const,
      ring: [
        [115.1, 34.6],
        [115.2, 34.6],
        [115.2, 34.7],
      ] as [number, number][],
    },
  ],
  active: 2,
  suggestArea: '411421',
  top: 15,
  weights: { target: 4, distance: 3, poor: 2, pv: 0 },
  households: 150,
  investmentWan: 400.5,
};

describe('siting state', () => {
  it('round-trips through the URL with the rest of the view', () => {
    const view = { ...defaultViewState, siting: full };
    expect(parseViewState(formatViewState(view))).toEqual(view);
    expect(parseSitingState(formatSitingState(full))).toEqual(full);
  });

  it('leaves the plain address plain when the tool is closed', () => {
    expect(formatViewState(defaultViewState)).toBe('');
  });

  it.each([
    { title: 'too few fields', raw: 'point;5' },
    { title: 'garbage', raw: '<script>' },
  ])('ignores a damaged link ($title)', ({ raw }) => {
    expect(parseSitingState(raw)).toBeUndefined();
    expect(parseViewState(`?site=${encodeURIComponent(raw)}`).siting).toBeNull();
  });

  it.each([
    { title: 'radius out of range', raw: 'point;99;;0;;10;5,2.5,1.5,1;100;300', check: (s: SitingState) => expect(s.radiusKm).toBe(5) },
    {
      title: 'a point off the world',
      raw: 'point;5;p215,34;0;;10;5,2.5,1.5,1;100;300',
      check: (s: SitingState) => expect(s.candidates).toEqual([]),
    },
    {
      title: 'all weights zero',
      raw: 'point;5;;0;;10;0,0,0,0;100;300',
      check: (s: SitingState) => expect(s.weights).toEqual(defaultSitingState.weights),
    },
    { title: 'unknown mode', raw: 'lasso;5;;0;;10;5,2.5,1.5,1;100;300', check: (s: SitingState) => expect(s.mode).toBe('point') },
  ])('repairs a bad field: $title', ({ raw, check }) => check(parseSitingState(raw)!));

  it('keeps at most three candidates; a fourth replaces the active one', () => {
    let s = defaultSitingState;
    for (let i = 0; i < 4; i++) s = addCandidate(s, { kind: 'point', point: [115 + i / 10, 34.5] });
    expect(s.candidates.map((c) => (c.kind === 'point' ? c.point[0] : 0))).toEqual([115, 115.1, 115.3]);
    expect(s.active).toBe(2);
    s = removeCandidate(s, 0);
    expect(s.candidates.length).toBe(2);
    expect(s.active).toBe(1);
  });
});

describe('catchment preview (turf)', () => {
  it('is a circle of the radius around a point', () => {
    const g = catchmentPreview({ kind: 'point', point: [115.15, 34.65] }, 5)!;
    expect(area(g) / 1e6).toBeGreaterThan(Math.PI * 25 * 0.99);
    expect(area(g) / 1e6).toBeLessThan(Math.PI * 25 * 1.01);
    expect(booleanPointInPolygon(point([115.15, 34.69]), g as GeoJSON.Polygon)).toBe(true);
    expect(booleanPointInPolygon(point([115.15, 34.7]), g as GeoJSON.Polygon)).toBe(false);
  });
  it('buffers a range and gives nothing for a village whose point is unknown', () => {
    const g = catchmentPreview(
      {
        kind: 'polygon',
        ring: [
          [115.1, 34.6],
          [115.2, 34.6],
          [115.2, 34.7],
        ],
      },
      1,
    )!;
    expect(g).not.toBeNull();
    expect(catchmentPreview({ kind: 'village', village: '411421104217' }, 5)).toBeNull();
    expect(catchmentPreview({ kind: 'point', point: [115, 34] }, 0)).toBeNull();
  });
});

describe('a map click while the siting tool is open', () => {
  const at: [number, number] = [115.1234567, 34.6543219];
  const cases: { name: string; mode: 'point' | 'polygon' | 'village'; suggestion?: string; code: string | null; want: SitingClick }[] = [
    // 点选 places the point even on a county: the map must not drill down instead.
    {
      name: '点选 on a county',
      mode: 'point',
      code: '411421',
      want: { kind: 'site', site: { kind: 'point', point: [115.123457, 34.654322] } },
    },
    {
      name: '点选 outside every division',
      mode: 'point',
      code: null,
      want: { kind: 'site', site: { kind: 'point', point: [115.123457, 34.654322] } },
    },
    { name: '画范围 adds a corner', mode: 'polygon', code: '411421101', want: { kind: 'corner', point: [115.123457, 34.654322] } },
    {
      name: '选村 on a village takes it',
      mode: 'village',
      code: '411421101201',
      want: { kind: 'site', site: { kind: 'village', village: '411421101201' } },
    },
    { name: '选村 on a township drills down', mode: 'village', code: '411421101', want: { kind: 'pass' } },
    { name: '选村 outside the city', mode: 'village', code: null, want: { kind: 'pass' } },
    {
      name: 'a suggested village in 点选',
      mode: 'point',
      suggestion: '411421104217',
      code: '411421',
      want: { kind: 'site', site: { kind: 'village', village: '411421104217' } },
    },
  ];
  it.each(cases)('$name', ({ mode, suggestion, code, want }) => {
    expect(sitingClick(mode, { suggestion: suggestion ?? null, code, lngLat: at })).toEqual(want);
  });
});
