/**
 * The province dataset (河南省, for benchmarks; not the default demo): the real county outlines and the
 * full division list of Henan, township and village polygons synthesized as for the demo city (Voronoi,
 * marked synthesized), and a generated ledger at province scale — about 2 million households, 100,000
 * projects with monthly history and 5,000 PV stations. Pure and deterministic in the seed; it reuses the
 * demo city's generators (boundaries.ts per city, ledger.ts with a scenario per county).
 */
import type { HouseholdCategory } from '../../contracts/enums.ts';
import {
  parseDivisionsCsv,
  shangqiuBoundaryOptions,
  synthesizeBoundaries,
  unknownCountyCodes,
  type BoundaryOptions,
  type RegionRow,
} from './boundaries.ts';
import type { DemoInputs } from './index.ts';
import {
  generateLedger,
  householdRows,
  shangqiuHouseholdTotals,
  type CountyScenario,
  type HouseholdRow,
  type LedgerData,
} from './ledger.ts';
import { createRandom, hashSeed } from './random.ts';

export const provinceCode = '41';
export const provinceName = '河南省';
/** Seed of the shipped province dataset. */
export const defaultProvinceSeed = 20200622;

export interface ProvinceOptions {
  seed?: number;
  /** Only these county-level units (a scaled-down dataset, e.g. for tests); default all 181. */
  countyCodes?: readonly string[];
  /** Households in all (default 2,000,000), shared out like the demo city's (same category mix). */
  households?: number;
  /** Projects in all (default 100,000), shared out by the counties' village counts. */
  projects?: number;
  /** Called with a line of progress now and then (the province takes a minute to synthesize). */
  progress?: (message: string) => void;
}

export interface ProvinceData {
  regions: RegionRow[];
  /** Every table but the households (`households` is empty): stream those with `households()`. */
  ledger: LedgerData;
  /** The households, village by village (≈ 2 million rows: not kept in memory). */
  households: () => Generator<HouseholdRow>;
  /** Households `households()` yields in all. */
  householdCount: number;
  /** County-level units of the list without a polygon in the boundary file (listed, not drawn). */
  withoutPolygon: { code: string; name: string }[];
  /** Boundary codes the division list no longer has (retired; left out). */
  retiredCodes: string[];
}

/**
 * Share of villages flagged poor (贫困村) outside 商丘市: with the demo's PV rules (80 % of poor villages,
 * 2 % of the others get a village station) this gives about 5,000 stations for the province.
 */
const provincePoorShare = 0.095;

/** Region rows of the province: the province, its cities, county-level units, townships and villages. */
export function provinceRegions(
  inputs: DemoInputs,
  options: ProvinceOptions = {},
): Pick<ProvinceData, 'regions' | 'withoutPolygon' | 'retiredCodes'> {
  const seed = options.seed ?? defaultProvinceSeed;
  const divisions = parseDivisionsCsv(inputs.divisionsCsv);
  const only = options.countyCodes ? new Set(options.countyCodes) : null;
  const cities = divisions.filter((d) => d.level === 'city' && d.parentCode === provinceCode).sort((a, b) => (a.code < b.code ? -1 : 1));
  const regions: RegionRow[] = [
    // Geometry: the union of the cities, computed by the loader in PostGIS.
    {
      code: provinceCode,
      level: 'province',
      name: provinceName,
      parentCode: null,
      countyCode: null,
      geom: null,
      isPoorVillage: false,
      synthesized: false,
    },
  ];
  const later: RegionRow[][] = [[], [], []];
  for (const city of cities) {
    const counties = divisions.filter((d) => d.level === 'county' && d.parentCode === city.code && (!only || only.has(d.code)));
    if (counties.length === 0) continue;
    const hasPolygon = inputs.countiesGeojson.features.some((f) => counties.some((c) => c.code === String(f.properties?.code ?? '')));
    const base: BoundaryOptions =
      city.code === shangqiuBoundaryOptions.cityCode
        ? shangqiuBoundaryOptions
        : { cityCode: city.code, urbanDistricts: [], devZones: [], poorVillageShare: {}, defaultPoorShare: provincePoorShare };
    const cityOptions: BoundaryOptions = {
      ...base,
      poorVillageShare: {},
      defaultPoorShare: provincePoorShare,
      countyCodes: counties.map((c) => c.code),
      withoutPolygon: 'keep',
      cityParentCode: provinceCode,
    };
    options.progress?.(`${city.code} ${city.name}: ${counties.length} county-level units`);
    if (!hasPolygon) {
      // No outline of any of its units (only in a scaled-down selection): all listed without geometry.
      const bare = { geom: null, isPoorVillage: false, synthesized: false };
      regions.push({ code: city.code, level: 'city', name: city.name, parentCode: provinceCode, countyCode: null, ...bare });
      const countySet = new Set(counties.map((c) => c.code));
      const townships = divisions.filter((d) => d.level === 'township' && countySet.has(d.parentCode));
      const townshipCounty = new Map(townships.map((t) => [t.code, t.parentCode]));
      for (const c of counties)
        later[0].push({ code: c.code, level: 'county', name: c.name, parentCode: city.code, countyCode: c.code, ...bare });
      for (const t of townships)
        later[1].push({ code: t.code, level: 'township', name: t.name, parentCode: t.parentCode, countyCode: t.parentCode, ...bare });
      for (const v of divisions)
        if (v.level === 'village' && townshipCounty.has(v.parentCode))
          later[2].push({
            code: v.code,
            level: 'village',
            name: v.name,
            parentCode: v.parentCode,
            countyCode: townshipCounty.get(v.parentCode)!,
            ...bare,
          });
      continue;
    }
    const rows = synthesizeBoundaries(inputs.countiesGeojson, divisions, seed, cityOptions);
    // Parents before children across the whole province: cities, then counties, townships, villages.
    for (const r of rows) {
      if (r.level === 'city') regions.push(r);
      else later[r.level === 'county' ? 0 : r.level === 'township' ? 1 : 2].push(r);
    }
  }
  regions.push(...later[0], ...later[1], ...later[2]);
  const withoutPolygon = later[0].filter((r) => !r.geom).map((r) => ({ code: r.code, name: r.name }));
  return { regions, withoutPolygon, retiredCodes: unknownCountyCodes(inputs.countiesGeojson, divisions) };
}

/** Split `total` into whole parts proportional to `weights` (largest remainder, ties by index). */
function shares(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  const raw = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const parts = raw.map(Math.floor);
  let rest = total - parts.reduce((a, p) => a + p, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0 && order.length > 0; k = (k + 1) % order.length, rest--) parts[order[k].i]++;
  return parts;
}

/**
 * A seeded scenario per county-level unit with villages: the demo city's kinds of counties (fully
 * arranged or not, fast or lagging, interest instead of dividends…) drawn at random; project counts
 * proportional to the villages, summing to `projects`.
 */
export function provinceScenarios(regions: readonly RegionRow[], seed: number, projects: number): Record<string, CountyScenario> {
  const villages = new Map<string, number>();
  for (const r of regions) if (r.level === 'village' && r.geom) villages.set(r.countyCode!, (villages.get(r.countyCode!) ?? 0) + 1);
  const codes = [...villages.keys()].sort();
  const counts = shares(
    projects,
    codes.map((c) => villages.get(c)!),
  );
  const out: Record<string, CountyScenario> = {};
  codes.forEach((code, i) => {
    if (counts[i] === 0) return;
    const r = createRandom(hashSeed(seed, 'province-scenario', code));
    const startShare = r.float(0.55, 0.92);
    const completionShare = startShare * r.float(0.45, 0.72);
    out[code] = {
      fullyArranged: r.chance(0.3),
      arrangedShare: r.float(0.6, 0.9),
      startShare,
      completionShare,
      spendShare: Math.min(0.95, completionShare + r.float(0.01, 0.06)),
      projectCount: counts[i],
      industryProbability: r.float(0.38, 0.5),
      reachPerWan: r.float(0.2, 1.1),
      paysInterest: r.chance(0.25),
      measureCoverage: r.float(0.7, 0.99),
      pvRegistration: r.pick([0.5, 0.8, 0.9, 1, 1]),
      centralizedPv: r.int(0, 1),
      householdPv: r.int(1, 4),
      povertyFactor: r.float(0.4, 1.3),
      signShare: r.float(0.7, 1),
    };
  });
  return out;
}

/** The demo city's category mix scaled to `total` households. */
export function provinceHouseholdTotals(total: number): Record<HouseholdCategory, number> {
  const categories = Object.keys(shangqiuHouseholdTotals) as HouseholdCategory[];
  const parts = shares(
    total,
    categories.map((c) => shangqiuHouseholdTotals[c]),
  );
  return Object.fromEntries(categories.map((c, i) => [c, parts[i]])) as Record<HouseholdCategory, number>;
}

/** Generate the province dataset (households as a stream). Same inputs and options → identical rows. */
export function generateProvinceData(inputs: DemoInputs, options: ProvinceOptions = {}): ProvinceData {
  const seed = options.seed ?? defaultProvinceSeed;
  const { regions, withoutPolygon, retiredCodes } = provinceRegions(inputs, options);
  const scenarios = provinceScenarios(regions, seed, options.projects ?? 100_000);
  const totals = provinceHouseholdTotals(options.households ?? 2_000_000);
  options.progress?.('ledger: projects, monthly progress, PV stations');
  const ledger = generateLedger(regions, seed, scenarios, totals, { households: false });
  ledger.settings = ledger.settings.map((s) =>
    s.key === 'demo' ? { key: 'demo', value: { seed, generatedAt: 'fixed', label: '演示数据', dataset: 'province' } } : s,
  );
  return {
    regions,
    ledger,
    households: () => householdRows(regions, seed, scenarios, totals),
    householdCount: Object.values(totals).reduce((a, n) => a + n, 0),
    withoutPolygon,
    retiredCodes,
  };
}
