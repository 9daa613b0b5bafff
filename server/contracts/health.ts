/** The answer of GET /api/health. */
import { z } from '@hono/zod-openapi';

export const Health = z
  .object({
    status: z.literal('ok'),
    db: z.enum(['embedded', 'postgres']),
    postgis: z.string().openapi({ example: '3.6.2' }),
    demo: z.boolean().openapi({ description: 'True when the database holds the generated demo data (演示数据).' }),
    counts: z.object({ regions: z.number(), projects: z.number(), pvStations: z.number(), households: z.number() }),
  })
  .openapi('Health');
export type Health = z.infer<typeof Health>;
