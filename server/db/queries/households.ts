/**
 * Household-level queries. Every one takes the row-level county condition (auth/context.ts
 * `countyCondition`) and puts it in its WHERE clause, so rows of another county are never read.
 * Locations (geom) are never selected here: they stay in the database.
 */
import { bumpDataVersion } from '../../http/cache.ts';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from '@hono/zod-openapi';
import type { HouseholdUpdate } from '../../contracts/auth.ts';
import type { Database } from '../client.ts';
import { households } from '../schema.ts';
import { ConflictError } from '../../errors.ts';

export interface HouseholdRow {
  id: string;
  villageCode: string;
  category: string;
  labour: string;
  members: number;
  industryMeasures: number;
  wageEmployment: boolean;
  dividend: boolean;
  publicWelfareJob: boolean;
  socialAssistance: boolean;
  incomePerCapitaYuan: number;
  holderName: string | null;
  idNumber: string | null;
  version: number;
}

/** The columns of a household record as the ledger reads them (names and ID numbers masked later). */
export const householdRecordColumns = {
  id: households.id,
  villageCode: households.villageCode,
  category: households.category,
  labour: households.labour,
  members: households.members,
  industryMeasures: households.industryMeasures,
  wageEmployment: households.wageEmployment,
  dividend: households.dividend,
  publicWelfareJob: households.publicWelfareJob,
  socialAssistance: households.socialAssistance,
  incomePerCapitaYuan: households.incomePerCapitaYuan,
  holderName: households.holderName,
  idNumber: households.idNumber,
  version: households.version,
};

/** Households of a village within the allowed counties, by id. */
export async function listVillageHouseholds(database: Database, villageCode: string, county: SQL): Promise<HouseholdRow[]> {
  return database.db
    .select(householdRecordColumns)
    .from(households)
    .where(and(eq(households.villageCode, villageCode), county))
    .orderBy(households.id);
}

/** One household within the allowed counties (undefined when absent or in another county). */
export async function findHousehold(database: Database, id: string, county: SQL): Promise<HouseholdRow | undefined> {
  const [row] = await database.db
    .select(householdRecordColumns)
    .from(households)
    .where(and(eq(households.id, id), county));
  return row;
}

type Update = z.infer<typeof HouseholdUpdate>;

/**
 * Apply edits all-or-nothing: `foreign` > 0 when any id is outside the allowed counties (or unknown),
 * a ConflictError when a row changed since it was read (version); nothing is written in either case.
 */
export async function updateHouseholds(database: Database, updates: Update[], county: SQL): Promise<{ updated: number; foreign: number }> {
  const ids = updates.map((u) => u.id);
  const own = await database.db
    .select({ id: households.id })
    .from(households)
    .where(and(inArray(households.id, ids), county));
  const foreign = ids.length - own.length;
  if (foreign > 0) return { updated: 0, foreign };
  await database.db.transaction(async (tx) => {
    for (const { id, version, ...fields } of updates) {
      const done = await tx
        .update(households)
        .set({ ...fields, version: sql`${households.version} + 1` })
        .where(and(eq(households.id, id), eq(households.version, version), county))
        .returning({ id: households.id });
      if (done.length === 0)
        throw new ConflictError('A household was changed by someone else since you read it: reload and try again. Nothing was saved.');
    }
    await bumpDataVersion(tx); // household aggregates change (server/http/cache.ts)
  });
  return { updated: updates.length, foreign: 0 };
}
