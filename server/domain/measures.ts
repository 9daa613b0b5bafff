/**
 * The measure catalogue (指标): what each map measure means, its formula, units and direction, and
 * the one implementation of each formula's final arithmetic (`measureValue`). SQL aggregates the
 * numerator and denominator per area; everything after that division happens here, so the server,
 * the tests and the client legend agree to the last digit.
 */
import { withLabourLabel } from './labour.ts';

/** Measure ids, in the order of docs/domain.md. */
export const measureIds = [
  'spend_rate',
  'spend_rate_arranged',
  'funds_in_place',
  'start_rate',
  'completion_rate',
  'overdue',
  'pv_registration',
  'measure_coverage',
  'industry_share',
  'reach_per_10k',
  'dividend_compliance',
  'households',
] as const;
export type MeasureId = (typeof measureIds)[number];

/** Groups of the measure list, in the order of the left panel (docs/ux.md). */
export const measureGroups = ['funds', 'projects', 'pv', 'households', 'benefit'] as const;
export type MeasureGroup = (typeof measureGroups)[number];

/** Display names of the measure groups. */
export const measureGroupNames: Readonly<Record<MeasureGroup, { readonly zh: string; readonly en: string }>> = {
  funds: { zh: '资金', en: 'Funds' },
  projects: { zh: '项目', en: 'Projects' },
  pv: { zh: '光伏', en: 'PV stations' },
  households: { zh: '三类人群', en: 'Three groups' },
  benefit: { zh: '带贫成效', en: 'Benefit to households' },
};

/**
 * Unit of a numerator or denominator: 'wan' 万元 (10,000 元), 'yuan' 元, or a count of projects (个),
 * PV stations (座) or households (户).
 */
export const quantityUnits = ['wan', 'yuan', 'project', 'station', 'household'] as const;
export type QuantityUnit = (typeof quantityUnits)[number];

/**
 * Unit of a measure's value: 'pct' percent (0–100, may exceed 100 when the data do), 'per_10k_yuan'
 * households per 10,000 元, 'count' a plain count (the numerator itself).
 */
export const valueUnits = ['pct', 'per_10k_yuan', 'count'] as const;
export type ValueUnit = (typeof valueUnits)[number];

/**
 * How an area's status colour is decided:
 * - 'schedule': against the time-proportional target 序时进度 (see time-target.ts);
 * - 'zero': the goal is a value of 0 (overdue projects): 0 is on track, anything above is lagging;
 * - 'none': no status; the measure is only ranked.
 */
export const statusRules = ['schedule', 'zero', 'none'] as const;
export type StatusRule = (typeof statusRules)[number];

/** One measure of the catalogue. Labels come in Chinese (shown first) and English. */
export interface Measure {
  readonly id: MeasureId;
  readonly group: MeasureGroup;
  readonly nameZh: string;
  readonly nameEn: string;
  /** The formula as shown in the legend, e.g. '已支出 ÷ 项目投资总额'. */
  readonly formulaZh: string;
  readonly formulaEn: string;
  readonly numeratorLabelZh: string;
  readonly numeratorLabelEn: string;
  /** Null for 'count' measures, which have no denominator. */
  readonly denominatorLabelZh: string | null;
  readonly denominatorLabelEn: string | null;
  readonly numeratorUnit: QuantityUnit;
  readonly denominatorUnit: QuantityUnit | null;
  /** Unit of the value that `measureValue` returns. */
  readonly unit: ValueUnit;
  /** Direction of "better" for ranking and ramps. */
  readonly higherIsBetter: boolean;
  /** Whether 序时进度 (expected value, lag) applies; true exactly when `statusRule` is 'schedule'. */
  readonly hasTarget: boolean;
  readonly statusRule: StatusRule;
}

/** The catalogue, in `measureIds` order. */
export const measureCatalogue: readonly Measure[] = [
  {
    id: 'spend_rate',
    group: 'funds',
    nameZh: '资金支出进度',
    nameEn: 'Spending progress',
    formulaZh: '已支出 ÷ 项目投资总额',
    formulaEn: 'spent ÷ total investment',
    numeratorLabelZh: '已支出',
    numeratorLabelEn: 'Spent',
    denominatorLabelZh: '项目投资总额',
    denominatorLabelEn: 'Total investment',
    numeratorUnit: 'wan',
    denominatorUnit: 'wan',
    unit: 'pct',
    higherIsBetter: true,
    hasTarget: true,
    statusRule: 'schedule',
  },
  {
    id: 'spend_rate_arranged',
    group: 'funds',
    nameZh: '支出进度（按已安排资金）',
    nameEn: 'Spending progress (arranged basis)',
    formulaZh: '已支出 ÷ 已安排资金',
    formulaEn: 'spent ÷ arranged funds',
    numeratorLabelZh: '已支出',
    numeratorLabelEn: 'Spent',
    denominatorLabelZh: '已安排资金',
    denominatorLabelEn: 'Arranged funds',
    numeratorUnit: 'wan',
    denominatorUnit: 'wan',
    unit: 'pct',
    higherIsBetter: true,
    hasTarget: true,
    statusRule: 'schedule',
  },
  {
    id: 'funds_in_place',
    group: 'funds',
    nameZh: '资金到位率',
    nameEn: 'Funds in place',
    formulaZh: '已安排资金 ÷ 项目投资总额',
    formulaEn: 'arranged funds ÷ total investment',
    numeratorLabelZh: '已安排资金',
    numeratorLabelEn: 'Arranged funds',
    denominatorLabelZh: '项目投资总额',
    denominatorLabelEn: 'Total investment',
    numeratorUnit: 'wan',
    denominatorUnit: 'wan',
    unit: 'pct',
    higherIsBetter: true,
    hasTarget: true,
    statusRule: 'schedule',
  },
  {
    id: 'start_rate',
    group: 'projects',
    nameZh: '项目开工率',
    nameEn: 'Start rate',
    formulaZh: '已开工项目数 ÷ 年度项目数',
    formulaEn: 'projects started ÷ projects of the year',
    numeratorLabelZh: '已开工项目',
    numeratorLabelEn: 'Projects started',
    denominatorLabelZh: '年度项目',
    denominatorLabelEn: 'Projects of the year',
    numeratorUnit: 'project',
    denominatorUnit: 'project',
    unit: 'pct',
    higherIsBetter: true,
    hasTarget: true,
    statusRule: 'schedule',
  },
  {
    id: 'completion_rate',
    group: 'projects',
    nameZh: '项目完工率',
    nameEn: 'Completion rate',
    formulaZh: '已完工项目数（完工、验收、运营）÷ 年度项目数',
    formulaEn: 'projects completed (completed, accepted, operating) ÷ projects of the year',
    numeratorLabelZh: '已完工项目',
    numeratorLabelEn: 'Projects completed',
    denominatorLabelZh: '年度项目',
    denominatorLabelEn: 'Projects of the year',
    numeratorUnit: 'project',
    denominatorUnit: 'project',
    unit: 'pct',
    higherIsBetter: true,
    hasTarget: true,
    statusRule: 'schedule',
  },
  {
    // The value is the share, so areas of different size compare fairly; the count is the numerator.
    id: 'overdue',
    group: 'projects',
    nameZh: '逾期项目占比',
    nameEn: 'Overdue projects',
    formulaZh: '逾期未完工项目数 ÷ 年度项目数',
    formulaEn: 'projects past planned completion and not completed ÷ projects of the year',
    numeratorLabelZh: '逾期项目',
    numeratorLabelEn: 'Overdue projects',
    denominatorLabelZh: '年度项目',
    denominatorLabelEn: 'Projects of the year',
    numeratorUnit: 'project',
    denominatorUnit: 'project',
    unit: 'pct',
    higherIsBetter: false,
    hasTarget: false,
    statusRule: 'zero',
  },
  {
    id: 'pv_registration',
    group: 'pv',
    nameZh: '光伏电站纳入系统完成率',
    nameEn: 'PV stations registered',
    formulaZh: '纳入全国扶贫开发信息系统的电站数 ÷ 电站总数',
    formulaEn: 'stations entered in the national system ÷ all stations',
    numeratorLabelZh: '已纳入系统电站',
    numeratorLabelEn: 'Stations registered',
    denominatorLabelZh: '电站总数',
    denominatorLabelEn: 'All stations',
    numeratorUnit: 'station',
    denominatorUnit: 'station',
    unit: 'pct',
    higherIsBetter: true,
    hasTarget: true,
    statusRule: 'schedule',
  },
  {
    id: 'measure_coverage',
    group: 'households',
    nameZh: '两项以上产业措施覆盖率',
    nameEn: 'Coverage by ≥ 2 industry measures',
    formulaZh: `${withLabourLabel.zh}的三类人群中有两项以上产业措施的户数 ÷ ${withLabourLabel.zh}的三类人群户数`,
    formulaEn: `households of the three groups ${withLabourLabel.en} and with ≥ 2 industry measures ÷ households of the three groups ${withLabourLabel.en}`,
    numeratorLabelZh: '两项以上产业措施户',
    numeratorLabelEn: 'Households with ≥ 2 measures',
    denominatorLabelZh: `${withLabourLabel.zh}户`,
    denominatorLabelEn: `Households ${withLabourLabel.en}`,
    numeratorUnit: 'household',
    denominatorUnit: 'household',
    unit: 'pct',
    higherIsBetter: true,
    hasTarget: true,
    statusRule: 'schedule',
  },
  {
    id: 'industry_share',
    group: 'benefit',
    nameZh: '产业项目投资占比',
    nameEn: 'Industry share of investment',
    formulaZh: '产业项目投资总额 ÷ 项目投资总额',
    formulaEn: 'total investment of industry projects ÷ total investment',
    numeratorLabelZh: '产业项目投资',
    numeratorLabelEn: 'Industry investment',
    denominatorLabelZh: '项目投资总额',
    denominatorLabelEn: 'Total investment',
    numeratorUnit: 'wan',
    denominatorUnit: 'wan',
    unit: 'pct',
    higherIsBetter: true,
    hasTarget: false,
    statusRule: 'none',
  },
  {
    id: 'reach_per_10k',
    group: 'benefit',
    nameZh: '带贫效益',
    nameEn: 'Households reached per 10,000 CNY',
    formulaZh: '产业项目带贫户数 ÷ 产业项目投资总额（户/万元）',
    formulaEn: 'households reached by industry projects ÷ industry investment (households per 10k CNY)',
    numeratorLabelZh: '带贫户数',
    numeratorLabelEn: 'Households reached',
    denominatorLabelZh: '产业项目投资',
    denominatorLabelEn: 'Industry investment',
    numeratorUnit: 'household',
    denominatorUnit: 'wan',
    unit: 'per_10k_yuan',
    higherIsBetter: true,
    hasTarget: false,
    statusRule: 'none',
  },
  {
    id: 'dividend_compliance',
    group: 'benefit',
    nameZh: '分红合规率',
    nameEn: 'Dividend compliance',
    formulaZh: '分红比例达标的分红项目数 ÷ 分红项目数',
    formulaEn: 'dividend-linked projects at or above the minimum rate ÷ dividend-linked projects',
    numeratorLabelZh: '分红达标项目',
    numeratorLabelEn: 'Compliant projects',
    denominatorLabelZh: '分红项目',
    denominatorLabelEn: 'Dividend-linked projects',
    numeratorUnit: 'project',
    denominatorUnit: 'project',
    unit: 'pct',
    higherIsBetter: true,
    hasTarget: false,
    statusRule: 'none',
  },
  {
    // Context rather than performance: fewer households left in the three groups ranks first.
    id: 'households',
    group: 'households',
    nameZh: '三类人群',
    nameEn: 'Three groups',
    formulaZh: '未脱贫户 + 边缘户 + 风险监测户',
    formulaEn: 'not yet out of poverty + edge + monitored households',
    numeratorLabelZh: '三类人群户数',
    numeratorLabelEn: 'Households in the three groups',
    denominatorLabelZh: null,
    denominatorLabelEn: null,
    numeratorUnit: 'household',
    denominatorUnit: null,
    unit: 'count',
    higherIsBetter: false,
    hasTarget: false,
    statusRule: 'none',
  },
];

const byId = new Map<string, Measure>(measureCatalogue.map((m) => [m.id, m]));

/** True when `id` names a measure of the catalogue (use it to narrow untrusted strings). */
export function isMeasureId(id: string): id is MeasureId {
  return byId.has(id);
}

/**
 * The catalogue entry of a measure.
 * @throws RangeError for an id outside the catalogue (only reachable from untyped callers).
 */
export function getMeasure(id: MeasureId): Measure {
  const measure = byId.get(id);
  if (!measure) throw new RangeError(`Unknown measure id: ${String(id)}`);
  return measure;
}

/** 元 per unit of a money quantity. */
const yuanPer: Partial<Record<QuantityUnit, number>> = { wan: 10_000, yuan: 1 };

/**
 * The value of a measure from its aggregated numerator and denominator, in the measure's `unit`:
 * - 'pct': 100 · numerator ÷ denominator (not clamped: spending above the total shows above 100);
 * - 'per_10k_yuan': households per 10,000 元. The denominator is money in its `denominatorUnit`;
 *   in 万元 (the database's unit) 1 万元 = 10,000 元, so the value is simply numerator ÷ denominator;
 *   in 元 it is numerator ÷ denominator · 10,000;
 * - 'count': the numerator; the denominator is ignored.
 *
 * "No data" is null, never 0 or 100: a null, NaN or infinite numerator, and, for ratios, a null, NaN,
 * infinite, zero or negative denominator all give null.
 */
export function measureValue(
  measure: Measure,
  numerator: number | null | undefined,
  denominator: number | null | undefined,
): number | null {
  if (numerator == null || !Number.isFinite(numerator)) return null;
  if (measure.unit === 'count') return numerator;
  if (denominator == null || !Number.isFinite(denominator) || denominator <= 0) return null;
  if (measure.unit === 'pct') return (100 * numerator) / denominator;
  const yuan = measure.denominatorUnit ? yuanPer[measure.denominatorUnit] : undefined;
  if (yuan === undefined) throw new RangeError(`Measure ${measure.id}: per_10k_yuan needs a money denominator`);
  // 10,000 / 元-per-unit is 1 for 万元, so the common case is an exact n ÷ d.
  return (numerator * (10_000 / yuan)) / denominator;
}
