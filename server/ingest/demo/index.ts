/**
 * The demo data set (演示数据) of 商丘市 2020: real county outlines and division names, synthetic
 * township/village polygons and a generated ledger. `generateDemoData` is pure and deterministic;
 * `readDemoInputs` is the only IO here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDivisionsCsv, synthesizeBoundaries, unknownCountyCodes, type RegionRow } from './boundaries.ts';
import { generateLedger, type LedgerData } from './ledger.ts';

export { unknownCountyCodes };
export type { RegionRow };

/** The seed of the shipped demo (the date of the speech's meeting). */
export const defaultDemoSeed = 20200622;

export interface DemoInputs {
  /** County-level boundaries (`data/henan-counties.geojson`). */
  countiesGeojson: GeoJSON.FeatureCollection;
  /** Division codes and names (`data/henan-divisions.csv`). */
  divisionsCsv: string;
}

/** Every row of the demo, per table, parents before children. */
export interface DemoData extends LedgerData {
  regions: RegionRow[];
}

/** Generate all demo rows. Same inputs and seed → identical rows (and identical JSON) on every machine. */
export function generateDemoData(input: DemoInputs, seed: number = defaultDemoSeed): DemoData {
  const divisions = parseDivisionsCsv(input.divisionsCsv);
  const regions = synthesizeBoundaries(input.countiesGeojson, divisions, seed);
  const ledger = generateLedger(regions, seed);
  return {
    regions,
    projects: ledger.projects,
    projectProgress: ledger.projectProgress,
    projectBeneficiaries: ledger.projectBeneficiaries,
    pvStations: ledger.pvStations,
    households: ledger.households,
    meetings: ledger.meetings,
    targets: ledger.targets,
    settings: ledger.settings,
  };
}

/** Read the two input files from a data folder (default: the repository's `data/`). */
export function readDemoInputs(
  dataFolder: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data'),
): DemoInputs {
  const countiesGeojson = JSON.parse(fs.readFileSync(path.join(dataFolder, 'henan-counties.geojson'), 'utf8')) as GeoJSON.FeatureCollection;
  const divisionsCsv = fs.readFileSync(path.join(dataFolder, 'henan-divisions.csv'), 'utf8');
  return { countiesGeojson, divisionsCsv };
}
