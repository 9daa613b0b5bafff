/**
 * Editing projects and PV stations: county editors their own county, the city administrator every
 * county. Every row has a version; a save based on an older version answers 409 with the current row
 * and the fields someone else changed, so the screen can merge or discard. Every change is audited
 * with before and after.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { audit } from '../auth/audit.ts';
import { grantFor, requires } from '../auth/context.ts';
import { grantCovers } from '../auth/permissions.ts';
import { EditableRow, EditConflict, EditResult, ProjectEditBody, PvEditBody } from '../contracts/ledger-edit.ts';
import { applyEdit, readEditable, same, type EditKind } from '../db/queries/ledger-edit.ts';
import { HttpError } from '../errors.ts';
import { ErrorBody, newRouter } from '../http.ts';
import { dbRefusal } from '../ingest/ledger-import.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const errors = {
  400: { description: 'Invalid request', ...json(ErrorBody) },
  401: { description: 'Not logged in', ...json(ErrorBody) },
  403: { description: 'Not an editor of this county', ...json(ErrorBody) },
  404: { description: 'No such row', ...json(ErrorBody) },
};
const Code = z.object({
  code: z
    .string()
    .min(1)
    .max(32)
    .openapi({ param: { name: 'code', in: 'path' }, example: 'FP-2020-411421-0001' }),
});

const names: Record<EditKind, string> = { projects: '项目', pv_stations: '光伏电站' };

const readRoute = <P extends string>(kind: EditKind, path: P) =>
  createRoute({
    method: 'get',
    path,
    tags: ['ledger'],
    summary: `The editable values of one ${kind === 'projects' ? 'project' : 'PV station'} with its version`,
    ...requires('ledger:read'),
    request: { params: Code },
    responses: { 200: { description: 'The row', ...json(EditableRow) }, ...errors },
  });

const editRoute = <P extends string, B extends typeof ProjectEditBody | typeof PvEditBody>(kind: EditKind, path: P, body: B) =>
  createRoute({
    method: 'patch',
    path,
    tags: ['ledger'],
    summary: `Edit one ${kind === 'projects' ? 'project' : 'PV station'} (optimistic version; audited with before and after)`,
    ...requires('ledger:write'),
    request: { params: Code, body: { required: true, ...json(body) } },
    responses: {
      200: { description: 'Saved (or nothing to change)', ...json(EditResult) },
      409: { description: 'Changed by someone else since it was read: the current row and their changes', ...json(EditConflict) },
      422: { description: 'The database refused the values', ...json(ErrorBody) },
      ...errors,
    },
  });

async function edit(c: Context, database: AppDeps['database'], kind: EditKind, code: string, body: ProjectEditBody | PvEditBody) {
  const grant = grantFor(c, 'ledger:write');
  const set = body.set as Record<string, string | number | boolean | null>;
  if (Object.keys(set).length === 0) throw new HttpError(400, 'set: 没有要修改的字段。');
  let outcome;
  try {
    outcome = await applyEdit(database, kind, code, body.version, set, (county) => grantCovers(grant, county));
  } catch (err) {
    const refusal = dbRefusal(err);
    if (refusal) throw new HttpError(422, refusal.message.replace(/^导入未执行，数据库未改变：合并已有数据后，有一行/, '未保存：'));
    throw err;
  }
  const target = `${kind === 'projects' ? 'project' : 'pv'}:${code}`;
  if (outcome.kind === 'missing') throw new HttpError(404, `没有编号为 ${code} 的${names[kind]}。`);
  if (outcome.kind === 'foreign') {
    await audit(c, { action: `${kind}.edit`, target, result: 'denied', detail: { countyCode: outcome.countyCode } });
    throw new HttpError(403, `无权修改：这个${names[kind]}不属于您的县。`);
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
      action: `${kind}.edit`,
      target,
      result: 'rejected',
      detail: { reason: 'stale version', version: body.version, current: outcome.current.version },
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
      action: `${kind}.edit`,
      target,
      result: 'ok',
      detail: {
        version: outcome.row.version,
        before: Object.fromEntries(outcome.changed.map((x) => [x.field, x.before])),
        after: Object.fromEntries(outcome.changed.map((x) => [x.field, x.after])),
      },
    });
  }
  return c.json({ row: outcome.row, changed: outcome.changed }, 200);
}

export const ledgerEditRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(readRoute('projects', '/ledger/projects/{code}'), async (c) => {
      const row = await readEditable(database.db, 'projects', c.req.valid('param').code);
      if (!row) throw new HttpError(404, `没有编号为 ${c.req.valid('param').code} 的项目。`);
      return c.json(row, 200);
    })
    .openapi(readRoute('pv_stations', '/ledger/pv-stations/{code}'), async (c) => {
      const row = await readEditable(database.db, 'pv_stations', c.req.valid('param').code);
      if (!row) throw new HttpError(404, `没有编号为 ${c.req.valid('param').code} 的光伏电站。`);
      return c.json(row, 200);
    })
    .openapi(editRoute('projects', '/ledger/projects/{code}', ProjectEditBody), async (c) => {
      const body = c.req.valid('json') as ProjectEditBody;
      return (await edit(c, database, 'projects', c.req.valid('param').code, body)) as never;
    })
    .openapi(editRoute('pv_stations', '/ledger/pv-stations/{code}', PvEditBody), async (c) => {
      const body = c.req.valid('json') as PvEditBody;
      return (await edit(c, database, 'pv_stations', c.req.valid('param').code, body)) as never;
    });
