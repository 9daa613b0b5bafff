/**
 * Request plumbing shared by every route: the sub-app factory with zod validation that answers
 * 400 with a sentence naming the bad parameter, and the error handler that never leaks a stack.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { HttpError } from './errors.ts';

/** The JSON body of every 4xx/5xx answer. */
export const ErrorBody = z
  .object({
    error: z.object({
      message: z.string().openapi({ example: 'level: 必须是 county、township、village 之一 (got "town")' }),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi('Error');
export type ErrorBody = z.infer<typeof ErrorBody>;

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
    return c.json({ error: { message: err.message, ...(err.details ? { issues: err.details as never } : {}) } } satisfies ErrorBody, err.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const message = status === 413 ? 'Request body too large.' : err.message || 'Request refused.';
    return c.json({ error: { message } } satisfies ErrorBody, status);
  }
  console.error(`[error] ${c.req.method} ${c.req.path}: ${err instanceof Error ? err.message : String(err)}`);
  return c.json({ error: { message: 'Internal error: the server could not answer this request. Try again; if it persists, tell the administrator.' } } satisfies ErrorBody, 500);
}

/** Weak ETag of a response body. */
export async function etagOf(body: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(body));
  return `W/"${Buffer.from(digest).toString('base64url')}"`;
}
