/** How a ledger field's value reads on screen (merge screen, change log): enums translated, money and dates formatted. Pure. */
import { formatNumber } from '../../../server/domain/format.ts';
import { isLedgerKey, type LedgerT } from './ledger-i18n.ts';
import type { Scalar } from './merge.ts';

const enumPrefix: Record<string, string> = { status: 'status', responsibleLevel: 'rlevel' };
const moneyFields = /Wan$/;

export function displayValue(field: string, value: Scalar | undefined, t: LedgerT, lang: 'zh' | 'en'): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'yes' : 'no');
  if (typeof value === 'number') return formatNumber(value, moneyFields.test(field) ? 2 : Number.isInteger(value) ? 0 : 2, lang);
  const prefix = enumPrefix[field];
  if (prefix) {
    const key = `${prefix}.${value}`;
    if (isLedgerKey(key)) return t(key);
    const pv = `pvstatus.${value}`;
    if (isLedgerKey(pv)) return t(pv);
  }
  return value;
}

/** The label of a field (its name when the catalog has none). */
export function fieldLabel(field: string, t: LedgerT): string {
  const key = `field.${field}`;
  return isLedgerKey(key) ? t(key) : field;
}
