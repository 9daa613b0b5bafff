/**
 * The briefing (通报): the sentences a secretary reads at a dispatch meeting for one measure and
 * as-of date — the headline figure, the best and worst units with their values, the units lagging
 * the target by how many points, and the change since the previous meeting. Pure: the API, the
 * slides and the exports all read the same text. Chinese first; English through the same facts.
 */
import { formatDate, formatMeasureValue, formatPct, formatPts, formatQuantity, type Locale } from './format.ts';
import type { Measure, MeasureId } from './measures.ts';
import { defaultLagThresholdPts } from './time-target.ts';

/** One unit of the briefing (a county, township or village) as evaluated (see evaluateMeasure). */
export interface BriefingRow {
  readonly code: string;
  readonly name: string;
  readonly value: number | null;
  readonly lag: number | null;
  readonly status: string;
  readonly rank: number | null;
  /** The value on the comparison date; undefined/null = unknown. */
  readonly previousValue?: number | null;
}

export type BriefingLevel = 'county' | 'township' | 'village';

export interface BriefingInput {
  readonly measure: Measure;
  readonly asOf: string;
  /** The previous meeting's cut-off (change since), or null. */
  readonly compareTo?: string | null;
  /** The area whose units are briefed: the city, a county or a township. */
  readonly scope: { readonly code: string; readonly name: string; readonly level: 'city' | 'county' | 'township' };
  /** Level of the units. */
  readonly level: BriefingLevel;
  readonly total: { readonly numerator: number | null; readonly denominator: number | null; readonly value: number | null };
  /** The scope's value on `compareTo`. */
  readonly previousTotal?: number | null;
  /** The expected value (序时进度 or a fixed target) in percent, or null when the measure has none. */
  readonly expected: number | null;
  /** 'schedule': the expected value is 序时进度; 'fixed': a fixed target (e.g. 100 % by a date). */
  readonly expectedKind?: 'schedule' | 'fixed';
  /** Lagging = more than |t| points below the expected value. Default −5. */
  readonly lagThresholdPts?: number;
  readonly rows: readonly BriefingRow[];
}

/** A unit named in the briefing, with its value (and lag or change where that is the point). */
export interface BriefingUnit {
  readonly code: string;
  readonly name: string;
  readonly value: number;
  readonly lag: number | null;
  readonly change: number | null;
}

/** What the briefing says, before it becomes words. */
export interface BriefingFacts {
  readonly kind: 'no_data' | 'one' | 'all_equal' | 'ranked';
  readonly rankedCount: number;
  readonly best: readonly BriefingUnit[];
  readonly worst: readonly BriefingUnit[];
  /** Units lagging the expected value (status 'lagging'), worst lag first. */
  readonly lagging: readonly BriefingUnit[];
  /** Units without data. */
  readonly noData: readonly string[];
  /** Change of the scope's value since compareTo (points for percentages), or null. */
  readonly totalChange: number | null;
  /** Largest and smallest change since compareTo (ties: all tied units). */
  readonly mostImproved: readonly BriefingUnit[];
  readonly leastImproved: readonly BriefingUnit[];
}

/** What a unit's value is called in a sentence ("完成率都是100.0%"). */
const valueNoun: Readonly<Record<MeasureId, { zh: string; en: string }>> = {
  spend_rate: { zh: '支出进度', en: 'spending progress' },
  spend_rate_arranged: { zh: '支出进度', en: 'spending progress' },
  funds_in_place: { zh: '资金到位率', en: 'funds in place' },
  start_rate: { zh: '开工率', en: 'start rate' },
  completion_rate: { zh: '完工率', en: 'completion rate' },
  overdue: { zh: '逾期项目占比', en: 'share of overdue projects' },
  pv_registration: { zh: '完成率', en: 'completion rate' },
  measure_coverage: { zh: '覆盖率', en: 'coverage' },
  industry_share: { zh: '产业项目占比', en: 'industry share' },
  reach_per_10k: { zh: '每万元带贫户数', en: 'households reached per 10k CNY' },
  dividend_compliance: { zh: '分红合规率', en: 'dividend compliance' },
  households: { zh: '三类人群户数', en: 'households in the three groups' },
};

/** Headlines that read like the speech for count ratios; {scope} {num} {den} {value}. */
const headlineZh: Partial<Record<MeasureId, string>> = {
  pv_registration: '{scope}{den}光伏电站纳入全国扶贫信息系统的有{num}，完成率为{value}',
  start_rate: '{scope}{den}年度扶贫项目已开工{num}，开工率为{value}',
  completion_rate: '{scope}{den}年度扶贫项目已完工{num}，完工率为{value}',
  overdue: '{scope}{den}年度扶贫项目中逾期未完工{num}，占{value}',
};

const unitNounZh: Record<BriefingLevel, string> = { county: '县（市、区）', township: '乡镇（街道）', village: '村' };
const unitNounEn: Record<BriefingLevel, [string, string]> = {
  county: ['county-level unit', 'county-level units'],
  township: ['township', 'townships'],
  village: ['village', 'villages'],
};

const tolerance = 1e-9;
const same = (a: number, b: number) => Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
const isNum = (x: number | null | undefined): x is number => x != null && Number.isFinite(x);
const round9 = (x: number) => {
  const r = Math.round(x * 1e9) / 1e9;
  return r === 0 ? 0 : r;
};

/** Number of units named at each end: one of up to 5, two of 6–8, three of 9 or more (ties add more). */
function groupSize(n: number): number {
  return Math.max(1, Math.min(3, Math.floor(n / 3)));
}

/** Which units the briefing names, from the evaluated rows. Ties never split a group. */
export function briefingFacts(input: BriefingInput): BriefingFacts {
  const better = input.measure.higherIsBetter ? 1 : -1;
  const unit = (r: BriefingRow): BriefingUnit => ({
    code: r.code,
    name: r.name,
    value: r.value as number,
    lag: isNum(r.lag) ? r.lag : null,
    change: isNum(r.value) && isNum(r.previousValue) ? round9(r.value - r.previousValue) : null,
  });
  const byCode = (a: BriefingUnit, b: BriefingUnit) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const ranked = input.rows.filter((r) => isNum(r.value)).map(unit);
  // Best first; ties in code order so the text never depends on the order of the rows.
  ranked.sort((a, b) => (same(a.value, b.value) ? byCode(a, b) : better * (b.value - a.value)));
  const noData = input.rows.filter((r) => !isNum(r.value)).map((r) => r.name);
  const lagging = input.rows
    .filter((r) => r.status === 'lagging' && isNum(r.value))
    .map(unit)
    .sort((a, b) => (input.measure.statusRule === 'zero' ? b.value - a.value : (a.lag ?? 0) - (b.lag ?? 0)) || byCode(a, b));
  const totalChange = isNum(input.total.value) && isNum(input.previousTotal) ? round9(input.total.value - input.previousTotal) : null;

  const changed = ranked.filter((u) => u.change !== null);
  let mostImproved: BriefingUnit[] = [];
  let leastImproved: BriefingUnit[] = [];
  if (changed.length >= 2) {
    const gain = (u: BriefingUnit) => better * (u.change as number);
    const top = Math.max(...changed.map(gain));
    const bottom = Math.min(...changed.map(gain));
    if (!same(top, bottom)) {
      mostImproved = changed.filter((u) => same(gain(u), top)).sort(byCode);
      leastImproved = changed.filter((u) => same(gain(u), bottom)).sort(byCode);
    }
  }
  const base = { rankedCount: ranked.length, lagging, noData, totalChange, mostImproved, leastImproved };
  if (ranked.length === 0) return { kind: 'no_data', best: [], worst: [], ...base };
  if (ranked.length === 1) return { kind: 'one', best: ranked, worst: [], ...base };
  if (same(ranked[0].value, ranked[ranked.length - 1].value)) return { kind: 'all_equal', best: ranked, worst: [], ...base };

  const k = groupSize(ranked.length);
  // Best: everyone tied with the k-th best; worst likewise from the bottom; never overlapping.
  const kthBest = ranked[k - 1].value;
  let best = ranked.filter((u) => better * (u.value - kthBest) >= 0 || same(u.value, kthBest));
  // A tie at the k-th place that reaches the bottom would leave no worst group: then the best are
  // the units above the bottom tie, and the bottom tie is the worst.
  const bottom = ranked[ranked.length - 1].value;
  if (best.length === ranked.length) best = ranked.filter((u) => !same(u.value, bottom));
  const kthWorst = ranked[ranked.length - k].value;
  const bestCodes = new Set(best.map((u) => u.code));
  const worst = ranked
    .filter((u) => !bestCodes.has(u.code) && (better * (u.value - kthWorst) <= 0 || same(u.value, kthWorst)))
    .reverse()
    .sort((a, b) => (same(a.value, b.value) ? byCode(a, b) : better * (a.value - b.value)));
  return { kind: 'ranked', best, worst, ...base };
}

// ---------------------------------------------------------------------------------------------
// Words

/** Chinese prose has no space between a number and its measure word: '725 座' → '725座'. */
const tight = (s: string) => s.replace(/(\d) (?=[万元户个座])/g, '$1');

function scopeZh(input: BriefingInput): string {
  return input.scope.level === 'city' ? '全市' : input.scope.name;
}

function scopeEn(input: BriefingInput): string {
  return input.scope.level === 'city' ? 'the city' : input.scope.name;
}

/** A value change: points for percentages, the measure's unit otherwise; signed. */
function changeText(measure: Measure, change: number, locale: Locale): string {
  if (measure.unit === 'pct') return locale === 'zh' ? tight(formatPts(change, locale)) : formatPts(change, locale);
  const text = tight(formatMeasureValue(measure, change, locale));
  return change > 0 ? `+${text}` : text;
}

const valueText = (m: Measure, v: number | null, locale: Locale) =>
  locale === 'zh' ? tight(formatMeasureValue(m, v, locale)) : formatMeasureValue(m, v, locale);

function namesZh(units: readonly { name: string }[]): string {
  return units.map((u) => u.name).join('、');
}

function namesEn(units: readonly { name: string }[]): string {
  const names = units.map((u) => u.name);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** "宁陵县、梁园区，完成率都是100.0%" or "A（65.2%）、B（60.1%）" or "A，完成率为65.2%". */
function groupZh(m: Measure, units: readonly BriefingUnit[]): string {
  const noun = valueNoun[m.id].zh;
  if (units.length === 1) return `${units[0].name}，${noun}为${valueText(m, units[0].value, 'zh')}`;
  if (units.every((u) => same(u.value, units[0].value))) return `${namesZh(units)}，${noun}都是${valueText(m, units[0].value, 'zh')}`;
  return units.map((u) => `${u.name}（${valueText(m, u.value, 'zh')}）`).join('、');
}

function groupEn(m: Measure, units: readonly BriefingUnit[]): string {
  if (units.length === 1) return `${units[0].name} (${valueText(m, units[0].value, 'en')})`;
  if (units.every((u) => same(u.value, units[0].value))) return `${namesEn(units)} (${valueText(m, units[0].value, 'en')} each)`;
  return namesEn(units.map((u) => ({ name: `${u.name} (${valueText(m, u.value, 'en')})` })));
}

function headline(input: BriefingInput, locale: Locale): string {
  const m = input.measure;
  const { numerator, denominator, value } = input.total;
  const date = formatDate(input.asOf, locale);
  if (locale === 'en') {
    let s = `As of ${date}, ${m.nameEn} in ${scopeEn(input)}: ${valueText(m, value, 'en')}`;
    if (m.denominatorUnit && isNum(numerator) && isNum(denominator)) {
      s += ` (${formatQuantity(numerator, m.numeratorUnit, 'en')} of ${formatQuantity(denominator, m.denominatorUnit, 'en')})`;
    }
    return s + expectedClause(input, 'en') + '.';
  }
  const template = headlineZh[m.id];
  let s: string;
  if (template && m.denominatorUnit && isNum(numerator) && isNum(denominator)) {
    s = template
      .replace('{scope}', scopeZh(input))
      .replace('{den}', tight(formatQuantity(denominator, m.denominatorUnit, 'zh')))
      .replace('{num}', tight(formatQuantity(numerator, m.numeratorUnit, 'zh')))
      .replace('{value}', valueText(m, value, 'zh'));
  } else {
    s = `${scopeZh(input)}${m.nameZh}为${valueText(m, value, 'zh')}`;
    if (m.denominatorUnit && m.denominatorLabelZh && isNum(numerator) && isNum(denominator)) {
      s += `（${m.numeratorLabelZh}${tight(formatQuantity(numerator, m.numeratorUnit, 'zh'))}，${m.denominatorLabelZh}${tight(formatQuantity(denominator, m.denominatorUnit, 'zh'))}）`;
    }
  }
  return `截至${date}，${s}${expectedClause(input, 'zh')}。`;
}

function expectedName(input: BriefingInput, locale: Locale): string {
  if (input.expectedKind === 'fixed') return locale === 'zh' ? '目标' : 'the target';
  return locale === 'zh' ? '序时进度' : 'the time-proportional target';
}

/** "，序时进度为51.3%，落后6.0个百分点" */
function expectedClause(input: BriefingInput, locale: Locale): string {
  if (input.expected === null) return '';
  const exp = formatPct(input.expected, locale);
  const v = input.total.value;
  const lag = isNum(v) ? round9(v - input.expected) : null;
  if (locale === 'zh') {
    let s = `，${expectedName(input, 'zh')}为${exp}`;
    if (lag !== null) {
      const pts = formatPct(Math.abs(lag), 'zh').replace('%', '个百分点');
      const level = input.expectedKind === 'fixed' ? '，已达到目标' : '，与序时进度持平';
      s += Math.abs(lag) < 0.05 ? level : lag < 0 ? `，落后${pts}` : `，超出${pts}`;
    }
    return s;
  }
  let s = `, against ${expectedName(input, 'en')} of ${exp}`;
  if (lag !== null) {
    const pts = formatPct(Math.abs(lag), 'en').replace('%', ' pts');
    s += Math.abs(lag) < 0.05 ? ', on target' : lag < 0 ? `, ${pts} behind` : `, ${pts} ahead`;
  }
  return s;
}

function rankingSentence(input: BriefingInput, f: BriefingFacts, locale: Locale): string {
  const m = input.measure;
  const n = f.rankedCount;
  if (locale === 'zh') {
    const units = unitNounZh[input.level];
    const noun = valueNoun[m.id].zh;
    const good = m.higherIsBetter && m.unit === 'pct' ? '完成' : '情况';
    switch (f.kind) {
      case 'no_data':
        return `截至${formatDate(input.asOf, 'zh')}，${scopeZh(input)}各${units}暂无${m.nameZh}数据。`;
      case 'one':
        return `${scopeZh(input)}仅${f.best[0].name}有数据，${noun}为${valueText(m, f.best[0].value, 'zh')}。`;
      case 'all_equal':
        return `${scopeZh(input)}${n}个${units}${noun}都是${valueText(m, f.best[0].value, 'zh')}，并列第一。`;
      default: {
        const bestWord = f.best.length === 1 ? '最好' : '较好';
        const worstWord = f.worst.length === 1 ? '最差' : '较差';
        return `${good}${bestWord}的是${groupZh(m, f.best)}；${good}${worstWord}的是${groupZh(m, f.worst)}。`;
      }
    }
  }
  const [one, many] = unitNounEn[input.level];
  switch (f.kind) {
    case 'no_data':
      return `As of ${formatDate(input.asOf, 'en')}, no ${many} in ${scopeEn(input)} have data on ${m.nameEn} yet.`;
    case 'one':
      return `Only ${f.best[0].name} has data: ${valueText(m, f.best[0].value, 'en')}.`;
    case 'all_equal':
      return `All ${n} ${n === 1 ? one : many} stand at ${valueText(m, f.best[0].value, 'en')}, tied first.`;
    default:
      return `Best: ${groupEn(m, f.best)}; worst: ${groupEn(m, f.worst)}.`;
  }
}

function laggingSentence(input: BriefingInput, f: BriefingFacts, locale: Locale): string | null {
  const m = input.measure;
  if (f.rankedCount === 0) return null;
  const t = Math.abs(input.lagThresholdPts ?? defaultLagThresholdPts);
  if (m.statusRule === 'zero') {
    if (locale === 'zh') {
      const units = unitNounZh[input.level];
      if (f.lagging.length === 0) return `各${units}均无${m.numeratorLabelZh}。`;
      return `有${m.numeratorLabelZh}的${units}${f.lagging.length}个：${f.lagging.map((u) => `${u.name}（${valueText(m, u.value, 'zh')}）`).join('、')}。`;
    }
    if (f.lagging.length === 0) return `No ${unitNounEn[input.level][1]} have ${m.numeratorLabelEn.toLowerCase()}.`;
    return `${f.lagging.length} with ${m.numeratorLabelEn.toLowerCase()}: ${namesEn(f.lagging.map((u) => ({ name: `${u.name} (${valueText(m, u.value, 'en')})` })))}.`;
  }
  if (input.expected === null || m.statusRule !== 'schedule') return null;
  const lagPts = (u: BriefingUnit, locale: Locale) =>
    formatPct(Math.abs(u.lag ?? 0), locale).replace('%', locale === 'zh' ? '个百分点' : ' pts');
  if (locale === 'zh') {
    const units = unitNounZh[input.level];
    const name = expectedName(input, 'zh');
    if (f.lagging.length === 0) return `没有落后${name}超过${t}个百分点的${units}。`;
    return `落后${name}超过${t}个百分点的${units}有${f.lagging.length}个：${f.lagging.map((u) => `${u.name}（落后${lagPts(u, 'zh')}）`).join('、')}。`;
  }
  const many = unitNounEn[input.level][1];
  const name = expectedName(input, 'en');
  if (f.lagging.length === 0) return `No ${many} lag ${name} by more than ${t} pts.`;
  const one = unitNounEn[input.level][0];
  return `${f.lagging.length} ${f.lagging.length === 1 ? `${one} lags` : `${many} lag`} ${name} by more than ${t} pts: ${namesEn(f.lagging.map((u) => ({ name: `${u.name} (${lagPts(u, 'en')} behind)` })))}.`;
}

/** Units of one tie group named in the change sentence before the rest are counted. */
const maxTiedNamed = 3;

function changeSentence(input: BriefingInput, f: BriefingFacts, locale: Locale): string | null {
  const m = input.measure;
  if (!input.compareTo || f.totalChange === null) return null;
  const date = formatDate(input.compareTo, locale);
  const moveZh = (c: number) =>
    Math.abs(c) < 1e-9 ? '持平' : `${c > 0 ? '提高' : '下降'}${changeText(m, Math.abs(c), 'zh').replace('+', '')}`;
  // A tie group shares one change; past three units it is summarised so the sentence stays readable aloud.
  const unitsZh = (us: readonly BriefingUnit[]) =>
    us.length > maxTiedNamed
      ? `${us
          .slice(0, maxTiedNamed)
          .map((u) => u.name)
          .join('、')}等${us.length}个${unitNounZh[input.level]}（均为${changeText(m, us[0].change as number, 'zh')}）`
      : us.map((u) => `${u.name}（${changeText(m, u.change as number, 'zh')}）`).join('、');
  const unitsEn = (us: readonly BriefingUnit[]) =>
    us.length > maxTiedNamed
      ? `${us
          .slice(0, maxTiedNamed)
          .map((u) => u.name)
          .join(', ')} and ${us.length - maxTiedNamed} more (${changeText(m, us[0].change as number, 'en')} each)`
      : namesEn(us.map((u) => ({ name: `${u.name} (${changeText(m, u.change as number, 'en')})` })));
  if (locale === 'zh') {
    let s = `与上次调度（数据截至${date}）相比，${scopeZh(input)}${m.nameZh}${moveZh(f.totalChange)}`;
    if (f.mostImproved.length > 0) {
      const lastWord = (f.leastImproved[0].change as number) * (m.higherIsBetter ? 1 : -1) < 0 ? '退步最多' : '进展最慢';
      s += `；进展最快的是${unitsZh(f.mostImproved)}，${lastWord}的是${unitsZh(f.leastImproved)}`;
    }
    return `${s}。`;
  }
  const c = f.totalChange;
  let s = `Since the previous meeting (data as of ${date}), ${m.nameEn} in ${scopeEn(input)} ${Math.abs(c) < 1e-9 ? 'is unchanged' : `${c > 0 ? 'rose' : 'fell'} by ${changeText(m, Math.abs(c), 'en').replace('+', '')}`}`;
  if (f.mostImproved.length > 0) {
    const lastWord = (f.leastImproved[0].change as number) * (m.higherIsBetter ? 1 : -1) < 0 ? 'most setback' : 'slowest';
    s += `; fastest progress: ${unitsEn(f.mostImproved)}; ${lastWord}: ${unitsEn(f.leastImproved)}`;
  }
  return `${s}.`;
}

function noDataSentence(input: BriefingInput, f: BriefingFacts, locale: Locale): string | null {
  if (f.noData.length === 0 || f.rankedCount === 0) return null;
  if (locale === 'zh') return `${f.noData.join('、')}暂无数据。`;
  return `No data yet for ${namesEn(f.noData.map((name) => ({ name })))}.`;
}

/**
 * The briefing as sentences, in reading order: headline (value, target), best and worst, lagging
 * units, change since the previous meeting, units without data. Sentences that have nothing to say
 * are left out.
 */
export function briefingSentences(input: BriefingInput, locale: Locale = 'zh'): string[] {
  const f = briefingFacts(input);
  const out: (string | null)[] = [
    f.kind === 'no_data' ? null : headline(input, locale),
    rankingSentence(input, f, locale),
    laggingSentence(input, f, locale),
    changeSentence(input, f, locale),
    noDataSentence(input, f, locale),
  ];
  return out.filter((s): s is string => s !== null);
}
