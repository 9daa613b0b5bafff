/**
 * Meeting decks: saved views (slides) with titles and notes, edited as a whole with a version check
 * (409 with the deck as it is now), slides appended one at a time, and the agenda deck.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../app.ts';
import { requireRootArea } from '../db/queries/root-area.ts';
import { audit } from '../auth/audit.ts';
import { disclosureOf } from '../auth/disclosure.ts';
import { requires, userOf } from '../auth/context.ts';
import {
  AgendaRequest,
  Deck,
  DeckConflict,
  DeckCreate,
  DeckId,
  DeckList,
  DeckUpdate,
  SlideAppend,
  type DeckSlide,
} from '../contracts/decks.ts';
import { queryCalendar } from '../db/queries/calendar.ts';
import {
  appendSlides,
  deleteDeck,
  existingRegionCodes,
  findDeck,
  insertDeck,
  listDecks,
  updateDeck,
  type DeckRecord,
} from '../db/queries/decks.ts';
import { agendaSlides, followupSlide, viewProblem, viewRefs } from '../domain/agenda.ts';
import { listFollowups } from '../db/queries/followups.ts';
import { shanghaiDay } from '../domain/progress-report.ts';
import { formatDate } from '../domain/format.ts';
import type { Database } from '../db/client.ts';
import { HttpError } from '../errors.ts';
import { ErrorBody, newRouter } from '../http.ts';
import { checkDate, evaluateOn } from './measures.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const errors = {
  400: { description: 'Invalid deck or slide (named in the message)', ...json(ErrorBody) },
  404: { description: 'No such deck', ...json(ErrorBody) },
};
const tags = ['meetings'];

const routes = {
  list: createRoute({
    method: 'get',
    path: '/decks',
    ...requires('meetings:write'),
    tags,
    summary: 'Meeting decks, last saved first',
    responses: { 200: { description: 'Decks', ...json(DeckList) } },
  }),
  create: createRoute({
    method: 'post',
    path: '/decks',
    ...requires('meetings:write'),
    tags,
    summary: 'Create a deck (possibly empty)',
    request: { body: { required: true, ...json(DeckCreate) } },
    responses: { 201: { description: 'Created', ...json(Deck) }, ...errors },
  }),
  agenda: createRoute({
    method: 'post',
    path: '/decks/agenda',
    ...requires('meetings:write'),
    tags,
    summary: 'Build the agenda deck: the city overview, then one slide per lagging county-level unit, worst first, zoomed to it',
    request: { body: { required: true, ...json(AgendaRequest) } },
    responses: { 201: { description: 'Created', ...json(Deck) }, ...errors },
  }),
  get: createRoute({
    method: 'get',
    path: '/decks/{id}',
    ...requires('meetings:write'),
    tags,
    summary: 'One deck with its slides (each with a problem when its measure or area no longer exists)',
    request: { params: DeckId },
    responses: { 200: { description: 'Deck', ...json(Deck) }, 404: errors[404] },
  }),
  update: createRoute({
    method: 'put',
    path: '/decks/{id}',
    ...requires('meetings:write'),
    tags,
    summary: 'Rename, re-date, annotate, reorder or replace the slides of a deck, based on a version',
    request: { params: DeckId, body: { required: true, ...json(DeckUpdate) } },
    responses: {
      200: { description: 'Saved', ...json(Deck) },
      409: { description: 'Saved by someone else first', ...json(DeckConflict) },
      ...errors,
    },
  }),
  append: createRoute({
    method: 'post',
    path: '/decks/{id}/slides',
    ...requires('meetings:write'),
    tags,
    summary: 'Save a view as a new last slide ("save this view")',
    request: { params: DeckId, body: { required: true, ...json(SlideAppend) } },
    responses: { 201: { description: 'The deck with the new slide', ...json(Deck) }, ...errors },
  }),
  duplicate: createRoute({
    method: 'post',
    path: '/decks/{id}/duplicate',
    ...requires('meetings:write'),
    tags,
    summary: 'Copy a deck (title with 副本)',
    request: { params: DeckId },
    responses: { 201: { description: 'The copy', ...json(Deck) }, 404: errors[404] },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/decks/{id}',
    ...requires('meetings:write'),
    tags,
    summary: 'Delete a deck',
    request: { params: DeckId },
    responses: { 204: { description: 'Deleted' }, 404: errors[404] },
  }),
};

const newSlideId = () => randomBytes(6).toString('base64url');

/** Refuse slides whose measure or area does not exist, naming the slide. */
async function checkSlides(database: Database, slides: readonly DeckSlide[]): Promise<void> {
  const codes = await existingRegionCodes(database, [...new Set(slides.flatMap((s) => viewRefs(s.view).codes))]);
  slides.forEach((s, i) => {
    const problem = viewProblem(s.view, codes);
    if (problem) throw new HttpError(400, `slides.${i} ("${s.title}"): ${problem}; remove the slide or save the view again.`);
  });
  const ids = new Set<string>();
  slides.forEach((s, i) => {
    if (ids.has(s.id)) throw new HttpError(400, `slides.${i}: id "${s.id}" appears twice in the deck.`);
    ids.add(s.id);
  });
}

async function withProblems(database: Database, deck: DeckRecord) {
  const codes = await existingRegionCodes(database, [...new Set(deck.slides.flatMap((s) => viewRefs(s.view).codes))]);
  return { ...deck, slides: deck.slides.map((s) => ({ ...s, problem: viewProblem(s.view, codes) })) };
}

export const deckRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(routes.list, async (c) => {
      const decks = await listDecks(database);
      return c.json({ items: decks.map(({ slides, notes: _notes, ...d }) => ({ ...d, slideCount: slides.length })) }, 200);
    })
    .openapi(routes.create, async (c) => {
      const body = c.req.valid('json');
      await checkSlides(database, body.slides);
      const deck = await insertDeck(
        database,
        { title: body.title, meetingDate: body.meetingDate ?? null, notes: body.notes, slides: body.slides },
        userOf(c).id,
      );
      await audit(c, {
        action: 'decks.create',
        target: `deck:${deck.id}`,
        result: 'ok',
        detail: { title: deck.title, slides: deck.slides.length },
      });
      return c.json(await withProblems(database, deck), 201);
    })
    .openapi(routes.agenda, async (c) => {
      const body = c.req.valid('json');
      const calendar = await queryCalendar(database);
      const asOf = body.asOf ?? calendar.defaultAsOf;
      if (!asOf) throw new HttpError(404, 'There is no progress data yet: import a ledger or start with DEMO_DATA=on.');
      checkDate(calendar, asOf, 'asOf');
      const city = await requireRootArea(database);
      const disclosure = await disclosureOf(c, database, city);
      const { measure, rows } = await evaluateOn(database, body.measure, 'county', city, asOf, disclosure);
      const slides = agendaSlides(measure, city, rows, asOf).map((s) => ({ id: newSlideId(), title: s.title, notes: '', view: s.view }));
      // The agenda opens with the follow-up items (督办) still open from earlier meetings.
      const open = await listFollowups(database, shanghaiDay(c.get('security').options.now()), { state: 'active' });
      if (open.length) slides.unshift({ id: newSlideId(), ...followupSlide(open, measure, city, asOf) });
      const meeting = calendar.meetings.find((m) => m.cutOff === asOf);
      const title =
        body.title ??
        (meeting ? `第${meeting.number}次调度会 · ${measure.nameZh}` : `调度会 · ${measure.nameZh}（截至${formatDate(asOf, 'zh')}）`);
      const deck = await insertDeck(database, { title, meetingDate: meeting?.meetingDate ?? null, notes: '', slides }, userOf(c).id);
      await audit(c, {
        action: 'decks.agenda',
        target: `deck:${deck.id}`,
        result: 'ok',
        detail: { measure: body.measure, asOf, slides: slides.length, followups: open.length },
      });
      return c.json(await withProblems(database, deck), 201);
    })
    .openapi(routes.get, async (c) => {
      const deck = await findDeck(database, c.req.valid('param').id);
      if (!deck) throw new HttpError(404, `No deck with id ${c.req.valid('param').id}: it may have been deleted.`);
      return c.json(await withProblems(database, deck), 200);
    })
    .openapi(routes.update, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      if (body.slides) await checkSlides(database, body.slides);
      const result = await updateDeck(database, id, body.version, body, userOf(c).id);
      if (result === undefined) throw new HttpError(404, `No deck with id ${id}: it may have been deleted.`);
      if (result === 'conflict') {
        const current = (await findDeck(database, id))!;
        const message = `${current.updatedBy ?? 'Someone'} saved this deck at ${current.updatedAt} (version ${current.version}) after you opened version ${body.version}. Their version is included; apply your change to it and save again.`;
        return c.json({ error: { message }, current: await withProblems(database, current) }, 409);
      }
      await audit(c, {
        action: 'decks.update',
        target: `deck:${id}`,
        result: 'ok',
        detail: { version: result.version, slides: result.slides.length },
      });
      return c.json(await withProblems(database, result), 200);
    })
    .openapi(routes.append, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const slide = { id: newSlideId(), ...body };
      await checkSlides(database, [slide]);
      const deck = await appendSlides(database, id, [slide], userOf(c).id);
      if (!deck) throw new HttpError(404, `No deck with id ${id}: it may have been deleted.`);
      await audit(c, { action: 'decks.slide_add', target: `deck:${id}`, result: 'ok', detail: { title: slide.title } });
      return c.json(await withProblems(database, deck), 201);
    })
    .openapi(routes.duplicate, async (c) => {
      const { id } = c.req.valid('param');
      const deck = await findDeck(database, id);
      if (!deck) throw new HttpError(404, `No deck with id ${id}: it may have been deleted.`);
      const copy = await insertDeck(
        database,
        {
          title: `${deck.title}（副本）`.slice(0, 120),
          meetingDate: deck.meetingDate,
          notes: deck.notes,
          slides: deck.slides.map((s) => ({ ...s, id: newSlideId() })),
        },
        userOf(c).id,
      );
      await audit(c, { action: 'decks.duplicate', target: `deck:${copy.id}`, result: 'ok', detail: { from: id } });
      return c.json(await withProblems(database, copy), 201);
    })
    .openapi(routes.remove, async (c) => {
      const { id } = c.req.valid('param');
      if (!(await deleteDeck(database, id))) throw new HttpError(404, `No deck with id ${id}: it may have been deleted.`);
      await audit(c, { action: 'decks.delete', target: `deck:${id}`, result: 'ok' });
      return c.body(null, 204);
    });
