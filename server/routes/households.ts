/**
 * Household-level records: only for a county editor of the household's county. Names and ID numbers
 * are masked by the server; unmasking is a separate, audited action. Every query carries the county
 * condition of the caller's grant; another county's village or household ids answer 403 (audited).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app.ts';
import { audit, householdRef } from '../auth/audit.ts';
import { countyCondition, grantFor, requires } from '../auth/context.ts';
import { maskIdNumber, maskName } from '../auth/mask.ts';
import { grantCovers } from '../auth/permissions.ts';
import { HouseholdList, HouseholdUpdateBody, HouseholdUpdateResult, UnmaskBody, UnmaskedHousehold } from '../contracts/auth.ts';
import { households } from '../db/schema.ts';
import { findHousehold, listVillageHouseholds, updateHouseholds } from '../db/queries/households.ts';
import { findRegion } from '../db/queries/regions.ts';
import { HttpError } from '../errors.ts';
import { ErrorBody, newRouter } from '../http.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const errors = {
  400: { description: 'Invalid request', ...json(ErrorBody) },
  401: { description: 'Not logged in', ...json(ErrorBody) },
  403: { description: 'Not a county editor of this county', ...json(ErrorBody) },
};

const VillageQuery = z.object({
  village: z
    .string()
    .regex(/^\d{12}$/, 'must be a 12-digit village code')
    .openapi({ param: { name: 'village', in: 'query' }, example: '411421100201' }),
});
const HouseholdId = z.object({ id: z.string().min(1).max(32).openapi({ param: { name: 'id', in: 'path' }, example: 'H41142110020100001' }) });

const list = createRoute({
  method: 'get',
  path: '/households',
  tags: ['households'],
  summary: 'Household records of one village, names and ID numbers masked (county editor of that county only)',
  ...requires('households:read'),
  request: { query: VillageQuery },
  responses: { 200: { description: 'Masked records', ...json(HouseholdList) }, 404: { description: 'Unknown village', ...json(ErrorBody) }, ...errors },
});

const unmask = createRoute({
  method: 'post',
  path: '/households/{id}/unmask',
  tags: ['households'],
  summary: 'The full name and ID number of one household, with a reason; audited',
  ...requires('households:unmask'),
  request: { params: HouseholdId, body: { required: true, ...json(UnmaskBody) } },
  responses: { 200: { description: 'Unmasked (not cached)', ...json(UnmaskedHousehold) }, ...errors },
});

const edit = createRoute({
  method: 'patch',
  path: '/households',
  tags: ['households'],
  summary: 'Edit measures of several households at once, all or nothing (own county only)',
  ...requires('households:write'),
  request: { body: { required: true, ...json(HouseholdUpdateBody) } },
  responses: {
    200: { description: 'Saved', ...json(HouseholdUpdateResult) },
    409: { description: 'A row changed since it was read; nothing saved', ...json(ErrorBody) },
    ...errors,
  },
});

export const householdRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(list, async (c) => {
      const { village } = c.req.valid('query');
      const region = await findRegion(database, village);
      if (!region || region.level !== 'village') throw new HttpError(404, `village: no village with code ${village}.`);
      if (!grantCovers(grantFor(c, 'households:read'), region.countyCode)) {
        await audit(c, { action: 'households.list', target: `village:${village}`, result: 'denied', detail: { countyCode: region.countyCode } });
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
      const row = await findHousehold(database, id, await countyCondition(c, 'households:unmask', households.countyCode));
      if (!row) {
        // Unknown and foreign ids get the same answer, so ids of other counties cannot be probed.
        await audit(c, { action: 'households.unmask', target: householdRef(id), result: 'denied', detail: { reason: 'not in own county or unknown' } });
        throw new HttpError(403, 'Not allowed: this household is not in your county (无权查看).');
      }
      // The audit row is written before the data is sent; if it cannot be written, nothing is shown.
      await audit(c, { action: 'households.unmask', target: householdRef(id), result: 'ok', detail: { reason } });
      c.header('Cache-Control', 'private, no-store');
      return c.json({ id: row.id, holderName: row.holderName, idNumber: row.idNumber }, 200);
    })
    .openapi(edit, async (c) => {
      const { updates } = c.req.valid('json');
      if (new Set(updates.map((u) => u.id)).size !== updates.length) throw new HttpError(400, 'updates: each household may appear only once.');
      const result = await updateHouseholds(database, updates, await countyCondition(c, 'households:write', households.countyCode));
      const refs = updates.map((u) => householdRef(u.id));
      if (result.foreign > 0) {
        await audit(c, { action: 'households.edit', target: `households:${updates.length}`, result: 'denied', detail: { foreignOrUnknown: result.foreign, households: refs } });
        throw new HttpError(403, `Not allowed: ${result.foreign} of the households are not in your county. Nothing was saved.`);
      }
      await audit(c, { action: 'households.edit', target: `households:${updates.length}`, result: 'ok', detail: { households: refs } });
      return c.json({ updated: result.updated }, 200);
    });
