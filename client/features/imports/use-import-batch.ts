/**
 * One import in two steps, shared by the ledger and the division / boundary imports: validate a file into
 * a report (a fresh Idempotency-Key per report), then commit its batch; a refusal is kept as its message.
 */
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { commitImportBatch, type CommitResult } from '../../api/import-api.ts';

export function useImportBatch<R extends { batchId: string | null }>() {
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<R | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [result, setResult] = useState<CommitResult | null>(null);
  const [key, setKey] = useState('');

  const reset = () => {
    setReport(null);
    setRefused(null);
    setResult(null);
  };
  const busyWhile = async (step: () => Promise<void>) => {
    setBusy(true);
    try {
      await step();
    } catch (err) {
      setRefused(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const check = async (validate: () => Promise<R>) => {
    reset();
    await busyWhile(async () => {
      setReport(await validate());
      setKey(crypto.randomUUID());
    });
  };
  const commit = async () => {
    const batchId = report?.batchId;
    if (!batchId) return;
    await busyWhile(async () => setResult(await commitImportBatch(batchId, key)));
  };
  return { busy, report, refused, result, reset, check, commit };
}
