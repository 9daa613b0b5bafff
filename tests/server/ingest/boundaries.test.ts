import crypto from 'node:crypto';
import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  multiAreaDeg2,
  multiIncludesPoint,
  parseDivisionsCsv,
  polygonRepaired,
  synthesizeBoundaries,
  unknownCountyCodes,
  type DivisionRow,
  type MultiCoords,
  type RegionRow,
} from '../../../server/ingest/demo/boundaries.ts';
import { readDemoInputs } from '../../../server/ingest/demo/index.ts';

const SEED = 20200622;
const REAL_COUNTIES = ['411402', '411403', '411421', '411422', '411423', '411424', '411425', '411426', '411481'];
const ZONES = ['411471', '411472'];

const inputs = readDemoInputs();
let divisions: DivisionRow[];
let rows: RegionRow[];
let byCode: Map<string, RegionRow>;
const coords = (r: RegionRow) => (r.geom as GeoJSON.MultiPolygon).coordinates as MultiCoords;
const feature = (r: RegionRow) => turf.feature(r.geom as GeoJSON.MultiPolygon);
/**
 * A point strictly inside the largest part (the "interior point" construction of GEOS): on the
 * horizontal line between the two vertex latitudes nearest the middle, the midpoint of the widest
 * inside interval. turf.pointOnFeature may return a vertex, which is on the boundary.
 */
function interiorPoint(m: MultiCoords): [number, number] {
  const poly = m.reduce((best, p) => (multiAreaDeg2([p]) > multiAreaDeg2([best]) ? p : best), m[0]);
  const ys = [...new Set(poly.flat().map((p) => p[1]))].sort((a, b) => a - b);
  const mid = (ys[0] + ys[ys.length - 1]) / 2;
  const k = ys.findIndex((y) => y > mid);
  const y = k > 0 ? (ys[k - 1] + ys[k]) / 2 : mid;
  const xs: number[] = [];
  for (const ring of poly) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [a, b] = [ring[i], ring[i + 1]];
      if (a[1] > y !== b[1] > y) xs.push(a[0] + ((y - a[1]) * (b[0] - a[0])) / (b[1] - a[1]));
    }
  }
  xs.sort((a, b) => a - b);
  let best: [number, number] = [xs[0], y];
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1] - xs[i] > width) {
      width = xs[i + 1] - xs[i];
      best = [(xs[i] + xs[i + 1]) / 2, y];
    }
  }
  return best;
}
const hash = (value: unknown) => crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex');

beforeAll(() => {
  divisions = parseDivisionsCsv(inputs.divisionsCsv);
  rows = synthesizeBoundaries(inputs.countiesGeojson, divisions, SEED);
  byCode = new Map(rows.map((r) => [r.code, r]));
}, 120_000);

describe('parseDivisionsCsv', () => {
  it.each([
    { title: 'bad header', csv: 'a,b,c,d\ncity,4114,商丘市,41', error: /header/ },
    { title: 'unknown level', csv: 'level,code,name,parentCode\nprovince,41,河南省,', error: /unknown level/ },
  ])('rejects $title', ({ csv, error }) => {
    expect(() => parseDivisionsCsv(csv)).toThrow(error);
  });

  it('reads the whole Henan list', () => {
    expect(divisions.length).toBe(55163);
    expect(divisions.filter((d) => d.level === 'county').length).toBe(181);
  });
});

describe('unknownCountyCodes', () => {
  it('reports the six codes of the older vintage', () => {
    expect(unknownCountyCodes(inputs.countiesGeojson, inputs.divisionsCsv)).toEqual([
      '410306',
      '410322',
      '410381',
      '410728',
      '411023',
      '411626',
    ]);
  });

  it.each([
    { title: 'all known', codes: ['411402'], expected: [] },
    { title: 'one unknown', codes: ['411402', '999999'], expected: ['999999'] },
    { title: 'missing code property', codes: [undefined], expected: [''] },
  ])('$title', ({ codes, expected }) => {
    const fc = turf.featureCollection(codes.map((code) => turf.point([0, 0], code === undefined ? {} : { code })));
    expect(unknownCountyCodes(fc as GeoJSON.FeatureCollection, divisions)).toEqual(expected);
  });
});

describe('polygonRepaired', () => {
  it('turns the invalid display outlines of 商丘市 into kink-free polygons of the same area', () => {
    for (const f of inputs.countiesGeojson.features.filter((x) => x.properties?.cityCode === '4114')) {
      const repaired = polygonRepaired(f.geometry as GeoJSON.Polygon);
      expect(turf.kinks(turf.multiPolygon(repaired)).features).toEqual([]);
      const before = turf.area(f as GeoJSON.Feature<GeoJSON.Polygon>);
      expect(Math.abs(turf.area(turf.multiPolygon(repaired)) - before) / before).toBeLessThan(0.002);
    }
  });
});

describe('synthesizeBoundaries for 商丘市', () => {
  it('has the city, 11 county-level units, 199 townships and 4,834 villages with the real codes and names', () => {
    const count = (level: string) => rows.filter((r) => r.level === level).length;
    expect([count('city'), count('county'), count('township'), count('village')]).toEqual([1, 11, 199, 4834]);
    const csvCodes = divisions
      .filter((d) => d.code.startsWith('4114') && d.level !== 'city')
      .map((d) => `${d.code} ${d.name} ${d.parentCode}`)
      .sort();
    const rowCodes = rows
      .filter((r) => r.level !== 'city')
      .map((r) => `${r.code} ${r.name} ${r.parentCode}`)
      .sort();
    expect(rowCodes).toEqual(csvCodes);
  });

  it('lists parents before children and sets county codes', () => {
    const seen = new Set<string>();
    for (const r of rows) {
      if (r.parentCode) expect(seen.has(r.parentCode)).toBe(true);
      seen.add(r.code);
      if (r.level === 'city') expect(r.countyCode).toBeNull();
      else expect(r.countyCode).toBe(r.code.slice(0, 6));
    }
  });

  it('marks everything but the city and the 9 real counties as synthesized', () => {
    const real = rows
      .filter((r) => !r.synthesized)
      .map((r) => r.code)
      .sort();
    expect(real).toEqual(['4114', ...REAL_COUNTIES]);
  });

  it('writes MultiPolygons with at most 6 decimals', () => {
    const bad: string[] = [];
    for (const r of rows) {
      if (r.geom?.type !== 'MultiPolygon') bad.push(`${r.code} type`);
      for (const poly of coords(r))
        for (const ring of poly)
          for (const [x, y] of ring) {
            if (Math.round(x * 1e6) / 1e6 !== x || Math.round(y * 1e6) / 1e6 !== y) bad.push(`${r.code} ${x},${y}`);
          }
    }
    expect(bad).toEqual([]);
  });

  it('has no self-intersections in any polygon (turf.kinks)', () => {
    const kinky = rows.filter((r) => turf.kinks(feature(r)).features.length > 0).map((r) => r.code);
    expect(kinky).toEqual([]);
  });

  it('puts every village inside its township and every township inside its county', () => {
    const outside: string[] = [];
    for (const r of rows.filter((x) => x.level === 'village' || x.level === 'township')) {
      const p = interiorPoint(coords(r));
      if (!multiIncludesPoint(coords(r), p)) outside.push(`${r.code}@self`);
      if (!multiIncludesPoint(coords(byCode.get(r.parentCode!)!), p)) outside.push(r.code);
      if (!multiIncludesPoint(coords(byCode.get(r.countyCode!)!), p)) outside.push(`${r.code}@county`);
    }
    expect(outside).toEqual([]);
  });

  it('partitions each parent: child areas sum to the parent area within 0.5 %', () => {
    const area = new Map(rows.map((r) => [r.code, turf.area(feature(r))]));
    const sums = new Map<string, number>();
    for (const r of rows)
      if (r.level === 'village' || r.level === 'township') sums.set(r.parentCode!, (sums.get(r.parentCode!) ?? 0) + area.get(r.code)!);
    expect(sums.size).toBe(11 + 199);
    const off = [...sums].filter(([code, sum]) => Math.abs(sum - area.get(code)!) / area.get(code)! > 0.005);
    expect(off).toEqual([]);
  });

  it('has no overlaps between sibling villages (sampled townships)', () => {
    const townships = rows.filter((r) => r.level === 'township').filter((_, i) => i % 40 === 0);
    for (const t of townships) {
      const villages = rows.filter((r) => r.parentCode === t.code);
      const boxes = villages.map((v) => turf.bbox(feature(v)));
      for (let i = 0; i < villages.length; i++) {
        for (let j = i + 1; j < villages.length; j++) {
          const [a, b] = [boxes[i], boxes[j]];
          if (a[2] < b[0] || b[2] < a[0] || a[3] < b[1] || b[3] < a[1]) continue;
          const overlap = turf.intersect(turf.featureCollection([feature(villages[i]), feature(villages[j])]));
          const overlapArea = overlap
            ? multiAreaDeg2(
                overlap.geometry.type === 'Polygon'
                  ? [overlap.geometry.coordinates as MultiCoords[number]]
                  : (overlap.geometry.coordinates as MultiCoords),
              )
            : 0;
          expect(overlapArea, `${villages[i].code} × ${villages[j].code}`).toBeLessThan(1e-10);
        }
      }
    }
  });

  it('carves the development zones out of their hosts near the urban centre', () => {
    for (const [zone, host] of [
      ['411471', '411402'],
      ['411472', '411403'],
    ]) {
      const z = byCode.get(zone)!;
      const h = byCode.get(host)!;
      const areaKm2 = turf.area(feature(z)) / 1e6;
      expect(areaKm2).toBeGreaterThan(20);
      expect(areaKm2).toBeLessThan(120);
      expect(turf.distance(turf.centroid(feature(z)), turf.point([115.65, 34.43]))).toBeLessThan(12);
      const overlap = turf.intersect(turf.featureCollection([feature(z), feature(h)]));
      expect(overlap ? turf.area(overlap) : 0).toBeLessThan(1000);
      // Zone + remaining host = the repaired real outline.
      const original = inputs.countiesGeojson.features.find((f) => f.properties?.code === host)!;
      const originalArea = turf.area(turf.multiPolygon(polygonRepaired(original.geometry as GeoJSON.Polygon)));
      expect(Math.abs(turf.area(feature(z)) + turf.area(feature(h)) - originalArea) / originalArea).toBeLessThan(0.001);
    }
    expect(ZONES.every((c) => byCode.get(c)!.synthesized)).toBe(true);
  });

  it('gives the city one polygon covering its counties', () => {
    const city = byCode.get('4114')!;
    const cityArea = turf.area(feature(city));
    const countyArea = rows.filter((r) => r.level === 'county').reduce((a, r) => a + turf.area(feature(r)), 0);
    expect(Math.abs(cityArea - countyArea) / countyArea).toBeLessThan(0.01);
  });

  it('flags 15–20 % of villages as poor, denser in some counties', () => {
    const villages = rows.filter((r) => r.level === 'village');
    const share = villages.filter((v) => v.isPoorVillage).length / villages.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.2);
    expect(rows.filter((r) => r.level !== 'village' && r.isPoorVillage)).toEqual([]);
    const byCounty = [...REAL_COUNTIES, ...ZONES].map((c) => {
      const list = villages.filter((v) => v.countyCode === c);
      return list.filter((v) => v.isPoorVillage).length / list.length;
    });
    expect(Math.max(...byCounty)).toBeGreaterThan(2 * Math.min(...byCounty));
  });

  it('is deterministic: a second run gives byte-identical JSON; another seed does not', () => {
    const again = synthesizeBoundaries(inputs.countiesGeojson, divisions, SEED);
    expect(hash(again)).toBe(hash(rows));
    const other = synthesizeBoundaries(inputs.countiesGeojson, divisions, SEED + 1);
    expect(hash(other)).not.toBe(hash(rows));
  }, 120_000);
});
