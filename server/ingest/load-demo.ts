/**
 * Fill an empty database with the demo data (演示数据): generate it (pure, see ./demo) and insert it in
 * one transaction, all or nothing. Runs once: afterwards the settings table holds 'demo_seeded'.
 */
import { eq, sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.ts';
import {
  followupResponses,
  followups,
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
import { demoFollowups } from './demo/followups.ts';
import { defaultDemoSeed, generateDemoData, readDemoInputs, unknownCountyCodes, type DemoData } from './demo/index.ts';

export interface LoadDemoOptions {
  /** Folder holding henan-counties.geojson and henan-divisions.csv (default: the repository's data/). */
  dataFolder?: string;
  /** Generator seed (default 20200622). */
  seed?: number;
  /** Where notices go (default console.warn). */
  log?: (message: string) => void;
}

export interface LoadDemoResult {
  /** False when the database already held the demo (nothing was inserted). */
  seeded: boolean;
  /** Rows inserted per table (empty when not seeded). */
  counts: Record<string, number>;
}

const SEEDED_KEY = 'demo_seeded';
/** Any constant: serialises concurrent loaders on a server database. */
const ADVISORY_LOCK_ID = 411420200622;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Insert the demo data unless the settings table already has 'demo_seeded'. Everything goes in one
 * transaction; on any error nothing is kept and the error is rethrown. Region geometries pass through
 * ST_MakeValid (the real county outlines come from a display data set), label points are the centres
 * of the maximum inscribed circles, and 'demo_seeded' is written last.
 */
export async function loadDemoData(database: Database, opts: LoadDemoOptions = {}): Promise<LoadDemoResult> {
  if (await isSeeded(database.db)) return { seeded: false, counts: {} };
  const log = opts.log ?? ((message: string) => console.warn(message));
  const inputs = readDemoInputs(opts.dataFolder);
  const unknown = unknownCountyCodes(inputs.countiesGeojson, inputs.divisionsCsv);
  if (unknown.length > 0) {
    log(
      `Boundary file has ${unknown.length} county codes the division list does not know (older vintage, kept out of the demo): ${unknown.join(', ')}`,
    );
  }
  const seed = opts.seed ?? defaultDemoSeed;
  const data = generateDemoData(inputs, seed);

  const counts = await database.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_ID})`);
    if (await isSeeded(tx)) return null;
    // No data-version bump: the demo is loaded before the server answers anything (nothing is cached yet).
    return insertAll(tx, data, seed);
  });
  // Planner statistics for the new rows (the embedded database has no autovacuum to gather them).
  if (counts) await database.db.execute(sql`ANALYZE`);
  return counts ? { seeded: true, counts } : { seeded: false, counts: {} };
}

async function isSeeded(db: Db | Tx): Promise<boolean> {
  const rows = await db.select({ key: settings.key }).from(settings).where(eq(settings.key, SEEDED_KEY)).limit(1);
  return rows.length > 0;
}

/** Regions: geometry made valid (polygons only) in the database, whatever the input. */
function regionValues(rows: DemoData['regions']) {
  return rows.map((r) => ({
    ...r,
    geom: r.geom
      ? sql`ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(r.geom)}), 4326)), 3))`
      : null,
  }));
}

/**
 * Points as ST_MakePoint(lng, lat): for the large point tables it halves the insert time compared
 * with the schema's GeoJSON writer; null stays null.
 */
function withPointGeom<T extends { geom?: GeoJSON.Geometry | null }>(rows: readonly T[]) {
  return rows.map((r) => {
    const g = r.geom;
    if (!g || g.type !== 'Point') return r;
    return { ...r, geom: sql`ST_SetSRID(ST_MakePoint(${g.coordinates[0]}, ${g.coordinates[1]}), 4326)` };
  });
}

/** The demo's follow-up items (督办) with their answers; marked demo (演示数据). */
async function insertDemoFollowups(tx: Tx): Promise<number> {
  for (const f of demoFollowups) {
    const { responses, closed, ...item } = f;
    const [row] = await tx
      .insert(followups)
      .values({
        ...item,
        demo: true,
        updatedAt: closed?.at ?? responses.at(-1)?.at ?? item.createdAt,
        closedAt: closed?.at ?? null,
        closingNote: closed?.note ?? null,
        version: 1 + responses.length + (closed ? 1 : 0),
      })
      .returning({ id: followups.id });
    if (responses.length) await tx.insert(followupResponses).values(responses.map((r) => ({ ...r, followupId: row.id })));
  }
  return demoFollowups.length;
}

async function insertBatches<T>(rows: readonly T[], size: number, insert: (batch: T[]) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
  return rows.length;
}

async function insertAll(tx: Tx, data: DemoData, seed: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  // Parents before children: regions are ordered city, counties, townships, villages.
  counts.regions = await insertBatches(regionValues(data.regions), 500, (b) => tx.insert(regions).values(b));
  await tx.execute(sql`UPDATE regions SET label_point = (ST_MaximumInscribedCircle(geom)).center WHERE geom IS NOT NULL`);
  counts.projects = await insertBatches(data.projects, 500, (b) => tx.insert(projects).values(b));
  counts.project_progress = await insertBatches(data.projectProgress, 1000, (b) => tx.insert(projectProgress).values(b));
  counts.project_beneficiaries = await insertBatches(data.projectBeneficiaries, 1000, (b) => tx.insert(projectBeneficiaries).values(b));
  counts.pv_stations = await insertBatches(withPointGeom(data.pvStations), 500, (b) => tx.insert(pvStations).values(b));
  counts.households = await insertBatches(withPointGeom(data.households), 1000, (b) => tx.insert(households).values(b));
  counts.meetings = await insertBatches(data.meetings, 500, (b) => tx.insert(meetings).values(b));
  counts.targets = await insertBatches(data.targets, 500, (b) => tx.insert(targets).values(b));
  counts.followups = await insertDemoFollowups(tx);
  const seeded = { key: SEEDED_KEY, value: { seed, counts: { ...counts, settings: data.settings.length + 1 } } };
  counts.settings = await insertBatches([...data.settings, seeded], 500, (b) => tx.insert(settings).values(b));
  return counts;
}
