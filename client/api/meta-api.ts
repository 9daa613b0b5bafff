/** GET /api/meta: the root area of the data (the city) — read once at start (app-state/root-area.ts). */
import type { AppMeta } from '../../server/contracts/meta.ts';
import { api, call, type FetchInit } from './client.ts';

export type { AppMeta };

export function fetchMeta(init?: FetchInit): Promise<AppMeta> {
  return call(() => api.meta.$get(undefined, { init }));
}
