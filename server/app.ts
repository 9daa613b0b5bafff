/**
 * The HTTP application: every API route under /api, chained so that `AppType` carries the request
 * and response types to the client (hc<AppType>). Static files are added by server/index.ts.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import { requestId } from 'hono/request-id';
import type { Database } from './db/client.ts';
import { handleError } from './http.ts';
import { securityHeaders } from './auth/headers.ts';
import type { SecurityOptions } from './auth/options.ts';
import { routeTableOf } from './auth/route-table.ts';
import { apiSecurity, createSecurity } from './auth/security.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { householdRoutes } from './routes/households.ts';
import { userRoutes } from './routes/users.ts';
import { healthRoutes } from './routes/health.ts';
import { layerRoutes } from './routes/layers.ts';
import { measureRoutes } from './routes/measures.ts';
import { regionRoutes } from './routes/regions.ts';

export interface AppDeps {
  database: Database;
  /** Security settings (server/auth/options.ts); defaults when absent. Tests inject a clock here. */
  security?: Partial<SecurityOptions>;
}

export function createApp(deps: AppDeps) {
  const api = new OpenAPIHono()
    .route('/', authRoutes(deps))
    .route('/', userRoutes(deps))
    .route('/', auditRoutes(deps))
    .route('/', householdRoutes(deps))
    .route('/', healthRoutes(deps))
    .route('/', regionRoutes(deps))
    .route('/', layerRoutes(deps))
    .route('/', measureRoutes(deps));

  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    servers: [{ url: '/api' }],
    info: {
      title: '扶贫项目调度一张图 API',
      version: '0.1.0',
      description: 'Poverty-alleviation project dispatch map: regions, measures and layers over PostGIS. Money in 万元 (10,000 CNY).',
    },
  });
  api.notFound((c) => c.json({ error: { message: `No API route ${c.req.method} ${c.req.path}. See /api/openapi.json.` } }, 404));

  // Every /api request passes the security layer (session, CSRF, declared permission, body limit).
  const security = createSecurity(deps.database, deps.security);
  const app = new OpenAPIHono()
    .use('*', requestId())
    .use('*', securityHeaders())
    // Village-level answers are large and repetitive JSON: gzip them (≈ 1/6 of the bytes).
    .use('/api/*', compress())
    .use('/api/*', ...apiSecurity(security, () => routeTableOf(api, '/api')))
    .route('/api', api);
  app.onError(handleError);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
