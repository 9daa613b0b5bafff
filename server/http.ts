/**
 * Request plumbing shared by every route: the sub-app factory with zod validation that answers
 * 400 with a sentence naming the bad parameter, the OpenAPI content helpers, the one way to send
 * JSON text that PostGIS built, and the error handler that never leaks a stack.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { JSONParsed } from 'hono/utils/types';
import { ErrorBody } from './contracts/errors.ts';
import { ConflictError, HttpError } from './errors.ts';
import { OverloadError } from './http/gate.ts';
import { safeErrorLine } from './http/edges.ts';
import { isDatabaseUnavailable } from './db/unavailable.ts';

export { ErrorBody };

type ZodIssue = { path: PropertyKey[]; message: string; code?: string };

/** Turn zod issues into one readable sentence plus a per-field list. */
export function describeIssues(issues: readonly ZodIssue[]): { message: string; issues: { path: string; message: string }[] } {
  const list = issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
  return { message: list.map((i) => `${i.path}: ${i.message}`).join('; '), issues: list };
}

/** A Hono sub-app whose validators answer 400 with readable messages. */
export function newRouter() {
  return new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const { message, issues } = describeIssues(result.error.issues as ZodIssue[]);
        return c.json({ error: { message: `Invalid request — ${message}`, issues } } satisfies ErrorBody, 400);
      }
    },
  });
}

/** Final error handler: known errors keep their status and message; anything else is a 500 without details. */
export function handleError(err: Error, c: Context) {
  if (err instanceof HttpError) {
    return c.json(
      { error: { message: err.message, ...(err.details ? { issues: err.details as never } : {}) } } satisfies ErrorBody,
      err.status,
    );
  }
  if (err instanceof ConflictError) return c.json({ error: { message: err.message } } satisfies ErrorBody, 409);
  if (err instanceof OverloadError) {
    c.header('Retry-After', String(err.retryAfterSeconds));
    c.header('Cache-Control', 'no-store');
    return c.json({ error: { message: err.message } } satisfies ErrorBody, 503);
  }
  if (isDatabaseUnavailable(err)) {
    console.error(`[error] ${c.req.method} ${c.req.routePath ?? c.req.path}: database unavailable (${safeErrorLine(err)})`);
    c.header('Retry-After', '5');
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        error: {
          message: '数据库暂时不可用，请稍后重试；未完成的导入不会留下部分数据（database unavailable: try again in a few seconds）。',
        },
      } satisfies ErrorBody,
      503,
    );
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const message = status === 413 ? 'Request body too large.' : err.message || 'Request refused.';
    return c.json({ error: { message } } satisfies ErrorBody, status);
  }
  // Never the message: a database error's message carries the SQL and its parameters (personal data).
  console.error(`[error] ${c.req.method} ${c.req.routePath ?? c.req.path} request ${c.get('requestId') ?? '-'}: ${safeErrorLine(err)}`);
  return c.json(
    {
      error: { message: 'Internal error: the server could not answer this request. Try again; if it persists, tell the administrator.' },
    } satisfies ErrorBody,
    500,
  );
}

/** Weak ETag of a response body. */
export async function etagOf(body: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(body));
  return `W/"${Buffer.from(digest).toString('base64url')}"`;
}

/** OpenAPI `content` of a JSON answer or body; `type` e.g. 'application/geo+json' or 'text/csv'. */
export function jsonContent<S extends z.ZodType>(schema: S): { content: { 'application/json': { schema: S } } };
export function jsonContent<S extends z.ZodType, T extends string>(schema: S, type: T): { content: Record<T, { schema: S }> };
export function jsonContent(schema: z.ZodType, type = 'application/json') {
  return { content: { [type]: { schema } } };
}

/** An OpenAPI response: description plus JSON content of `schema`. */
export function jsonResponse<S extends z.ZodType>(
  description: string,
  schema: S,
): { description: string; content: { 'application/json': { schema: S } } };
export function jsonResponse<S extends z.ZodType, T extends string>(
  description: string,
  schema: S,
  type: T,
): { description: string; content: Record<T, { schema: S }> };
export function jsonResponse(description: string, schema: z.ZodType, type = 'application/json') {
  return { description, ...jsonContent(schema, type) };
}

type JsonTextResponse<T> = Response & TypedResponse<JSONParsed<T>, 200, 'json'>;

/**
 * Send JSON text that the database built (GeoJSON layers, detail cards…) as it is — no parse and
 * re-serialise on the hot path — typed as the answer `schema` describes, so `hc<AppType>` and the
 * OpenAPI document know its shape. The schema test (tests/server/routes/contracts.int.test.ts)
 * checks that real answers match.
 */
export function jsonText<S extends z.ZodType>(
  c: Context,
  text: string,
  schema: S,
  headers: Record<string, string> = {},
  type = 'application/json',
): JsonTextResponse<z.infer<S>> {
  void schema; // the type carrier; validated by the test, not per request
  const res = c.body(text, 200, { 'Content-Type': `${type}; charset=utf-8`, ...headers });
  // The one place where text is declared to be JSON of a type: the body is the database's JSON text.
  return res as unknown as JsonTextResponse<z.infer<S>>;
}

/** Content-Disposition of a download with a Chinese file name (RFC 5987) and an ASCII fallback. */
export const attachment = (name: string, ascii: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
