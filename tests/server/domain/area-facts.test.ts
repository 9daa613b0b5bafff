import { describe, expect, it } from 'vitest';
import {
  householdMeasures,
  measureFamily,
  measureInputs,
  measureKeys,
  type AreaFacts,
  type FactFamily,
} from '../../../server/domain/area-facts.ts';
import { getMeasure, measureIds, type MeasureId } from '../../../server/domain/measures.ts';

// The cell keys (…Key) are not facts of a measure: measureKeys reads them (server/domain/disclosure.ts).
type Fact = Exclude<keyof AreaFacts, 'code' | 'name' | `${string}Key`>;

/** Every fact with the family whose SQL computes it. */
const factFamily: Record<Fact, FactFamily> = {
  projects: 'projects',
  totalWan: 'projects',
  arrangedWan: 'projects',
  disbursedWan: 'projects',
  spentWan: 'projects',
  started: 'projects',
  completed: 'projects',
  overdue: 'projects',
  industryTotalWan: 'projects',
  industryHouseholdsReached: 'projects',
  dividendLinked: 'projects',
  dividendCompliant: 'projects',
  pvStations: 'pv',
  pvRegistered: 'pv',
  hhNotLifted: 'households',
  hhEdge: 'households',
  hhMonitored: 'households',
  hhLifted: 'households',
  hhThreeWithLabour: 'households',
  hhThreeWithLabourTwoMeasures: 'households',
  hhThreeLabourNone: 'households',
  hhThreeLabourWeak: 'households',
  hhThreeLabourFull: 'households',
};
const facts = Object.keys(factFamily) as Fact[];

/** Every fact a different prime, so a measure that reads the wrong fact (or sums the wrong ones) shows. */
const primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83];
const f = { code: '411421', name: '宁陵县', ...Object.fromEntries(facts.map((k, i) => [k, primes[i]])) } as AreaFacts;

/** The formulas of docs/domain.md, written out fact by fact. */
const table: { id: MeasureId; numerator: number; denominator: number | null; reads: Fact[] }[] = [
  { id: 'spend_rate', numerator: f.spentWan, denominator: f.totalWan, reads: ['spentWan', 'totalWan'] },
  { id: 'spend_rate_arranged', numerator: f.spentWan, denominator: f.arrangedWan, reads: ['spentWan', 'arrangedWan'] },
  { id: 'funds_in_place', numerator: f.arrangedWan, denominator: f.totalWan, reads: ['arrangedWan', 'totalWan'] },
  { id: 'start_rate', numerator: f.started, denominator: f.projects, reads: ['started', 'projects'] },
  { id: 'completion_rate', numerator: f.completed, denominator: f.projects, reads: ['completed', 'projects'] },
  { id: 'overdue', numerator: f.overdue, denominator: f.projects, reads: ['overdue', 'projects'] },
  { id: 'pv_registration', numerator: f.pvRegistered, denominator: f.pvStations, reads: ['pvRegistered', 'pvStations'] },
  {
    // Labour capacity = weak or full (有劳动能力（含弱劳动能力）); households without capacity are not in the base.
    id: 'measure_coverage',
    numerator: f.hhThreeWithLabourTwoMeasures,
    denominator: f.hhThreeWithLabour,
    reads: ['hhThreeWithLabourTwoMeasures', 'hhThreeWithLabour'],
  },
  { id: 'industry_share', numerator: f.industryTotalWan, denominator: f.totalWan, reads: ['industryTotalWan', 'totalWan'] },
  {
    id: 'reach_per_10k',
    numerator: f.industryHouseholdsReached,
    denominator: f.industryTotalWan,
    reads: ['industryHouseholdsReached', 'industryTotalWan'],
  },
  {
    id: 'dividend_compliance',
    numerator: f.dividendCompliant,
    denominator: f.dividendLinked,
    reads: ['dividendCompliant', 'dividendLinked'],
  },
  // The three groups: not lifted + edge + monitored, never the households already out of poverty.
  {
    id: 'households',
    numerator: f.hhNotLifted + f.hhEdge + f.hhMonitored,
    denominator: null,
    reads: ['hhNotLifted', 'hhEdge', 'hhMonitored'],
  },
];

describe('measureInputs: facts → numerator and denominator', () => {
  it('the table covers every measure of the catalogue once', () => {
    expect(table.map((r) => r.id).sort()).toEqual([...measureIds].sort());
  });

  it.each(table)('$id', ({ id, numerator, denominator }) => {
    expect(measureInputs(id, f)).toEqual({ numerator, denominator });
  });

  it.each(table)('$id reads exactly its facts, all of its own family', ({ id, reads }) => {
    const base = measureInputs(id, f);
    for (const k of facts) {
      const changed = measureInputs(id, { ...f, [k]: f[k] + 1000 });
      const moved = changed.numerator !== base.numerator || changed.denominator !== base.denominator;
      expect({ fact: k, moved }).toEqual({ fact: k, moved: reads.includes(k) });
    }
    for (const k of reads) expect({ fact: k, family: factFamily[k] }).toEqual({ fact: k, family: measureFamily[id] });
  });

  it.each(table)('$id: a denominator exactly when the catalogue has a denominator unit', ({ id, denominator }) => {
    expect(denominator === null).toBe(getMeasure(id).denominatorUnit === null);
  });

  it('an area without any ledger rows gives zeros, which measureValue turns into no data', () => {
    const empty = { code: '411499', name: '无', ...Object.fromEntries(facts.map((k) => [k, 0])) } as AreaFacts;
    for (const id of measureIds) {
      const { numerator, denominator } = measureInputs(id, empty);
      expect(numerator).toBe(0);
      expect(denominator === null || denominator === 0).toBe(true);
    }
  });
});

describe('measureKeys: cell keys of the household measures, alongside their counts', () => {
  const keyed = {
    ...f,
    hhNotLiftedKey: 101,
    hhEdgeKey: 103,
    hhMonitoredKey: 107,
    hhThreeWithLabourKey: 109,
    hhThreeWithLabourTwoMeasuresKey: 113,
  } as AreaFacts;
  it.each([
    { id: 'measure_coverage' as const, keys: { numerator: 113, denominator: 109 } },
    // Keys of disjoint counts add up like the counts: not lifted + edge + monitored.
    { id: 'households' as const, keys: { numerator: 101 + 103 + 107, denominator: null } },
  ])('$id', ({ id, keys }) => {
    expect(measureKeys(id, keyed)).toEqual(keys);
  });
  it('no keys for the measures that count no household records, and exactly the household measures have them', () => {
    for (const id of measureIds) expect({ id, keyed: measureKeys(id, keyed) !== null }).toEqual({ id, keyed: householdMeasures.has(id) });
    expect([...householdMeasures].sort()).toEqual(['households', 'measure_coverage']);
  });
});
