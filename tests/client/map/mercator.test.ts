/** The pure Web Mercator projection agrees with deck.gl's WebMercatorViewport (which the labels used before). */
import { WebMercatorViewport } from 'deck.gl';
import { describe, expect, it } from 'vitest';
import { mercatorProjector, type MapViewport } from '../../../client/map/types.ts';

const viewports: MapViewport[] = [
  { longitude: 115.65, latitude: 34.3, zoom: 8.6, bearing: 0, pitch: 0, width: 1600, height: 900 },
  { longitude: 115.1, latitude: 34.55, zoom: 12.3, bearing: 0, pitch: 0, width: 1366, height: 768 },
  { longitude: 0, latitude: 0, zoom: 1, bearing: 0, pitch: 0, width: 800, height: 600 },
];
const points: [number, number][] = [
  [115.65, 34.3],
  [114.8, 33.7],
  [116.7, 34.9],
  [115.12, 34.57],
];

describe('mercatorProjector', () => {
  for (const v of viewports) {
    it(`matches deck.gl at zoom ${v.zoom}, ${v.width}×${v.height}`, () => {
      const deck = new WebMercatorViewport(v);
      const ours = mercatorProjector(v);
      for (const p of points) {
        const [dx, dy] = deck.project(p) as [number, number];
        const [x, y] = ours(p);
        expect(Math.abs(x - dx), `x of ${p}`).toBeLessThan(0.05);
        expect(Math.abs(y - dy), `y of ${p}`).toBeLessThan(0.05);
      }
    });
  }
  it('puts the centre in the middle of the screen', () => {
    expect(mercatorProjector(viewports[0])([115.65, 34.3])).toEqual([800, 450]);
  });
});
