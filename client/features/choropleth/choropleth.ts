/**
 * The choropleth's pure core: which value of a row is mapped, its class and colour under the chosen
 * classification, the legend entries, the ranking order, the drill-down path and the area card's
 * helpers. Formulas and formatting come from server/domain (one implementation each).
 */
import type { AreaStatus, MeasureRow, MeasureValues, RegionProperties } from '../../api/client.ts';
import type { ClassMethod, MapLevel } from '../../app-state/view-state.ts';
import {
  classIndex,
  classifyCustom,
  classifyEqualInterval,
  classifyJenks,
  classifyQuantile,
  rampChangePuOr7,
  rampSample,
  rampViridis,
  statusColors,
} from '../../../server/domain/classify.ts';
import { formatDate, formatMeasureValue, formatPts, formatQuantity, type Locale } from '../../../server/domain/format.ts';
import type { MessageKey, MessageParams } from '../../i18n/messages.ts';
import type { Measure } from '../../../server/domain/measures.ts';

/** [red, green, blue, alpha], each 0–255. */
export type Rgba = [number, number, number, number];

/** Number of classes of the data-driven classifications. */
export const defaultClassCount = 5;

/** '#rrggbb' → RGBA (opaque). */
export function hexToRgba(hex: string, alpha = 255): Rgba {
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16), alpha];
}

/** Fill of an area without data: neutral grey, never a colour of a ramp. */
export const noDataColor = statusColors.no_data;

/** One class of the map: its colour and the legend's label. */
export interface ClassEntry {
  color: string;
  /** Legend label, e.g. '38.2% – 51.3%' or '滞后 ▼ (低于序时 5 个百分点以上)'. */
  label: string;
  /** Areas in this class. */
  count: number;
}

export interface Classification {
  /** What the colours show: the status against 序时进度, the value, or the change since compareTo. */
  kind: 'status' | 'value' | 'change';
  /** Interior breaks (ascending) for 'value' and 'change'; [] for 'status'. */
  breaks: number[];
  classes: ClassEntry[];
  /** Areas without data (drawn grey). */
  noDataCount: number;
  /** Class of a row, or null (no data). */
  classOf(row: MeasureRow | undefined): number | null;
}

/** Classes of the status classification, in legend order (best first). */
export const statusOrder = ['ahead', 'on_track', 'lagging'] as const;

export interface ClassifyOptions {
  measure: Measure;
  method: ClassMethod;
  /** Breaks of the custom method. */
  customBreaks?: readonly number[];
  /** Map the change since compareTo (points) instead of the value. */
  compare?: boolean;
  lang: Locale;
  /** Legend words for the status classes. */
  statusLabels: Record<(typeof statusOrder)[number], string>;
}

/** Whether the status (序时进度) classification applies to a measure: only when the server gives a status. */
export function hasStatus(measure: Measure): boolean {
  return measure.statusRule !== 'none';
}

/** The method actually used: 'target' falls back to quantiles for a measure without a status rule. */
export function effectiveMethod(measure: Measure, method: ClassMethod): ClassMethod {
  return method === 'target' && !hasStatus(measure) ? 'quantile' : method;
}

/**
 * Symmetric breaks for a change in points, six of them (seven classes for rampChangePuOr7): the
 * pattern ±1, ±5, ±10 scaled so the largest |change| falls in the outer classes. 0 or no data → ±1, ±5, ±10.
 */
export function changeBreaks(changes: readonly (number | null | undefined)[]): number[] {
  let max = 0;
  for (const c of changes) if (c != null && Number.isFinite(c)) max = Math.max(max, Math.abs(c));
  const scale = max <= 0 ? 1 : max <= 3 ? 0.2 : max <= 12 ? 1 : Math.ceil(max / 12);
  const round = (x: number) => Number(x.toFixed(2));
  return [-10, -5, -1, 1, 5, 10].map((b) => round(b * scale));
}

const rangeLabels = (breaks: readonly number[], fmt: (x: number) => string): string[] => {
  if (breaks.length === 0) return ['—'];
  const out = [`< ${fmt(breaks[0])}`];
  for (let i = 1; i < breaks.length; i++) out.push(`${fmt(breaks[i - 1])} – ${fmt(breaks[i])}`);
  out.push(`≥ ${fmt(breaks[breaks.length - 1])}`);
  return out;
};

const statusClass = (status: AreaStatus | undefined): number | null => {
  if (status === 'ahead') return 0;
  if (status === 'on_track') return 1;
  if (status === 'lagging') return 2;
  return null;
};

/**
 * Classify the rows of one answer. Rows with a null value (or null change) get no class and are
 * counted as no data; so are areas that have no row at all (classOf(undefined) → null).
 */
export function classifyRows(rows: readonly MeasureRow[], options: ClassifyOptions): Classification {
  const { measure, lang } = options;
  const count = (classOf: (r: MeasureRow) => number | null, k: number) => {
    const counts = new Array<number>(k).fill(0);
    let none = 0;
    for (const r of rows) {
      const c = classOf(r);
      if (c === null) none++;
      else counts[c]++;
    }
    return { counts, none };
  };

  if (options.compare) {
    const breaks = changeBreaks(rows.map((r) => r.change));
    // Orange = decrease, purple = increase; for a lower-is-better measure an increase is the bad side.
    const colors = measure.higherIsBetter ? [...rampChangePuOr7] : [...rampChangePuOr7].reverse();
    const classOf = (r: MeasureRow | undefined) => (r ? classIndex(r.change, breaks) : null);
    const { counts, none } = count(classOf, colors.length);
    // The legend's title names the unit (个百分点), so the class labels carry only the signed numbers.
    const labels = rangeLabels(breaks, (x) => formatPts(x, lang).replace(/ (个百分点|pts)$/, ''));
    return {
      kind: 'change',
      breaks,
      noDataCount: none,
      classOf,
      classes: colors.map((color, i) => ({ color, label: labels[i], count: counts[i] })),
    };
  }

  // A measure whose target rule is 'none' has no status on any row: rank it by quantiles instead.
  const noStatus = rows.length > 0 && rows.every((r) => r.status === 'none');
  const method = noStatus && options.method === 'target' ? 'quantile' : effectiveMethod(measure, options.method);
  if (method === 'target') {
    const classOf = (r: MeasureRow | undefined) => statusClass(r?.status);
    const { counts, none } = count(classOf, 3);
    return {
      kind: 'status',
      breaks: [],
      noDataCount: none,
      classOf,
      classes: statusOrder.map((s, i) => ({ color: statusColors[s], label: options.statusLabels[s], count: counts[i] })),
    };
  }

  const values = rows.map((r) => r.value);
  const breaks =
    method === 'quantile'
      ? classifyQuantile(values, defaultClassCount)
      : method === 'equal'
        ? classifyEqualInterval(values, defaultClassCount)
        : method === 'jenks'
          ? classifyJenks(values, defaultClassCount)
          : classifyCustom(options.customBreaks ?? []);
  const k = breaks.length + 1;
  // Viridis: dark = low. For a lower-is-better measure it is flipped so "bad" keeps the dark end.
  const colors = rampSample(rampViridis, k, !measure.higherIsBetter);
  const classOf = (r: MeasureRow | undefined) => (r ? classIndex(r.value, breaks) : null);
  const { counts, none } = count(classOf, k);
  const labels = rangeLabels(breaks, (x) => formatMeasureValue(measure, x, lang));
  return {
    kind: 'value',
    breaks: [...breaks],
    noDataCount: none,
    classOf,
    classes: colors.map((color, i) => ({ color, label: labels[i], count: counts[i] })),
  };
}

/** Fill colour per area code; codes of `allCodes` without a class get the no-data grey. */
export function fillColors(allCodes: readonly string[], rows: readonly MeasureRow[], classification: Classification): Map<string, Rgba> {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const out = new Map<string, Rgba>();
  for (const code of allCodes) {
    const c = classification.classOf(byCode.get(code));
    out.set(code, hexToRgba(c === null ? noDataColor : classification.classes[c].color));
  }
  return out;
}

/** Rows by code, and the feature codes that have no row (drawn as no data). */
export function joinRows(
  featureCodes: readonly string[],
  rows: readonly MeasureRow[],
): { byCode: Map<string, MeasureRow>; missing: string[] } {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return { byCode, missing: featureCodes.filter((c) => !byCode.has(c)) };
}

/** Ranking order: rank 1 first; unranked (no data) rows last, by code. */
export function rankingOrder(rows: readonly MeasureRow[]): MeasureRow[] {
  return [...rows].sort((a, b) => {
    if (a.rank !== null && b.rank !== null) return a.rank - b.rank || (a.code < b.code ? -1 : 1);
    if (a.rank !== null) return -1;
    if (b.rank !== null) return 1;
    return a.code < b.code ? -1 : 1;
  });
}

/** Change in rank since compareTo, positive = moved up (from rank 5 to 3 → +2); null without both ranks. */
export function rankChangeOf(row: MeasureRow): number | null {
  const before = row.previous?.rank;
  if (before == null || row.rank === null) return null;
  return before - row.rank;
}

/** Whether a row is marked lagging in the ranking (red, ▼). */
export function isLagging(row: MeasureRow): boolean {
  return row.status === 'lagging';
}

// ---------------------------------------------------------------------------------------------
// Drill-down.

const levelByCodeLength: Record<number, MapLevel | undefined> = { 2: 'county', 4: 'county', 6: 'township', 9: 'village' };

/** The level of the divisions under `area` (city → county, county → township, township → village); null for a village. */
export function childLevelOf(area: string): MapLevel | null {
  return levelByCodeLength[area.length] ?? null;
}

/** Codes from the city down to `area`: '411421100' → ['4114', '411421', '411421100']. */
export function breadcrumbCodes(area: string, root = ''): string[] {
  // Under a province root (the province dataset, '41'): province → county → township → village (the map
  // of the province shows its counties, not its cities).
  if (root.length === 2 && area.startsWith(root)) return [root, ...[6, 9, 12].filter((n) => area.length >= n).map((n) => area.slice(0, n))];
  const out: string[] = [];
  for (const n of [4, 6, 9, 12]) if (area.length >= n) out.push(area.slice(0, n));
  return out;
}

/** Breadcrumb entries with names from `names` (the city's name from `cityName`); unknown names show the code. */
export function breadcrumbPath(
  area: string,
  names: ReadonlyMap<string, string>,
  cityName: string,
  root = '',
): { code: string; name: string }[] {
  const isRoot = (code: string) => (root.length === 2 ? code === root : code.length === 4);
  return breadcrumbCodes(area, root).map((code) => ({ code, name: isRoot(code) ? cityName : (names.get(code) ?? code) }));
}

// ---------------------------------------------------------------------------------------------
// Area card.

/** Spending measures: the card shows both bases side by side. */
export const spendingMeasureIds = ['spend_rate', 'spend_rate_arranged'] as const;

/**
 * Whether the arranged basis (已支出 ÷ 已安排资金) reads better than the fair one (已支出 ÷ 投资总额),
 * i.e. arranged funds are below total investment; values in percent, null → false.
 */
export function arrangedLooksBetter(fairPct: number | null | undefined, arrangedPct: number | null | undefined): boolean {
  return (
    fairPct != null && arrangedPct != null && Number.isFinite(fairPct) && Number.isFinite(arrangedPct) && arrangedPct - fairPct >= 0.05
  );
}

/** Bar length in the ranking, 0–1 of the largest |value| (no data → 0). */
export function barFraction(value: number | null, max: number): number {
  if (value == null || !Number.isFinite(value) || !(max > 0)) return 0;
  return Math.max(0, Math.min(1, Math.abs(value) / max));
}

/**
 * Lines of the tooltip of a division on the map: name and value, numerator / denominator, 序时进度,
 * lag, rank and change; a note on synthesized boundaries and, above village level, that a click drills down.
 */
export function regionTooltipLines(
  p: Pick<RegionProperties, 'name' | 'level' | 'synthesized'>,
  r: MeasureRow | undefined,
  values: MeasureValues | null,
  lang: Locale,
  t: (key: MessageKey, params?: MessageParams) => string,
  /** What a click does, when a tool takes the click over (siting); null: nothing to say. Default: drill down. */
  clickHint?: string | null,
): string[] {
  const lines = [p.name];
  if (values) {
    const m = values.measure;
    lines[0] = t('tooltip.value', { name: p.name, value: formatMeasureValue(m, r?.value, lang) });
    if (r) {
      const num = `${lang === 'zh' ? m.numeratorLabelZh : m.numeratorLabelEn} ${formatQuantity(r.numerator, m.numeratorUnit, lang)}`;
      const den =
        m.denominatorUnit && r.denominator !== null
          ? ` / ${lang === 'zh' ? m.denominatorLabelZh : m.denominatorLabelEn} ${formatQuantity(r.denominator, m.denominatorUnit, lang)}`
          : '';
      lines.push(num + den);
      if (r.expected !== null) lines.push(t('tooltip.expected', { value: formatMeasureValue(m, r.expected, lang) }));
      if (r.lag !== null) lines.push(t('tooltip.lag', { value: formatPts(r.lag, lang) }));
      if (r.rank !== null) lines.push(t('tooltip.rank', { rank: r.rank, of: values.rankedCount }));
      if (values.compareTo) lines.push(t('tooltip.change', { date: formatDate(values.compareTo, lang), value: formatPts(r.change, lang) }));
    }
  }
  if (p.synthesized) lines.push(t('map.tooltip.synthesized'));
  if (clickHint !== undefined) {
    if (clickHint) lines.push(clickHint);
  } else if (p.level !== 'village') lines.push(t('tooltip.click'));
  return lines;
}
