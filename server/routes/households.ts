/**
 * Household-level records: only for a county editor of the household's county. Names and ID numbers
 * are masked by the server; unmasking is a separate, audited action. Every query carries the county
 * condition of the caller's grant; another county's village or household ids answer 403 (audited).
 */
import { createRoute } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { audit, householdRefOf } from '../auth/audit.ts';
import { countyCondition, grantFor, requires, userOf } from '../auth/context.ts';
import { maskIdNumber, maskName } from '../auth/mask.ts';
import { grantCovers } from '../auth/permissions.ts';
import {
  HouseholdId,
  HouseholdList,
  HouseholdUpdateBody,
  HouseholdUpdateResult,
  UnmaskBody,
  UnmaskedHousehold,
  VillageQuery,
} from '../contracts/auth.ts';
import type { Database } from '../db/client.ts';
import { households } from '../db/schema.ts';
import { findHousehold, listVillageHouseholds, updateHouseholds } from '../db/queries/households.ts';
import { findRegion } from '../db/queries/regions.ts';
import { HttpError } from '../errors.ts';
import { ErrorBody, jsonContent, newRouter } from '../http.ts';

const errors = {
  400: { description: 'Invalid request', ...jsonContent(ErrorBody) },
  401: { description: 'Not logged in', ...jsonContent(ErrorBody) },
  403: { description: 'Not a county editor of this county', ...jsonContent(ErrorBody) },
};

const list = createRoute({
  method: 'get',
  path: '/households',
  tags: ['households'],
  summary: 'Household records of one village, names and ID numbers masked (county editor of that county only)',
  ...requires('households:read'),
  request: { query: VillageQuery },
  responses: {
    200: { description: 'Masked records', ...jsonContent(HouseholdList) },
    404: { description: 'Unknown village', ...jsonContent(ErrorBody) },
    ...errors,
  },
});

const unmask = createRoute({
  method: 'post',
  path: '/households/{id}/unmask',
  tags: ['households'],
  summary: 'The full name and ID number of one household, with a reason; audited',
  ...requires('households:unmask'),
  request: { params: HouseholdId, body: { required: true, ...jsonContent(UnmaskBody) } },
  responses: {
    200: { description: 'Unmasked (not cached)', ...jsonContent(UnmaskedHousehold) },
    ...errors,
    429: { description: 'Too many unmaskings in the last hour: see Retry-After', ...jsonContent(ErrorBody) },
  },
});

const edit = createRoute({
  method: 'patch',
  path: '/households',
  tags: ['households'],
  summary: 'Edit measures of several households at once, all or nothing (own county only)',
  ...requires('households:write'),
  request: { body: { required: true, ...jsonContent(HouseholdUpdateBody) } },
  responses: {
    200: { description: 'Saved', ...jsonContent(HouseholdUpdateResult) },
    409: { description: 'A row changed since it was read; nothing saved', ...jsonContent(ErrorBody) },
    ...errors,
  },
});

/**
 * Unmasking is limited per user (`unmaskPerHour` in the last hour, counted from the audit log, so
 * every server process and a restart see the same count). Beyond it: 429 with Retry-After, the
 * refusal audited, and once per hour an alert row (`security.alert`) for the administrator.
 */
async function enforceUnmaskLimit(c: Context, database: Database, id: string): Promise<void> {
  const security = c.get('security');
  const me = userOf(c);
  const limit = security.options.unmaskPerHour;
  const now = security.options.now().getTime();
  const since = new Date(now - 3_600_000).toISOString();
  const [row] = await database.rows<{ n: number; oldest: string | Date | null; alerted: number }>(sql`
    SELECT count(*)::int AS n, min(at) AS oldest,
      (SELECT count(*)::int FROM audit_log a WHERE a.user_id = ${me.id} AND a.action = 'security.alert'
         AND a.detail->>'kind' = 'unmask_rate_limit' AND a.at > ${since}::timestamptz) AS alerted
    FROM audit_log
    WHERE user_id = ${me.id} AND action = 'households.unmask' AND result = 'ok' AND at > ${since}::timestamptz`);
  if (row.n < limit) return;
  const oldest = row.oldest ? new Date(row.oldest).getTime() : now;
  const minutes = Math.max(1, Math.ceil((oldest + 3_600_000 - now) / 60_000));
  if (row.alerted === 0) {
    await audit(c, {
      action: 'security.alert',
      target: `user:${me.username}`,
      result: 'denied',
      detail: { kind: 'unmask_rate_limit', limit, windowMinutes: 60, countyCode: me.countyCode },
    });
  }
  await audit(c, {
    action: 'households.unmask',
    target: await householdRefOf(database, id),
    result: 'denied',
    detail: { reason: 'rate_limited', limit },
  });
  c.header('Retry-After', String(minutes * 60));
  throw new HttpError(
    429,
    `查看完整信息过于频繁：每小时最多 ${limit} 次，请 ${minutes} 分钟后再试；如需批量核对，请联系市扶贫办管理员，此次已记录 ` +
      `(too many unmaskings: at most ${limit} per hour; try again in ${minutes} min).`,
  );
}

export const householdRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(list, async (c) => {
      const { village } = c.req.valid('query');
      const region = await findRegion(database, village);
      if (!region || region.level !== 'village') throw new HttpError(404, `village: no village with code ${village}.`);
      if (!grantCovers(grantFor(c, 'households:read'), region.countyCode)) {
        await audit(c, {
          action: 'households.list',
          target: `village:${village}`,
          result: 'denied',
          detail: { countyCode: region.countyCode },
        });
        throw new HttpError(403, `Not allowed: village ${village} is not in your county (无权查看其他县的户数据).`);
      }
      const rows = await listVillageHouseholds(database, village, await countyCondition(c, 'households:read', households.countyCode));
      await audit(c, { action: 'households.list', target: `village:${village}`, result: 'ok', detail: { rows: rows.length } });
      c.header('Cache-Control', 'private, no-store');
      return c.json(
        {
          villageCode: village,
          villageName: region.name,
          items: rows.map((r) => ({ ...r, holderName: maskName(r.holderName), idNumber: maskIdNumber(r.idNumber) })),
        },
        200,
      );
    })
    .openapi(unmask, async (c) => {
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      await enforceUnmaskLimit(c, database, id);
      const row = await findHousehold(database, id, await countyCondition(c, 'households:unmask', households.countyCode));
      if (!row) {
        // Unknown and foreign ids get the same answer, so ids of other counties cannot be probed.
        await audit(c, {
          action: 'households.unmask',
          target: await householdRefOf(database, id),
          result: 'denied',
          detail: { reason: 'not in own county or unknown' },
        });
        throw new HttpError(403, 'Not allowed: this household is not in your county (无权查看).');
      }
      // The audit row is written before the data is sent; if it cannot be written, nothing is shown.
      await audit(c, { action: 'households.unmask', target: await householdRefOf(database, id), result: 'ok', detail: { reason } });
      c.header('Cache-Control', 'private, no-store');
      return c.json({ id: row.id, holderName: row.holderName, idNumber: row.idNumber }, 200);
    })
    .openapi(edit, async (c) => {
      const { updates } = c.req.valid('json');
      if (new Set(updates.map((u) => u.id)).size !== updates.length)
        throw new HttpError(400, 'updates: each household may appear only once.');
      const result = await updateHouseholds(database, updates, await countyCondition(c, 'households:write', households.countyCode));
      const refs = await Promise.all(updates.map((u) => householdRefOf(database, u.id)));
      if (result.foreign > 0) {
        await audit(c, {
          action: 'households.edit',
          target: `households:${updates.length}`,
          result: 'denied',
          detail: { foreignOrUnknown: result.foreign, households: refs },
        });
        throw new HttpError(403, `Not allowed: ${result.foreign} of the households are not in your county. Nothing was saved.`);
      }
      await audit(c, { action: 'households.edit', target: `households:${updates.length}`, result: 'ok', detail: { households: refs } });
      return c.json({ updated: result.updated }, 200);
    });
