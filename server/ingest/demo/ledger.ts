/**
 * Pure generation of the demo ledger for one city and year: projects with monthly progress, the
 * villages industry projects reach, PV stations, households, meetings, targets and settings. The
 * per-county scenario below encodes the 4th dispatch meeting's speech (2020-06-22) so the story is
 * visible in the aggregates; everything else is seeded noise. Money is in 万元 with at most 4 decimals
 * (computed in whole 元 and divided by 10,000), dates are 'YYYY-MM-DD', points are [lng, lat].
 */
import type {
  households,
  meetings,
  projectBeneficiaries,
  projectProgress,
  projects,
  pvStations,
  settings,
  targets,
} from '../../db/schema.ts';
import type {
  HouseholdCategory,
  IndustryMode,
  LabourCapacity,
  LinkageMechanism,
  ProjectCategory,
  ProjectStatus,
  ResponsibleLevel,
} from '../../contracts/enums.ts';
import { multiBbox, multiIncludesPoint, type MultiCoords, type RegionRow } from './boundaries.ts';
import { createRandom, hashSeed, type Random } from './random.ts';

export type ProjectRow = typeof projects.$inferInsert;
export type ProgressRow = typeof projectProgress.$inferInsert;
export type BeneficiaryRow = typeof projectBeneficiaries.$inferInsert;
export type PvStationRow = typeof pvStations.$inferInsert;
export type HouseholdRow = typeof households.$inferInsert;
export type MeetingRow = typeof meetings.$inferInsert;
export type TargetRow = typeof targets.$inferInsert;
export type SettingRow = typeof settings.$inferInsert;

export interface LedgerData {
  projects: ProjectRow[];
  projectProgress: ProgressRow[];
  projectBeneficiaries: BeneficiaryRow[];
  pvStations: PvStationRow[];
  households: HouseholdRow[];
  meetings: MeetingRow[];
  targets: TargetRow[];
  settings: SettingRow[];
}

/** What one county-level unit's data must show at the last cut-off (shares are 0–1). */
export interface CountyScenario {
  /** Every project's arranged funds equal its total investment (the speech's X区、X区、示范区和X市). */
  fullyArranged: boolean;
  /** Target Σ arranged / Σ total investment when not fully arranged (± 1.5 points of seeded jitter). */
  arrangedShare: number;
  /** Exact share of projects started (开工) by the last cut-off. */
  startShare: number;
  /** Exact share of projects completed (完工/验收/运营) by the last cut-off. */
  completionShare: number;
  /** Target Σ spent / Σ total investment at the last cut-off (± 1.5 points of seeded jitter). */
  spendShare: number;
  projectCount: number;
  /** Probability that a project is an industry project. */
  industryProbability: number;
  /** Households reached by industry projects per 万元 invested (median; projects vary around it). */
  reachPerWan: number;
  /** Pays a fixed "interest" below the minimum dividend rate on most dividend-linked projects. */
  paysInterest: boolean;
  /** Share of three-group households with labour capacity that have ≥ 2 industry measures. */
  measureCoverage: number;
  /** Share of PV stations registered in the national system by the last cut-off (1 = all). */
  pvRegistration: number;
  centralizedPv: number;
  householdPv: number;
  /** Relative density of poor households. */
  povertyFactor: number;
  /** Share of approved projects whose ledger row is signed by the county's main leader. */
  signShare: number;
}

const s = (v: Omit<CountyScenario, 'arrangedShare'> & { arrangedShare?: number }): CountyScenario => ({ arrangedShare: 1, ...v });

/**
 * 商丘市 2020. Expected (序时进度) at 2020-06-20 with the linear window 01-01 → 11-30: 171/334 ≈ 51.2 %.
 * Fully arranged: 梁园区, 睢阳区, 示范区 (411472 河南商丘经济开发区) and 永城市. PV at 100 %: 宁陵县, 411472,
 * 梁园区, 睢阳区; PV low (all 50 %): 永城市, 民权县, 柘城县, 夏邑县. Interest instead of dividends: 睢县,
 * 柘城县, 夏邑县. Weak reach per 万元: 民权县, 柘城县, 虞城县, 夏邑县.
 */
export const shangqiuScenario: Readonly<Record<string, CountyScenario>> = {
  '411402': s({
    fullyArranged: true,
    startShare: 0.86,
    completionShare: 0.56,
    spendShare: 0.58,
    projectCount: 175,
    industryProbability: 0.4,
    reachPerWan: 0.95,
    paysInterest: false,
    measureCoverage: 0.97,
    pvRegistration: 1,
    centralizedPv: 0,
    householdPv: 0,
    povertyFactor: 0.6,
    signShare: 0.97,
  }),
  '411403': s({
    fullyArranged: true,
    startShare: 0.8,
    completionShare: 0.5,
    spendShare: 0.49,
    projectCount: 225,
    industryProbability: 0.4,
    reachPerWan: 0.85,
    paysInterest: false,
    measureCoverage: 0.95,
    pvRegistration: 1,
    centralizedPv: 0,
    householdPv: 12,
    povertyFactor: 0.7,
    signShare: 0.95,
  }),
  '411421': s({
    fullyArranged: false,
    arrangedShare: 0.7,
    startShare: 0.66,
    completionShare: 0.33,
    spendShare: 0.38,
    projectCount: 335,
    industryProbability: 0.42,
    reachPerWan: 0.28,
    paysInterest: false,
    measureCoverage: 0.84,
    pvRegistration: 0.5,
    centralizedPv: 1,
    householdPv: 20,
    povertyFactor: 1.2,
    signShare: 0.85,
  }),
  '411422': s({
    fullyArranged: false,
    arrangedShare: 0.78,
    startShare: 0.72,
    completionShare: 0.4,
    spendShare: 0.44,
    projectCount: 335,
    industryProbability: 0.45,
    reachPerWan: 0.8,
    paysInterest: true,
    measureCoverage: 0.8,
    pvRegistration: 0.8,
    centralizedPv: 0,
    householdPv: 25,
    povertyFactor: 1.1,
    signShare: 0.8,
  }),
  '411423': s({
    fullyArranged: false,
    arrangedShare: 0.8,
    startShare: 0.8,
    completionShare: 0.5,
    spendShare: 0.52,
    projectCount: 230,
    industryProbability: 0.45,
    reachPerWan: 0.9,
    paysInterest: false,
    measureCoverage: 0.96,
    pvRegistration: 1,
    centralizedPv: 0,
    householdPv: 10,
    povertyFactor: 1,
    signShare: 0.95,
  }),
  '411424': s({
    fullyArranged: false,
    arrangedShare: 0.66,
    startShare: 0.6,
    completionShare: 0.3,
    spendShare: 0.34,
    projectCount: 305,
    industryProbability: 0.4,
    reachPerWan: 0.25,
    paysInterest: true,
    measureCoverage: 0.74,
    pvRegistration: 0.5,
    centralizedPv: 1,
    householdPv: 18,
    povertyFactor: 1.25,
    signShare: 0.75,
  }),
  '411425': s({
    fullyArranged: false,
    arrangedShare: 0.82,
    startShare: 0.7,
    completionShare: 0.38,
    spendShare: 0.42,
    projectCount: 370,
    industryProbability: 0.42,
    reachPerWan: 0.32,
    paysInterest: false,
    measureCoverage: 0.9,
    pvRegistration: 0.88,
    centralizedPv: 1,
    householdPv: 15,
    povertyFactor: 1.1,
    signShare: 0.9,
  }),
  '411426': s({
    fullyArranged: false,
    arrangedShare: 0.62,
    startShare: 0.55,
    completionShare: 0.26,
    spendShare: 0.3,
    projectCount: 440,
    industryProbability: 0.38,
    reachPerWan: 0.22,
    paysInterest: true,
    measureCoverage: 0.7,
    pvRegistration: 0.5,
    centralizedPv: 1,
    householdPv: 30,
    povertyFactor: 1.3,
    signShare: 0.7,
  }),
  '411471': s({
    fullyArranged: false,
    arrangedShare: 0.85,
    startShare: 0.78,
    completionShare: 0.45,
    spendShare: 0.48,
    projectCount: 70,
    industryProbability: 0.5,
    reachPerWan: 0.75,
    paysInterest: false,
    measureCoverage: 0.93,
    pvRegistration: 0.7,
    centralizedPv: 0,
    householdPv: 4,
    povertyFactor: 0.45,
    signShare: 0.9,
  }),
  '411472': s({
    fullyArranged: true,
    startShare: 0.92,
    completionShare: 0.65,
    spendShare: 0.66,
    projectCount: 55,
    industryProbability: 0.5,
    reachPerWan: 1.1,
    paysInterest: false,
    measureCoverage: 0.99,
    pvRegistration: 1,
    centralizedPv: 1,
    householdPv: 8,
    povertyFactor: 0.4,
    signShare: 1,
  }),
  '411481': s({
    fullyArranged: true,
    startShare: 0.82,
    completionShare: 0.52,
    spendShare: 0.53,
    projectCount: 450,
    industryProbability: 0.42,
    reachPerWan: 0.7,
    paysInterest: false,
    measureCoverage: 0.92,
    pvRegistration: 0.5,
    centralizedPv: 2,
    householdPv: 24,
    povertyFactor: 0.9,
    signShare: 0.92,
  }),
};

/** Household totals of the whole city per category (the three groups plus lifted households as context). */
export const shangqiuHouseholdTotals: Readonly<Record<HouseholdCategory, number>> = {
  not_lifted: 3200,
  edge: 6800,
  monitored: 5600,
  lifted: 20400,
};

export const demoYear = 2020;
/** Dispatch meetings of the demo year; the 4th is the speech's, data as of 2020-06-20. */
export const demoMeetings: readonly MeetingRow[] = [
  { year: demoYear, number: 1, meetingDate: '2020-03-24', cutOff: '2020-03-20' },
  { year: demoYear, number: 2, meetingDate: '2020-04-24', cutOff: '2020-04-20' },
  { year: demoYear, number: 3, meetingDate: '2020-05-22', cutOff: '2020-05-20' },
  { year: demoYear, number: 4, meetingDate: '2020-06-22', cutOff: '2020-06-20' },
];
/** Minimum dividend rate in percent (setting `dividend_min_rate_pct`). */
export const dividendMinRatePct = 5;
/** As-of dates of the monthly history: month ends January–May plus every meeting's cut-off, ascending. */
export const progressDates: readonly string[] = [
  ...new Set(['2020-01-31', '2020-02-29', '2020-03-31', '2020-04-30', '2020-05-31', ...demoMeetings.map((m) => m.cutOff)]),
].sort();

// ---------------------------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01, UTC), so arithmetic is plain integers.

const DAY_MS = 86_400_000;
/** Day number of an ISO date 'YYYY-MM-DD'. */
export function dayOfIso(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}
/** ISO date 'YYYY-MM-DD' of a day number. */
export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const yuanToWan = (yuan: number) => yuan / 10000;
const round2 = (v: number) => Math.round(v * 100) / 100;
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

interface Village {
  code: string;
  name: string;
  shortName: string;
  townshipCode: string;
  countyCode: string;
  poor: boolean;
  urban: boolean;
  geom: MultiCoords;
  bbox: [number, number, number, number];
}

/** 'X村委会' → 'X村', 'X社区居委会' → 'X社区', 'X居委会' → 'X社区'. */
function villageShortName(name: string): string {
  if (name.endsWith('村委会')) return name.slice(0, -2);
  if (name.endsWith('社区居委会')) return name.slice(0, -3);
  if (name.endsWith('居委会')) return `${name.slice(0, -3)}社区`;
  return name;
}

/** A point inside the village (rounded to 6 decimals, still inside after rounding). */
function pointInVillage(v: Village, rnd: Random): [number, number] {
  for (let i = 0; i < 10000; i++) {
    const p: [number, number] = [round6(rnd.float(v.bbox[0], v.bbox[2])), round6(rnd.float(v.bbox[1], v.bbox[3]))];
    if (multiIncludesPoint(v.geom, p)) return p;
  }
  throw new Error(`could not place a point in village ${v.code}`);
}

/** Split `total` whole units into parts proportional to `weights` (largest remainder, ties by index). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  let rest = total - parts.reduce((a, p) => a + p, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) parts[order[k].i]++;
  return parts;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

// ---------------------------------------------------------------------------------------------
// Projects

const nonIndustryCategories: ProjectCategory[] = [
  'infrastructure',
  'welfare_job',
  'education',
  'medical',
  'housing',
  'employment',
  'other',
];
const nonIndustryWeights = [0.36, 0.12, 0.09, 0.07, 0.15, 0.12, 0.09];
const industryModeList: IndustryMode[] = [
  'leading_enterprise',
  'planting',
  'breeding',
  'pv',
  'processing',
  'ecommerce',
  'tourism',
  'other',
];
const industryModeWeights = [0.15, 0.25, 0.2, 0.07, 0.13, 0.09, 0.04, 0.07];

/** Total investment range in 万元 per category (skewed towards the low end). */
const investmentRangeWan: Record<ProjectCategory, [number, number]> = {
  industry: [30, 650],
  infrastructure: [20, 420],
  welfare_job: [5, 60],
  education: [5, 80],
  medical: [10, 90],
  housing: [3, 45],
  employment: [5, 50],
  other: [5, 60],
};
/** Planned duration in days per category. */
const durationDays: Record<ProjectCategory, [number, number]> = {
  industry: [60, 170],
  infrastructure: [40, 120],
  welfare_job: [120, 240],
  education: [20, 90],
  medical: [30, 100],
  housing: [30, 90],
  employment: [20, 120],
  other: [20, 90],
};

const projectNameParts: Record<ProjectCategory, string[]> = {
  industry: [],
  infrastructure: ['道路硬化工程', '农田灌溉机井工程', '安全饮水巩固提升工程', '排水沟渠疏浚工程', '桥涵建设工程', '文化广场建设项目'],
  welfare_job: ['公益岗位补贴项目', '保洁公益岗位项目', '护路护林公益岗位项目'],
  education: ['雨露计划教育补助', '幼儿园改造项目', '学校标准化建设项目'],
  medical: ['村卫生室标准化建设', '家庭医生签约服务补助', '大病救助补充保险'],
  housing: ['危房改造项目', '农村住房安全保障项目'],
  employment: ['扶贫车间就业补贴', '转移就业交通补贴', '职业技能培训项目'],
  other: ['人居环境整治项目', '小额信贷贴息项目', '村级光伏运维项目'],
};
const industryNameParts: Record<IndustryMode, string[]> = {
  leading_enterprise: ['龙头企业带贫项目', '农业产业化龙头企业带动项目', '食品加工企业带贫项目'],
  planting: ['桃梨种植结构调整项目', '大棚蔬菜种植项目', '食用菌种植基地', '中药材种植项目', '优质小麦种植项目', '西瓜种植项目'],
  breeding: ['肉鸭养殖项目', '肉牛养殖项目', '湖羊养殖项目', '生猪养殖项目', '蛋鸡养殖项目', '鸭粪养鱼循环农业项目'],
  pv: ['光伏扶贫电站项目', '光伏发电带贫项目'],
  processing: ['农产品加工项目', '扶贫车间加工项目', '面粉加工项目'],
  ecommerce: ['电商服务站项目', '农产品电商销售项目'],
  tourism: ['乡村旅游项目', '采摘园观光项目'],
  other: ['产业扶贫项目', '到户增收项目'],
};

interface CountyInfo {
  code: string;
  name: string;
  /** Titles used for sign-off (no personal names in the demo). */
  mainTitle: string;
  deputyTitle: string;
}

function countyTitles(code: string, name: string): CountyInfo {
  if (name.endsWith('区') && !name.includes('开发区') && !name.includes('聚集区'))
    return { code, name, mainTitle: '区委书记', deputyTitle: '分管副区长' };
  if (name.endsWith('市')) return { code, name, mainTitle: '市委书记', deputyTitle: '分管副市长' };
  if (name.endsWith('县')) return { code, name, mainTitle: '县委书记', deputyTitle: '分管副县长' };
  return { code, name, mainTitle: '党工委书记', deputyTitle: '管委会分管副主任' };
}

/** Internal timeline of one project, in day numbers (null = not (yet) happened by the last cut-off). */
interface Timeline {
  approved: number | null;
  plannedStart: number;
  plannedCompletion: number;
  start: number | null;
  completion: number | null;
  accepted: number | null;
  operating: number | null;
  suspended: number | null;
  /** Days from start to completion (or the projected duration when not completed). */
  duration: number;
}

function statusOn(t: Timeline, day: number): ProjectStatus {
  if (t.suspended !== null && day >= t.suspended) return 'suspended';
  if (t.operating !== null && day >= t.operating) return 'operating';
  if (t.accepted !== null && day >= t.accepted) return 'accepted';
  if (t.completion !== null && day >= t.completion) return 'completed';
  if (t.start !== null && day >= t.start) return 'started';
  if (t.approved !== null && day >= t.approved) return 'approved';
  return 'planned';
}

/** Physical progress as a fraction 0–1 (monotone in `day`; frozen while suspended). */
function progressOn(t: Timeline, day: number): number {
  if (t.start === null || day < t.start) return 0;
  if (t.completion !== null && day >= t.completion) return 1;
  const d = t.suspended !== null && day > t.suspended ? t.suspended : day;
  const cap = t.completion !== null ? 0.99 : 0.95;
  return Math.min(cap, (d - t.start) / t.duration);
}

interface DraftProject {
  code: string;
  county: CountyInfo;
  village: Village;
  category: ProjectCategory;
  mode: IndustryMode | null;
  name: string;
  totalYuan: number;
  arrangedYuan: number;
  t: Timeline;
  rnd: Random;
}

/** Planned start: mostly February–May (the plan was made before Covid-19), a few later. */
const startMonthWeights = [0.08, 0.15, 0.25, 0.2, 0.14, 0.08, 0.05, 0.03, 0.02];

function projectsOfCounty(
  county: CountyInfo,
  scenario: CountyScenario,
  villages: Village[],
  seed: number,
  cutOffDay: number,
): DraftProject[] {
  const rnd = createRandom(hashSeed(seed, 'projects', county.code));
  const yearStart = dayOfIso(`${demoYear}-01-01`);
  const fullCompletion = dayOfIso(`${demoYear}-11-30`);
  const villageWeights = villages.map((v) => (v.poor ? 3 : 1) * (v.urban ? 0.3 : 1));
  const drafts: DraftProject[] = [];
  for (let i = 0; i < scenario.projectCount; i++) {
    const village = rnd.weighted(villages, villageWeights);
    const category: ProjectCategory = rnd.chance(scenario.industryProbability)
      ? 'industry'
      : rnd.weighted(nonIndustryCategories, nonIndustryWeights);
    const mode = category === 'industry' ? rnd.weighted(industryModeList, industryModeWeights) : null;
    const part = mode ? rnd.pick(industryNameParts[mode]) : rnd.pick(projectNameParts[category]);
    const name =
      category === 'education' && part.startsWith('雨露') ? `${county.name}${part}（${village.shortName}）` : `${village.shortName}${part}`;
    const [lo, hi] = investmentRangeWan[category];
    const u = rnd.next();
    // Skewed: many small projects, a few large ones; rounded to 100 元 as ledgers usually are.
    const totalYuan = Math.round((lo + (hi - lo) * u * u * u) * 100) * 100;
    const monthIndex = rnd.weighted([0, 1, 2, 3, 4, 5, 6, 7, 8], startMonthWeights);
    const monthStart = dayOfIso(`${demoYear}-${pad(monthIndex + 1, 2)}-01`);
    const monthEnd = dayOfIso(monthIndex === 8 ? `${demoYear}-09-30` : `${demoYear}-${pad(monthIndex + 2, 2)}-01`) - 1;
    const plannedStart = category === 'welfare_job' ? yearStart + rnd.int(5, 60) : rnd.int(monthStart, monthEnd);
    const [dLo, dHi] = durationDays[category];
    const plannedCompletion = Math.min(fullCompletion, plannedStart + rnd.int(dLo, dHi));
    const t: Timeline = {
      approved: null,
      plannedStart,
      plannedCompletion,
      start: null,
      completion: null,
      accepted: null,
      operating: null,
      suspended: null,
      duration: Math.max(15, plannedCompletion - plannedStart),
    };
    drafts.push({
      code: `FP-${demoYear}-${county.code}-${pad(i + 1, 4)}`,
      county,
      village,
      category,
      mode,
      name,
      totalYuan,
      arrangedYuan: 0,
      t,
      rnd: rnd.fork('project', i),
    });
  }
  // A few named projects from the speech (a duck-farming company, 桂柳牧业, and 西瓜 → 桃、梨) in 民权县.
  if (county.code === '411421') {
    const named: [string, IndustryMode][] = [
      ['桂柳牧业肉鸭养殖带贫项目', 'leading_enterprise'],
      ['鸭粪养鱼循环农业项目', 'breeding'],
      ['西瓜改种桃梨种植结构调整项目', 'planting'],
    ];
    named.forEach(([name, mode], k) => {
      const d = drafts[k];
      d.category = 'industry';
      d.mode = mode;
      d.name = k === 0 ? name : `${d.village.shortName}${name}`;
      d.totalYuan = [6_800_000, 2_400_000, 1_850_000][k];
    });
  }

  // Timeline. Which projects have started / completed by the cut-off is decided by rank, so the
  // county's start and completion rates are exact.
  const nStart = Math.round(scenario.projectCount * scenario.startShare);
  const nComplete = Math.min(nStart, Math.round(scenario.projectCount * scenario.completionShare));
  const startKey = drafts.map((d) => ({ d, key: d.t.plannedStart + rnd.float(-30, 75) }));
  startKey.sort((a, b) => a.key - b.key || (a.d.code < b.d.code ? -1 : 1));
  const earliestStart = yearStart + 5;
  startKey.forEach(({ d }, rank) => {
    const r = d.rnd;
    const t = d.t;
    if (rank < nStart) {
      let start = t.plannedStart + r.int(-10, 35);
      // Covid-19: most February starts slipped into March.
      const feb = dayOfIso(`${demoYear}-02-01`);
      const mar = dayOfIso(`${demoYear}-03-01`);
      if (start >= feb && start < mar && r.chance(0.7)) start = mar + r.int(0, 24);
      if (start > cutOffDay - 1) start = r.int(Math.max(earliestStart, cutOffDay - 45), cutOffDay - 1);
      t.start = Math.max(earliestStart, start);
      t.duration = Math.max(15, Math.round((t.plannedCompletion - t.plannedStart) * r.float(0.85, 1.5)));
    }
    const approvedBase = t.start !== null ? Math.min(t.start, t.plannedStart) : t.plannedStart;
    // Unstarted projects of lagging counties more often are still being planned (谋划).
    const stillPlanned = t.start === null && r.chance(0.25 + (1 - scenario.startShare) * 0.5);
    if (!stillPlanned) t.approved = Math.min(approvedBase - r.int(7, 60), cutOffDay - 1);
  });
  const completable = drafts
    .filter((d) => d.t.start !== null && d.t.start <= cutOffDay - 15)
    // Noise in the ranking: some projects planned to be finished early are not (逾期).
    .map((d) => ({ d, key: d.t.start! + d.t.duration, rank: d.t.start! + d.t.duration + rnd.float(-30, 90) }))
    .sort((a, b) => a.rank - b.rank || (a.d.code < b.d.code ? -1 : 1));
  completable.slice(0, nComplete).forEach(({ d, key }) => {
    const t = d.t;
    const r = d.rnd;
    const completion = key <= cutOffDay ? key : r.int(Math.max(t.start! + 15, cutOffDay - 30), cutOffDay);
    t.completion = Math.max(t.start! + 15, completion);
    t.duration = t.completion - t.start!;
    const accepted = t.completion + r.int(10, 40);
    if (accepted <= cutOffDay) {
      t.accepted = accepted;
      const operating = accepted + r.int(5, 30);
      if (d.category === 'industry' && operating <= cutOffDay) t.operating = operating;
    }
  });
  // A few started projects are suspended (暂停) and stay so.
  for (const d of drafts) {
    const t = d.t;
    if (t.start !== null && t.completion === null && t.start + 7 < cutOffDay && d.rnd.chance(0.03))
      t.suspended = d.rnd.int(t.start + 7, cutOffDay);
  }

  // Arranged funds: all of it in the fully arranged units; elsewhere started projects got most of
  // theirs and the others less, scaled to the county's target share (every project stays < total).
  if (scenario.fullyArranged) {
    for (const d of drafts) d.arrangedYuan = d.totalYuan;
  } else {
    const share = drafts.map((d) => (d.t.start !== null ? d.rnd.float(0.72, 0.98) : d.rnd.float(0.15, 0.6)));
    const total = drafts.reduce((a, d) => a + d.totalYuan, 0);
    // A little jitter so the shares do not come out as suspiciously round numbers.
    const target = scenario.arrangedShare + rnd.float(-0.015, 0.015);
    for (let iteration = 0; iteration < 4; iteration++) {
      const arranged = drafts.reduce((a, d, i) => a + d.totalYuan * share[i], 0);
      const f = (target * total) / arranged;
      for (let i = 0; i < share.length; i++) share[i] = Math.min(0.99, Math.max(0.05, share[i] * f));
    }
    drafts.forEach((d, i) => (d.arrangedYuan = Math.round((d.totalYuan * share[i]) / 100) * 100));
  }
  return drafts;
}

/**
 * Spent at the cut-off per project: proportional to investment × physical progress (with noise),
 * capped by arranged funds, scaled (bisection) so the county's Σ spent / Σ total hits `spendShare`.
 */
function spentAtCutOff(drafts: DraftProject[], spendShare: number, cutOffDay: number): number[] {
  const weights = drafts.map((d) =>
    d.t.start !== null && d.t.start <= cutOffDay ? d.totalYuan * (0.25 + 0.75 * progressOn(d.t, cutOffDay)) * d.rnd.float(0.7, 1.3) : 0,
  );
  const target = spendShare * drafts.reduce((a, d) => a + d.totalYuan, 0);
  const spentWith = (lambda: number) => drafts.reduce((a, d, i) => a + Math.min(d.arrangedYuan, lambda * weights[i]), 0);
  let lo = 0;
  let hi = 1;
  while (spentWith(hi) < target && hi < 1e6) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (spentWith(mid) < target) lo = mid;
    else hi = mid;
  }
  return drafts.map((d, i) => Math.floor(Math.min(d.arrangedYuan, hi * weights[i])));
}

/** Share of the final arranged funds already arranged on a date (funds arrive over the spring). */
function arrangedRamp(day: number): number {
  const steps: [string, number][] = [
    ['2020-01-31', 0.55],
    ['2020-02-29', 0.65],
    ['2020-03-20', 0.8],
    ['2020-03-31', 0.85],
    ['2020-04-20', 0.95],
  ];
  for (const [iso, f] of steps) if (day <= dayOfIso(iso)) return f;
  return 1;
}

function linkagesFor(d: DraftProject): LinkageMechanism[] {
  const r = d.rnd;
  const set = new Set<LinkageMechanism>();
  switch (d.mode) {
    case 'leading_enterprise':
      set.add('dividend').add('wages');
      if (r.chance(0.5)) set.add('purchase_orders');
      break;
    case 'planting':
      set.add('land_rent');
      if (r.chance(0.6)) set.add('purchase_orders');
      if (r.chance(0.4)) set.add('wages');
      if (r.chance(0.3)) set.add('dividend');
      break;
    case 'breeding':
      if (r.chance(0.65)) set.add('dividend');
      if (r.chance(0.6)) set.add('wages');
      if (r.chance(0.3)) set.add('asset_income');
      break;
    case 'pv':
      set.add('asset_income');
      if (r.chance(0.5)) set.add('dividend');
      break;
    case 'processing':
      set.add('wages');
      if (r.chance(0.55)) set.add('dividend');
      break;
    case 'ecommerce':
      set.add('purchase_orders');
      if (r.chance(0.4)) set.add('wages');
      break;
    case 'tourism':
      set.add('wages');
      if (r.chance(0.4)) set.add('dividend');
      break;
    case 'other':
      set.add(r.chance(0.5) ? 'dividend' : 'wages');
      break;
    default:
      if (d.category === 'welfare_job' || d.category === 'employment') set.add('wages');
  }
  if (d.category === 'industry' && set.size === 0) set.add('wages');
  const order: LinkageMechanism[] = ['dividend', 'wages', 'land_rent', 'purchase_orders', 'asset_income'];
  return order.filter((l) => set.has(l));
}

function reachFor(d: DraftProject, scenario: CountyScenario): number {
  const r = d.rnd;
  const wan = d.totalYuan / 10000;
  switch (d.category) {
    case 'industry':
      return Math.max(3, Math.round(wan * scenario.reachPerWan * r.float(0.5, 1.5)));
    case 'infrastructure':
    case 'medical':
    case 'other':
      return r.int(60, 420);
    case 'welfare_job':
      return Math.max(1, Math.round(wan / 0.6));
    case 'education':
      return Math.max(1, Math.round(wan / 0.3));
    case 'housing':
      return Math.max(1, Math.round(wan / 2.5));
    case 'employment':
      return Math.max(1, Math.round(wan / 0.25));
  }
}

function responsibleFor(d: DraftProject): { level: ResponsibleLevel; unit: string } {
  const r = d.rnd;
  const big = d.totalYuan >= 3_000_000;
  if (big && r.chance(0.08)) return { level: 'city', unit: '市直部门' };
  const levels: ResponsibleLevel[] = ['county', 'township', 'village'];
  const level = r.weighted(levels, d.category === 'infrastructure' || big ? [0.45, 0.4, 0.15] : [0.25, 0.35, 0.4]);
  if (level === 'county') return { level, unit: '县直部门' };
  if (level === 'township') return { level, unit: '乡镇' };
  return { level, unit: r.chance(0.6) ? '村两委' : '驻村工作队' };
}

/** A point for most projects, a short line for roads and irrigation, nothing for ~3 % (未定位). */
function projectGeometry(d: DraftProject): GeoJSON.Geometry | null {
  const r = d.rnd;
  if (r.chance(0.03)) return null;
  const linear = d.category === 'infrastructure' && /道路|灌溉|沟渠/.test(d.name);
  if (!linear) return { type: 'Point', coordinates: pointInVillage(d.village, r) };
  const n = r.int(2, 4);
  const coords: [number, number][] = [];
  while (coords.length < n) {
    const p = pointInVillage(d.village, r);
    if (!coords.some((q) => q[0] === p[0] && q[1] === p[1])) coords.push(p);
  }
  // Order along the longer axis so the line does not fold back on itself.
  const dx = Math.abs(coords[0][0] - coords[n - 1][0]);
  const dy = Math.abs(coords[0][1] - coords[n - 1][1]);
  coords.sort((a, b) => (dx >= dy ? a[0] - b[0] || a[1] - b[1] : a[1] - b[1] || a[0] - b[0]));
  return { type: 'LineString', coordinates: coords };
}

// ---------------------------------------------------------------------------------------------
// PV stations

const gridStart = dayOfIso('2017-06-01');
const gridEnd = dayOfIso('2020-05-31');

function pvStationsOfCounty(
  county: CountyInfo,
  scenario: CountyScenario,
  villages: Village[],
  seed: number,
  cutOffDay: number,
): PvStationRow[] {
  const rnd = createRandom(hashSeed(seed, 'pv', county.code));
  interface Draft {
    type: 'village' | 'centralized' | 'household';
    village: Village;
    capacityKw: number;
    building: boolean;
    gridDay: number | null;
  }
  const allowBuilding = scenario.pvRegistration < 1;
  const drafts: Draft[] = [];
  const poor = villages.filter((v) => v.poor);
  for (const v of villages) {
    if (!(v.poor ? rnd.chance(0.8) : rnd.chance(0.02))) continue;
    drafts.push({
      type: 'village',
      village: v,
      capacityKw: rnd.pick([60, 100, 100, 100, 200, 200, 300]),
      building: allowBuilding && rnd.chance(0.05),
      gridDay: null,
    });
  }
  for (let i = 0; i < scenario.centralizedPv; i++) {
    drafts.push({ type: 'centralized', village: rnd.pick(villages), capacityKw: rnd.int(10, 60) * 500, building: false, gridDay: null });
  }
  const households = scenario.householdPv;
  for (let i = 0; i < households; i++) {
    drafts.push({
      type: 'household',
      village: rnd.pick(poor.length ? poor : villages),
      capacityKw: rnd.pick([3, 5, 5, 6, 8]),
      building: false,
      gridDay: null,
    });
  }
  // The speech's low group all have the same completion rate: keep the station count even there.
  if (scenario.pvRegistration === 0.5 && drafts.length % 2 === 1) {
    drafts.push({ type: 'household', village: rnd.pick(poor.length ? poor : villages), capacityKw: 5, building: false, gridDay: null });
  }
  for (const d of drafts)
    if (!d.building)
      d.gridDay = d.type === 'household' ? rnd.int(dayOfIso('2018-03-01'), dayOfIso('2019-12-31')) : rnd.int(gridStart, gridEnd);

  // Registration: an exact count by the cut-off, older stations first (with noise); building ones never.
  const k = scenario.pvRegistration >= 1 ? drafts.length : Math.round(drafts.length * scenario.pvRegistration);
  const ranked = drafts
    .map((d, i) => ({ d, i, key: d.gridDay === null ? Infinity : d.gridDay + rnd.float(0, 500) }))
    .sort((a, b) => a.key - b.key || a.i - b.i);
  const registeredDay = new Map<number, number>();
  ranked.slice(0, k).forEach(({ d, i }) => {
    if (d.gridDay === null) return;
    registeredDay.set(i, rnd.int(Math.min(d.gridDay + 20, cutOffDay), cutOffDay));
  });

  const counters = { village: 0, centralized: 0, household: 0 };
  return drafts.map((d, i) => {
    const seq = ++counters[d.type];
    const hours = d.gridDay === null ? 0 : rnd.float(1050, 1250);
    const generationKwh = Math.round(d.capacityKw * hours * 10) / 10;
    const tariff = d.type === 'centralized' ? 0.75 : 0.88;
    const incomeYuan = Math.round(generationKwh * tariff);
    const welfareYuan = d.type === 'household' ? 0 : Math.round(incomeYuan * rnd.float(0.5, 0.8));
    const collectiveYuan = d.type === 'household' ? 0 : incomeYuan - welfareYuan;
    const reg = registeredDay.get(i);
    const typeCode = d.type === 'village' ? 'C' : d.type === 'centralized' ? 'J' : 'H';
    const name =
      d.type === 'village'
        ? `${d.village.shortName}村级光伏扶贫电站`
        : d.type === 'centralized'
          ? `${county.name}集中式光伏扶贫电站${seq > 1 ? `（${seq}期）` : ''}`
          : `${d.village.shortName}户用光伏电站${pad(seq, 3)}`;
    return {
      code: `PV-${county.code}-${typeCode}${pad(seq, 4)}`,
      name,
      type: d.type,
      capacityKw: d.capacityKw,
      countyCode: county.code,
      townshipCode: d.village.townshipCode,
      villageCode: d.village.code,
      geom: { type: 'Point', coordinates: pointInVillage(d.village, rnd) },
      status: d.gridDay === null ? 'building' : 'grid_connected',
      gridDate: d.gridDay === null ? null : isoOfDay(d.gridDay),
      registered: reg !== undefined,
      registeredDate: reg === undefined ? null : isoOfDay(reg),
      yearlyGenerationKwh: generationKwh,
      yearlyIncomeWan: yuanToWan(incomeYuan),
      incomeWelfareJobsWan: yuanToWan(welfareYuan),
      incomeCollectiveWan: yuanToWan(collectiveYuan),
      householdsReached: d.type === 'household' ? 1 : d.type === 'centralized' ? rnd.int(300, 1500) : rnd.int(20, 80),
    } satisfies PvStationRow;
  });
}

// ---------------------------------------------------------------------------------------------
// Households

const labourWeights: Record<HouseholdCategory, number[]> = {
  // none, weak, full
  not_lifted: [0.45, 0.3, 0.25],
  edge: [0.2, 0.3, 0.5],
  monitored: [0.25, 0.3, 0.45],
  lifted: [0.15, 0.25, 0.6],
};
const labourList: LabourCapacity[] = ['none', 'weak', 'full'];
const incomeRange: Record<HouseholdCategory, [number, number]> = {
  not_lifted: [3200, 4400],
  edge: [4300, 6500],
  monitored: [4500, 8000],
  lifted: [6000, 14000],
};
/** How much more a poor village holds of each category than another village. */
const poorVillageFactor: Record<HouseholdCategory, number> = { not_lifted: 4, edge: 2, monitored: 2, lifted: 3 };
const categoryOrder: HouseholdCategory[] = ['not_lifted', 'edge', 'monitored', 'lifted'];

/** Households village by village (a generator: the province's two million rows need not all be in memory). */
function* householdsOfVillages(
  villages: Village[],
  scenarios: Readonly<Record<string, CountyScenario>>,
  totals: Readonly<Record<HouseholdCategory, number>>,
  seed: number,
): Generator<HouseholdRow> {
  const rnd = createRandom(hashSeed(seed, 'households', 'allocation'));
  const perVillage = new Map<string, { category: HouseholdCategory; count: number }[]>();
  for (const category of categoryOrder) {
    const weights = villages.map(
      (v) =>
        (scenarios[v.countyCode]?.povertyFactor ?? 1) *
        (v.poor ? poorVillageFactor[category] : 1) *
        (v.urban ? 0.3 : 1) *
        rnd.float(0.5, 1.5),
    );
    const counts = apportion(totals[category], weights);
    villages.forEach((v, i) => {
      if (counts[i] === 0) return;
      const list = perVillage.get(v.code) ?? [];
      list.push({ category, count: counts[i] });
      perVillage.set(v.code, list);
    });
  }
  for (const v of villages) {
    const list = perVillage.get(v.code);
    if (!list) continue;
    const r = createRandom(hashSeed(seed, 'households', v.code));
    const coverage = scenarios[v.countyCode]?.measureCoverage ?? 0.9;
    let seq = 0;
    for (const { category, count } of list) {
      for (let k = 0; k < count; k++) {
        const labour = r.weighted(labourList, labourWeights[category]);
        const threeGroups = category !== 'lifted';
        const members = r.weighted([1, 2, 3, 4, 5, 6], category === 'not_lifted' ? [25, 30, 18, 14, 9, 4] : [12, 24, 22, 22, 13, 7]);
        let measures: number;
        if (threeGroups && labour !== 'none') measures = r.chance(coverage) ? r.int(2, 4) : r.int(0, 1);
        else if (threeGroups) measures = r.int(0, 2);
        else measures = r.chance(0.85) ? r.int(2, 4) : 1;
        const [iLo, iHi] = incomeRange[category];
        yield {
          id: `H${v.code}${pad(++seq, 4)}`,
          countyCode: v.countyCode,
          townshipCode: v.townshipCode,
          villageCode: v.code,
          category,
          labour,
          members,
          industryMeasures: measures,
          wageEmployment: labour === 'full' ? r.chance(0.7) : labour === 'weak' ? r.chance(0.25) : false,
          dividend: r.chance(labour === 'none' ? 0.7 : labour === 'weak' ? 0.4 : 0.25),
          publicWelfareJob: r.chance(labour === 'weak' ? 0.35 : labour === 'full' ? 0.1 : 0.05),
          socialAssistance: r.chance(labour === 'none' ? 0.85 : labour === 'weak' ? 0.35 : 0.05),
          incomePerCapitaYuan: round2(r.float(iLo, iHi)),
          holderName: null,
          idNumber: null,
          geom: { type: 'Point', coordinates: pointInVillage(v, r) },
        };
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** Villages with a polygon, in code order, with what the generators need. */
function villagesOfRegions(regions: readonly RegionRow[]): Village[] {
  return regions
    .filter((r) => r.level === 'village' && r.geom)
    .map((r) => {
      const geom = (r.geom as GeoJSON.MultiPolygon).coordinates as MultiCoords;
      return {
        code: r.code,
        name: r.name,
        shortName: villageShortName(r.name),
        townshipCode: r.parentCode!,
        countyCode: r.countyCode!,
        poor: r.isPoorVillage === true,
        urban: r.name.includes('社区') || r.name.endsWith('居委会'),
        geom,
        bbox: multiBbox(geom),
      };
    })
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}

/**
 * The households of the villages of `regions` whose county has a scenario, `totals` per category
 * shared out by village weights; village by village, deterministic in `seed` (the rows of `generateLedger`).
 */
export function householdRows(
  regions: readonly RegionRow[],
  seed: number,
  scenarios: Readonly<Record<string, CountyScenario>> = shangqiuScenario,
  totals: Readonly<Record<HouseholdCategory, number>> = shangqiuHouseholdTotals,
): Generator<HouseholdRow> {
  const villages = villagesOfRegions(regions).filter((v) => scenarios[v.countyCode]);
  return householdsOfVillages(villages, scenarios, totals, seed);
}

export interface LedgerOptions {
  /** false: leave `households` empty (stream them with `householdRows` instead); default true. */
  households?: boolean;
}

/**
 * Generate the ledger for the villages of `regions` (rows from `synthesizeBoundaries`). Counties
 * without a scenario entry get no projects, stations or households. Deterministic in `seed`.
 */
export function generateLedger(
  regions: readonly RegionRow[],
  seed: number,
  scenarios: Readonly<Record<string, CountyScenario>> = shangqiuScenario,
  householdTotals: Readonly<Record<HouseholdCategory, number>> = shangqiuHouseholdTotals,
  options: LedgerOptions = {},
): LedgerData {
  const cutOffDay = dayOfIso(demoMeetings[demoMeetings.length - 1].cutOff);
  const counties = regions.filter((r) => r.level === 'county').sort((a, b) => (a.code < b.code ? -1 : 1));
  const villages = villagesOfRegions(regions);
  const villagesByCounty = new Map<string, Village[]>();
  for (const v of villages) {
    const list = villagesByCounty.get(v.countyCode) ?? [];
    list.push(v);
    villagesByCounty.set(v.countyCode, list);
  }

  const projectRows: ProjectRow[] = [];
  const progressRows: ProgressRow[] = [];
  const beneficiaryRows: BeneficiaryRow[] = [];
  const pvRows: PvStationRow[] = [];
  const progressDays = progressDates.map(dayOfIso);

  for (const c of counties) {
    const scenario = scenarios[c.code];
    const list = villagesByCounty.get(c.code);
    if (!scenario || !list?.length) continue;
    const county = countyTitles(c.code, c.name);
    const drafts = projectsOfCounty(county, scenario, list, seed, cutOffDay);
    const spendTarget = scenario.spendShare + createRandom(hashSeed(seed, 'spend', c.code)).float(-0.015, 0.015);
    const spentCut = spentAtCutOff(drafts, spendTarget, cutOffDay);
    const villagesByTownship = new Map<string, Village[]>();
    for (const v of list) villagesByTownship.set(v.townshipCode, [...(villagesByTownship.get(v.townshipCode) ?? []), v]);

    drafts.forEach((d, i) => {
      const r = d.rnd;
      const t = d.t;
      const spent = spentCut[i];
      const disbursedCut = t.start === null ? 0 : spent + Math.floor((d.arrangedYuan - spent) * r.float(0, 0.6));
      // Money follows the work, with a first instalment at the start (monotone in the date).
      const paceOn = (day: number) => (t.start !== null && day >= t.start ? 0.25 + 0.75 * progressOn(t, day) : 0);
      const paceCut = paceOn(cutOffDay);
      const moneyOn = (day: number) => {
        const ratio = paceCut > 0 ? paceOn(day) / paceCut : 0;
        const spentYuan = Math.floor(spent * ratio);
        const disbursedYuan = Math.floor(disbursedCut * ratio);
        const arrangedYuan = Math.max(disbursedYuan, Math.round(d.arrangedYuan * arrangedRamp(day)));
        return { spentYuan, disbursedYuan, arrangedYuan };
      };
      progressDays.forEach((day, k) => {
        const m = moneyOn(day);
        progressRows.push({
          projectCode: d.code,
          asOf: progressDates[k],
          countyCode: c.code,
          status: statusOn(t, day),
          arrangedWan: yuanToWan(m.arrangedYuan),
          disbursedWan: yuanToWan(m.disbursedYuan),
          spentWan: yuanToWan(m.spentYuan),
          physicalProgressPct: round2(progressOn(t, day) * 100),
        });
      });

      // Funding sources, in whole 元, summing exactly to the total investment.
      const industry = d.category === 'industry';
      const sourceWeights = [
        r.float(0.3, 0.55), // central
        r.float(0.08, 0.2), // province
        r.float(0.03, 0.1), // city
        r.float(0.08, 0.25), // county
        industry && r.chance(0.5) ? r.float(0.05, 0.3) : 0, // finance: 金融扶贫资金 / 扶贫贷款
        d.category === 'infrastructure' && r.chance(0.3) ? r.float(0.1, 0.35) : 0, // special bonds
        industry && (d.mode === 'leading_enterprise' || r.chance(0.2)) ? r.float(0.05, 0.3) : 0, // social
      ];
      const [central, province, city, countyFund, finance, bond, social] = apportion(d.totalYuan / 100, sourceWeights).map((x) => x * 100);

      const reached = reachFor(d, scenario);
      const poorReached = d.category === 'housing' ? reached : Math.round(reached * r.float(0.3, 0.75));
      const linkages = linkagesFor(d);
      let dividendRatePct: number | null = null;
      if (linkages.includes('dividend')) {
        const interest = scenario.paysInterest ? r.chance(0.75) : r.chance(0.05);
        dividendRatePct = interest ? r.pick([2.5, 3, 3, 3.5, 4, 4.5]) : r.pick([5, 6, 6, 8, 8, 10, 12]);
      }
      const signable = t.approved !== null;
      const mainSigned = signable && r.chance(scenario.signShare);
      const deputySigned = signable && (mainSigned || r.chance(0.5)) && r.chance(Math.min(1, scenario.signShare + 0.05));
      const signDay = (base: number) => isoOfDay(Math.min(cutOffDay, Math.max(base, dayOfIso(`${demoYear}-01-02`)) + r.int(0, 20)));
      const responsible = responsibleFor(d);
      const geom = projectGeometry(d);
      const cut = moneyOn(cutOffDay);
      projectRows.push({
        code: d.code,
        name: d.name,
        year: demoYear,
        countyCode: c.code,
        townshipCode: d.village.townshipCode,
        villageCode: d.village.code,
        geom,
        category: d.category,
        industryMode: d.mode,
        responsibleLevel: responsible.level,
        responsibleUnit: responsible.unit,
        totalInvestmentWan: yuanToWan(d.totalYuan),
        arrangedWan: yuanToWan(cut.arrangedYuan),
        disbursedWan: yuanToWan(cut.disbursedYuan),
        spentWan: yuanToWan(cut.spentYuan),
        fundCentralWan: yuanToWan(central),
        fundProvinceWan: yuanToWan(province),
        fundCityWan: yuanToWan(city),
        fundCountyWan: yuanToWan(countyFund),
        fundFinanceWan: yuanToWan(finance),
        fundBondWan: yuanToWan(bond),
        fundSocialWan: yuanToWan(social),
        plannedStart: isoOfDay(t.plannedStart),
        plannedCompletion: isoOfDay(t.plannedCompletion),
        actualStart: t.start === null ? null : isoOfDay(t.start),
        actualCompletion: t.completion === null ? null : isoOfDay(t.completion),
        status: statusOn(t, cutOffDay),
        householdsReached: reached,
        poorHouseholdsReached: poorReached,
        linkages,
        dividendRatePct,
        signMainLeader: mainSigned ? `${county.name}${county.mainTitle}` : null,
        signMainDate: mainSigned ? signDay(t.approved!) : null,
        signDeputyLeader: deputySigned ? `${county.name}${county.deputyTitle}` : null,
        signDeputyDate: deputySigned ? signDay(t.approved!) : null,
      });

      // Villages an industry project reaches: its own plus a few in the same township.
      if (industry) {
        const neighbours = (villagesByTownship.get(d.village.townshipCode) ?? []).filter((v) => v.code !== d.village.code);
        const extra = Math.min(neighbours.length, reached - 1, reached >= 200 ? r.int(2, 5) : reached >= 40 ? r.int(0, 3) : 0);
        const reachedVillages = [d.village, ...r.shuffle(neighbours).slice(0, Math.max(0, extra))];
        const weights = reachedVillages.map((_, k) => (k === 0 ? 3 : 1) * r.float(0.5, 1.5));
        // Every village gets at least one household; the rest is shared by weight.
        const shares = apportion(reached - reachedVillages.length, weights);
        reachedVillages
          .map((v, k) => ({ v, households: shares[k] + 1 }))
          .sort((a, b) => (a.v.code < b.v.code ? -1 : 1))
          .forEach(({ v, households }) =>
            beneficiaryRows.push({ projectCode: d.code, villageCode: v.code, countyCode: c.code, households }),
          );
      }
    });
    pvRows.push(...pvStationsOfCounty(county, scenario, list, seed, cutOffDay));
  }

  const householdList = options.households === false ? [] : [...householdRows(regions, seed, scenarios, householdTotals)];

  const targetBase = {
    year: demoYear,
    windowStart: `${demoYear}-01-01`,
    basicCompletion: `${demoYear}-09-30`,
    fullCompletion: `${demoYear}-11-30`,
    method: 'linear' as TargetRow['method'],
    lagThresholdPts: -5,
  };
  return {
    projects: projectRows,
    projectProgress: progressRows,
    projectBeneficiaries: beneficiaryRows,
    pvStations: pvRows,
    households: householdList,
    meetings: demoMeetings.map((m) => ({ ...m })),
    targets: [
      { ...targetBase, measureId: '*', milestones: [] },
      { ...targetBase, measureId: 'start_rate', milestones: [{ date: `${demoYear}-04-01`, valuePct: 100 }] },
      // Registering PV stations in the national system is due in full now (the speech): a fixed 100 %.
      { ...targetBase, measureId: 'pv_registration', method: 'fixed' as const, milestones: [{ date: `${demoYear}-01-01`, valuePct: 100 }] },
    ],
    settings: [
      { key: 'dividend_min_rate_pct', value: dividendMinRatePct },
      { key: 'demo', value: { seed, generatedAt: 'fixed', label: '演示数据' } },
      // The English name of the root area (GET /api/meta); division lists carry Chinese names only.
      { key: 'root_area_name_en', value: 'Shangqiu' },
    ],
  };
}
