/**
 * The project ledger (台账) as a list with filters, sort, search and paging (anyone who may read the
 * ledger), and a project's change log: its audited edits with before and after, for the city office and
 * for the editors and signers of the project's county (the log names who changed what).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app.ts';
import { grantFor, requires, userOf } from '../auth/context.ts';
import { grantCovers } from '../auth/permissions.ts';
import { ProjectChangeLog, ProjectListPage, ProjectListQuery } from '../contracts/ledger-list.ts';
import { readEditable } from '../db/queries/ledger-edit.ts';
import { projectChanges, projectList } from '../db/queries/ledger-list.ts';
import { latestCutOff } from '../db/queries/layers.ts';
import { findRegion } from '../db/queries/regions.ts';
import { HttpError } from '../errors.ts';
import { ErrorBody, newRouter } from '../http.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const errors = {
  400: { description: 'Invalid request: the message names the parameter', ...json(ErrorBody) },
  401: { description: 'Not logged in', ...json(ErrorBody) },
  403: { description: 'Not allowed', ...json(ErrorBody) },
  404: { description: 'Unknown area or project', ...json(ErrorBody) },
};

const list = createRoute({
  method: 'get',
  path: '/ledger/projects',
  tags: ['ledger'],
  summary: 'The project ledger: filtered, searched, sorted, one page, with the number of matches and their sums',
  ...requires('ledger:read'),
  request: { query: ProjectListQuery },
  responses: { 200: { description: 'One page', ...json(ProjectListPage) }, ...errors },
});

const changes = createRoute({
  method: 'get',
  path: '/ledger/projects/{code}/changes',
  tags: ['ledger'],
  summary: "A project's change log (audited edits, newest first): the city office, and editors or signers of its county",
  ...requires('ledger:read'),
  request: {
    params: z.object({
      code: z
        .string()
        .min(1)
        .max(32)
        .openapi({ param: { name: 'code', in: 'path' }, example: 'FP-2020-411421-0001' }),
    }),
  },
  responses: { 200: { description: 'The edits', ...json(ProjectChangeLog) }, ...errors },
});

export const ledgerListRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(list, async (c) => {
      const { area: areaCode, asOf: askedAsOf, ...query } = c.req.valid('query');
      const area = areaCode ? await findRegion(database, areaCode) : undefined;
      if (areaCode && !area) throw new HttpError(404, `area: 没有代码为 ${areaCode} 的区划。`);
      const asOf = askedAsOf ?? (await latestCutOff(database)) ?? new Date().toISOString().slice(0, 10);
      const res = await projectList(database, { ...query, area, asOf });
      return c.json({ ...res, page: query.page, pageSize: query.pageSize, asOf }, 200);
    })
    .openapi(changes, async (c) => {
      userOf(c); // 401 for anonymous visitors: the log names accounts
      const { code } = c.req.valid('param');
      const row = await readEditable(database.db, 'projects', { code });
      if (!row) throw new HttpError(404, `没有编号为 ${code} 的项目。`);
      const entitled =
        grantFor(c, 'audit:read') !== null ||
        grantCovers(grantFor(c, 'ledger:write'), row.countyCode) ||
        grantCovers(grantFor(c, 'ledger:sign'), row.countyCode);
      if (!entitled) throw new HttpError(403, '无权查看修改记录：只有市扶贫办和本县的编辑、签字人可以查看。');
      return c.json({ code, items: await projectChanges(database, code) }, 200);
    });
