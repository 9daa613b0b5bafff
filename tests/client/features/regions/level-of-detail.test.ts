import { describe, expect, it } from 'vitest';
import {
  chunksInView,
  lodLevel,
  lodZoom,
  maxChunks,
  provinceLod,
  viewportBounds,
  type ChunkExtent,
} from '../../../../client/features/regions/level-of-detail.ts';

// A 20 × 10 grid of 0.5° "counties" from 110° E, 31° N: a province-sized area (≈ 10° × 5°, 200 chunks).
const grid: ChunkExtent[] = [];
for (let i = 0; i < 20; i++)
  for (let j = 0; j < 10; j++)
    grid.push({
      code: `41${String(i).padStart(2, '0')}${String(j).padStart(2, '0')}`,
      bounds: [
        [110 + i * 0.5, 31 + j * 0.5],
        [110.5 + i * 0.5, 31.5 + j * 0.5],
      ],
    });
const screen = { width: 1920, height: 1080 };

describe('province level of detail', () => {
  it('draws counties at province zoom, townships closer, villages closer still', () => {
    expect(lodLevel(6.5)).toBe('county');
    expect(lodLevel(lodZoom.township)).toBe('township');
    expect(lodLevel(lodZoom.village - 0.01)).toBe('township');
    expect(lodLevel(11)).toBe('village');
  });

  it('inverts the Web Mercator viewport', () => {
    const [[w, s], [e, n]] = viewportBounds({ longitude: 114, latitude: 34, zoom: 8, width: 512, height: 512 });
    // 512 px at zoom 8 span 360 / 256 degrees of longitude.
    expect(e - w).toBeCloseTo(360 / 256, 9);
    expect((w + e) / 2).toBeCloseTo(114, 9);
    expect(s).toBeLessThan(34);
    expect(n).toBeGreaterThan(34);
    expect(n - 34).toBeLessThan(34 - s); // Mercator stretches the north: fewer degrees per pixel
  });

  it('asks for one answer at county level and never for every chunk of the province', () => {
    expect(provinceLod({ longitude: 115, latitude: 33.5, zoom: 6.5, ...screen }, grid)).toEqual({ level: 'county', chunks: [] });
    // Just past the township threshold the whole grid is on a big screen: still at most maxChunks.
    const wide = provinceLod({ longitude: 115, latitude: 33.5, zoom: lodZoom.township, ...screen }, grid);
    expect(wide.level).toBe('township');
    expect(wide.chunks.length).toBeLessThanOrEqual(maxChunks);
    expect(wide.chunks.length).toBeLessThan(grid.length);
    for (let zoom = lodZoom.township; zoom <= 14; zoom += 0.25) {
      const lod = provinceLod({ longitude: 115, latitude: 33.5, zoom, ...screen }, grid);
      expect(lod.chunks.length).toBeGreaterThan(0);
      expect(lod.chunks.length).toBeLessThanOrEqual(maxChunks);
    }
  });

  it('takes exactly the chunks that meet the screen, nearest first when capped, in code order', () => {
    const view: [[number, number], [number, number]] = [
      [110.6, 31.6],
      [111.4, 32.2],
    ];
    // Columns 1–2 (110.5–111.5) × rows 1–2 (31.5–32.5).
    expect(chunksInView(grid, view)).toEqual(['410101', '410102', '410201', '410202']);
    expect(chunksInView(grid, view, 1)).toEqual(['410101']);
    expect(
      chunksInView(grid, [
        [0, 0],
        [1, 1],
      ]),
    ).toEqual([]);
    const village = provinceLod({ longitude: 112.25, latitude: 32.25, zoom: 11, width: 400, height: 300 }, grid);
    expect(village).toEqual({ level: 'village', chunks: ['410402'] });
  });
});

describe('breadcrumb under a province root', () => {
  it('goes province → county → township → village, the root named as given', async () => {
    const { breadcrumbPath } = await import('../../../../client/features/choropleth/choropleth.ts');
    const names = new Map([['411421', '民权县']]);
    expect(breadcrumbPath('411421101', names, '河南省', '41').map((p) => p.name)).toEqual(['河南省', '民权县', '411421101']);
    expect(breadcrumbPath('41', names, '河南省', '41').map((p) => p.code)).toEqual(['41']);
    // A city root is unchanged.
    expect(breadcrumbPath('411421', names, '商丘市', '4114').map((p) => p.name)).toEqual(['商丘市', '民权县']);
  });
});
