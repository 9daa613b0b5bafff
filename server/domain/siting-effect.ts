/**
 * "若在此建设": what a new industry project would change in the county's and the city's
 * two-or-more-measures coverage (measure_coverage) and reach per 10,000 元 (reach_per_10k), as
 * before → after. The formulas are the measures' own (measureInputs, measureValue). Pure.
 */
import { measureInputs, type AreaFacts } from './area-facts.ts';
import { getMeasure, measureValue } from './measures.ts';

/** A candidate project as the planner describes it. */
export interface SitingCandidate {
  /** Households the project is expected to reach (带贫户数). */
  households: number;
  /** Total investment in 万元. */
  investmentWan: number;
}

export interface BeforeAfter {
  before: number | null;
  after: number | null;
  /** after − before (percentage points for coverage, households per 万元 for reach); null when either is no data. */
  change: number | null;
  numeratorBefore: number;
  numeratorAfter: number;
  denominatorBefore: number;
  denominatorAfter: number;
}

export interface SitingEffect {
  coverage: BeforeAfter;
  reach: BeforeAfter;
  /** Households that gain a second measure: the expected number, at most the households still short of two. */
  householdsGainingCoverage: number;
}

/** The sums of several areas' facts that the two measures read (e.g. the counties of the city). */
export type EffectFacts = Pick<
  AreaFacts,
  'hhThreeWithLabour' | 'hhThreeWithLabourTwoMeasures' | 'industryHouseholdsReached' | 'industryTotalWan'
>;

export function sumEffectFacts(rows: readonly EffectFacts[]): EffectFacts {
  const sum = (k: keyof EffectFacts) => rows.reduce((s, r) => s + r[k], 0);
  return {
    hhThreeWithLabour: sum('hhThreeWithLabour'),
    hhThreeWithLabourTwoMeasures: sum('hhThreeWithLabourTwoMeasures'),
    industryHouseholdsReached: sum('industryHouseholdsReached'),
    industryTotalWan: sum('industryTotalWan'),
  };
}

const asFacts = (f: EffectFacts) => f as AreaFacts;

function beforeAfter(id: 'measure_coverage' | 'reach_per_10k', before: EffectFacts, after: EffectFacts): BeforeAfter {
  const m = getMeasure(id);
  const b = measureInputs(id, asFacts(before));
  const a = measureInputs(id, asFacts(after));
  const vb = measureValue(m, b.numerator, b.denominator);
  const va = measureValue(m, a.numerator, a.denominator);
  return {
    before: vb,
    after: va,
    change: vb == null || va == null ? null : va - vb,
    numeratorBefore: b.numerator,
    numeratorAfter: a.numerator,
    denominatorBefore: b.denominator ?? 0,
    denominatorAfter: a.denominator ?? 0,
  };
}

/**
 * The effect of `candidate` on an area with `facts`. Assumes every household the project reaches is
 * a household of the three groups with labour capacity and fewer than two measures, and that the
 * project is its second measure (the planner's target group); so coverage gains at most the
 * households still short of two. Reach counts all the households reached and adds the investment.
 * Negative or non-finite inputs count as 0.
 */
export function sitingEffect(facts: EffectFacts, candidate: SitingCandidate): SitingEffect {
  const households = Number.isFinite(candidate.households) && candidate.households > 0 ? Math.floor(candidate.households) : 0;
  const investment = Number.isFinite(candidate.investmentWan) && candidate.investmentWan > 0 ? candidate.investmentWan : 0;
  const short = Math.max(0, facts.hhThreeWithLabour - facts.hhThreeWithLabourTwoMeasures);
  const gaining = Math.min(households, short);
  const after: EffectFacts = {
    hhThreeWithLabour: facts.hhThreeWithLabour,
    hhThreeWithLabourTwoMeasures: facts.hhThreeWithLabourTwoMeasures + gaining,
    industryHouseholdsReached: facts.industryHouseholdsReached + households,
    industryTotalWan: facts.industryTotalWan + investment,
  };
  return {
    coverage: beforeAfter('measure_coverage', facts, after),
    reach: beforeAfter('reach_per_10k', facts, after),
    householdsGainingCoverage: gaining,
  };
}
