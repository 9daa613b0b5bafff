/** Fetchers of the follow-up (督办) endpoints; types come from the server's contracts. */
import type { ClientResponse } from 'hono/client';
import type { ResponseFormat } from 'hono/types';
import type { Followup, FollowupCounts, FollowupCreate, FollowupEdit, FollowupList } from '../../server/contracts/followups.ts';
import { api, ApiError, call, type SuccessBody } from './client.ts';

export type { Followup, FollowupCounts, FollowupList };
export type FollowupStateFilter = Followup['state'] | 'active';

/** A change refused because someone changed (or closed) the item first: the item as it is now comes with it. */
export class FollowupConflictError extends ApiError {
  constructor(
    message: string,
    readonly current: Followup,
  ) {
    super(message, 409);
  }
}

/** A write that may be refused because someone changed the item first (409: their item comes with it). */
async function write<R extends ClientResponse<unknown, number, ResponseFormat>>(request: () => Promise<R>): Promise<SuccessBody<R>> {
  return call(async () => {
    const res = await request();
    if (res.status === 409) {
      const b = (await res.json()) as { error: { message: string }; current: Followup };
      throw new FollowupConflictError(b.error.message, b.current);
    }
    return res;
  });
}

export function listFollowups(q: { county?: string | null; state?: FollowupStateFilter | null } = {}): Promise<FollowupList> {
  return call(() => api.followups.$get({ query: { ...(q.county ? { county: q.county } : {}), ...(q.state ? { state: q.state } : {}) } }));
}
export const fetchFollowupCounts = (): Promise<FollowupCounts> => call(() => api['followup-counts'].$get());

export type FollowupInput = FollowupCreate;
const param = (id: number) => ({ id: String(id) });
export const createFollowup = (body: FollowupInput) => call(() => api.followups.$post({ json: body }));
export const editFollowup = (id: number, body: FollowupEdit) => write(() => api.followups[':id'].$patch({ param: param(id), json: body }));
export const answerFollowup = (id: number, body: { progress: string; report?: string }) =>
  call(() => api.followups[':id'].responses.$post({ param: param(id), json: body }));
export const closeFollowup = (id: number, body: { version: number; note: string }) =>
  write(() => api.followups[':id'].close.$post({ param: param(id), json: body }));

/** Tell every part of the page that items changed (badges recount, lists reload). */
export const followupsChanged = () => window.dispatchEvent(new Event('followups-changed'));
/** Ask the page to open the 督办 drawer, on one county's items or all. */
export const openFollowups = (county: string | null = null) =>
  window.dispatchEvent(new CustomEvent<string | null>('followups-open', { detail: county }));
