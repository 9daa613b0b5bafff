/**
 * Number and date formatting, Chinese first (docs/ux.md): 1,234.56 万元, 38.2%, −13.0 个百分点,
 * 1,234 户. One place, so the panel, the legend, tooltips and exported slides read the same.
 * Negative numbers use the minus sign U+2212 (−), not a hyphen. Rounding is half away from zero on
 * the decimal value as written (1.005 → 1.01), not on its binary approximation. Null, NaN and ±∞
 * give the no-data text. Magnitudes are assumed below 10¹³ (exact to the last shown digit).
 */
import type { Measure, QuantityUnit } from './measures.ts';
import { dateDayNumber } from './time-target.ts';

export type Locale = 'zh' | 'en';

/** What an empty value reads as. */
export const noDataText: Readonly<Record<Locale, string>> = { zh: '无数据', en: 'No data' };

const minusSign = '\u2212';

const isNumber = (x: number | null | undefined): x is number => x != null && Number.isFinite(x);

/** |x| rounded to `digits` decimals, grouped by thousands, with − when the rounded value is not 0. */
function decimal(x: number, digits: number, plus = false): string {
  // toPrecision(15) drops the binary noise (1.005·100 = 100.49999999999999 → 100.5) before rounding.
  const scaled = Math.round(Number((Math.abs(x) * 10 ** digits).toPrecision(15)));
  const s = String(scaled).padStart(digits + 1, '0');
  const int = s.slice(0, s.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = digits > 0 ? `${int}.${s.slice(s.length - digits)}` : int;
  if (scaled === 0) return body;
  if (x < 0) return minusSign + body;
  return plus ? `+${body}` : body;
}

/**
 * A plain number: `formatNumber(1234.5, 2)` → '1,234.50'. Default 0 decimals.
 */
export function formatNumber(value: number | null | undefined, digits = 0, locale: Locale = 'zh'): string {
  return isNumber(value) ? decimal(value, digits) : noDataText[locale];
}

/**
 * Money in 万元 (10,000 元): zh '1,234.50 万元', en '1,234.50 (10k CNY)'. Default 2 decimals.
 */
export function formatWan(valueWan: number | null | undefined, locale: Locale = 'zh', digits = 2): string {
  if (!isNumber(valueWan)) return noDataText[locale];
  return locale === 'zh' ? `${decimal(valueWan, digits)} 万元` : `${decimal(valueWan, digits)} (10k CNY)`;
}

/** Money in 元: zh '1,234 元', en '1,234 CNY'. Default 0 decimals. */
export function formatYuan(valueYuan: number | null | undefined, locale: Locale = 'zh', digits = 0): string {
  if (!isNumber(valueYuan)) return noDataText[locale];
  return locale === 'zh' ? `${decimal(valueYuan, digits)} 元` : `${decimal(valueYuan, digits)} CNY`;
}

/** A percentage, value already in percent (38.234 → '38.2%'), same in both locales. Default 1 decimal. */
export function formatPct(valuePct: number | null | undefined, locale: Locale = 'zh', digits = 1): string {
  return isNumber(valuePct) ? `${decimal(valuePct, digits)}%` : noDataText[locale];
}

/**
 * A difference of two percentages (lag, change) in percentage points, always signed when not zero:
 * −13.04 → zh '−13.0 个百分点', en '−13.0 pts'; 2 → '+2.0 个百分点'; −0.04 → '0.0 个百分点'.
 * Default 1 decimal.
 */
export function formatPts(valuePts: number | null | undefined, locale: Locale = 'zh', digits = 1): string {
  if (!isNumber(valuePts)) return noDataText[locale];
  return `${decimal(valuePts, digits, true)} ${locale === 'zh' ? '个百分点' : 'pts'}`;
}

/** Units a count can have. */
export type CountUnit = 'household' | 'project' | 'station';

const countWords: Record<CountUnit, { zh: string; en: string; enOne: string }> = {
  household: { zh: '户', en: 'households', enOne: 'household' },
  project: { zh: '个', en: 'projects', enOne: 'project' },
  station: { zh: '座', en: 'stations', enOne: 'station' },
};

/**
 * A count with its measure word, rounded to an integer: zh '1,234 户', '12 个', '3 座';
 * en '1,234 households', '1 project', '3 stations'.
 */
export function formatCount(value: number | null | undefined, unit: CountUnit, locale: Locale = 'zh'): string {
  if (!isNumber(value)) return noDataText[locale];
  const text = decimal(value, 0);
  const words = countWords[unit];
  if (locale === 'zh') return `${text} ${words.zh}`;
  return `${text} ${text === '1' ? words.enOne : words.en}`;
}

/**
 * A published household count (server/domain/disclosure.ts): null is a suppressed count of 1–4,
 * shown as zh '<5 户', en '<5 households'; numbers as `formatCount`.
 */
export function formatHouseholdCount(value: number | null | undefined, locale: Locale = 'zh'): string {
  if (value === null) return locale === 'zh' ? '<5 户' : '<5 households';
  return formatCount(value, 'household', locale);
}

/** Households per 10,000 元: zh '0.52 户/万元', en '0.52 households per 10k CNY'. Default 2 decimals. */
export function formatPer10kYuan(value: number | null | undefined, locale: Locale = 'zh', digits = 2): string {
  if (!isNumber(value)) return noDataText[locale];
  return locale === 'zh' ? `${decimal(value, digits)} 户/万元` : `${decimal(value, digits)} households per 10k CNY`;
}

/** A numerator or denominator in its catalogue unit (万元, 元, 户, 个, 座), with the defaults above. */
export function formatQuantity(value: number | null | undefined, unit: QuantityUnit, locale: Locale = 'zh'): string {
  if (unit === 'wan') return formatWan(value, locale);
  if (unit === 'yuan') return formatYuan(value, locale);
  return formatCount(value, unit, locale);
}

/**
 * A measure's value in its unit: 'pct' → formatPct, 'per_10k_yuan' → formatPer10kYuan, 'count' →
 * formatCount with the numerator's unit.
 */
export function formatMeasureValue(measure: Measure, value: number | null | undefined, locale: Locale = 'zh'): string {
  if (measure.unit === 'pct') return formatPct(value, locale);
  if (measure.unit === 'per_10k_yuan') return formatPer10kYuan(value, locale);
  return formatQuantity(value, measure.numeratorUnit, locale);
}

/**
 * Change in rank (see `rankChange`; positive = moved up): 2 → '▲2', −2 → '▼2', 0 → '—'.
 */
export function formatRankChange(change: number | null | undefined, locale: Locale = 'zh'): string {
  if (!isNumber(change)) return noDataText[locale];
  if (change === 0) return '—';
  return `${change > 0 ? '▲' : '▼'}${decimal(Math.abs(change), 0)}`;
}

/**
 * A calendar date 'YYYY-MM-DD': zh '2020年6月20日' (no leading zeros), en '2020-06-20' (ISO, as given).
 * @throws RangeError for a malformed or impossible date (e.g. '2020-02-30').
 */
export function formatDate(date: string | null | undefined, locale: Locale = 'zh'): string {
  if (date == null || date === '') return noDataText[locale];
  dateDayNumber(date); // validates
  if (locale === 'en') return date;
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
