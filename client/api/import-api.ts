/**
 * Ledger import: upload a file to validate it (multipart; the report), commit a validated batch with an
 * Idempotency-Key (a retry counts once), and the template and export links.
 */
import type { CommitResult, ImportReport } from '../../server/contracts/imports.ts';
import type { ImportKind } from '../../server/ingest/kinds.ts';
import { api, call } from './client.ts';

export type { CommitResult, ImportKind, ImportReport };

export function validateImportFile(kind: ImportKind, file: File): Promise<ImportReport> {
  return call(() => api.imports[':kind'].validate.$post({ param: { kind }, form: { file } }));
}

export function commitImportBatch(batchId: string, idempotencyKey: string): Promise<CommitResult> {
  return call(() => api.imports[':id'].commit.$post({ param: { id: batchId }, header: { 'idempotency-key': idempotencyKey } }));
}

export const templateHref = (kind: ImportKind, format: 'xlsx' | 'csv' = 'xlsx') => `/api/imports/${kind}/template?format=${format}`;
export const exportHref = (kind: ImportKind, format: 'xlsx' | 'csv' = 'xlsx') => `/api/exports/${kind}?format=${format}`;
