/** The body of every 4xx/5xx answer: one sentence a person can act on, plus per-field problems. */
import { z } from '@hono/zod-openapi';

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
