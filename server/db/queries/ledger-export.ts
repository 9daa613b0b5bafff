/**
 * The ledger views as export rows (field keys of server/ingest/kinds.ts): projects, monthly progress
 * and PV stations, optionally of one county, with division names and the most precise division code.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { ImportKind } from '../../ingest/kinds.ts';
import type { ExportRow } from '../../ingest/ledger-export.ts';
import type { Database } from '../client.ts';

const divisionColumns = (t: string) =>
  sql.raw(`
  (SELECT name FROM regions WHERE code = ${t}.county_code) AS county,
  (SELECT name FROM regions WHERE code = ${t}.township_code) AS township,
  (SELECT name FROM regions WHERE code = ${t}.village_code) AS village,
  coalesce(${t}.village_code, ${t}.township_code, ${t}.county_code) AS "divisionCode"`);

const point = (t: string) =>
  sql.raw(`
  CASE WHEN GeometryType(${t}.geom) = 'POINT' THEN round(ST_X(${t}.geom)::numeric, 6)::float8 END AS lng,
  CASE WHEN GeometryType(${t}.geom) = 'POINT' THEN round(ST_Y(${t}.geom)::numeric, 6)::float8 END AS lat`);

export async function exportRows(database: Database, kind: ImportKind, county: string | null): Promise<ExportRow[]> {
  const where = (col: string): SQL => (county ? sql`${sql.raw(col)} = ${county}` : sql`TRUE`);
  if (kind === 'projects') {
    return database.rows<ExportRow>(sql`
      SELECT p.code, p.name, p.year, ${divisionColumns('p')}, p.category, p.industry_mode AS "industryMode",
        p.responsible_level AS "responsibleLevel", p.responsible_unit AS "responsibleUnit",
        p.total_investment_wan::float8 AS "totalInvestmentWan", p.arranged_wan::float8 AS "arrangedWan",
        p.disbursed_wan::float8 AS "disbursedWan", p.spent_wan::float8 AS "spentWan", p.fund_central_wan::float8 AS "fundCentralWan",
        p.fund_province_wan::float8 AS "fundProvinceWan", p.fund_city_wan::float8 AS "fundCityWan", p.fund_county_wan::float8 AS "fundCountyWan",
        p.fund_finance_wan::float8 AS "fundFinanceWan", p.fund_bond_wan::float8 AS "fundBondWan", p.fund_social_wan::float8 AS "fundSocialWan",
        p.planned_start::text AS "plannedStart", p.planned_completion::text AS "plannedCompletion", p.actual_start::text AS "actualStart",
        p.actual_completion::text AS "actualCompletion", p.status, p.households_reached AS "householdsReached",
        p.poor_households_reached AS "poorHouseholdsReached", p.linkages::text[] AS linkages, p.dividend_rate_pct::float8 AS "dividendRatePct",
        ${point('p')}
      FROM projects p WHERE ${where('p.county_code')} ORDER BY p.county_code, p.code`);
  }
  if (kind === 'progress') {
    return database.rows<ExportRow>(sql`
      SELECT g.project_code AS "projectCode", p.name AS "projectName", g.as_of::text AS "asOf", g.status,
        g.arranged_wan::float8 AS "arrangedWan", g.disbursed_wan::float8 AS "disbursedWan", g.spent_wan::float8 AS "spentWan",
        g.physical_progress_pct::float8 AS "physicalProgressPct"
      FROM project_progress g JOIN projects p ON p.code = g.project_code WHERE ${where('g.county_code')} ORDER BY g.project_code, g.as_of`);
  }
  return database.rows<ExportRow>(sql`
    SELECT s.code, s.name, s.type, s.capacity_kw::float8 AS "capacityKw", ${divisionColumns('s')}, s.status, s.grid_date::text AS "gridDate",
      s.registered, s.registered_date::text AS "registeredDate", s.yearly_generation_kwh::float8 AS "yearlyGenerationKwh",
      s.yearly_income_wan::float8 AS "yearlyIncomeWan", s.income_welfare_jobs_wan::float8 AS "incomeWelfareJobsWan",
      s.income_collective_wan::float8 AS "incomeCollectiveWan", s.households_reached AS "householdsReached", ${point('s')}
    FROM pv_stations s WHERE ${where('s.county_code')} ORDER BY s.county_code, s.code`);
}
