/**
 * Area facts (the sums and counts SQL aggregates per area) and the one mapping from facts to each
 * measure's numerator and denominator. Pure: the API, the tests and the benchmark share it.
 */
import type { MeasureId } from './measures.ts';

/** Which fact families to compute; a measure needs one of them. */
export type FactFamily = 'projects' | 'pv' | 'households';

/** Aggregates of one area. Money in 万元; counts are integers. Missing families are zero. */
export interface AreaFacts {
  code: string;
  name: string;
  // projects of the year, with their state as of the date
  projects: number;
  totalWan: number;
  arrangedWan: number;
  disbursedWan: number;
  spentWan: number;
  started: number;
  completed: number;
  overdue: number;
  industryTotalWan: number;
  industryHouseholdsReached: number;
  dividendLinked: number;
  dividendCompliant: number;
  // PV stations
  pvStations: number;
  pvRegistered: number;
  // households (current register)
  hhNotLifted: number;
  hhEdge: number;
  hhMonitored: number;
  hhLifted: number;
  /** three groups, with labour capacity (weak or full: `withLabourCapacity`, 有劳动能力（含弱劳动能力）) */
  hhThreeWithLabour: number;
  /** three groups, with labour capacity and at least two industry measures */
  hhThreeWithLabourTwoMeasures: number;
  /** three groups by labour capacity */
  hhThreeLabourNone: number;
  hhThreeLabourWeak: number;
  hhThreeLabourFull: number;
  /**
   * Cell keys (sums of the households' record keys, server/domain/disclosure.ts) of the household
   * counts that measures publish; 0 when the query was run without the server secret.
   */
  hhNotLiftedKey: number;
  hhEdgeKey: number;
  hhMonitoredKey: number;
  hhThreeWithLabourKey: number;
  hhThreeWithLabourTwoMeasuresKey: number;
}

/** The fact family each measure is computed from (so the query computes only what is needed). */
export const measureFamily: Readonly<Record<MeasureId, FactFamily>> = {
  spend_rate: 'projects',
  spend_rate_arranged: 'projects',
  funds_in_place: 'projects',
  start_rate: 'projects',
  completion_rate: 'projects',
  overdue: 'projects',
  pv_registration: 'pv',
  measure_coverage: 'households',
  industry_share: 'projects',
  reach_per_10k: 'projects',
  dividend_compliance: 'projects',
  households: 'households',
};

/** Measures whose numerator and denominator count household records: published through `protectCount`. */
export const householdMeasures: ReadonlySet<MeasureId> = new Set<MeasureId>(['measure_coverage', 'households']);

/**
 * Cell keys of a household measure's numerator and denominator (the keys of a sum of disjoint counts
 * add up, like the counts); null for the other measures.
 */
export function measureKeys(id: MeasureId, f: AreaFacts): { numerator: number; denominator: number | null } | null {
  switch (id) {
    case 'measure_coverage':
      return { numerator: f.hhThreeWithLabourTwoMeasuresKey, denominator: f.hhThreeWithLabourKey };
    case 'households':
      return { numerator: f.hhNotLiftedKey + f.hhEdgeKey + f.hhMonitoredKey, denominator: null };
    default:
      return null;
  }
}

/**
 * Numerator and denominator of a measure from an area's facts, in the measure's units (money in 万元,
 * counts). `households` is a count of the three groups with no denominator (null).
 */
export function measureInputs(id: MeasureId, f: AreaFacts): { numerator: number; denominator: number | null } {
  switch (id) {
    case 'spend_rate':
      return { numerator: f.spentWan, denominator: f.totalWan };
    case 'spend_rate_arranged':
      return { numerator: f.spentWan, denominator: f.arrangedWan };
    case 'funds_in_place':
      return { numerator: f.arrangedWan, denominator: f.totalWan };
    case 'start_rate':
      return { numerator: f.started, denominator: f.projects };
    case 'completion_rate':
      return { numerator: f.completed, denominator: f.projects };
    case 'overdue':
      return { numerator: f.overdue, denominator: f.projects };
    case 'pv_registration':
      return { numerator: f.pvRegistered, denominator: f.pvStations };
    case 'measure_coverage':
      return { numerator: f.hhThreeWithLabourTwoMeasures, denominator: f.hhThreeWithLabour };
    case 'industry_share':
      return { numerator: f.industryTotalWan, denominator: f.totalWan };
    case 'reach_per_10k':
      return { numerator: f.industryHouseholdsReached, denominator: f.industryTotalWan };
    case 'dividend_compliance':
      return { numerator: f.dividendCompliant, denominator: f.dividendLinked };
    case 'households':
      return { numerator: f.hhNotLifted + f.hhEdge + f.hhMonitored, denominator: null };
  }
}
