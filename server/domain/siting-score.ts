/**
 * The explainable score of a village as the site of the next industry project (推荐村). Four parts,
 * each a saturating curve of one input times its weight, scaled so the parts add up to the score
 * (0–100 when every input saturates). Every part only grows with its input, so a village that is
 * better in one input and no worse in the others never scores lower. Pure.
 */

/** What the score reads about one village. */
export interface VillageScoreInput {
  code: string;
  /** Target households (three groups, labour capacity, < 2 industry measures) within the radius of the village. */
  targetHouseholds: number;
  /** Distance in km to the nearest existing industry project; null when none is located (counts as far). */
  nearestIndustryKm: number | null;
  poorVillage: boolean;
  /** Yearly income of grid-connected PV stations within the radius, 万元 (village collective income to co-finance and run a project). */
  pvIncomeWan: number;
}

export const scorePartIds = ['target', 'distance', 'poor', 'pv'] as const;
export type ScorePartId = (typeof scorePartIds)[number];

/** Weights of the parts (≥ 0; only their ratios matter). */
export type ScoreWeights = Record<ScorePartId, number>;
export const defaultScoreWeights: ScoreWeights = { target: 5, distance: 2.5, poor: 1.5, pv: 1 };

/**
 * Half-saturation points: the input at which a part reaches half its weight. Target households 30 户,
 * distance 5 km, PV income 10 万元 a year.
 */
export const scoreHalfPoints = { target: 30, distanceKm: 5, pvWan: 10 } as const;

/** x / (x + half): 0 at 0, ½ at `half`, towards 1; negative, NaN inputs count as 0, +∞ as 1. */
export function saturate(x: number, half: number): number {
  if (!(x > 0)) return 0;
  if (x === Infinity) return 1;
  return x / (x + half);
}

/** Each part's share (0–1) before weighting. */
export function scoreShares(input: VillageScoreInput): Record<ScorePartId, number> {
  return {
    target: saturate(input.targetHouseholds, scoreHalfPoints.target),
    distance: input.nearestIndustryKm == null ? 1 : saturate(input.nearestIndustryKm, scoreHalfPoints.distanceKm),
    poor: input.poorVillage ? 1 : 0,
    pv: saturate(input.pvIncomeWan, scoreHalfPoints.pvWan),
  };
}

export interface VillageScore {
  /** 0–100: the sum of the parts. */
  score: number;
  /** Each part's points (weight share × 100 × its saturating share); they add up to `score`. */
  parts: Record<ScorePartId, number>;
}

/**
 * Score of one village. Weights must be finite and ≥ 0 with a positive sum; otherwise the default
 * weights are used (never a division by zero).
 */
export function scoreVillage(input: VillageScoreInput, weights: ScoreWeights = defaultScoreWeights): VillageScore {
  const w = validWeights(weights) ? weights : defaultScoreWeights;
  const sum = scorePartIds.reduce((s, k) => s + w[k], 0);
  const shares = scoreShares(input);
  const parts = Object.fromEntries(scorePartIds.map((k) => [k, (100 * w[k] * shares[k]) / sum])) as Record<ScorePartId, number>;
  return { score: scorePartIds.reduce((s, k) => s + parts[k], 0), parts };
}

export function validWeights(w: ScoreWeights): boolean {
  return scorePartIds.every((k) => Number.isFinite(w[k]) && w[k] >= 0) && scorePartIds.some((k) => w[k] > 0);
}

/** Villages best first (score, then more target households, then code), with rank 1…n. */
export function rankVillages<T extends VillageScoreInput>(inputs: readonly T[], weights: ScoreWeights = defaultScoreWeights) {
  return inputs
    .map((input) => ({ ...input, ...scoreVillage(input, weights) }))
    .sort((a, b) => b.score - a.score || b.targetHouseholds - a.targetHouseholds || a.code.localeCompare(b.code))
    .map((v, i) => ({ ...v, rank: i + 1 }));
}
