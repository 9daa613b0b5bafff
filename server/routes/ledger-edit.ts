/**
 * Editing projects, monthly progress reports (月报) and PV stations, and creating projects and reports:
 * county editors their own county, the city administrator every county. Every row has a version; a
 * save based on an older version answers 409 with the current row and the fields someone else
 * changed, so the screen can merge or discard. Every change is audited with before and after.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { audit } from '../auth/audit.ts';
import { grantFor, requires } from '../auth/context.ts';
import { grantCovers } from '../auth/permissions.ts';
import {
  CreateConflict,
  EditableRow,
  EditConflict,
  EditResult,
  ProgressCreateBody,
  ProgressEditBody,
  ProjectCreateBody,
  ProjectEditBody,
  PvEditBody,
} from '../contracts/ledger-edit.ts';
import { applyEdit, createProgress, createProject, readEditable, same, type EditKind, type RowKey } from '../db/queries/ledger-edit.ts';
import { progressDateProblem } from '../domain/progress-report.ts';
import { HttpError } from '../errors.ts';
import { ErrorBody, newRouter } from '../http.ts';
import { dbRefusal } from '../ingest/ledger-import.ts';
import { shanghaiDay } from '../domain/progress-report.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const errors = {
  400: { description: 'Invalid request', ...json(ErrorBody) },
  401: { description: 'Not logged in', ...json(ErrorBody) },
  403: { description: 'Not an editor of this county', ...json(ErrorBody) },
  404: { description: 'No such row', ...json(ErrorBody) },
};
const refused = { 422: { description: 'The database refused the values', ...json(ErrorBody) } };
const codeParam = z
  .string()
  .min(1)
  .max(32)
  .openapi({ param: { name: 'code', in: 'path' }, example: 'FP-2020-411421-0001' });
const Code = z.object({ code: codeParam });
const ReportKey = z.object({
  code: codeParam,
  asOf: z.iso.date('必须是 YYYY-MM-DD 日期').openapi({ param: { name: 'asOf', in: 'path' }, example: '2020-06-20' }),
});

const names: Record<EditKind, string> = { projects: '项目', pv_stations: '光伏电站', progress: '月报' };
const english: Record<EditKind, string> = { projects: 'project', pv_stations: 'PV station', progress: 'monthly progress report' };
/** Audit targets: a report is logged under its project (the project's change log lists it). */
const targetOf = (kind: EditKind, key: RowKey) => `${kind === 'pv_stations' ? 'pv' : 'project'}:${key.code}`;
const actionOf = (kind: EditKind, verb: 'edit' | 'create') => `${kind}.${verb}`;
const missing = (kind: EditKind, key: RowKey) =>
  new HttpError(404, kind === 'progress' ? `没有项目 ${key.code} 截至 ${key.asOf} 的月报。` : `没有编号为 ${key.code} 的${names[kind]}。`);

const readRoute = <P extends string, Q extends typeof Code | typeof ReportKey>(kind: EditKind, path: P, params: Q) =>
  createRoute({
    method: 'get',
    path,
    tags: ['ledger'],
    summary: `The editable values of one ${english[kind]} with its version`,
    ...requires('ledger:read'),
    request: { params },
    responses: { 200: { description: 'The row', ...json(EditableRow) }, ...errors },
  });

const editRoute = <
  P extends string,
  Q extends typeof Code | typeof ReportKey,
  B extends typeof ProjectEditBody | typeof PvEditBody | typeof ProgressEditBody,
>(
  kind: EditKind,
  path: P,
  params: Q,
  body: B,
) =>
  createRoute({
    method: 'patch',
    path,
    tags: ['ledger'],
    summary: `Edit one ${english[kind]} (optimistic version; audited with before and after)`,
    ...requires('ledger:write'),
    request: { params, body: { required: true, ...json(body) } },
    responses: {
      200: { description: 'Saved (or nothing to change)', ...json(EditResult) },
      409: { description: 'Changed by someone else since it was read: the current row and their changes', ...json(EditConflict) },
      ...refused,
      ...errors,
    },
  });

const createProgressRoute = createRoute({
  method: 'post',
  path: '/ledger/projects/{code}/progress',
  tags: ['ledger'],
  summary: 'Add a monthly progress report of a project (version 1; audited)',
  description:
    'The as-of date lies within the project\u2019s span: from 1 January of its year, not after today (Asia/Shanghai). Money in 万元, cumulative; 形象进度 0–100.',
  ...requires('ledger:write'),
  request: { params: Code, body: { required: true, ...json(ProgressCreateBody) } },
  responses: {
    201: { description: 'Added', ...json(EditableRow) },
    409: { description: 'A report of that date exists: the row as it is', ...json(CreateConflict) },
    ...refused,
    ...errors,
  },
});

const createProjectRoute = createRoute({
  method: 'post',
  path: '/ledger/projects',
  tags: ['ledger'],
  summary: 'Add a project to the ledger (version 1; audited)',
  description: 'The county (and village, when given) must be the editor\u2019s own; the code must be new.',
  ...requires('ledger:write'),
  request: { body: { required: true, ...json(ProjectCreateBody) } },
  responses: {
    201: { description: 'Added', ...json(EditableRow) },
    409: { description: 'A project of that code exists', ...json(CreateConflict) },
    ...refused,
    ...errors,
  },
});

/** A database check refusing the values → 422 with the check's sentence. */
async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const refusal = dbRefusal(err);
    if (refusal) throw new HttpError(422, refusal.message.replace(/^导入未执行，数据库未改变：合并已有数据后，有一行/, '未保存：'));
    throw err;
  }
}

async function edit(
  c: Context,
  database: AppDeps['database'],
  kind: EditKind,
  key: RowKey,
  body: ProjectEditBody | PvEditBody | ProgressEditBody,
) {
  const grant = grantFor(c, 'ledger:write');
  const set = body.set as Record<string, string | number | boolean | null>;
  if (Object.keys(set).length === 0) throw new HttpError(400, 'set: 没有要修改的字段。');
  const outcome = await refusing(() => applyEdit(database, kind, key, body.version, set, (county) => grantCovers(grant, county)));
  const target = targetOf(kind, key);
  const reportOf = kind === 'progress' ? { asOf: key.asOf } : {};
  if (outcome.kind === 'missing') throw missing(kind, key);
  if (outcome.kind === 'foreign') {
    await audit(c, { action: actionOf(kind, 'edit'), target, result: 'denied', detail: { ...reportOf, countyCode: outcome.countyCode } });
    throw new HttpError(403, `无权修改：这条${names[kind]}不属于您的县。`);
  }
  if (outcome.kind === 'stale') {
    const base = (body.base ?? {}) as Record<string, unknown>;
    const fields = Object.keys(body.base ?? set);
    const theirChanges = fields
      .filter((f) => !same(outcome.current.values[f], f in base ? base[f] : set[f]))
      .map((f) => ({
        field: f,
        base: ((f in base ? base[f] : null) ?? null) as string | number | boolean | null,
        current: outcome.current.values[f] ?? null,
      }));
    await audit(c, {
      action: actionOf(kind, 'edit'),
      target,
      result: 'rejected',
      detail: { ...reportOf, reason: 'stale version', version: body.version, current: outcome.current.version },
    });
    return c.json(
      {
        error: {
          message: `保存冲突：这条${names[kind]}在您打开后已被他人修改（版本 ${body.version} → ${outcome.current.version}）。请查看差异，合并或放弃您的修改。`,
        },
        current: outcome.current,
        theirChanges,
      },
      409,
    );
  }
  if (outcome.changed.length) {
    await audit(c, {
      action: actionOf(kind, 'edit'),
      target,
      result: 'ok',
      detail: {
        ...reportOf,
        version: outcome.row.version,
        before: Object.fromEntries(outcome.changed.map((x) => [x.field, x.before])),
        after: Object.fromEntries(outcome.changed.map((x) => [x.field, x.after])),
      },
    });
  }
  return c.json({ row: outcome.row, changed: outcome.changed }, 200);
}

/** Audit and answer a create's outcome: 201 with the new row, else 400 / 403 / 404 / 409. */
async function created(
  c: Context,
  kind: 'projects' | 'progress',
  key: RowKey,
  outcome: Awaited<ReturnType<typeof createProgress>>,
  /** Values of the new row beyond its editable ones (a project's year, category, divisions, location). */
  more: Record<string, unknown> = {},
) {
  const action = actionOf(kind, 'create');
  const target = targetOf(kind, key);
  const reportOf = kind === 'progress' ? { asOf: key.asOf } : {};
  switch (outcome.kind) {
    case 'missing':
      throw new HttpError(404, `没有编号为 ${key.code} 的项目。`);
    case 'foreign':
      await audit(c, { action, target, result: 'denied', detail: { ...reportOf, countyCode: outcome.countyCode } });
      throw new HttpError(403, kind === 'progress' ? '无权新增：这个项目不属于您的县。' : '无权新增：只能在您所在的县新建项目。');
    case 'invalid':
      throw new HttpError(400, `${outcome.field}: ${outcome.message}`, [{ path: outcome.field, message: outcome.message }]);
    case 'exists':
      await audit(c, { action, target, result: 'rejected', detail: { ...reportOf, reason: 'exists' } });
      return c.json(
        {
          error: {
            message:
              kind === 'progress'
                ? `项目 ${key.code} 截至 ${key.asOf} 的月报已经存在：请编辑这份月报，或选另一个截止日期。`
                : `项目编号 ${key.code} 已经存在：请换一个编号，或编辑已有的项目。`,
          },
          current: outcome.current,
        },
        409,
      );
    case 'ok':
      await audit(c, {
        action,
        target,
        result: 'ok',
        detail: { ...reportOf, version: outcome.row.version, before: {}, after: { ...more, ...outcome.row.values } },
      });
      return c.json(outcome.row, 201);
  }
}

export const ledgerEditRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(readRoute('projects', '/ledger/projects/{code}', Code), async (c) => {
      const key = c.req.valid('param');
      const row = await readEditable(database.db, 'projects', key);
      if (!row) throw missing('projects', key);
      return c.json(row, 200);
    })
    .openapi(readRoute('pv_stations', '/ledger/pv-stations/{code}', Code), async (c) => {
      const key = c.req.valid('param');
      const row = await readEditable(database.db, 'pv_stations', key);
      if (!row) throw missing('pv_stations', key);
      return c.json(row, 200);
    })
    .openapi(readRoute('progress', '/ledger/projects/{code}/progress/{asOf}', ReportKey), async (c) => {
      const key = c.req.valid('param');
      const row = await readEditable(database.db, 'progress', key);
      if (!row) throw missing('progress', key);
      return c.json(row, 200);
    })
    .openapi(editRoute('projects', '/ledger/projects/{code}', Code, ProjectEditBody), async (c) => {
      const body = c.req.valid('json') as ProjectEditBody;
      return (await edit(c, database, 'projects', c.req.valid('param'), body)) as never;
    })
    .openapi(editRoute('pv_stations', '/ledger/pv-stations/{code}', Code, PvEditBody), async (c) => {
      const body = c.req.valid('json') as PvEditBody;
      return (await edit(c, database, 'pv_stations', c.req.valid('param'), body)) as never;
    })
    .openapi(editRoute('progress', '/ledger/projects/{code}/progress/{asOf}', ReportKey, ProgressEditBody), async (c) => {
      const body = c.req.valid('json') as ProgressEditBody;
      return (await edit(c, database, 'progress', c.req.valid('param'), body)) as never;
    })
    .openapi(createProgressRoute, async (c) => {
      const { code } = c.req.valid('param');
      const { asOf, ...values } = c.req.valid('json');
      const grant = grantFor(c, 'ledger:write');
      const today = shanghaiDay(c.get('security').options.now());
      const outcome = await refusing(() =>
        createProgress(
          database,
          { code, asOf },
          values,
          (county) => grantCovers(grant, county),
          (project) => progressDateProblem(asOf, project, today),
        ),
      );
      return (await created(c, 'progress', { code, asOf }, outcome)) as never;
    })
    .openapi(createProjectRoute, async (c) => {
      const body = c.req.valid('json');
      const grant = grantFor(c, 'ledger:write');
      if (!grantCovers(grant, body.countyCode)) {
        const outcome = { kind: 'foreign', countyCode: body.countyCode } as const;
        return (await created(c, 'projects', { code: body.code }, outcome)) as never;
      }
      const outcome = await refusing(() => createProject(database, { status: 'planned', ...body }));
      const { code, year, countyCode, villageCode, category, industryMode, lng, lat } = body;
      const more = { code, year, countyCode, villageCode: villageCode ?? null, category, industryMode: industryMode ?? null, lng, lat };
      return (await created(c, 'projects', { code: body.code }, outcome, more)) as never;
    });
