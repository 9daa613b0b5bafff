/**
 * Follow-up (督办): a leader or the city office records an item at or after a meeting (area or
 * project, responsible unit, deadline, what "done" means); the county editors of that county answer
 * with progress and a short report; the city office closes it with a note. Open / overdue / closed
 * is derived for today (Asia/Shanghai). Every write is audited and bumps the data version; edits and
 * closings carry the version they are based on (409 with the item as it is now).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { audit } from '../auth/audit.ts';
import { grantFor, requires, userOf } from '../auth/context.ts';
import { grantCovers } from '../auth/permissions.ts';
import {
  Followup,
  FollowupAnswer,
  FollowupClose,
  FollowupConflict,
  FollowupCounts,
  FollowupCreate,
  FollowupEdit,
  FollowupId,
  FollowupList,
  FollowupQuery,
} from '../contracts/followups.ts';
import type { Database } from '../db/client.ts';
import {
  answerFollowup,
  closeFollowup,
  countFollowups,
  deckExists,
  editFollowup,
  findFollowup,
  insertFollowup,
  listFollowups,
  projectCounty,
  regionCounty,
  type ChangeOutcome,
} from '../db/queries/followups.ts';
import { formatDate } from '../domain/format.ts';
import { HttpError } from '../errors.ts';
import { describeIssues, ErrorBody } from '../http.ts';
import { shanghaiDay } from '../domain/progress-report.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const tags = ['follow-up'];
const errors = {
  400: { description: '输入有误（消息说明哪一项）', ...json(ErrorBody) },
  404: { description: '没有这个督办事项', ...json(ErrorBody) },
};
const conflict = { 409: { description: 'Changed or closed by someone else first: the item as it is now', ...json(FollowupConflict) } };

const routes = {
  list: createRoute({
    method: 'get',
    path: '/followups',
    ...requires('followups:read'),
    tags,
    summary: 'Follow-up items (督办事项) with their answers, overdue first; filters: county, state (open, overdue, closed, active)',
    request: { query: FollowupQuery },
    responses: { 200: { description: 'Items', ...json(FollowupList) }, 400: errors[400] },
  }),
  counts: createRoute({
    method: 'get',
    path: '/followup-counts',
    ...requires('aggregates:read'),
    tags,
    summary: 'Open and overdue items per county (the badges on the map)',
    responses: { 200: { description: 'Counts per county with items not closed', ...json(FollowupCounts) } },
  }),
  create: createRoute({
    method: 'post',
    path: '/followups',
    ...requires('followups:manage'),
    tags,
    summary: 'Record an item: the area or project, the responsible unit, the deadline and what counts as done',
    request: { body: { required: true, ...json(FollowupCreate) } },
    responses: { 201: { description: 'Recorded', ...json(Followup) }, ...errors },
  }),
  get: createRoute({
    method: 'get',
    path: '/followups/{id}',
    ...requires('followups:read'),
    tags,
    summary: 'One item with the history of its answers',
    request: { params: FollowupId },
    responses: { 200: { description: 'The item', ...json(Followup) }, ...errors },
  }),
  edit: createRoute({
    method: 'patch',
    path: '/followups/{id}',
    ...requires('followups:manage'),
    tags,
    summary: 'Change an open item (title, responsible unit, deadline, what counts as done…), based on a version',
    request: { params: FollowupId, body: { required: true, ...json(FollowupEdit) } },
    responses: { 200: { description: 'Saved', ...json(Followup) }, ...conflict, ...errors },
  }),
  answer: createRoute({
    method: 'post',
    path: '/followups/{id}/responses',
    ...requires('followups:answer'),
    tags,
    summary: 'Answer for the own county: progress and a short report (kept as a history)',
    request: { params: FollowupId, body: { required: true, ...json(FollowupAnswer) } },
    responses: {
      201: { description: 'The item with the new answer', ...json(Followup) },
      403: { description: 'The item belongs to another county', ...json(ErrorBody) },
      ...conflict,
      ...errors,
    },
  }),
  close: createRoute({
    method: 'post',
    path: '/followups/{id}/close',
    ...requires('followups:close'),
    tags,
    summary: 'Close an item (the city office), with a closing note, based on a version',
    request: { params: FollowupId, body: { required: true, ...json(FollowupClose) } },
    responses: { 200: { description: 'Closed', ...json(Followup) }, ...conflict, ...errors },
  }),
};

/** A router whose validation failures answer in Chinese (the people who type the items read Chinese). */
const zhRouter = () =>
  new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const { message, issues } = describeIssues(result.error.issues as Parameters<typeof describeIssues>[0]);
        return c.json({ error: { message: `输入有误：${message}`, issues } } satisfies ErrorBody, 400);
      }
    },
  });

const nowOf = (c: Context): Date => c.get('security').options.now();

const notFound = (id: number) => new HttpError(404, `没有编号为 ${id} 的督办事项：它可能已被删除。`);

async function conflictAnswer(c: Context, database: Database, id: number, outcome: ChangeOutcome, based?: number) {
  const current = await findFollowup(database, id, shanghaiDay(nowOf(c)));
  if (!current) throw notFound(id);
  const message =
    outcome === 'closed'
      ? `该督办事项已由${current.closedBy ?? '市扶贫办'}于${formatDate(current.closedAt!.slice(0, 10), 'zh')}办结，不能再修改或报送。`
      : `保存冲突：这个督办事项在您打开后已被${current.updatedBy ?? '他人'}修改（版本 ${based} → ${current.version}）。请查看最新内容后再操作。`;
  return c.json({ error: { message }, current }, 409);
}

export const followupRoutes = ({ database }: AppDeps) =>
  zhRouter()
    .openapi(routes.counts, async (c) => {
      const today = shanghaiDay(nowOf(c));
      return c.json({ today, counties: await countFollowups(database, today) }, 200);
    })
    .openapi(routes.list, async (c) => {
      const q = c.req.valid('query');
      const today = shanghaiDay(nowOf(c));
      return c.json({ today, items: await listFollowups(database, today, q) }, 200);
    })
    .openapi(routes.create, async (c) => {
      const body = c.req.valid('json');
      const user = userOf(c);
      let countyCode: string | null = null;
      if (body.areaCode) {
        const region = await regionCounty(database, body.areaCode);
        if (!region) throw new HttpError(400, `输入有误：areaCode: 没有代码为 ${body.areaCode} 的地区。`);
        countyCode = region.countyCode;
      }
      if (body.projectCode) {
        const county = await projectCounty(database, body.projectCode);
        if (!county) throw new HttpError(400, `输入有误：projectCode: 没有编号为 ${body.projectCode} 的项目。`);
        if (countyCode && county !== countyCode)
          throw new HttpError(400, `输入有误：projectCode: 项目 ${body.projectCode} 不在所选地区所在的县（区）。`);
        countyCode = county;
      }
      if (!countyCode) throw new HttpError(400, '输入有误：areaCode: 督办事项须落到一个县（区）或其下的乡镇、村，由该县（区）报送进展。');
      if (body.deckId && !(await deckExists(database, body.deckId)))
        throw new HttpError(400, `输入有误：deckId: 没有编号为 ${body.deckId} 的会议材料。`);
      const now = nowOf(c);
      const id = await insertFollowup(
        database,
        {
          title: body.title,
          detail: body.detail,
          areaCode: body.areaCode ?? null,
          projectCode: body.projectCode ?? null,
          countyCode,
          responsibleUnit: body.responsibleUnit,
          deadline: body.deadline,
          doneCriteria: body.doneCriteria,
          deckId: body.deckId ?? null,
          meetingDate: body.meetingDate ?? null,
        },
        user.id,
        now,
      );
      const item = (await findFollowup(database, id, shanghaiDay(now)))!;
      await audit(c, {
        action: 'followups.create',
        target: `followup:${id}`,
        result: 'ok',
        detail: { countyCode, deadline: body.deadline, responsibleUnit: body.responsibleUnit, state: item.state },
      });
      return c.json(item, 201);
    })
    .openapi(routes.get, async (c) => {
      const { id } = c.req.valid('param');
      const item = await findFollowup(database, id, shanghaiDay(nowOf(c)));
      if (!item) throw notFound(id);
      return c.json(item, 200);
    })
    .openapi(routes.edit, async (c) => {
      const { id } = c.req.valid('param');
      const { version, ...patch } = c.req.valid('json');
      if (Object.keys(patch).length === 0) throw new HttpError(400, '输入有误：没有要修改的内容。');
      const outcome = await editFollowup(database, id, version, patch, userOf(c).id, nowOf(c));
      if (outcome === 'missing') throw notFound(id);
      if (outcome !== 'ok') {
        await audit(c, { action: 'followups.edit', target: `followup:${id}`, result: 'rejected', detail: { reason: outcome, version } });
        return (await conflictAnswer(c, database, id, outcome, version)) as never;
      }
      await audit(c, { action: 'followups.edit', target: `followup:${id}`, result: 'ok', detail: { fields: Object.keys(patch) } });
      return c.json((await findFollowup(database, id, shanghaiDay(nowOf(c))))!, 200);
    })
    .openapi(routes.answer, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = userOf(c);
      const today = shanghaiDay(nowOf(c));
      const item = await findFollowup(database, id, today);
      if (!item) throw notFound(id);
      if (!grantCovers(grantFor(c, 'followups:answer'), item.countyCode)) {
        await audit(c, { action: 'followups.answer', target: `followup:${id}`, result: 'denied', detail: { countyCode: item.countyCode } });
        throw new HttpError(403, `无权报送：这个督办事项由${item.countyName}报送，不属于您的县（区）。`);
      }
      const outcome = await answerFollowup(database, id, body, user, nowOf(c));
      if (outcome === 'missing') throw notFound(id);
      if (outcome === 'closed') {
        await audit(c, { action: 'followups.answer', target: `followup:${id}`, result: 'rejected', detail: { reason: 'closed' } });
        return (await conflictAnswer(c, database, id, outcome)) as never;
      }
      await audit(c, {
        action: 'followups.answer',
        target: `followup:${id}`,
        result: 'ok',
        detail: { countyCode: item.countyCode, progress: body.progress.slice(0, 80) },
      });
      return c.json((await findFollowup(database, id, today))!, 201);
    })
    .openapi(routes.close, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const outcome = await closeFollowup(database, id, body.version, body.note, userOf(c).id, nowOf(c));
      if (outcome === 'missing') throw notFound(id);
      if (outcome !== 'ok') {
        await audit(c, {
          action: 'followups.close',
          target: `followup:${id}`,
          result: 'rejected',
          detail: { reason: outcome, version: body.version },
        });
        return (await conflictAnswer(c, database, id, outcome, body.version)) as never;
      }
      await audit(c, { action: 'followups.close', target: `followup:${id}`, result: 'ok', detail: { note: body.note.slice(0, 80) } });
      return c.json((await findFollowup(database, id, shanghaiDay(nowOf(c))))!, 200);
    });
