/**
 * Household records as the ledger drawer shows them: measure tags, income, the unmask reason rule
 * and the rows with the few full values the user asked for. The full values live only in the
 * drawer's state (a Map passed in here), never in a module-level cache.
 */
import type { HouseholdRecord, UnmaskedHousehold } from '../../api/auth-api.ts';
import type { AccountMessageKey } from '../account/account-i18n.ts';

export interface MeasureTag {
  key: AccountMessageKey;
  params?: Record<string, number>;
}

/** The help measures a household receives, in a fixed order (产业, 务工, 分红, 公益岗位, 兜底保障). */
export function measureTags(
  r: Pick<HouseholdRecord, 'industryMeasures' | 'wageEmployment' | 'dividend' | 'publicWelfareJob' | 'socialAssistance'>,
): MeasureTag[] {
  const tags: MeasureTag[] = [];
  if (r.industryMeasures > 0) tags.push({ key: 'measure.industry', params: { count: r.industryMeasures } });
  if (r.wageEmployment) tags.push({ key: 'measure.wage' });
  if (r.dividend) tags.push({ key: 'measure.dividend' });
  if (r.publicWelfareJob) tags.push({ key: 'measure.welfareJob' });
  if (r.socialAssistance) tags.push({ key: 'measure.assistance' });
  return tags;
}

/** Yuan without decimals, grouped (`12,345`); '—' when unknown. */
export function formatYuan(value: number | null | undefined, lang: 'zh' | 'en'): string {
  if (value == null || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 0 }).format(value);
}

export const REASON_MIN = 2;
export const REASON_MAX = 200;

/** The server's rule for an unmask reason (trimmed, 2–200 characters): null when fine, else the message key. */
export function reasonProblem(text: string | null | undefined): AccountMessageKey | null {
  const s = (text ?? '').trim();
  if (s.length < REASON_MIN) return 'households.reasonRequired';
  if (s.length > REASON_MAX) return 'households.reasonTooLong';
  return null;
}

export interface HouseholdRow extends HouseholdRecord {
  /** True when the full name and ID number below came from an unmask in this drawer. */
  revealed: boolean;
}

/** The records with the unmasked values put in for the households in `unmasked`, and only those. */
export function rowsWithUnmasked(records: readonly HouseholdRecord[], unmasked: ReadonlyMap<string, UnmaskedHousehold>): HouseholdRow[] {
  return records.map((r) => {
    const u = unmasked.get(r.id);
    return u ? { ...r, holderName: u.holderName, idNumber: u.idNumber, revealed: true } : { ...r, revealed: false };
  });
}

/** Count of households per category, for the drawer's summary (`{ not_lifted: 3, edge: 1, … }`). */
export function countByCategory(records: readonly Pick<HouseholdRecord, 'category'>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) out[r.category] = (out[r.category] ?? 0) + 1;
  return out;
}
