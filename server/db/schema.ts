/**
 * The database schema (drizzle). One schema for both backends (embedded PGlite + PostGIS and a
 * PostgreSQL/PostGIS server). Conventions:
 * - natural keys: division codes (GB/T 2260 + NBS 9/12-digit codes), project codes, station codes;
 * - every large table carries `county_code` so it can be partitioned / distributed by county later;
 * - money is `numeric(16,4)` in 万元 everywhere (4 decimals = exact to 1 元), columns end in `_wan`;
 * - geometry is EPSG:4326 lon/lat with a fixed PostGIS type, GiST-indexed;
 * - editable tables carry a `version` column for optimistic locking.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import {
  householdCategories,
  industryModes,
  labourCapacities,
  linkageMechanisms,
  projectCategories,
  projectStatuses,
  pvStatuses,
  pvTypes,
  regionLevels,
  responsibleLevels,
  targetMethods,
} from '../contracts/enums.ts';
import { roles } from '../contracts/auth.ts';

/** A PostGIS geometry column with a fixed type and SRID 4326. Values are written as GeoJSON geometry
 * objects; reads go through ST_AsGeoJSON in queries, so the driver value is never parsed here. */
const geometry = (name: string, type: 'MultiPolygon' | 'Point' | 'Geometry') =>
  customType<{ data: GeoJSON.Geometry; driverData: string }>({
    dataType: () => `geometry(${type},4326)`,
    toDriver: (value) =>
      type === 'MultiPolygon'
        ? sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(value)}), 4326))`
        : sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(value)}), 4326)`,
  })(name);

const money = (name: string) => numeric(name, { precision: 16, scale: 4, mode: 'number' });

export const regionLevel = pgEnum('region_level', regionLevels);
export const projectCategory = pgEnum('project_category', projectCategories);
export const industryMode = pgEnum('industry_mode', industryModes);
export const responsibleLevel = pgEnum('responsible_level', responsibleLevels);
export const projectStatus = pgEnum('project_status', projectStatuses);
export const linkageMechanism = pgEnum('linkage_mechanism', linkageMechanisms);
export const pvType = pgEnum('pv_type', pvTypes);
export const pvStatus = pgEnum('pv_status', pvStatuses);
export const householdCategory = pgEnum('household_category', householdCategories);
export const labourCapacity = pgEnum('labour_capacity', labourCapacities);
export const targetMethod = pgEnum('target_method', targetMethods);

/** Administrative divisions: province (province dataset only), city, county-level units, townships and villages, with boundaries. */
export const regions = pgTable(
  'regions',
  {
    code: varchar('code', { length: 12 }).primaryKey(),
    level: regionLevel('level').notNull(),
    name: text('name').notNull(),
    parentCode: varchar('parent_code', { length: 12 }).references((): AnyPgColumn => regions.code),
    /** The county-level unit this region belongs to (itself for a county; null for the city). */
    countyCode: varchar('county_code', { length: 6 }),
    geom: geometry('geom', 'MultiPolygon'),
    labelPoint: geometry('label_point', 'Point'),
    isPoorVillage: boolean('is_poor_village').notNull().default(false),
    /** True when the boundary was generated (Voronoi) rather than imported from real data. */
    synthesized: boolean('synthesized').notNull().default(false),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('regions_parent_idx').on(t.parentCode),
    index('regions_county_idx').on(t.countyCode),
    index('regions_level_idx').on(t.level),
    index('regions_geom_idx').using('gist', t.geom),
    check('regions_geom_valid', sql`${t.geom} IS NULL OR ST_IsValid(${t.geom})`),
    check(
      'regions_code_shape',
      // ::text: the migration that adds 'province' to the enum cannot use the new value in its own transaction.
      sql`(${t.level}::text = 'province' AND ${t.code} ~ '^[0-9]{2}$') OR (${t.level} = 'city' AND ${t.code} ~ '^[0-9]{4}$') OR (${t.level} = 'county' AND ${t.code} ~ '^[0-9]{6}$')
        OR (${t.level} = 'township' AND ${t.code} ~ '^[0-9]{9}$') OR (${t.level} = 'village' AND ${t.code} ~ '^[0-9]{12}$')`,
    ),
  ],
);

/** Poverty-alleviation projects (扶贫项目): the ledger row, with current figures. */
export const projects = pgTable(
  'projects',
  {
    code: varchar('code', { length: 32 }).primaryKey(),
    name: text('name').notNull(),
    year: smallint('year').notNull(),
    countyCode: varchar('county_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    townshipCode: varchar('township_code', { length: 9 }).references(() => regions.code),
    villageCode: varchar('village_code', { length: 12 }).references(() => regions.code),
    /** Point, or a line/polygon for roads and irrigation; null when not yet located (未定位). */
    geom: geometry('geom', 'Geometry'),
    category: projectCategory('category').notNull(),
    /** Only for industry projects. */
    industryMode: industryMode('industry_mode'),
    responsibleLevel: responsibleLevel('responsible_level').notNull(),
    responsibleUnit: text('responsible_unit').notNull(),
    totalInvestmentWan: money('total_investment_wan').notNull(),
    arrangedWan: money('arranged_wan').notNull().default(0),
    disbursedWan: money('disbursed_wan').notNull().default(0),
    spentWan: money('spent_wan').notNull().default(0),
    fundCentralWan: money('fund_central_wan').notNull().default(0),
    fundProvinceWan: money('fund_province_wan').notNull().default(0),
    fundCityWan: money('fund_city_wan').notNull().default(0),
    fundCountyWan: money('fund_county_wan').notNull().default(0),
    /** 金融扶贫资金 and 扶贫贷款 */
    fundFinanceWan: money('fund_finance_wan').notNull().default(0),
    /** 专项债 */
    fundBondWan: money('fund_bond_wan').notNull().default(0),
    fundSocialWan: money('fund_social_wan').notNull().default(0),
    plannedStart: date('planned_start'),
    plannedCompletion: date('planned_completion'),
    actualStart: date('actual_start'),
    actualCompletion: date('actual_completion'),
    status: projectStatus('status').notNull(),
    householdsReached: integer('households_reached').notNull().default(0),
    poorHouseholdsReached: integer('poor_households_reached').notNull().default(0),
    linkages: linkageMechanism('linkages')
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** Dividend rate in percent of the project's asset income paid to households. */
    dividendRatePct: numeric('dividend_rate_pct', { precision: 5, scale: 2, mode: 'number' }),
    signMainLeader: text('sign_main_leader'),
    signMainDate: date('sign_main_date'),
    signDeputyLeader: text('sign_deputy_leader'),
    signDeputyDate: date('sign_deputy_date'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('projects_county_idx').on(t.countyCode, t.year),
    index('projects_township_idx').on(t.townshipCode),
    index('projects_village_idx').on(t.villageCode),
    index('projects_geom_idx').using('gist', t.geom),
    index('projects_geog_idx').using('gist', sql`(${t.geom}::geography)`),
    check(
      'projects_money_non_negative',
      sql`${t.totalInvestmentWan} >= 0 AND ${t.arrangedWan} >= 0 AND ${t.disbursedWan} >= 0 AND ${t.spentWan} >= 0
        AND ${t.fundCentralWan} >= 0 AND ${t.fundProvinceWan} >= 0 AND ${t.fundCityWan} >= 0 AND ${t.fundCountyWan} >= 0
        AND ${t.fundFinanceWan} >= 0 AND ${t.fundBondWan} >= 0 AND ${t.fundSocialWan} >= 0`,
    ),
    check('projects_mode_only_for_industry', sql`(${t.category} = 'industry') = (${t.industryMode} IS NOT NULL)`),
    check('projects_geom_valid', sql`${t.geom} IS NULL OR ST_IsValid(${t.geom})`),
    check('projects_households', sql`${t.householdsReached} >= ${t.poorHouseholdsReached} AND ${t.poorHouseholdsReached} >= 0`),
    check('projects_dividend_rate', sql`${t.dividendRatePct} IS NULL OR (${t.dividendRatePct} >= 0 AND ${t.dividendRatePct} <= 100)`),
  ],
);

/** Monthly progress reports: the state of a project as of a date (month ends and meeting cut-offs). */
export const projectProgress = pgTable(
  'project_progress',
  {
    projectCode: varchar('project_code', { length: 32 })
      .notNull()
      .references(() => projects.code, { onDelete: 'cascade' }),
    asOf: date('as_of').notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    status: projectStatus('status').notNull(),
    arrangedWan: money('arranged_wan').notNull(),
    disbursedWan: money('disbursed_wan').notNull(),
    spentWan: money('spent_wan').notNull(),
    /** 形象进度, 0–100 */
    physicalProgressPct: numeric('physical_progress_pct', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    /** Optimistic version of the report (edits answer 409 on a stale one). */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.projectCode, t.asOf] }),
    index('project_progress_county_idx').on(t.countyCode, t.asOf),
    // The calendar's distinct as-of dates: a skip scan over this index instead of reading every row.
    index('project_progress_as_of_idx').on(t.asOf),
    check('project_progress_money', sql`${t.arrangedWan} >= 0 AND ${t.disbursedWan} >= 0 AND ${t.spentWan} >= 0`),
    check('project_progress_pct', sql`${t.physicalProgressPct} BETWEEN 0 AND 100`),
  ],
);

/** Villages whose households an (industry) project reaches, with the number of households. */
export const projectBeneficiaries = pgTable(
  'project_beneficiaries',
  {
    projectCode: varchar('project_code', { length: 32 })
      .notNull()
      .references(() => projects.code, { onDelete: 'cascade' }),
    villageCode: varchar('village_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    households: integer('households').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectCode, t.villageCode] }),
    index('project_beneficiaries_village_idx').on(t.villageCode),
    check('project_beneficiaries_positive', sql`${t.households} > 0`),
  ],
);

/** PV poverty-alleviation stations (光伏扶贫电站). */
export const pvStations = pgTable(
  'pv_stations',
  {
    code: varchar('code', { length: 32 }).primaryKey(),
    name: text('name').notNull(),
    type: pvType('type').notNull(),
    capacityKw: numeric('capacity_kw', { precision: 12, scale: 2, mode: 'number' }).notNull(),
    countyCode: varchar('county_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    townshipCode: varchar('township_code', { length: 9 }).references(() => regions.code),
    villageCode: varchar('village_code', { length: 12 }).references(() => regions.code),
    geom: geometry('geom', 'Point'),
    status: pvStatus('status').notNull(),
    gridDate: date('grid_date'),
    /** Entered in the national poverty-alleviation information system (纳入全国扶贫开发信息系统). */
    registered: boolean('registered').notNull().default(false),
    registeredDate: date('registered_date'),
    yearlyGenerationKwh: numeric('yearly_generation_kwh', { precision: 14, scale: 1, mode: 'number' }).notNull().default(0),
    yearlyIncomeWan: money('yearly_income_wan').notNull().default(0),
    /** Part of the income used for public-welfare jobs (公益岗位). */
    incomeWelfareJobsWan: money('income_welfare_jobs_wan').notNull().default(0),
    /** Part of the income kept as village collective income (村集体收入). */
    incomeCollectiveWan: money('income_collective_wan').notNull().default(0),
    householdsReached: integer('households_reached').notNull().default(0),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('pv_stations_county_idx').on(t.countyCode),
    index('pv_stations_village_idx').on(t.villageCode),
    index('pv_stations_geom_idx').using('gist', t.geom),
    index('pv_stations_geog_idx').using('gist', sql`(${t.geom}::geography)`),
    check('pv_stations_capacity', sql`${t.capacityKw} > 0`),
    check('pv_stations_income', sql`${t.yearlyIncomeWan} >= 0 AND ${t.incomeWelfareJobsWan} >= 0 AND ${t.incomeCollectiveWan} >= 0`),
    check('pv_stations_registered_date', sql`${t.registered} OR ${t.registeredDate} IS NULL`),
  ],
);

/**
 * Households (户). Personal data of vulnerable people: never sent to a browser except aggregated, or
 * masked to an authorized editor of the household's county. The demo has no real names or ID numbers.
 */
export const households = pgTable(
  'households',
  {
    id: varchar('id', { length: 32 }).primaryKey(),
    countyCode: varchar('county_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    townshipCode: varchar('township_code', { length: 9 })
      .notNull()
      .references(() => regions.code),
    villageCode: varchar('village_code', { length: 12 })
      .notNull()
      .references(() => regions.code),
    category: householdCategory('category').notNull(),
    labour: labourCapacity('labour').notNull(),
    members: smallint('members').notNull(),
    industryMeasures: smallint('industry_measures').notNull().default(0),
    wageEmployment: boolean('wage_employment').notNull().default(false),
    dividend: boolean('dividend').notNull().default(false),
    publicWelfareJob: boolean('public_welfare_job').notNull().default(false),
    socialAssistance: boolean('social_assistance').notNull().default(false),
    incomePerCapitaYuan: numeric('income_per_capita_yuan', { precision: 12, scale: 2, mode: 'number' }).notNull(),
    /** Head of household's name and ID number: empty in the demo; masked by the server when shown. */
    holderName: text('holder_name'),
    idNumber: varchar('id_number', { length: 18 }),
    /** Exact location: stays on the server (siting queries); never sent to a browser. */
    geom: geometry('geom', 'Point'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('households_county_idx').on(t.countyCode, t.category),
    index('households_village_idx').on(t.villageCode),
    index('households_geom_idx').using('gist', t.geom),
    // Siting: ST_DWithin(geom::geography, …) in metres uses this expression index.
    index('households_geog_idx').using('gist', sql`(${t.geom}::geography)`),
    check('households_members', sql`${t.members} BETWEEN 1 AND 20`),
    check('households_measures', sql`${t.industryMeasures} BETWEEN 0 AND 20`),
  ],
);

/** Dispatch meetings (调度会议) of a year, with their data cut-off. */
export const meetings = pgTable(
  'meetings',
  {
    year: smallint('year').notNull(),
    number: smallint('number').notNull(),
    meetingDate: date('meeting_date').notNull(),
    cutOff: date('cut_off').notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.number] }), check('meetings_cut_off', sql`${t.cutOff} <= ${t.meetingDate}`)],
);

/**
 * Yearly targets: the time window of 序时进度, per measure ('*' = default for all measures), plus
 * optional fixed milestones ({ date, valuePct }[]).
 */
export const targets = pgTable(
  'targets',
  {
    year: smallint('year').notNull(),
    measureId: text('measure_id').notNull(),
    windowStart: date('window_start').notNull(),
    basicCompletion: date('basic_completion').notNull(),
    fullCompletion: date('full_completion').notNull(),
    method: targetMethod('method').notNull().default('linear'),
    lagThresholdPts: numeric('lag_threshold_pts', { precision: 5, scale: 2, mode: 'number' }).notNull().default(-5),
    milestones: jsonb('milestones').$type<{ date: string; valuePct: number }[]>().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.measureId] }),
    check('targets_window', sql`${t.windowStart} < ${t.basicCompletion} AND ${t.basicCompletion} <= ${t.fullCompletion}`),
  ],
);

/** Key/value settings (e.g. the minimum dividend rate). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

// ---------------------------------------------------------------------------------------------
// Accounts, sessions, login throttling and the audit log (issue 5; docs/security.md).

export const userRole = pgEnum('user_role', roles);

/** Accounts. Never deleted (the audit log refers to them): disabled instead. */
export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** Lower-case login name. */
    username: varchar('username', { length: 32 }).notNull().unique(),
    displayName: text('display_name').notNull(),
    /** scrypt$N$r$p$salt$hash (server/auth/password.ts). */
    passwordHash: text('password_hash').notNull(),
    role: userRole('role').notNull(),
    /** The county of a county editor (null for every other role). */
    countyCode: varchar('county_code', { length: 6 }).references(() => regions.code),
    /** County editor who may sign the county ledger (签字). */
    leader: boolean('leader').notNull().default(false),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('users_county_for_editor', sql`(${t.role} = 'county_editor') = (${t.countyCode} IS NOT NULL)`),
    check('users_leader_only_editor', sql`NOT ${t.leader} OR ${t.role} = 'county_editor'`),
    check('users_username_shape', sql`${t.username} ~ '^[a-z0-9_.-]{3,32}$'`),
  ],
);

/** Server-side sessions. The cookie holds a random 256-bit token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: varchar('id_hash', { length: 64 }).primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** Absolute end (created + SESSION_MAX_HOURS), whatever the activity. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: varchar('ip', { length: 64 }),
    userAgent: varchar('user_agent', { length: 256 }),
    /** Wrong current passwords typed on the change-password route in this session (ends it at the limit). */
    passwordFailures: integer('password_failures').notNull().default(0),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Failed logins per (attempted username, client IP), known username or not: the count of the current
 * streak, when it began and ended, and until when that client must wait before its next try of that
 * username (progressive delay, server/auth/lockout.ts). Another client is never delayed by it.
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    username: varchar('username', { length: 64 }).notNull(),
    /** The client IP ('' when unknown). */
    client: varchar('client', { length: 64 }).notNull().default(''),
    failures: integer('failures').notNull().default(0),
    /** First failure of the streak. */
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }),
    /** The client may try this username again from this instant on. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.username, t.client] })],
);

/**
 * The audit log: logins, failed logins, denials, imports, exports, edits, sign-offs, unmaskings.
 * Append-only in the database itself (a trigger refuses UPDATE, DELETE and TRUNCATE; see the
 * migration). Targets never hold a household's name or ID number; household ids are pseudonymized.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: integer('user_id'),
    /** The account's name, or the name typed at a failed login. */
    username: varchar('username', { length: 64 }),
    role: varchar('role', { length: 32 }),
    action: varchar('action', { length: 64 }).notNull(),
    target: varchar('target', { length: 256 }),
    result: varchar('result', { length: 16 }).notNull(),
    ip: varchar('ip', { length: 64 }),
    requestId: varchar('request_id', { length: 128 }),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_action_idx').on(t.action, t.at),
    index('audit_log_user_idx').on(t.userId, t.at),
    check('audit_log_result', sql`${t.result} IN ('ok', 'denied', 'failed', 'rejected')`),
  ],
);

// ---------------------------------------------------------------------------------------------
// Ledger imports (issue 10): a validated file waits here for its commit; the commit is idempotent.

/**
 * Import batches: `validate` stores the parsed rows and the report; `commit` writes them in one
 * transaction and stores its result, so a retried commit (same batch or same Idempotency-Key)
 * answers the stored result and counts once.
 */
export const importBatches = pgTable(
  'import_batches',
  {
    id: varchar('id', { length: 36 }).primaryKey(),
    kind: varchar('kind', { length: 32 }).notNull(),
    userId: integer('user_id').references(() => users.id),
    /** The county the importing account may write (null: every county). */
    scopeCounty: varchar('scope_county', { length: 6 }),
    fileName: text('file_name').notNull(),
    fileSha256: varchar('file_sha256', { length: 64 }).notNull(),
    status: varchar('status', { length: 16 }).notNull().default('validated'),
    rows: jsonb('rows').$type<unknown[]>().notNull(),
    report: jsonb('report').$type<Record<string, unknown>>().notNull(),
    idempotencyKey: varchar('idempotency_key', { length: 128 }).unique(),
    result: jsonb('result').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    committedAt: timestamp('committed_at', { withTimezone: true }),
  },
  (t) => [
    index('import_batches_created_idx').on(t.createdAt),
    check('import_batches_status', sql`${t.status} IN ('validated', 'committed')`),
  ],
);

/**
 * Sign-off (层层签字) of a county's ledger for a period (YYYY-MM) by its main leader and its deputy in
 * charge: one row per role, with a digest of the county's ledger at signing, so a later change shows
 * as "changed after signing" until signed again.
 */
export const ledgerSignoffs = pgTable(
  'ledger_signoffs',
  {
    countyCode: varchar('county_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    period: varchar('period', { length: 7 }).notNull(),
    role: varchar('role', { length: 8 }).notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    signerName: text('signer_name').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    ledgerDigest: varchar('ledger_digest', { length: 32 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.period, t.role] }),
    check('ledger_signoffs_role', sql`${t.role} IN ('main', 'deputy')`),
    check('ledger_signoffs_period', sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

// ---------------------------------------------------------------------------------------------
// Dispatch meetings: saved views (slides) in decks (issue 11).

/** One slide of a deck: a saved view of the map (the URL query string) with its title and notes. */
export interface DeckSlide {
  /** Stable within the deck (survives reordering), e.g. 's1a2b3c'. */
  id: string;
  title: string;
  notes: string;
  /** The whole view state as a query string, e.g. '?m=pv_registration&area=411421&level=township'. */
  view: string;
}

/**
 * A meeting's deck of slides. The slides are one ordered list edited as a whole; `version` counts
 * every change, so a save based on an older version is refused (409) instead of overwriting.
 */
export const decks = pgTable('decks', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  title: text('title').notNull(),
  meetingDate: date('meeting_date'),
  notes: text('notes').notNull().default(''),
  slides: jsonb('slides').$type<DeckSlide[]>().notNull().default([]),
  version: integer('version').notNull().default(1),
  createdBy: integer('created_by').references(() => users.id),
  updatedBy: integer('updated_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// ---------------------------------------------------------------------------------------------
// Follow-up (督办, issue 11): problems and decisions recorded at a meeting, answered by the county.

/**
 * A follow-up item (督办事项): what is to be done, by whom, by when, and what counts as done. It
 * concerns a division (county, township or village) or a project; `county_code` is the county that
 * answers for it. The state is derived: closed when `closed_at` is set, otherwise overdue once the
 * deadline has passed, otherwise open. `version` counts every change (optimistic locking).
 */
export const followups = pgTable(
  'followups',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    title: text('title').notNull(),
    detail: text('detail').notNull().default(''),
    areaCode: varchar('area_code', { length: 12 }).references(() => regions.code),
    projectCode: varchar('project_code', { length: 32 }),
    countyCode: varchar('county_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    responsibleUnit: text('responsible_unit').notNull(),
    deadline: date('deadline').notNull(),
    doneCriteria: text('done_criteria').notNull(),
    deckId: integer('deck_id').references(() => decks.id, { onDelete: 'set null' }),
    meetingDate: date('meeting_date'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: integer('closed_by').references(() => users.id),
    closingNote: text('closing_note'),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by').references(() => users.id),
    updatedBy: integer('updated_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** True for the generated demo items (演示数据). */
    demo: boolean('demo').notNull().default(false),
  },
  (t) => [
    index('followups_county_idx').on(t.countyCode, t.deadline),
    check('followups_closed', sql`(${t.closedAt} IS NULL) = (${t.closingNote} IS NULL)`),
  ],
);

/** The county's answers to an item (进展报送), oldest first: a progress line and a short report. */
export const followupResponses = pgTable(
  'followup_responses',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    followupId: integer('followup_id')
      .notNull()
      .references(() => followups.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: integer('user_id').references(() => users.id),
    /** Who answered, as shown (kept when the account is renamed or removed). */
    author: text('author').notNull(),
    progress: text('progress').notNull(),
    report: text('report').notNull().default(''),
  },
  (t) => [index('followup_responses_item_idx').on(t.followupId, t.at)],
);
