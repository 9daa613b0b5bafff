/**
 * Sign-off (层层签字): a county's ledger for a month is signed by its main leader and its deputy in
 * charge (two different accounts holding ledger:sign for that county). The list shows every county as
 * unsigned, partly signed, signed, or changed after signing (then it needs new signatures). Audited.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app.ts';
import { audit } from '../auth/audit.ts';
import { grantFor, requires, userOf } from '../auth/context.ts';
import { grantCovers } from '../auth/permissions.ts';
import { CountySignoff, SignBody, SignoffList, SignoffQuery } from '../contracts/signoffs.ts';
import { sign, signoffState, type SignoffRow } from '../db/queries/signoffs.ts';
import { HttpError } from '../errors.ts';
import { ErrorBody, newRouter } from '../http.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const errors = {
  400: { description: 'Invalid request', ...json(ErrorBody) },
  401: { description: 'Not logged in', ...json(ErrorBody) },
  403: { description: 'May not sign for this county', ...json(ErrorBody) },
};

/** The state of one county from its row (pure). */
export function toCountySignoff(r: SignoffRow): CountySignoff {
  const sig = (signer: string | null, at: string | null, current: boolean | null) =>
    signer ? { signer, signedAt: at ?? '', current: Boolean(current) } : null;
  const main = sig(r.mainSigner, r.mainAt, r.mainCurrent);
  const deputy = sig(r.deputySigner, r.deputyAt, r.deputyCurrent);
  const state =
    !main && !deputy ? 'unsigned' : [main, deputy].some((s) => s && !s.current) ? 'changed' : main && deputy ? 'signed' : 'partial';
  return { countyCode: r.countyCode, countyName: r.countyName, state, main, deputy };
}

const list = createRoute({
  method: 'get',
  path: '/signoffs',
  tags: ['ledger'],
  summary: 'Sign-off state of every county for a month',
  ...requires('ledger:read'),
  request: { query: SignoffQuery },
  responses: { 200: { description: 'Every county', ...json(SignoffList) }, ...errors },
});

const signRoute = createRoute({
  method: 'post',
  path: '/signoffs',
  tags: ['ledger'],
  summary: 'Sign the county ledger for a month as main leader or deputy (own county; two different accounts)',
  ...requires('ledger:sign'),
  request: { body: { required: true, ...json(SignBody) } },
  responses: {
    200: { description: 'Signed; the county’s state', ...json(CountySignoff) },
    409: { description: 'The same account already signed the other role', ...json(ErrorBody) },
    ...errors,
  },
});

export const signoffRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(list, async (c) => {
      const { period } = c.req.valid('query');
      const rows = await signoffState(database, period);
      return c.json({ period, items: rows.map(toCountySignoff) }, 200);
    })
    .openapi(signRoute, async (c) => {
      const user = userOf(c);
      const body = c.req.valid('json');
      const target = `signoff:${body.countyCode}:${body.period}:${body.role}`;
      if (!grantCovers(grantFor(c, 'ledger:sign'), body.countyCode)) {
        await audit(c, { action: 'ledger.sign', target, result: 'denied' });
        throw new HttpError(403, '无权签字：只能为本县台账签字。');
      }
      const res = await sign(database, { ...body, userId: user.id, signerName: user.displayName, at: c.get('security').options.now() });
      if (!res.ok) {
        await audit(c, { action: 'ledger.sign', target, result: 'rejected', detail: { reason: 'same person for both roles' } });
        throw new HttpError(409, '同一账号不能同时作为主要领导和分管领导签字：请由另一位领导签字。');
      }
      await audit(c, { action: 'ledger.sign', target, result: 'ok', detail: { digest: res.digest } });
      const row = (await signoffState(database, body.period)).find((r) => r.countyCode === body.countyCode);
      if (!row) throw new HttpError(400, `countyCode: ${body.countyCode} 不是县级区划。`);
      return c.json(toCountySignoff(row), 200);
    });
