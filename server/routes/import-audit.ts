/**
 * The audit entry of an import validation (ledgers, divisions, boundaries): the report's outcome, or the
 * reason a file was refused (an HttpError, rethrown).
 */
import type { Context } from 'hono';
import { audit } from '../auth/audit.ts';
import { HttpError } from '../errors.ts';

interface ValidationReport {
  ok: boolean;
  batchId: string | null;
  counts: object;
}

export async function auditedValidation<R extends ValidationReport>(
  c: Context,
  kind: string,
  file: File,
  bytes: Uint8Array,
  run: () => Promise<R>,
): Promise<R> {
  const target = `import:${kind}`;
  const upload = { file: file.name.slice(0, 100), bytes: bytes.length };
  try {
    const report = await run();
    await audit(c, {
      action: 'import.validate',
      target,
      result: report.ok ? 'ok' : 'rejected',
      detail: { ...upload, batchId: report.batchId, ...report.counts },
    });
    return report;
  } catch (err) {
    if (err instanceof HttpError)
      await audit(c, { action: 'import.validate', target, result: 'rejected', detail: { ...upload, reason: err.message.slice(0, 200) } });
    throw err;
  }
}
