/**
 * POST /imports/divisions/validate and /imports/boundaries/validate: the division list and the
 * boundaries, validated into a report and a batch that POST /imports/{id}/commit writes (routes/imports.ts).
 * The city administrator only: the divisions are the city's, not one county's.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { grantFor, requires, userOf } from '../auth/context.ts';
import { BoundaryUpload, DivisionUpload, GeoImportReport } from '../contracts/geo-imports.ts';
import { HttpError } from '../errors.ts';
import { ErrorBody, newRouter } from '../http.ts';
import { validateBoundaries, validateDivisions } from '../ingest/geo-import.ts';
import { auditedValidation } from './import-audit.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const responses = {
  200: { description: 'The report; `batchId` is set when the file can be committed', ...json(GeoImportReport) },
  400: { description: 'Invalid request', ...json(ErrorBody) },
  401: { description: 'Not logged in', ...json(ErrorBody) },
  403: { description: 'Only the city administrator imports divisions and boundaries', ...json(ErrorBody) },
  413: { description: 'File too large', ...json(ErrorBody) },
  422: {
    description: 'The file cannot be read (wrong content, no header, no features, unsupported coordinate system)',
    ...json(ErrorBody),
  },
};

const divisions = createRoute({
  method: 'post',
  path: '/imports/divisions/validate',
  tags: ['imports'],
  summary: 'Validate a division list (区划名录: code, name, parent, level) from .xlsx or .csv; nothing is written',
  ...requires('import:run'),
  request: { body: { required: true, content: { 'multipart/form-data': { schema: DivisionUpload } } } },
  responses,
});

const boundaries = createRoute({
  method: 'post',
  path: '/imports/boundaries/validate',
  tags: ['imports'],
  summary:
    'Validate boundaries (GeoJSON, zipped Shapefile, GeoPackage): codes against the division list, validity, SRID; nothing is written',
  ...requires('import:run'),
  request: { body: { required: true, content: { 'multipart/form-data': { schema: BoundaryUpload } } } },
  responses,
});

function cityAdminOnly(c: Context) {
  if (grantFor(c, 'import:run')?.scope !== 'all')
    throw new HttpError(403, '只有市级管理员可以导入区划名录和边界（县级账号只能导入本县台账）。');
}

export const geoImportRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(divisions, async (c) => {
      cityAdminOnly(c);
      const { file } = c.req.valid('form');
      const bytes = new Uint8Array(await file.arrayBuffer());
      const report = await auditedValidation(c, 'divisions', file, bytes, () =>
        validateDivisions(database, { bytes, fileName: file.name, userId: userOf(c).id }),
      );
      return c.json(report, 200);
    })
    .openapi(boundaries, async (c) => {
      cityAdminOnly(c);
      const { file, makeValid, skipUnknown } = c.req.valid('form');
      const bytes = new Uint8Array(await file.arrayBuffer());
      const report = await auditedValidation(c, 'boundaries', file, bytes, () =>
        validateBoundaries(database, { bytes, fileName: file.name, userId: userOf(c).id, makeValid, skipUnknown }),
      );
      return c.json(report, 200);
    });
