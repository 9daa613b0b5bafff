/**
 * The import kinds (projects, monthly progress, PV stations, households): each column with its Chinese header
 * (the one templates and exports write, with its unit), the header aliases offices use, the value type
 * and an example. Pure data; `validate.ts` reads files against it, `export` writes with it.
 */
import { labourLabels } from '../domain/labour.ts';
import {
  householdCategories,
  industryModes,
  labourCapacities,
  linkageMechanisms,
  projectCategories,
  projectStatuses,
  pvStatuses,
  pvTypes,
  responsibleLevels,
  type HouseholdCategory,
  type IndustryMode,
  type LabourCapacity,
  type LinkageMechanism,
  type ProjectCategory,
  type ProjectStatus,
  type PvStatus,
  type PvType,
  type ResponsibleLevel,
} from '../contracts/enums.ts';

export const importKinds = ['projects', 'progress', 'pv_stations', 'households'] as const;
export type ImportKind = (typeof importKinds)[number];
export const importKindLabels: Record<ImportKind, string> = {
  projects: '项目台账',
  progress: '月度进度',
  pv_stations: '光伏电站',
  households: '农户台账',
};
/** Kinds holding personal data: imported by county editors of their own county only, never exported. */
export const personalKinds: readonly ImportKind[] = ['households'];

export type FieldType =
  'text' | 'code' | 'int' | 'year' | 'money' | 'pct' | 'date' | 'bool' | 'choice' | 'choices' | 'number' | 'lng' | 'lat' | 'idnumber';

export interface FieldSpec {
  key: string;
  /** Header written by templates and exports (with the unit). */
  label: string;
  /** Other headers meaning the same column (compared after NFKC, without spaces, units and *). */
  aliases: string[];
  type: FieldType;
  /** Needed in every row (and its column in the file). */
  required?: boolean;
  /** For choice types: label → value (code names are accepted too). */
  choices?: Record<string, string>;
  /** Number columns with units other than 万元: unit → factor to the stored unit. */
  units?: Record<string, number>;
  example: string | number;
  /** Part of a division reference (names or a code), resolved to codes after parsing. */
  division?: 'county' | 'township' | 'village' | 'code';
  /** Personal data (a name, an ID number): masked in every report, preview and message. */
  personal?: boolean;
}

const withCodes = <T extends string>(values: readonly T[], labels: Record<string, T>): Record<string, T> => ({
  ...Object.fromEntries(values.map((v) => [v, v])),
  ...labels,
});

export const categoryLabels: Record<ProjectCategory, string> = {
  industry: '产业',
  infrastructure: '基础设施',
  welfare_job: '公益岗位',
  education: '教育',
  medical: '医疗',
  housing: '危房改造',
  employment: '就业',
  other: '其他',
};
export const modeLabels: Record<IndustryMode, string> = {
  leading_enterprise: '龙头企业带动',
  planting: '种植',
  breeding: '养殖',
  pv: '光伏',
  processing: '加工',
  ecommerce: '电商',
  tourism: '旅游',
  other: '其他产业',
};
export const levelLabels: Record<ResponsibleLevel, string> = { city: '市级', county: '县级', township: '乡级', village: '村级' };
export const statusLabels: Record<ProjectStatus, string> = {
  planned: '谋划',
  approved: '立项',
  started: '开工',
  completed: '完工',
  accepted: '验收',
  operating: '运营',
  suspended: '暂停',
};
export const linkageLabels: Record<LinkageMechanism, string> = {
  dividend: '分红',
  wages: '务工',
  land_rent: '土地流转',
  purchase_orders: '订单收购',
  asset_income: '资产收益',
};
export const pvTypeLabels: Record<PvType, string> = { village: '村级电站', centralized: '集中式电站', household: '户用电站' };
export const pvStatusLabels: Record<PvStatus, string> = { building: '在建', grid_connected: '已并网' };

const invert = <T extends string>(labels: Record<T, string>) =>
  Object.fromEntries(Object.entries(labels).map(([k, v]) => [v as string, k as T])) as Record<string, T>;

const categoryChoices = withCodes(projectCategories, {
  ...invert(categoryLabels),
  产业扶贫: 'industry',
  产业项目: 'industry',
  产业扶贫项目: 'industry',
  基础设施建设: 'infrastructure',
  基础设施类: 'infrastructure',
  公益岗: 'welfare_job',
  教育扶贫: 'education',
  健康扶贫: 'medical',
  医疗扶贫: 'medical',
  危房改造项目: 'housing',
  就业扶贫: 'employment',
});
const modeChoices = withCodes(industryModes, {
  ...invert(modeLabels),
  龙头企业: 'leading_enterprise',
  种植业: 'planting',
  养殖业: 'breeding',
  光伏扶贫: 'pv',
  其他: 'other',
});
const levelChoices = withCodes(responsibleLevels, {
  ...invert(levelLabels),
  市: 'city',
  县: 'county',
  县区: 'county',
  乡: 'township',
  乡镇: 'township',
  镇级: 'township',
  村: 'village',
});
const statusChoices = withCodes(projectStatuses, {
  ...invert(statusLabels),
  已立项: 'approved',
  已开工: 'started',
  在建: 'started',
  建设中: 'started',
  已完工: 'completed',
  竣工: 'completed',
  已竣工: 'completed',
  已验收: 'accepted',
  运营中: 'operating',
  已运营: 'operating',
  未开工: 'approved',
  停工: 'suspended',
});
const linkageChoices = withCodes(linkageMechanisms, {
  ...invert(linkageLabels),
  入股分红: 'dividend',
  就业务工: 'wages',
  土地租金: 'land_rent',
  订单: 'purchase_orders',
});
const pvTypeChoices = withCodes(pvTypes, {
  ...invert(pvTypeLabels),
  村级: 'village',
  村级光伏电站: 'village',
  集中式: 'centralized',
  户用: 'household',
  户用光伏: 'household',
});
const pvStatusChoices = withCodes(pvStatuses, {
  ...invert(pvStatusLabels),
  建设中: 'building',
  并网: 'grid_connected',
  已建成并网: 'grid_connected',
});

const money = (key: string, label: string, aliases: string[], example: number, required = false): FieldSpec => ({
  key,
  label: `${label}（万元）`,
  aliases: [label, ...aliases],
  type: 'money',
  example,
  required,
});

const division: FieldSpec[] = [
  {
    key: 'county',
    label: '县（市、区）',
    aliases: ['县市区', '县(市、区)', '县区', '县', '所属县区', '县(市区)', '县名称'],
    type: 'text',
    division: 'county',
    example: '民权县',
  },
  {
    key: 'township',
    label: '乡镇（街道）',
    aliases: ['乡镇', '乡(镇)', '乡镇街道', '乡镇(街道)', '所属乡镇', '乡镇名称'],
    type: 'text',
    division: 'township',
    example: '城关镇',
  },
  {
    key: 'village',
    label: '村（社区）',
    aliases: ['村', '行政村', '村名', '村名称', '村社区', '所属村', '村(居)'],
    type: 'text',
    division: 'village',
    example: '东村',
  },
  {
    key: 'divisionCode',
    label: '区划代码',
    aliases: ['行政区划代码', '村代码', '区划编码', '所在地代码'],
    type: 'code',
    division: 'code',
    example: '',
  },
];

const lngLat: FieldSpec[] = [
  { key: 'lng', label: '经度', aliases: ['东经', 'lng', 'lon', 'longitude', 'x'], type: 'lng', example: 115.1432 },
  { key: 'lat', label: '纬度', aliases: ['北纬', 'lat', 'latitude', 'y'], type: 'lat', example: 34.6481 },
];

const projectFields: FieldSpec[] = [
  {
    key: 'code',
    label: '项目编号',
    aliases: ['项目代码', '项目编码', '编号', '项目库编号'],
    type: 'code',
    required: true,
    example: 'MQ2020-001',
  },
  { key: 'name', label: '项目名称', aliases: ['项目名', '名称', '项目'], type: 'text', required: true, example: '城关镇东村蔬菜大棚项目' },
  { key: 'year', label: '年度', aliases: ['年份', '项目年度', '实施年度', '计划年度'], type: 'year', required: true, example: 2020 },
  ...division,
  {
    key: 'category',
    label: '项目类别',
    aliases: ['类别', '项目类型', '项目分类'],
    type: 'choice',
    choices: categoryChoices,
    required: true,
    example: '产业',
  },
  {
    key: 'industryMode',
    label: '产业模式',
    aliases: ['带贫模式', '产业类型', '产业扶贫模式'],
    type: 'choice',
    choices: modeChoices,
    example: '种植',
  },
  {
    key: 'responsibleLevel',
    label: '责任层级',
    aliases: ['实施层级', '项目层级', '责任级别'],
    type: 'choice',
    choices: levelChoices,
    required: true,
    example: '县级',
  },
  {
    key: 'responsibleUnit',
    label: '责任单位',
    aliases: ['实施单位', '项目实施单位', '主管单位', '责任部门'],
    type: 'text',
    required: true,
    example: '民权县农业农村局',
  },
  money('totalInvestmentWan', '总投资', ['项目总投资', '计划总投资', '计划投资', '投资额'], 120, true),
  money('arrangedWan', '已安排资金', ['安排资金', '资金安排', '已安排'], 100),
  money('disbursedWan', '已拨付资金', ['拨付资金', '已拨付'], 80),
  money('spentWan', '已支出资金', ['支出资金', '已支出', '已支付资金', '资金支出'], 60),
  money('fundCentralWan', '中央资金', ['中央财政资金', '中央财政', '中央', '资金来源中央'], 50),
  money('fundProvinceWan', '省级资金', ['省级财政资金', '省级', '省财政', '资金来源省级'], 30),
  money('fundCityWan', '市级资金', ['市级财政资金', '市级', '市财政', '资金来源市级'], 10),
  money('fundCountyWan', '县级资金', ['县级财政资金', '县级', '县财政', '资金来源县级'], 10),
  money('fundFinanceWan', '金融扶贫资金', ['统筹整合资金', '金融资金', '扶贫贷款', '资金来源金融'], 10),
  money('fundBondWan', '专项债', ['专项债券', '债券资金', '资金来源专项债'], 0),
  money('fundSocialWan', '社会资金', ['社会', '自筹资金', '资金来源社会'], 10),
  { key: 'plannedStart', label: '计划开工日期', aliases: ['计划开工时间', '计划开工'], type: 'date', example: '2020-03-01' },
  {
    key: 'plannedCompletion',
    label: '计划完工日期',
    aliases: ['计划完工时间', '计划完工', '完成时限', '完成期限', '完工时限'],
    type: 'date',
    example: '2020-10-31',
  },
  { key: 'actualStart', label: '实际开工日期', aliases: ['实际开工时间', '开工日期', '开工时间'], type: 'date', example: '2020-03-15' },
  {
    key: 'actualCompletion',
    label: '实际完工日期',
    aliases: ['实际完工时间', '完工日期', '完工时间', '竣工日期'],
    type: 'date',
    example: '',
  },
  {
    key: 'status',
    label: '项目状态',
    aliases: ['状态', '进展情况', '建设状态', '项目进度状态'],
    type: 'choice',
    choices: statusChoices,
    required: true,
    example: '开工',
  },
  { key: 'householdsReached', label: '带动户数（户）', aliases: ['带动户数', '受益户数', '覆盖户数'], type: 'int', example: 120 },
  {
    key: 'poorHouseholdsReached',
    label: '带动贫困户数（户）',
    aliases: ['带动贫困户数', '受益贫困户数', '带贫户数', '带动脱贫户数'],
    type: 'int',
    example: 80,
  },
  {
    key: 'linkages',
    label: '利益联结机制',
    aliases: ['利益联结方式', '联结机制', '带贫机制'],
    type: 'choices',
    choices: linkageChoices,
    example: '分红、务工',
  },
  { key: 'dividendRatePct', label: '分红比例（%）', aliases: ['分红比例', '分红率', '收益分红比例'], type: 'pct', example: 8 },
  ...lngLat,
];

const progressFields: FieldSpec[] = [
  { key: 'projectCode', label: '项目编号', aliases: ['项目代码', '项目编码', '编号'], type: 'code', required: true, example: 'MQ2020-001' },
  { key: 'projectName', label: '项目名称', aliases: ['项目名', '名称'], type: 'text', example: '城关镇东村蔬菜大棚项目' },
  {
    key: 'asOf',
    label: '截止日期',
    aliases: ['统计日期', '报告日期', '填报日期', '数据截止日期', '截至日期', '日期', '月份'],
    type: 'date',
    required: true,
    example: '2020-06-20',
  },
  {
    key: 'status',
    label: '项目状态',
    aliases: ['状态', '进展情况', '建设状态'],
    type: 'choice',
    choices: statusChoices,
    required: true,
    example: '开工',
  },
  money('arrangedWan', '已安排资金', ['安排资金', '累计安排资金', '已安排'], 100, true),
  money('disbursedWan', '已拨付资金', ['拨付资金', '累计拨付资金', '已拨付'], 80, true),
  money('spentWan', '已支出资金', ['支出资金', '累计支出资金', '已支出', '已支付资金'], 60, true),
  {
    key: 'physicalProgressPct',
    label: '形象进度（%）',
    aliases: ['形象进度', '工程进度', '完成进度', '建设进度'],
    type: 'pct',
    required: true,
    example: 45,
  },
];

const pvFields: FieldSpec[] = [
  { key: 'code', label: '电站编号', aliases: ['电站代码', '电站编码', '编号'], type: 'code', required: true, example: 'PV-MQ-001' },
  { key: 'name', label: '电站名称', aliases: ['电站名', '名称', '项目名称'], type: 'text', required: true, example: '东村村级光伏电站' },
  {
    key: 'type',
    label: '电站类型',
    aliases: ['类型', '建设类型', '电站类别'],
    type: 'choice',
    choices: pvTypeChoices,
    required: true,
    example: '村级电站',
  },
  {
    key: 'capacityKw',
    label: '装机容量（kW）',
    aliases: ['装机容量', '建设规模', '规模', '容量'],
    type: 'number',
    units: { kw: 1, 千瓦: 1, mw: 1000, 兆瓦: 1000, kwp: 1, mwp: 1000 },
    required: true,
    example: 300,
  },
  ...division,
  {
    key: 'status',
    label: '建设状态',
    aliases: ['状态', '电站状态', '并网状态'],
    type: 'choice',
    choices: pvStatusChoices,
    required: true,
    example: '已并网',
  },
  { key: 'gridDate', label: '并网日期', aliases: ['并网时间'], type: 'date', example: '2019-06-30' },
  {
    key: 'registered',
    label: '纳入信息系统',
    aliases: ['是否纳入系统', '纳入全国扶贫开发信息系统', '是否纳入全国扶贫开发信息系统', '纳入系统'],
    type: 'bool',
    example: '是',
  },
  { key: 'registeredDate', label: '纳入日期', aliases: ['纳入系统日期', '纳入时间'], type: 'date', example: '2019-08-01' },
  {
    key: 'yearlyGenerationKwh',
    label: '年发电量（kWh）',
    aliases: ['年发电量', '发电量'],
    type: 'number',
    units: { kwh: 1, 千瓦时: 1, 度: 1, 万kwh: 10_000, 万千瓦时: 10_000, 万度: 10_000 },
    example: 390000,
  },
  money('yearlyIncomeWan', '年收益', ['年发电收益', '发电收益', '收益'], 30),
  money('incomeWelfareJobsWan', '公益岗位支出', ['公益岗位', '用于公益岗位'], 18),
  money('incomeCollectiveWan', '村集体收入', ['集体收入', '村集体经济收入'], 12),
  { key: 'householdsReached', label: '带动户数（户）', aliases: ['带动户数', '受益户数'], type: 'int', example: 60 },
  ...lngLat,
];

export const householdCategoryLabels: Record<HouseholdCategory, string> = {
  not_lifted: '未脱贫户',
  edge: '边缘户',
  monitored: '风险监测户',
  lifted: '已脱贫户',
};
const householdCategoryChoices = withCodes(householdCategories, {
  ...invert(householdCategoryLabels),
  未脱贫: 'not_lifted',
  贫困户: 'not_lifted',
  建档立卡贫困户: 'not_lifted',
  边缘易致贫户: 'edge',
  脱贫不稳定户: 'monitored',
  监测户: 'monitored',
  突发严重困难户: 'monitored',
  脱贫户: 'lifted',
  已脱贫: 'lifted',
});
const labourChoices = withCodes(labourCapacities, {
  ...Object.fromEntries(Object.entries(labourLabels).map(([k, v]) => [v.zh, k as LabourCapacity])),
  丧失劳动力: 'none',
  无劳动力: 'none',
  弱劳动力: 'weak',
  半劳动力: 'weak',
  普通劳动力: 'full',
  技能劳动力: 'full',
  有劳动力: 'full',
});
const flag = (key: string, label: string, aliases: string[], example: string): FieldSpec => ({
  key,
  label,
  aliases,
  type: 'bool',
  example,
});

/** Households (农户台账): county editors of their own county; names and ID numbers are personal data. */
const householdFields: FieldSpec[] = [
  {
    key: 'id',
    label: '户编号',
    aliases: ['户码', '农户编号', '户编码', '家庭编号', '编号'],
    type: 'code',
    required: true,
    example: 'H411421100201001',
  },
  { key: 'holderName', label: '户主姓名', aliases: ['户主', '户主名', '姓名'], type: 'text', personal: true, example: '王某某' },
  {
    key: 'idNumber',
    label: '户主身份证号',
    aliases: ['身份证号', '身份证号码', '证件号码', '户主身份证号码'],
    type: 'idnumber',
    personal: true,
    example: '',
  },
  ...division,
  {
    key: 'category',
    label: '农户类别',
    aliases: ['户类别', '户类型', '人群类别', '类别', '户属性'],
    type: 'choice',
    choices: householdCategoryChoices,
    required: true,
    example: '边缘户',
  },
  {
    key: 'labour',
    label: '劳动能力',
    aliases: ['劳动技能', '劳动力状况', '劳动力'],
    type: 'choice',
    choices: labourChoices,
    required: true,
    example: '弱劳动力',
  },
  {
    key: 'members',
    label: '家庭人口（人）',
    aliases: ['家庭人口', '家庭人口数', '人口数', '人数'],
    type: 'int',
    required: true,
    example: 4,
  },
  {
    key: 'industryMeasures',
    label: '产业帮扶措施数',
    aliases: ['产业措施数', '帮扶措施数', '措施数', '产业帮扶措施'],
    type: 'int',
    example: 2,
  },
  flag('wageEmployment', '务工就业', ['务工', '是否务工'], '是'),
  flag('dividend', '资产收益分红', ['分红', '是否分红'], '否'),
  flag('publicWelfareJob', '公益岗位', ['是否公益岗位', '公益岗'], '否'),
  flag('socialAssistance', '兜底保障', ['社会保障兜底', '兜底', '是否兜底'], '否'),
  {
    key: 'incomePerCapitaYuan',
    label: '人均纯收入（元）',
    aliases: ['人均纯收入', '人均收入', '家庭人均纯收入'],
    type: 'number',
    units: { 元: 1, 万元: 10_000 },
    required: true,
    example: 9800,
  },
  ...lngLat,
];

export const kindFields: Record<ImportKind, FieldSpec[]> = {
  projects: projectFields,
  progress: progressFields,
  pv_stations: pvFields,
  households: householdFields,
};
/** The natural key of each kind. */
export const kindKey: Record<ImportKind, string[]> = {
  projects: ['code'],
  progress: ['projectCode', 'asOf'],
  pv_stations: ['code'],
  households: ['id'],
};
