/**
 * Sign-off (层层签字) queries: the digest of a county's ledger for a period (projects, PV stations and
 * progress reports up to the period's end), signing, and the state of every county.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database, Db } from '../client.ts';
import { ledgerSignoffs } from '../schema.ts';
import { bumpDataVersion } from '../../http/cache.ts';
import { monthEndOf } from '../../domain/progress-report.ts';

/** Last day of a YYYY-MM period. */
export const periodEnd = (period: string): string => monthEndOf(`${period}-01`);

/** md5 of the county's ledger as of the period's end: any edit or import that changes a row changes it. */
export function digestSql(countyCode: SQL | string, period: string) {
  const end = periodEnd(period);
  return sql`md5(
    coalesce((SELECT string_agg(p::text, '|' ORDER BY p.code) FROM projects p WHERE p.county_code = ${countyCode}), '') ||
    coalesce((SELECT string_agg(s::text, '|' ORDER BY s.code) FROM pv_stations s WHERE s.county_code = ${countyCode}), '') ||
    -- The report's values, not its version column (added by migration 0013): signatures made before it stay valid.
    coalesce((SELECT string_agg(ROW(g.project_code, g.as_of, g.county_code, g.status, g.arranged_wan, g.disbursed_wan, g.spent_wan,
              g.physical_progress_pct)::text, '|' ORDER BY g.project_code, g.as_of) FROM project_progress g
              WHERE g.county_code = ${countyCode} AND g.as_of <= ${end}), ''))`;
}

export async function sign(
  database: Database,
  input: { countyCode: string; period: string; role: 'main' | 'deputy'; userId: number; signerName: string; at: Date },
): Promise<{ ok: true; digest: string } | { ok: false; reason: 'same_person' }> {
  return database.db.transaction(async (txAny) => {
    const tx = txAny as unknown as Db;
    const other =
      await tx.execute(sql`SELECT user_id FROM ledger_signoffs WHERE county_code = ${input.countyCode} AND period = ${input.period}
      AND role <> ${input.role} FOR UPDATE`);
    const rows = (Array.isArray(other) ? other : (other as unknown as { rows: unknown[] }).rows) as { user_id: number }[];
    if (rows.some((r) => Number(r.user_id) === input.userId)) return { ok: false, reason: 'same_person' } as const;
    const res = await tx.execute(sql`SELECT ${digestSql(input.countyCode, input.period)} AS d`);
    const digest = String(((Array.isArray(res) ? res : (res as unknown as { rows: unknown[] }).rows) as { d: string }[])[0].d);
    await tx
      .insert(ledgerSignoffs)
      .values({ ...input, signedAt: input.at, ledgerDigest: digest })
      .onConflictDoUpdate({
        target: [ledgerSignoffs.countyCode, ledgerSignoffs.period, ledgerSignoffs.role],
        set: { userId: input.userId, signerName: input.signerName, signedAt: input.at, ledgerDigest: digest },
      });
    await bumpDataVersion(tx); // sign-off state is part of what the map shows (server/http/cache.ts)
    return { ok: true, digest } as const;
  });
}

export interface SignoffRow {
  countyCode: string;
  countyName: string;
  mainSigner: string | null;
  mainAt: string | null;
  mainCurrent: boolean | null;
  deputySigner: string | null;
  deputyAt: string | null;
  deputyCurrent: boolean | null;
}

/** Every county with its signatures for the period and whether each still matches the ledger. */
export async function signoffState(database: Database, period: string): Promise<SignoffRow[]> {
  return database.rows<SignoffRow & Record<string, unknown>>(sql`
    WITH c AS (SELECT code, name FROM regions WHERE level = 'county'),
    d AS (SELECT c.code, ${digestSql(sql`c.code`, period)} AS digest FROM c
          WHERE EXISTS (SELECT 1 FROM ledger_signoffs s WHERE s.county_code = c.code AND s.period = ${period}))
    SELECT c.code AS "countyCode", c.name AS "countyName",
      m.signer_name AS "mainSigner", to_char(m.signed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "mainAt",
      CASE WHEN m.county_code IS NULL THEN NULL ELSE m.ledger_digest = d.digest END AS "mainCurrent",
      dp.signer_name AS "deputySigner", to_char(dp.signed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "deputyAt",
      CASE WHEN dp.county_code IS NULL THEN NULL ELSE dp.ledger_digest = d.digest END AS "deputyCurrent"
    FROM c
    LEFT JOIN d ON d.code = c.code
    LEFT JOIN ledger_signoffs m ON m.county_code = c.code AND m.period = ${period} AND m.role = 'main'
    LEFT JOIN ledger_signoffs dp ON dp.county_code = c.code AND dp.period = ${period} AND dp.role = 'deputy'
    ORDER BY c.code`);
}
