/** Fetchers of the meeting endpoints (briefing, slides, decks); types come from the server's contracts. */
import type { Briefing } from '../../server/contracts/briefing.ts';
import type { MeasureId } from '../../server/domain/measures.ts';
import type { Deck } from '../../server/contracts/decks.ts';
import { api, ApiError, call, type FetchInit, type SuccessBody } from './client.ts';

export type { Briefing };

export interface BriefingQuery {
  level: 'county' | 'township' | 'village';
  parent: string;
  asOf?: string | null;
  compareTo?: string | null;
  lang: 'zh' | 'en';
}

export function fetchBriefing(id: MeasureId, q: BriefingQuery, init?: FetchInit): Promise<Briefing> {
  const { asOf, compareTo, ...rest } = q;
  const query = { ...rest, ...(asOf ? { asOf } : {}), ...(compareTo ? { compareTo } : {}) };
  return call(() => api.measures[':id'].briefing.$get({ param: { id }, query }, { init }));
}

// ---------------------------------------------------------------------------------------------
// Decks

export type { Deck };
export type DeckSlide = Deck['slides'][number];
export type DeckSummary = SuccessBody<Awaited<ReturnType<typeof api.decks.$get>>>['items'][number];

/** A save refused because someone saved first: their deck comes with it. */
export class DeckConflictError extends ApiError {
  constructor(
    message: string,
    readonly current: Deck,
  ) {
    super(message, 409);
  }
}

const param = (id: number) => ({ id: String(id) });

export const listDecks = () => call(() => api.decks.$get()).then((r) => r.items);
export const getDeck = (id: number) => call(() => api.decks[':id'].$get({ param: param(id) }));
export const createDeck = (title: string) => call(() => api.decks.$post({ json: { title } }));
export const appendSlide = (id: number, slide: { title: string; notes: string; view: string }) =>
  call(() => api.decks[':id'].slides.$post({ param: param(id), json: slide }));
/** Save a deck based on `patch.version`; someone else's newer save makes it a DeckConflictError with their deck. */
export const saveDeck = (id: number, patch: { version: number; title?: string; slides?: Omit<DeckSlide, 'problem'>[] }) =>
  call(async () => {
    const json = { ...patch, slides: patch.slides?.map(({ id: sid, title, notes, view }) => ({ id: sid, title, notes, view })) };
    const res = await api.decks[':id'].$put({ param: param(id), json });
    if (res.status === 409) {
      const b = (await res.json()) as { error: { message: string }; current: Deck };
      throw new DeckConflictError(b.error.message, b.current);
    }
    return res;
  });
export const duplicateDeck = (id: number) => call(() => api.decks[':id'].duplicate.$post({ param: param(id) }));
export const deleteDeck = (id: number) => call(() => api.decks[':id'].$delete({ param: param(id) }));
export const buildAgenda = (measure: MeasureId, asOf: string | null) =>
  call(() => api.decks.agenda.$post({ json: asOf ? { measure, asOf } : { measure } }));
