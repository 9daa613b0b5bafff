/**
 * Enumerations shared by the database, the API contracts and the client. The database enums are
 * created from these arrays, so a value added here needs a migration.
 */
/** Division levels, top down. 'province' is the root of the province dataset (`npm run demo:province`); the demo city has none. */
export const regionLevels = ['province', 'city', 'county', 'township', 'village'] as const;
export type RegionLevel = (typeof regionLevels)[number];

/** Project categories: industry (产业扶贫项目) or one of the non-industry kinds. */
export const projectCategories = [
  'industry', // 产业
  'infrastructure', // 基础设施
  'welfare_job', // 公益岗位
  'education', // 教育
  'medical', // 医疗
  'housing', // 危房改造
  'employment', // 就业
  'other', // 其他
] as const;
export type ProjectCategory = (typeof projectCategories)[number];

/** Modes of industry projects. */
export const industryModes = [
  'leading_enterprise', // 龙头企业带动
  'planting', // 种植结构调整
  'breeding', // 养殖
  'pv', // 光伏
  'processing', // 加工
  'ecommerce', // 电商
  'tourism', // 旅游
  'other', // 其他
] as const;
export type IndustryMode = (typeof industryModes)[number];

export const responsibleLevels = ['city', 'county', 'township', 'village'] as const;
export type ResponsibleLevel = (typeof responsibleLevels)[number];

/** Project status, in lifecycle order (suspended aside). */
export const projectStatuses = [
  'planned', // 谋划
  'approved', // 立项
  'started', // 开工
  'completed', // 完工
  'accepted', // 验收
  'operating', // 运营
  'suspended', // 暂停
] as const;
export type ProjectStatus = (typeof projectStatuses)[number];
/** Statuses that count as started (开工) for the start rate. */
export const startedStatuses: readonly ProjectStatus[] = ['started', 'completed', 'accepted', 'operating'];
/** Statuses that count as completed (完工) for the completion rate. */
export const completedStatuses: readonly ProjectStatus[] = ['completed', 'accepted', 'operating'];

/** Benefit-linkage mechanisms (利益联结机制). */
export const linkageMechanisms = [
  'dividend', // 分红
  'wages', // 务工
  'land_rent', // 土地流转
  'purchase_orders', // 订单收购
  'asset_income', // 资产收益
] as const;
export type LinkageMechanism = (typeof linkageMechanisms)[number];

export const pvTypes = ['village', 'centralized', 'household'] as const;
export type PvType = (typeof pvTypes)[number];
export const pvStatuses = ['building', 'grid_connected'] as const;
export type PvStatus = (typeof pvStatuses)[number];

/** Household categories: the three groups of the speech, plus households already out of poverty. */
export const householdCategories = [
  'not_lifted', // 未脱贫户
  'edge', // 边缘户
  'monitored', // 风险监测户
  'lifted', // 已脱贫户 (context)
] as const;
export type HouseholdCategory = (typeof householdCategories)[number];
/** The three groups (三类人群) that the measures count. */
export const threeGroups: readonly HouseholdCategory[] = ['not_lifted', 'edge', 'monitored'];

export const labourCapacities = ['none', 'weak', 'full'] as const;
export type LabourCapacity = (typeof labourCapacities)[number];

/**
 * A measure's target rule: time-proportional 序时进度 (linear over the target window, or elapsed
 * months ÷ 12), 'milestone' (a step: the highest milestone reached), 'fixed' (one value due from a
 * date on, e.g. 100 % now), or 'none' (ranked only, no status).
 */
export const targetMethods = ['linear', 'elapsed_months', 'milestone', 'fixed', 'none'] as const;
export type TargetMethod = (typeof targetMethods)[number];
