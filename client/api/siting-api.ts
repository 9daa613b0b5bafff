/** Fetchers of the siting endpoints; types come from the server's contracts through the typed client. */
import type { Catchment, CatchmentBody, SitingEffect, Suggestions } from '../../server/contracts/siting.ts';
import type { ScoreWeights } from '../../server/domain/siting-score.ts';
import { api, call, type FetchInit } from './client.ts';

export type { Catchment, SitingEffect, Suggestions };

export function fetchCatchment(body: CatchmentBody, init?: FetchInit): Promise<Catchment> {
  return call(() => api.siting.catchment.$post({ json: body }, { init }));
}

export function fetchSuggestions(
  q: { area: string; radiusKm: number; top: number; weights: ScoreWeights },
  init?: FetchInit,
): Promise<Suggestions> {
  const query = {
    area: q.area,
    radiusKm: String(q.radiusKm),
    top: String(q.top),
    wTarget: String(q.weights.target),
    wDistance: String(q.weights.distance),
    wPoor: String(q.weights.poor),
    wPv: String(q.weights.pv),
  };
  return call(() => api.siting.suggestions.$get({ query }, { init }));
}

export function fetchSitingEffect(
  q: { county: string; households: number; investmentWan: number },
  init?: FetchInit,
): Promise<SitingEffect> {
  const query = { county: q.county, households: String(q.households), investmentWan: String(q.investmentWan) };
  return call(() => api.siting.effect.$get({ query }, { init }));
}
