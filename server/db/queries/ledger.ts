/** Detail of one project or PV station for the map's detail cards, and a project's benefit links. */
import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';

/** The project's ledger row, monthly history and beneficiary villages, as JSON text; null when unknown. */
export async function projectDetailJson(database: Database, code: string): Promise<string | null> {
  const [row] = await database.rows<{ json: string | null }>(sql`
    SELECT (SELECT json_build_object(
      'code', p.code, 'name', p.name, 'year', p.year,
      'countyCode', p.county_code, 'countyName', (SELECT name FROM regions WHERE code = p.county_code),
      'townshipCode', p.township_code, 'townshipName', (SELECT name FROM regions WHERE code = p.township_code),
      'villageCode', p.village_code, 'villageName', (SELECT name FROM regions WHERE code = p.village_code),
      'located', p.geom IS NOT NULL, 'geometryType', GeometryType(p.geom),
      'category', p.category, 'mode', p.industry_mode, 'responsibleLevel', p.responsible_level, 'responsibleUnit', p.responsible_unit,
      'status', p.status,
      'funds', json_build_object('totalWan', p.total_investment_wan::float8, 'arrangedWan', p.arranged_wan::float8,
        'disbursedWan', p.disbursed_wan::float8, 'spentWan', p.spent_wan::float8),
      'sources', json_build_object('central', p.fund_central_wan::float8, 'province', p.fund_province_wan::float8,
        'city', p.fund_city_wan::float8, 'county', p.fund_county_wan::float8, 'finance', p.fund_finance_wan::float8,
        'bond', p.fund_bond_wan::float8, 'social', p.fund_social_wan::float8),
      'dates', json_build_object('plannedStart', p.planned_start, 'plannedCompletion', p.planned_completion,
        'actualStart', p.actual_start, 'actualCompletion', p.actual_completion),
      'householdsReached', p.households_reached, 'poorHouseholdsReached', p.poor_households_reached,
      'linkages', to_json(p.linkages), 'dividendRatePct', p.dividend_rate_pct::float8,
      'signOff', json_build_object('mainLeader', p.sign_main_leader, 'mainDate', p.sign_main_date,
        'deputyLeader', p.sign_deputy_leader, 'deputyDate', p.sign_deputy_date),
      'history', coalesce((SELECT json_agg(json_build_object('asOf', pp.as_of, 'status', pp.status,
          'arrangedWan', pp.arranged_wan::float8, 'disbursedWan', pp.disbursed_wan::float8, 'spentWan', pp.spent_wan::float8,
          'physicalProgressPct', pp.physical_progress_pct::float8) ORDER BY pp.as_of)
        FROM project_progress pp WHERE pp.project_code = p.code), '[]'::json),
      'beneficiaries', coalesce((SELECT json_agg(json_build_object('villageCode', b.village_code, 'villageName', r.name,
          'households', b.households) ORDER BY b.households DESC, b.village_code)
        FROM project_beneficiaries b JOIN regions r ON r.code = b.village_code WHERE b.project_code = p.code), '[]'::json)
    )::text FROM projects p WHERE p.code = ${code}) AS json`);
  return row?.json ?? null;
}

/**
 * Lines from the project (its location, or its village's label point when unlocated) to the label
 * point of every village whose households it reaches, weighted by households. Null when unknown.
 */
export async function benefitLinksJson(database: Database, code: string): Promise<string | null> {
  const [row] = await database.rows<{ json: string | null }>(sql`
    WITH p AS (
      SELECT p.code, coalesce(ST_PointOnSurface(p.geom), v.label_point) AS origin
      FROM projects p LEFT JOIN regions v ON v.code = p.village_code WHERE p.code = ${code}
    )
    SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM p) THEN NULL ELSE json_build_object(
      'type', 'FeatureCollection',
      'features', coalesce((SELECT json_agg(json_build_object(
        'type', 'Feature',
        'geometry', ST_AsGeoJSON(ST_MakeLine(p.origin, r.label_point), 6)::json,
        'properties', json_build_object('villageCode', r.code, 'villageName', r.name, 'households', b.households)
      ) ORDER BY b.households DESC, r.code)
      FROM p JOIN project_beneficiaries b ON b.project_code = p.code JOIN regions r ON r.code = b.village_code
      WHERE p.origin IS NOT NULL AND r.label_point IS NOT NULL), '[]'::json)
    )::text END AS json`);
  return row?.json ?? null;
}

/** A PV station's detail as JSON text; null when unknown. */
export async function pvDetailJson(database: Database, code: string): Promise<string | null> {
  const [row] = await database.rows<{ json: string | null }>(sql`
    SELECT (SELECT json_build_object(
      'code', st.code, 'name', st.name, 'type', st.type, 'capacityKw', st.capacity_kw::float8,
      'countyCode', st.county_code, 'countyName', (SELECT name FROM regions WHERE code = st.county_code),
      'villageCode', st.village_code, 'villageName', (SELECT name FROM regions WHERE code = st.village_code),
      'status', st.status, 'gridDate', st.grid_date, 'registered', st.registered, 'registeredDate', st.registered_date,
      'yearlyGenerationKwh', st.yearly_generation_kwh::float8, 'yearlyIncomeWan', st.yearly_income_wan::float8,
      'incomeWelfareJobsWan', st.income_welfare_jobs_wan::float8, 'incomeCollectiveWan', st.income_collective_wan::float8,
      'householdsReached', st.households_reached
    )::text FROM pv_stations st WHERE st.code = ${code}) AS json`);
  return row?.json ?? null;
}
