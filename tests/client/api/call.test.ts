/** The one place API answers become values or errors: `call` in client/api/client.ts. */
import type { ClientResponse } from 'hono/client';
import { describe, expect, it } from 'vitest';
import { ApiError, call } from '../../../client/api/client.ts';

class ConflictError extends ApiError {
  constructor(readonly current: { version: number }) {
    super('changed by someone else', 409);
  }
}

const answer = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  }) as unknown as ClientResponse<{ ok: true }, 200 | 204 | 404 | 409, 'json'>;

describe('call', () => {
  it.each([
    { title: '200 gives the body', request: async () => answer(200, { ok: true }), value: { ok: true } },
    { title: '204 gives undefined', request: async () => answer(204), value: undefined },
  ])('$title', async ({ request, value }) => {
    expect(await call(request)).toEqual(value);
  });

  it.each([
    {
      title: 'a 404 becomes an ApiError with the server’s sentence and status',
      request: async () => answer(404, { error: { message: 'no such deck' } }),
      check: (e: unknown) => e instanceof ApiError && e.status === 404 && e.message === 'no such deck',
    },
    {
      title: 'per-field problems come with it',
      request: async () => answer(409, { error: { message: 'bad', issues: [{ path: 'newPassword', message: 'too short' }] } }),
      check: (e: unknown) => e instanceof ApiError && e.issues[0]?.path === 'newPassword',
    },
    {
      title: 'no answer at all is status 0',
      request: async () => {
        throw new TypeError('Failed to fetch');
      },
      check: (e: unknown) => e instanceof ApiError && e.status === 0 && e.message === 'Failed to fetch',
    },
    {
      title: 'an error the request raised itself (a 409 made a conflict with their version) is kept as it is',
      request: async () => {
        throw new ConflictError({ version: 7 });
      },
      check: (e: unknown) => e instanceof ConflictError && e.current.version === 7,
    },
  ])('$title', async ({ request, check }) => {
    const error = await call(request as () => Promise<ReturnType<typeof answer>>).catch((e: unknown) => e);
    expect(check(error), String(error)).toBe(true);
  });
});
