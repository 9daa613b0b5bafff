/**
 * The last step of every import commit (ledgers, divisions, boundaries): the batch is marked committed
 * with its result (replayed for a repeated key) and its rows are dropped.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { importBatches } from '../db/schema.ts';

export async function markBatchCommitted<T extends { batchId: string }>(
  tx: Db,
  result: T,
  input: { idempotencyKey: string | null; now: Date },
): Promise<T> {
  await tx
    .update(importBatches)
    .set({
      status: 'committed',
      result: result as unknown as Record<string, unknown>,
      idempotencyKey: input.idempotencyKey,
      committedAt: input.now,
      rows: sql`'[]'::jsonb`,
    })
    .where(eq(importBatches.id, result.batchId));
  return result;
}
