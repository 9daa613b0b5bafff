/**
 * Imports of the division list (区划名录) and the boundaries (行政区划边界): the upload forms and the
 * report. Committed with the ledger imports' POST /imports/{id}/commit.
 */
import { z } from '@hono/zod-openapi';
import { geoImportKinds } from '../ingest/geo-kinds.ts';
import { ImportIssue } from './imports.ts';

const file = z.instanceof(File, { message: '请选择要上传的文件（表单字段 file）' }).openapi({ type: 'string', format: 'binary' });

const flag = (description: string) =>
  z
    .enum(['true', 'false', '1', '0', 'on', ''])
    .optional()
    .transform((v) => v === 'true' || v === '1' || v === 'on')
    .openapi({ type: 'string', enum: ['true', 'false'], description });

export const DivisionUpload = z
  .object({
    file: file.openapi({
      description: '.xlsx or .csv with columns 代码 (code), 名称 (name), 上级代码 (parent; optional), 级别 (level; optional)',
    }),
  })
  .openapi('DivisionUpload');
export type DivisionUpload = z.infer<typeof DivisionUpload>;

export const BoundaryUpload = z
  .object({
    file: file.openapi({
      description: 'GeoJSON, a zipped Shapefile (.shp .dbf .prj, optional .cpg) or a GeoPackage; EPSG:4326, 4490 or 3857',
    }),
    makeValid: flag('Repair invalid polygons with ST_MakeValid (the report offers it when it finds any).'),
    skipUnknown: flag('Skip features whose codes are not in the division list (listed) instead of refusing the file.'),
  })
  .openapi('BoundaryUpload');
export type BoundaryUpload = z.infer<typeof BoundaryUpload>;

const CodeRef = z.object({ row: z.number().int(), code: z.string(), name: z.string().nullable() });

export const GeoImportReport = z
  .object({
    batchId: z.string().nullable().openapi({ description: 'Commit with POST /imports/{batchId}/commit; null when the file has problems.' }),
    kind: z.enum(geoImportKinds),
    fileName: z.string(),
    format: z.enum(['xlsx', 'csv', 'geojson', 'shapefile', 'geopackage']),
    encoding: z.string().nullable(),
    ok: z.boolean(),
    counts: z.object({
      dataRows: z.number().int().openapi({ description: 'Rows (division list) or features (boundaries) in the file.' }),
      add: z.number().int(),
      change: z.number().int(),
      unchanged: z.number().int(),
      skip: z.number().int(),
      errors: z.number().int(),
    }),
    issues: z.array(ImportIssue),
    issuesTotal: z.number().int(),
    notices: z.array(z.object({ row: z.number().int().optional(), message: z.string() })),
    preview: z.array(
      z.object({
        key: z.string(),
        row: z.number().int(),
        action: z.enum(['add', 'change']),
        changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
      }),
    ),
    boundaries: z
      .object({
        srid: z.number().int().openapi({ description: 'EPSG code of the source coordinates (4326, 4490 or 3857).' }),
        crs: z.string().nullable(),
        axisSwapped: z.boolean().openapi({ description: 'The file wrote latitude before longitude; turned round.' }),
        codeField: z.string().nullable(),
        unknownCodes: z.array(CodeRef).openapi({ description: 'Codes the division list does not hold.' }),
        retiredCodes: z.array(CodeRef).openapi({ description: 'Codes no current national division list holds (已撤销).' }),
        invalid: z.array(CodeRef.extend({ reason: z.string() })),
        makeValidOffered: z
          .boolean()
          .openapi({ description: 'Invalid polygons found: validate again with makeValid=true to repair them.' }),
        makeValid: z.boolean(),
        repaired: z.number().int(),
      })
      .nullable(),
  })
  .openapi('GeoImportReport');
export type GeoImportReport = z.infer<typeof GeoImportReport>;
