/**
 * The HTTP application: every API route under /api, chained so that `AppType` carries the request
 * and response types to the client (hc<AppType>). Static files are added by server/index.ts.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import { trimTrailingSlash } from 'hono/trailing-slash';
import { requestId } from 'hono/request-id';
import type { Database } from './db/client.ts';
import { handleError } from './http.ts';
import { dataCache } from './http/data-cache.ts';
import { allowedHosts, rejectControlCharacters } from './http/edges.ts';
import { securityHeaders } from './auth/headers.ts';
import type { SecurityOptions } from './auth/options.ts';
import { routeTableOf } from './auth/route-table.ts';
import { apiSecurity, createSecurity } from './auth/security.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { briefingRoutes } from './routes/briefing.ts';
import { deckRoutes } from './routes/decks.ts';
import { followupRoutes } from './routes/followups.ts';
import { householdRoutes } from './routes/households.ts';
import { geoExportRoutes } from './routes/geo-exports.ts';
import { geoImportRoutes } from './routes/geo-imports.ts';
import { importRoutes } from './routes/imports.ts';
import { ledgerEditRoutes } from './routes/ledger-edit.ts';
import { ledgerExportRoutes } from './routes/ledger-export.ts';
import { ledgerListRoutes } from './routes/ledger-list.ts';
import { signoffRoutes } from './routes/signoffs.ts';
import { userRoutes } from './routes/users.ts';
import { healthRoutes } from './routes/health.ts';
import { laggingProjectRoutes } from './routes/lagging-projects.ts';
import { layerRoutes } from './routes/layers.ts';
import { measureRoutes } from './routes/measures.ts';
import { metaRoutes } from './routes/meta.ts';
import { ogcRoutes } from './routes/ogc.ts';
import { regionOutlineRoutes } from './routes/region-outline.ts';
import { regionRoutes } from './routes/regions.ts';
import { sitingRoutes } from './routes/siting.ts';
import { targetRoutes } from './routes/targets.ts';

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
    // Before the ledger imports: /imports/divisions/validate would otherwise match /imports/{kind}/validate.
    .route('/', geoImportRoutes(deps))
    .route('/', geoExportRoutes(deps))
    .route('/', importRoutes(deps))
    .route('/', ledgerListRoutes(deps))
    .route('/', ledgerExportRoutes(deps))
    .route('/', ledgerEditRoutes(deps))
    .route('/', signoffRoutes(deps))
    .route('/', healthRoutes(deps))
    .route('/', regionOutlineRoutes(deps))
    .route('/', metaRoutes(deps))
    .route('/', regionRoutes(deps))
    .route('/', layerRoutes(deps))
    .route('/', laggingProjectRoutes(deps))
    .route('/', measureRoutes(deps))
    .route('/', briefingRoutes(deps))
    .route('/', deckRoutes(deps))
    .route('/', followupRoutes(deps))
    .route('/', sitingRoutes(deps))
    .route('/', targetRoutes(deps));

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

  // OGC API – Features for GIS clients (QGIS, GDAL): its own OpenAPI 3.0 document at /ogc/api.
  const ogc = ogcRoutes(deps);

  // Every /api and /ogc request passes the security layer (session, CSRF, declared permission, body limit).
  const security = createSecurity(deps.database, deps.security);
  const app = new OpenAPIHono()
    .use('*', requestId())
    // DNS rebinding: answer only under the host names this server is meant to have (ALLOWED_HOSTS).
    .use(
      '*',
      allowedHosts(security.options.allowedHosts, (c) => security.requestHost(c)),
    )
    .use('*', securityHeaders())
    // Village-level answers are large and repetitive JSON: gzip them (≈ 1/6 of the bytes).
    .use('/api/*', compress())
    .use('/api/*', ...apiSecurity(security, () => routeTableOf(api, '/api')))
    // After the body limit: no NUL or other control character in any parameter (400, never a database error).
    .use('/api/*', rejectControlCharacters())
    // Data-only GET answers: cached per data version, single flight, bounded work (server/http/data-cache.ts).
    .use('/api/*', dataCache(deps.database))
    .route('/api', api)
    // Unknown API paths answer JSON 404 here, before the client's SPA fallback (server/static.ts) sees them.
    .all('/api/*', (c) => c.json({ error: { message: `No API route ${c.req.method} ${c.req.path}. See /api/openapi.json.` } }, 404))
    // The OGC service: the same security layer and permissions, its own route table.
    // GIS clients ask for /ogc/ (OWSLib) or /ogc/collections/: redirected to the path without the slash.
    .use('/ogc/*', trimTrailingSlash())
    .use('/ogc/*', compress())
    .use('/ogc/*', ...apiSecurity(security, () => routeTableOf(ogc, '/ogc')))
    .use('/ogc/*', rejectControlCharacters())
    .route('/ogc', ogc)
    .all('/ogc/*', (c) => c.json({ error: { message: `No OGC API route ${c.req.method} ${c.req.path}. See /ogc/api.` } }, 404));
  app.onError(handleError);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
