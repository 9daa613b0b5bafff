/**
 * The HTTP application: every API route under /api, chained so that `AppType` carries the request
 * and response types to the client (hc<AppType>). Static files are added by server/index.ts.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import type { Database } from './db/client.ts';
import { handleError } from './http.ts';
import { healthRoutes } from './routes/health.ts';
import { regionRoutes } from './routes/regions.ts';

export interface AppDeps {
  database: Database;
}

export function createApp(deps: AppDeps) {
  const api = new OpenAPIHono()
    .route('/', healthRoutes(deps))
    .route('/', regionRoutes(deps));

  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: '扶贫项目调度一张图 API',
      version: '0.1.0',
      description: 'Poverty-alleviation project dispatch map: regions, measures and layers over PostGIS. Money in 万元 (10,000 CNY).',
    },
  });
  api.notFound((c) => c.json({ error: { message: `No API route ${c.req.method} ${c.req.path}. See /api/openapi.json.` } }, 404));

  const app = new OpenAPIHono().use('*', requestId()).route('/api', api);
  app.onError(handleError);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
