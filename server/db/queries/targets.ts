/** Writing a measure's target row (reading is in calendar.ts). */
import type { Database } from '../client.ts';
import { targets } from '../schema.ts';
import type { TargetRow } from '../../domain/time-target.ts';
import { bumpDataVersion } from '../../http/cache.ts';

/** Insert or replace the row of (year, measure). */
export async function upsertTarget(database: Database, row: TargetRow): Promise<void> {
  const values = {
    year: row.year,
    measureId: row.measureId,
    windowStart: row.windowStart,
    basicCompletion: row.basicCompletion ?? row.fullCompletion,
    fullCompletion: row.fullCompletion,
    method: row.method ?? 'linear',
    lagThresholdPts: row.lagThresholdPts ?? -5,
    milestones: [...(row.milestones ?? [])],
  };
  await database.db.transaction(async (tx) => {
    await tx
      .insert(targets)
      .values(values)
      .onConflictDoUpdate({
        target: [targets.year, targets.measureId],
        set: { method: values.method, lagThresholdPts: values.lagThresholdPts, milestones: values.milestones },
      });
    await bumpDataVersion(tx); // every cached measure answer carries the old target (server/http/cache.ts)
  });
}
