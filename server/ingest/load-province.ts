/**
 * Load the province dataset (./demo/province.ts) into an empty database, in bulk and in one
 * transaction: each table goes in as a few statements `INSERT … SELECT FROM unnest(array, array, …)`
 * of up to 20,000 rows (one array parameter per column, the same SQL on PostgreSQL and the embedded
 * database); the secondary indexes of the large tables are dropped for the load and rebuilt at the end.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database, Db } from '../db/client.ts';
import {
  households,
  meetings,
  projectBeneficiaries,
  projectProgress,
  projects,
  pvStations,
  regions,
  settings,
  targets,
} from '../db/schema.ts';
import { readDemoInputs } from './demo/index.ts';
import { defaultProvinceSeed, generateProvinceData, provinceCode, type ProvinceOptions } from './demo/province.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface LoadProvinceOptions extends Omit<ProvinceOptions, 'progress'> {
  /** Folder holding henan-counties.geojson and henan-divisions.csv (default: the repository's data/). */
  dataFolder?: string;
  /** Progress lines (default console.log). */
  log?: (message: string) => void;
}

export interface LoadProvinceResult {
  counts: Record<string, number>;
  withoutPolygon: { code: string; name: string }[];
  retiredCodes: string[];
  seconds: number;
}

const SEEDED_KEY = 'demo_seeded';
const BATCH = 20_000;

/** A PostgreSQL array literal of text elements ('{"a","b",NULL}'), for one `$n::type[]` parameter. */
export function arrayLiteral(values: readonly (string | number | boolean | null)[]): string {
  const parts = values.map((v) => {
    if (v === null) return 'NULL';
    if (typeof v === 'boolean') return v ? 't' : 'f';
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
      return String(v);
    }
    return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${parts.join(',')}}`;
}

interface ColumnPlan {
  key: string;
  name: string;
  /** Type of the unnest array element. */
  elementType: string;
  /** The value written for a row (text for geometry and enum arrays). */
  value: (row: Record<string, unknown>) => string | number | boolean | null;
  /** The select expression over `u.<name>`. */
  expr: string;
}

function columnPlans(table: PgTable, sample: Record<string, unknown>): ColumnPlan[] {
  const columns = getTableColumns(table) as Record<string, { name: string; getSQLType(): string }>;
  return Object.keys(sample).map((key) => {
    const col = columns[key];
    if (!col) throw new Error(`no column for ${key}`);
    const type = col.getSQLType();
    const q = `"${col.name}"`;
    if (type.startsWith('geometry(')) {
      const make =
        type === 'geometry(MultiPolygon,4326)'
          ? `ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(u.${q}), 4326)), 3))`
          : `ST_SetSRID(ST_GeomFromGeoJSON(u.${q}), 4326)`;
      return {
        key,
        name: col.name,
        elementType: 'text',
        value: (r) => (r[key] ? JSON.stringify(r[key]) : null),
        expr: `CASE WHEN u.${q} IS NULL THEN NULL ELSE ${make} END`,
      };
    }
    if (type.endsWith('[]')) {
      // An enum array (projects.linkages): each element is itself an array literal.
      return {
        key,
        name: col.name,
        elementType: 'text',
        value: (r) => arrayLiteral((r[key] as string[] | null) ?? []),
        expr: `u.${q}::${type}`,
      };
    }
    return {
      key,
      name: col.name,
      elementType: type,
      value: (r) => (r[key] === undefined ? null : (r[key] as string | number | boolean | null)),
      expr: `u.${q}`,
    };
  });
}

/** INSERT one batch of rows through unnest: one array parameter per column. */
async function insertBatch(tx: Tx, table: PgTable, tableName: string, plans: ColumnPlan[], rows: readonly Record<string, unknown>[]) {
  const arrays = plans.map((p) => arrayLiteral(rows.map((r) => p.value(r))));
  const params = plans.map((p, i) => sql`${arrays[i]}::${sql.raw(p.elementType)}[]`);
  const names = plans.map((p) => `"${p.name}"`).join(', ');
  const query: SQL = sql`INSERT INTO ${sql.raw(`"${tableName}"`)} (${sql.raw(names)})
    SELECT ${sql.raw(plans.map((p) => p.expr).join(', '))} FROM unnest(${sql.join(params, sql`, `)}) AS u(${sql.raw(names)})`;
  void table;
  await tx.execute(query);
}

/** Insert rows (an array or a generator) in batches; returns the count. */
async function bulkInsert(
  tx: Tx,
  table: PgTable,
  tableName: string,
  rows: Iterable<object>,
  log: (message: string) => void,
  label = tableName,
): Promise<number> {
  let plans: ColumnPlan[] | null = null;
  let batch: Record<string, unknown>[] = [];
  let n = 0;
  const started = performance.now();
  let lastLog = started;
  const flush = async () => {
    if (batch.length === 0) return;
    plans ??= columnPlans(table, batch[0]);
    await insertBatch(tx, table, tableName, plans, batch);
    n += batch.length;
    batch = [];
    if (performance.now() - lastLog > 5000) {
      lastLog = performance.now();
      log(`  ${label}: ${n.toLocaleString('en')} rows (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  };
  for (const row of rows) {
    batch.push(row as Record<string, unknown>);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  log(`  ${label}: ${n.toLocaleString('en')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return n;
}

/** Drop the secondary (non-constraint) indexes of a table; returns their definitions to rebuild. */
async function dropIndexes(tx: Tx, table: string): Promise<string[]> {
  const rows = (await tx.execute(sql`
    SELECT indexname, indexdef FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename = ${table}
      AND indexname NOT IN (SELECT conname FROM pg_constraint)`)) as unknown as { indexname: string; indexdef: string }[];
  for (const r of rows) await tx.execute(sql.raw(`DROP INDEX "${r.indexname}"`));
  return rows.map((r) => r.indexdef);
}

/**
 * Generate the province dataset and insert it into an empty database (no divisions yet), all or nothing.
 * Throws when the database already has divisions: load into a fresh database.
 */
export async function loadProvinceData(database: Database, opts: LoadProvinceOptions = {}): Promise<LoadProvinceResult> {
  const log = opts.log ?? ((message: string) => console.log(message));
  const started = performance.now();
  const [existing] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM regions`);
  if (existing.n > 0) {
    throw new Error(
      `The database already holds ${existing.n} divisions (the demo city or an earlier load). Load the province into a fresh database: create one, point DATABASE_URL (or DATA_DIR) at it, and set DEMO_DATA=off when starting the server on it before the load.`,
    );
  }
  log(`Synthesizing township and village polygons (seed ${opts.seed ?? defaultProvinceSeed})…`);
  const data = generateProvinceData(readDemoInputs(opts.dataFolder), { ...opts, progress: (m) => log(`  ${m}`) });
  if (data.retiredCodes.length) log(`Boundary file codes the division list no longer has (left out): ${data.retiredCodes.join(', ')}`);
  if (data.withoutPolygon.length)
    log(
      `${data.withoutPolygon.length} county-level units have no polygon (listed, not drawn; no ledger rows): ${data.withoutPolygon.map((u) => `${u.code} ${u.name}`).join(', ')}`,
    );
  log(`Generated in ${((performance.now() - started) / 1000).toFixed(0)} s; loading in one transaction…`);

  const { ledger } = data;
  const counts: Record<string, number> = {};
  await database.db.transaction(async (tx) => {
    const dropped: string[] = [];
    for (const t of ['households', 'project_progress', 'projects', 'project_beneficiaries', 'pv_stations'])
      dropped.push(...(await dropIndexes(tx, t)));
    counts.regions = await bulkInsert(tx, regions, 'regions', data.regions, log);
    log('  regions: province outline, label points');
    await tx.execute(sql`
      UPDATE regions SET geom = (SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(geom)), 3)) FROM regions WHERE level = 'city' AND parent_code = ${provinceCode})
      WHERE code = ${provinceCode}`);
    await tx.execute(sql`UPDATE regions SET label_point = (ST_MaximumInscribedCircle(geom)).center WHERE geom IS NOT NULL`);
    counts.projects = await bulkInsert(tx, projects, 'projects', ledger.projects, log);
    counts.project_progress = await bulkInsert(tx, projectProgress, 'project_progress', ledger.projectProgress, log);
    counts.project_beneficiaries = await bulkInsert(tx, projectBeneficiaries, 'project_beneficiaries', ledger.projectBeneficiaries, log);
    counts.pv_stations = await bulkInsert(tx, pvStations, 'pv_stations', ledger.pvStations, log);
    counts.households = await bulkInsert(tx, households, 'households', data.households(), log);
    log(`  rebuilding ${dropped.length} indexes`);
    for (const def of dropped) await tx.execute(sql.raw(def));
    await tx.insert(meetings).values(ledger.meetings);
    await tx.insert(targets).values(ledger.targets);
    counts.meetings = ledger.meetings.length;
    counts.targets = ledger.targets.length;
    // 'demo_seeded' keeps the server from adding the demo city on top.
    const seeded = { key: SEEDED_KEY, value: { dataset: 'province', seed: opts.seed ?? defaultProvinceSeed, counts } };
    await tx.insert(settings).values([...ledger.settings, seeded]);
  });
  log('  ANALYZE');
  await database.db.execute(sql`ANALYZE`);
  const seconds = (performance.now() - started) / 1000;
  log(
    `Province loaded in ${seconds.toFixed(0)} s: ${Object.entries(counts)
      .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
      .join(', ')}`,
  );
  return { counts, withoutPolygon: data.withoutPolygon, retiredCodes: data.retiredCodes, seconds };
}
