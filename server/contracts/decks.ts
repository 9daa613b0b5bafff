/** Slides and decks of dispatch meetings: request and response shapes. */
import { z } from '@hono/zod-openapi';
import { measureIds } from '../domain/measures.ts';
import { IsoDate } from './layers.ts';

const Title = z.string().trim().min(1, 'must not be empty').max(120, 'at most 120 characters');

export const DeckSlide = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,24}$/, 'must be 1–24 letters, digits, - or _'),
    title: Title,
    notes: z.string().max(4000, 'at most 4,000 characters').default(''),
    view: z
      .string()
      .max(2000)
      .regex(/^(\?[^\s#]*)?$/, 'must be the query string of a map view, e.g. ?m=pv_registration&area=411421')
      .openapi({ example: '?m=pv_registration&area=411421' }),
  })
  .openapi('DeckSlide');
export type DeckSlide = z.infer<typeof DeckSlide>;

/** A slide as read back, with a problem when its measure or area no longer exists. */
export const DeckSlideRead = DeckSlide.extend({ problem: z.string().nullable() });

export const Deck = z
  .object({
    id: z.number().int(),
    title: z.string(),
    meetingDate: z.string().nullable(),
    notes: z.string(),
    slides: z.array(DeckSlideRead),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable().openapi({ description: 'Display name of whoever saved last' }),
  })
  .openapi('Deck');
export type Deck = z.infer<typeof Deck>;

export const DeckSummary = Deck.omit({ slides: true, notes: true }).extend({ slideCount: z.number().int() }).openapi('DeckSummary');
export const DeckList = z.object({ items: z.array(DeckSummary) });

const Slides = z.array(DeckSlide).max(60, 'a deck holds at most 60 slides');

export const DeckCreate = z
  .object({ title: Title, meetingDate: IsoDate.nullable().optional(), notes: z.string().max(4000).default(''), slides: Slides.default([]) })
  .openapi('DeckCreate');

export const DeckUpdate = z
  .object({
    version: z
      .number()
      .int()
      .min(1)
      .openapi({ description: 'The version this edit is based on; an older one answers 409 with the deck as it is now.' }),
    title: Title.optional(),
    meetingDate: IsoDate.nullable().optional(),
    notes: z.string().max(4000).optional(),
    slides: Slides.optional(),
  })
  .openapi('DeckUpdate');
export type DeckUpdate = z.infer<typeof DeckUpdate>;

export const SlideAppend = z
  .object({ title: Title, notes: z.string().max(4000).default(''), view: DeckSlide.shape.view })
  .openapi('SlideAppend');

export const AgendaRequest = z
  .object({
    measure: z.enum(measureIds, { error: `must be one of ${measureIds.join(', ')}` }),
    asOf: IsoDate.optional(),
    title: Title.optional(),
  })
  .openapi('AgendaRequest');

export const DeckId = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

export const DeckConflict = z
  .object({ error: z.object({ message: z.string() }), current: Deck })
  .openapi('DeckConflict', { description: 'Someone saved the deck first: their version, to compare and merge.' });
