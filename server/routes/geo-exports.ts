/**
 * GET /exports/geo/boundaries and /exports/geo/layers/{layer}: boundaries (optionally with a measure's
 * values) and the project and PV-station layers as GeoJSON or GeoPackage, with Chinese field names,
 * EPSG:4326. The data comes from the same evaluations and layer queries as the map, so the same rules
 * hold: household counts 1–4 withheld for readers without exact counts, generalised locations where the
 * map generalises them, never a household record. Audited.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../app.ts';
import { audit } from '../auth/audit.ts';
import { requires } from '../auth/context.ts';
import { disclosureOf, exactCountyOf } from '../auth/disclosure.ts';
import { BoundaryExportQuery, GeoExportCollection, GeoFileBody, LayerExportParam, LayerExportQuery } from '../contracts/geo-exports.ts';
import { maxLayerLimit } from '../contracts/layer-constants.ts';
import { queryCalendar } from '../db/queries/calendar.ts';
import { latestCutOff, projectLayerJson, pvLayerJson } from '../db/queries/layers.ts';
import { findRegion, underAncestor, type RegionRef } from '../db/queries/regions.ts';
import { requireRootArea } from '../db/queries/root-area.ts';
import type { Database } from '../db/client.ts';
import { HttpError } from '../errors.ts';
import { attachment, ErrorBody, jsonResponse, newRouter } from '../http.ts';
import { levelNames, statusWord, unitSuffix } from '../domain/export-labels.ts';
import { writeGeoPackage, type ExportFeature } from '../ingest/gpkg-write.ts';
import { categoryLabels, modeLabels, pvStatusLabels, pvTypeLabels, statusLabels } from '../ingest/kinds.ts';
import { checkDate, evaluateOn, resolveParent } from './measures.ts';

const GPKG_TYPE = 'application/geopackage+sqlite3';
const files = { content: { 'application/geo+json': { schema: GeoExportCollection }, [GPKG_TYPE]: { schema: GeoFileBody } } };
const errors = {
  400: jsonResponse('Invalid parameter', ErrorBody),
  401: jsonResponse('Not logged in (anonymous read is off)', ErrorBody),
  404: jsonResponse('Unknown code, or no data yet', ErrorBody),
};

const boundaries = createRoute({
  method: 'get',
  path: '/exports/geo/boundaries',
  ...requires('aggregates:read'),
  tags: ['exports'],
  summary: 'Boundaries of one level under an ancestor, optionally with a measure’s values, as GeoJSON or GeoPackage (EPSG:4326)',
  request: { query: BoundaryExportQuery },
  responses: { 200: { description: 'The file (Content-Disposition: attachment)', ...files }, ...errors },
});

const layers = createRoute({
  method: 'get',
  path: '/exports/geo/layers/{layer}',
  ...requires('ledger:read'),
  tags: ['exports'],
  summary: 'The project or PV-station layer (located features, status as of a date) as GeoJSON or GeoPackage (EPSG:4326)',
  request: { params: LayerExportParam, query: LayerExportQuery },
  responses: { 200: { description: 'The file (Content-Disposition: attachment)', ...files }, ...errors },
});

const yes = (b: unknown) => (b === true ? '是' : b === false ? '否' : null);

async function send(
  c: Context,
  format: 'geojson' | 'gpkg',
  features: ExportFeature[],
  file: { name: string; ascii: string; layer: string; geometryType: string },
) {
  const body =
    format === 'gpkg'
      ? await writeGeoPackage(file.layer, file.name, features, file.geometryType)
      : new TextEncoder().encode(
          JSON.stringify({
            type: 'FeatureCollection',
            name: file.name,
            features: features.map((f) => ({ type: 'Feature', properties: f.properties, geometry: f.geometry })),
          }),
        );
  const ext = format === 'gpkg' ? 'gpkg' : 'geojson';
  c.header('Content-Type', format === 'gpkg' ? GPKG_TYPE : 'application/geo+json; charset=utf-8');
  c.header('Content-Disposition', attachment(`${file.name}.${ext}`, `${file.ascii}.${ext}`));
  c.header('Cache-Control', 'private, no-store');
  return c.body(body as Uint8Array<ArrayBuffer>, 200) as never;
}

async function boundaryFeatures(database: Database, level: 'county' | 'township' | 'village', parent: RegionRef) {
  return database.rows<{
    code: string;
    name: string;
    level: string;
    parentCode: string | null;
    synthesized: boolean;
    geom: string | null;
  }>(sql`
    SELECT r.code, r.name, r.level::text AS level, r.parent_code AS "parentCode", r.synthesized, ST_AsGeoJSON(r.geom, 6) AS geom
    FROM regions r WHERE r.level = ${level} AND ${underAncestor(parent)} ORDER BY r.code`);
}

export const geoExportRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(boundaries, async (c) => {
      const q = c.req.valid('query');
      const parent = q.parent ? await resolveParent(database, q.parent, q.level) : await requireRootArea(database);
      const regions = await boundaryFeatures(database, q.level, parent);
      let values = new Map<string, Record<string, unknown>>();
      let asOf: string | null = null;
      if (q.measure) {
        const calendar = await queryCalendar(database);
        asOf = q.asOf ?? calendar.defaultAsOf;
        if (!asOf) throw new HttpError(404, 'There is no progress data yet: import a ledger first, or leave out measure.');
        checkDate(calendar, asOf, 'asOf');
        const { measure, rows } = await evaluateOn(database, q.measure, q.level, parent, asOf, await disclosureOf(c, database, parent));
        const unit = unitSuffix(measure);
        values = new Map(
          rows.map((r) => [
            r.code,
            {
              指标: measure.nameZh,
              [`数值${unit}`]: r.value,
              分子: r.numerator,
              分母: r.denominator,
              [`序时进度${unit}`]: r.expected,
              '滞后（个百分点）': r.lag,
              状态: statusWord(r.status),
              排名: r.rank,
              数据截至: asOf,
            },
          ]),
        );
      }
      const features: ExportFeature[] = regions.map((r) => ({
        geometry: r.geom ? (JSON.parse(r.geom) as GeoJSON.Geometry) : null,
        properties: {
          区划代码: r.code,
          名称: r.name,
          级别: levelNames[r.level as keyof typeof levelNames] ?? r.level,
          上级代码: r.parentCode,
          合成边界: yes(r.synthesized),
          ...values.get(r.code),
        },
      }));
      await audit(c, {
        action: 'geo.export',
        target: `export:boundaries`,
        result: 'ok',
        detail: { format: q.format, level: q.level, parent: parent.code, measure: q.measure ?? null, asOf, features: features.length },
      });
      const what = q.measure ? `-${q.measure}` : '';
      return send(c, q.format, features, {
        name: `${parent.name}${levelNames[q.level]}边界${q.measure && features.length ? `-${features[0].properties.指标}` : ''}`,
        ascii: `boundaries-${parent.code}-${q.level}${what}`,
        layer: `boundaries_${q.level}`,
        geometryType: 'MULTIPOLYGON',
      });
    })
    .openapi(layers, async (c) => {
      const { layer } = c.req.valid('param');
      const q = c.req.valid('query');
      const area = q.area ? await findRegion(database, q.area) : await requireRootArea(database);
      if (!area) throw new HttpError(404, `area: no division with code ${q.area}. Use the city, a county, township or village code.`);
      const asOf = q.asOf ?? (await latestCutOff(database));
      if (!asOf) throw new HttpError(404, 'There is no progress data yet: import a ledger first.');
      const exactCounty = exactCountyOf(c);
      const features: ExportFeature[] = [];
      for (let offset = 0; ; offset += maxLayerLimit) {
        const page = { limit: maxLayerLimit, offset, asOf, area, exactCounty };
        const fc = JSON.parse(layer === 'projects' ? await projectLayerJson(database, page) : await pvLayerJson(database, page)) as {
          features: { geometry: GeoJSON.Geometry; properties: Record<string, unknown> }[];
        };
        for (const f of fc.features)
          features.push({ geometry: f.geometry, properties: layer === 'projects' ? projectProps(f.properties) : pvProps(f.properties) });
        if (fc.features.length < maxLayerLimit) break;
      }
      await audit(c, {
        action: 'geo.export',
        target: `export:${layer}`,
        result: 'ok',
        detail: { format: q.format, area: area.code, asOf, features: features.length },
      });
      const label = layer === 'projects' ? '扶贫项目' : '光伏电站';
      return send(c, q.format, features, {
        name: `${area.name}${label}（截至${asOf}）`,
        ascii: `${layer}-${area.code}-${asOf}`,
        layer,
        geometryType: layer === 'projects' ? 'GEOMETRY' : 'POINT',
      });
    });

function projectProps(p: Record<string, unknown>): Record<string, unknown> {
  return {
    项目编号: p.code,
    项目名称: p.name,
    年度: p.year,
    县代码: p.countyCode,
    乡镇代码: p.townshipCode,
    村代码: p.villageCode,
    项目类别: categoryLabels[p.category as keyof typeof categoryLabels] ?? p.category,
    产业模式: p.mode ? (modeLabels[p.mode as keyof typeof modeLabels] ?? p.mode) : null,
    项目状态: statusLabels[p.status as keyof typeof statusLabels] ?? p.status,
    逾期: yes(p.overdue),
    '总投资（万元）': p.totalWan,
    '已支出资金（万元）': p.spentWan,
    '带动户数（户）': p.householdsReached,
    计划完工日期: p.plannedCompletion,
    位置已概化: yes(p.generalised),
  };
}

function pvProps(p: Record<string, unknown>): Record<string, unknown> {
  return {
    电站编号: p.code,
    电站名称: p.name,
    电站类型: pvTypeLabels[p.type as keyof typeof pvTypeLabels] ?? p.type,
    '装机容量（kW）': p.capacityKw,
    建设状态: pvStatusLabels[p.status as keyof typeof pvStatusLabels] ?? p.status,
    纳入国家系统: yes(p.registered),
    县代码: p.countyCode,
    村代码: p.villageCode,
    '带动户数（户）': p.householdsReached,
    '年收益（万元）': p.yearlyIncomeWan,
    位置已概化: yes(p.generalised),
  };
}
