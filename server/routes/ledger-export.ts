/**
 * The ledger views as files (.xlsx / .csv), the same rows the screen shows under the same rights:
 * the area ledger of a level under a parent (the measures' values, 序时进度, lag and status, household
 * counts protected exactly as GET /measures/{id} publishes them) and the project list with its
 * filters and sort, every page (up to `maxProjectExportRows`), and a month's sign-off of every county
 * as GET /signoffs lists it. Audited like the other exports.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { audit } from '../auth/audit.ts';
import { requires } from '../auth/context.ts';
import { disclosureOf } from '../auth/disclosure.ts';
import {
  AreaLedgerExportQuery,
  exportContentType,
  exportFileResponse,
  maxProjectExportRows,
  ProjectLedgerExportQuery,
  SignoffExportQuery,
} from '../contracts/ledger-export.ts';
import type { Database } from '../db/client.ts';
import { queryCalendar, querySetting } from '../db/queries/calendar.ts';
import { latestCutOff } from '../db/queries/layers.ts';
import { projectList } from '../db/queries/ledger-list.ts';
import { findRegion } from '../db/queries/regions.ts';
import { signoffState } from '../db/queries/signoffs.ts';
import { areaMeasureIds } from '../domain/area-ledger.ts';
import { levelNames } from '../domain/export-labels.ts';
import { areaLedgerTable, projectLedgerTable, signoffTable } from '../domain/ledger-tables.ts';
import { tableToCsv, tableToXlsx, type TableFile } from '../domain/table-file.ts';
import { HttpError } from '../errors.ts';
import { attachment, ErrorBody, newRouter } from '../http.ts';
import { categoryLabels, statusLabels } from '../ingest/kinds.ts';
import { checkDate, evaluateManyOn, measureAnswer, resolveParent } from './measures.ts';
import { toCountySignoff } from './signoffs.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const errors = {
  400: { description: 'Invalid parameter (named in the message), or too many projects for one file', ...json(ErrorBody) },
  401: { description: 'Not logged in (when anonymous reading is off)', ...json(ErrorBody) },
  403: { description: 'Not allowed', ...json(ErrorBody) },
  404: { description: 'Unknown area, or no progress data yet', ...json(ErrorBody) },
};

const areas = createRoute({
  method: 'get',
  path: '/ledger/export/areas',
  tags: ['ledger'],
  summary: 'The area ledger (区域台账) of a level under a parent as .xlsx or .csv: total row and one row per division',
  description:
    'The rows of the ledger panel: for each measure the value, 序时进度, lag in points and status (▲▼), total row first; ' +
    'household counts are protected as in GET /measures/{id} ("<5"). Audited.',
  ...requires('aggregates:read'),
  request: { query: AreaLedgerExportQuery },
  responses: { 200: exportFileResponse('The area ledger'), ...errors },
});

const projects = createRoute({
  method: 'get',
  path: '/ledger/export/projects',
  tags: ['ledger'],
  summary: 'The project ledger (项目台账) as .xlsx or .csv: every project matching the filters, in the list’s order',
  description: `The filters, search and sort of GET /ledger/projects without paging; at most ${maxProjectExportRows} projects (else 400: narrow the filters). Audited.`,
  ...requires('ledger:read'),
  request: { query: ProjectLedgerExportQuery },
  responses: { 200: exportFileResponse('The project ledger'), ...errors },
});

const signoffs = createRoute({
  method: 'get',
  path: '/ledger/export/signoffs',
  tags: ['ledger'],
  summary: 'The sign-off (层层签字) of every county for a month as .xlsx or .csv, as GET /signoffs lists it',
  ...requires('ledger:read'),
  request: { query: SignoffExportQuery },
  responses: { 200: exportFileResponse('The sign-off table'), ...errors },
});

const isDemo = async (database: Database) => (await querySetting<unknown>(database, 'demo_seeded', undefined)) !== undefined;

async function sendTable(c: Context, format: 'xlsx' | 'csv', table: TableFile, name: string, ascii: string) {
  const body = format === 'csv' ? tableToCsv(table) : await tableToXlsx(table);
  c.header('Content-Type', exportContentType(format));
  c.header('Content-Disposition', attachment(`${name}.${format}`, `${ascii}.${format}`));
  c.header('Cache-Control', 'private, no-store');
  return c.body(body as Uint8Array<ArrayBuffer>, 200) as never;
}

export const ledgerExportRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(areas, async (c) => {
      const q = c.req.valid('query');
      const ids = q.measures ?? [...areaMeasureIds];
      const [calendar, parent] = await Promise.all([queryCalendar(database), resolveParent(database, q.parent, q.level)]);
      const asOf = q.asOf ?? calendar.defaultAsOf;
      if (!asOf) throw new HttpError(404, 'There is no progress data yet: import a ledger or start with DEMO_DATA=on.');
      checkDate(calendar, asOf, 'asOf');
      const disclosure = await disclosureOf(c, database, parent);
      const [evaluated, demo] = await Promise.all([evaluateManyOn(database, ids, q.level, parent, asOf, disclosure), isDemo(database)]);
      const answers = evaluated.map((e) => measureAnswer(e, q.level, parent, asOf));
      const table = areaLedgerTable({ answers, level: q.level, asOf, demo });
      await audit(c, {
        action: 'ledger.export',
        target: 'export:areas',
        result: 'ok',
        detail: { format: q.format, level: q.level, parent: parent.code, asOf, measures: ids, rows: table.rows.length },
      });
      return sendTable(
        c,
        q.format,
        table,
        `区域台账-${parent.name}-${levelNames[q.level]}-${asOf}`,
        `areas-${parent.code}-${q.level}-${asOf}`,
      );
    })
    .openapi(projects, async (c) => {
      const { area: areaCode, asOf: askedAsOf, format, ...query } = c.req.valid('query');
      const area = areaCode ? await findRegion(database, areaCode) : undefined;
      if (areaCode && !area) throw new HttpError(404, `area: 没有代码为 ${areaCode} 的区划。`);
      const asOf = askedAsOf ?? (await latestCutOff(database)) ?? new Date().toISOString().slice(0, 10);
      const [res, demo] = await Promise.all([
        projectList(database, { ...query, area, asOf, page: 1, pageSize: maxProjectExportRows }),
        isDemo(database),
      ]);
      if (res.total > maxProjectExportRows)
        throw new HttpError(
          400,
          `共 ${res.total} 个项目，超过一次导出的上限 ${maxProjectExportRows} 个：请按县、状态或类别筛选后分批导出。`,
        );
      const filters = [
        area ? `范围：${area.name}（${area.code}）` : '范围：全部',
        ...(query.q ? [`搜索：${query.q}`] : []),
        ...(query.status ? [`状态：${statusLabels[query.status]}`] : []),
        ...(query.category ? [`类别：${categoryLabels[query.category]}`] : []),
        ...(query.year ? [`年度：${query.year}`] : []),
        ...(query.overdue !== undefined ? [query.overdue ? '只看逾期' : '不含逾期'] : []),
      ];
      const table = projectLedgerTable({ ...res, asOf, filters, demo });
      await audit(c, {
        action: 'ledger.export',
        target: 'export:project-list',
        result: 'ok',
        detail: { format, area: area?.code ?? null, ...query, asOf, rows: res.items.length },
      });
      const where = area ? `-${area.name}` : '';
      return sendTable(c, format, table, `项目台账${where}-${asOf}`, `projects${area ? `-${area.code}` : ''}-${asOf}`);
    })
    .openapi(signoffs, async (c) => {
      const { period, format } = c.req.valid('query');
      const [rows, demo] = await Promise.all([signoffState(database, period), isDemo(database)]);
      const table = signoffTable({ period, items: rows.map(toCountySignoff), demo });
      await audit(c, { action: 'ledger.export', target: 'export:signoffs', result: 'ok', detail: { format, period, rows: rows.length } });
      return sendTable(c, format, table, `层层签字-${period}`, `signoffs-${period}`);
    });
