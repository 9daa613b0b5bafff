/**
 * The siting analysis as part of the view (one URL parameter `site`), so a link reopens it: pick
 * mode, radius, up to three candidates (A/B/C), the active one, suggestions (area, top N, weights)
 * and the candidate project for 若在此建设. Pure; the codec never throws on a damaged link.
 */
import type { SitingSite } from '../../../server/contracts/siting.ts';
import { defaultScoreWeights, scorePartIds, type ScoreWeights } from '../../../server/domain/siting-score.ts';

export const pickModes = ['point', 'polygon', 'village'] as const;
export type PickMode = (typeof pickModes)[number];

export const candidateLetters = ['A', 'B', 'C'] as const;
export const maxCandidates = candidateLetters.length;
export const minRadiusKm = 1;
export const maxRadiusKm = 20;

export interface SitingState {
  mode: PickMode;
  radiusKm: number;
  candidates: SitingSite[];
  /** Index of the candidate the card shows (0–2). */
  active: number;
  /** City or county whose villages are ranked; null: suggestions off. */
  suggestArea: string | null;
  top: number;
  weights: ScoreWeights;
  /** The candidate project for before → after: households it reaches and its investment (万元). */
  households: number;
  investmentWan: number;
}

export const defaultSitingState: SitingState = Object.freeze({
  mode: 'point',
  radiusKm: 5,
  candidates: [],
  active: 0,
  suggestArea: null,
  top: 10,
  weights: defaultScoreWeights,
  households: 100,
  investmentWan: 300,
}) as SitingState;

const num = (raw: string | undefined, min: number, max: number): number | undefined => {
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= min && n <= max ? n : undefined;
};
const r6 = (x: number) => Number(x.toFixed(6));

function formatSite(s: SitingSite): string {
  if (s.kind === 'point') return `p${r6(s.point[0])},${r6(s.point[1])}`;
  if (s.kind === 'village') return `v${s.village}`;
  return `g${s.ring.map(([x, y]) => `${r6(x)},${r6(y)}`).join(',')}`;
}

function parseSite(raw: string): SitingSite | undefined {
  const body = raw.slice(1);
  if (raw[0] === 'v') return /^\d{12}$/.test(body) ? { kind: 'village', village: body } : undefined;
  const n = body.split(',').map(Number);
  if (n.length < 2 || n.length % 2 || !n.every(Number.isFinite)) return undefined;
  const pts: [number, number][] = [];
  for (let i = 0; i < n.length; i += 2) {
    if (Math.abs(n[i]) > 180 || Math.abs(n[i + 1]) > 90) return undefined;
    pts.push([n[i], n[i + 1]]);
  }
  if (raw[0] === 'p') return pts.length === 1 ? { kind: 'point', point: pts[0] } : undefined;
  if (raw[0] === 'g') return pts.length >= 3 && pts.length <= 100 ? { kind: 'polygon', ring: pts } : undefined;
  return undefined;
}

/**
 * `mode;radius;A|B|C;active;area;top;w1,w2,w3,w4;households;investment` — e.g.
 * `point;5;p115.15,34.65|v411421104217;0;411421;10;5,2.5,1.5,1;100;300`.
 */
export function formatSitingState(s: SitingState): string {
  return [
    s.mode,
    String(s.radiusKm),
    s.candidates.map(formatSite).join('|'),
    String(s.active),
    s.suggestArea ?? '',
    String(s.top),
    scorePartIds.map((k) => String(s.weights[k])).join(','),
    String(s.households),
    String(s.investmentWan),
  ].join(';');
}

export function parseSitingState(raw: string): SitingState | undefined {
  const f = raw.split(';');
  if (f.length !== 9) return undefined;
  const d = defaultSitingState;
  const mode = (pickModes as readonly string[]).includes(f[0]) ? (f[0] as PickMode) : d.mode;
  const candidates = f[2]
    ? f[2]
        .split('|')
        .map(parseSite)
        .filter((s): s is SitingSite => !!s)
        .slice(0, maxCandidates)
    : [];
  const w = f[6].split(',').map((x) => num(x, 0, 100));
  const weights =
    w.length === 4 && w.every((x) => x !== undefined) && w.some((x) => x! > 0)
      ? (Object.fromEntries(scorePartIds.map((k, i) => [k, w[i]!])) as ScoreWeights)
      : d.weights;
  return {
    mode,
    radiusKm: num(f[1], minRadiusKm, maxRadiusKm) ?? d.radiusKm,
    candidates,
    active: Math.min(num(f[3], 0, 2) ?? 0, Math.max(0, candidates.length - 1)),
    suggestArea: /^(\d{4}|\d{6})$/.test(f[4]) ? f[4] : null,
    top: Math.round(num(f[5], 1, 50) ?? d.top),
    weights,
    households: Math.round(num(f[7], 0, 100_000) ?? d.households),
    investmentWan: num(f[8], 0, 1_000_000) ?? d.investmentWan,
  };
}

/**
 * Put a picked site into the candidates: replaces the active one when `replace`, else appends
 * (up to three; a fourth replaces the active one). The new site becomes active.
 */
export function addCandidate(s: SitingState, site: SitingSite, replace = false): SitingState {
  if (replace && s.candidates.length > 0) {
    const candidates = s.candidates.map((c, i) => (i === s.active ? site : c));
    return { ...s, candidates };
  }
  if (s.candidates.length >= maxCandidates) return addCandidate(s, site, true);
  return { ...s, candidates: [...s.candidates, site], active: s.candidates.length };
}

export function removeCandidate(s: SitingState, index: number): SitingState {
  const candidates = s.candidates.filter((_, i) => i !== index);
  return { ...s, candidates, active: Math.max(0, Math.min(s.active >= index ? s.active - 1 : s.active, candidates.length - 1)) };
}

/** What a map click means to the siting tool. */
export type SitingClick =
  | { kind: 'site'; site: SitingSite }
  | { kind: 'corner'; point: [number, number] }
  /** Not the tool's: the map does what it does without it (drill down towards a village). */
  | { kind: 'pass' };

/**
 * A map click while the tool is open, in its pick mode: a suggested village (its marker) is taken in any
 * mode; 点选 places a point where the click is, 画范围 adds a corner, 选村 takes the village clicked and
 * lets a click on a county or township drill down towards one. Coordinates are kept to 6 decimals.
 */
export function sitingClick(
  mode: PickMode,
  hit: { suggestion: string | null; code: string | null; lngLat: [number, number] },
): SitingClick {
  if (hit.suggestion) return { kind: 'site', site: { kind: 'village', village: hit.suggestion } };
  const point: [number, number] = [r6(hit.lngLat[0]), r6(hit.lngLat[1])];
  if (mode === 'point') return { kind: 'site', site: { kind: 'point', point } };
  if (mode === 'polygon') return { kind: 'corner', point };
  return hit.code && /^\d{12}$/.test(hit.code) ? { kind: 'site', site: { kind: 'village', village: hit.code } } : { kind: 'pass' };
}
