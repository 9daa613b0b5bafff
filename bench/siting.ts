/**
 * Siting benchmark (`npx tsx bench/siting.ts`): the catchment's household query (ST_DWithin on
 * geography) at 1, 5 and 20 km over a fixed set of sites in the city, with the GiST expression index
 * and without it (index and bitmap scans switched off in the same transaction), plus the whole
 * catchment (every part of the answer). Prints medians, p95, the ratio and the plan's index use.
 * Runs on BENCH_DATABASE_URL (PostgreSQL with the demo data), or on an embedded data folder given by
 * BENCH_DATA_DIR (e.g. a copy of the test template). Writes bench/results/siting-<backend>.json.
 * BENCH_SITING_SCALE=province: the household query on ≈ 2.2 million households instead (see provinceScale).
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { openDatabase, type Database } from '../server/db/client.ts';
import { catchmentHouseholdSql, queryCatchment, resolveSite } from '../server/db/queries/siting.ts';

const iterations = Number(process.env.BENCH_ITERATIONS ?? 20);
const radii = [1, 5, 20];

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: Number(q(0.5).toFixed(2)), p95: Number(q(0.95).toFixed(2)), n: s.length };
}

/** Sites: village label points spread over the city (every k-th village), fixed for every run. */
async function sites(database: Database, n: number): Promise<[number, number][]> {
  const rows = await database.rows<{ x: number; y: number }>(sql`
    SELECT ST_X(label_point) AS x, ST_Y(label_point) AS y FROM regions WHERE level = 'village' AND label_point IS NOT NULL ORDER BY code`);
  const step = Math.max(1, Math.floor(rows.length / n));
  return rows
    .filter((_, i) => i % step === 0)
    .slice(0, n)
    .map((r) => [r.x, r.y]);
}

const pointSql = ([x, y]: [number, number]) => sql`ST_SetSRID(ST_MakePoint(${x}::float8, ${y}::float8), 4326)`;

async function householdQuery(database: Database, q: SQL, withIndex: boolean) {
  if (withIndex) return database.rows(q);
  // Same query, the planner told not to use any index: what the geography query costs without the GiST index.
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_indexscan = off`);
    await tx.execute(sql`SET LOCAL enable_bitmapscan = off`);
    return tx.execute(q);
  });
}

/**
 * BENCH_SITING_SCALE=province: the household query on ≈ 2.2 million households, inside one transaction
 * that is rolled back (the database keeps nothing). The demo's 36,000 households are copied onto a 5 × 3
 * grid of city-sized tiles (≈ 160,000 km², the size of Henan), four jittered copies per tile (≈ 13
 * households per km², Henan has ≈ 12); the sites stay in the original tile. Without the index only the
 * first few sites are timed: each such query reads the whole table.
 */
async function provinceScale(database: Database, points: [number, number][]) {
  const results: Record<string, unknown> = { scale: 'province' };
  class Rollback extends Error {}
  try {
    await database.db.transaction(async (tx) => {
      const rows = async (q: SQL) => (await tx.execute(q)) as unknown as Record<string, unknown>[];
      let t = performance.now();
      await tx.execute(sql`
        INSERT INTO households (id, county_code, township_code, village_code, category, labour, members, industry_measures,
          wage_employment, dividend, public_welfare_job, social_assistance, income_per_capita_yuan, geom)
        SELECT h.id || '-' || g.tile || '-' || k, h.county_code, h.township_code, h.village_code, h.category, h.labour, h.members,
          h.industry_measures, h.wage_employment, h.dividend, h.public_welfare_job, h.social_assistance, h.income_per_capita_yuan,
          ST_SetSRID(ST_MakePoint(ST_X(h.geom) + g.dx + (random() - 0.5) * 0.02, ST_Y(h.geom) + g.dy + (random() - 0.5) * 0.02), 4326)
        FROM households h
        CROSS JOIN (SELECT i * 3 + j AS tile, i * 1.3 AS dx, j * 1.0 AS dy FROM generate_series(0, 4) i, generate_series(0, 2) j) g
        CROSS JOIN generate_series(1, 4) k
        WHERE h.geom IS NOT NULL`);
      await tx.execute(sql`ANALYZE households`);
      const [{ n }] = await rows(sql`SELECT count(*)::int AS n FROM households`);
      results.households = n;
      results.loadSeconds = Number(((performance.now() - t) / 1000).toFixed(1));
      console.log(`province scale: ${n} households loaded and analysed in ${results.loadSeconds} s`);
      const withIdx: Record<number, number[]> = {};
      const without: Record<number, number[]> = {};
      for (const r of radii) {
        withIdx[r] = [];
        for (const p of points) {
          t = performance.now();
          await tx.execute(catchmentHouseholdSql(pointSql(p), r * 1000, 'bench'));
          withIdx[r].push(performance.now() - t);
        }
      }
      const plan = await rows(sql`EXPLAIN ${catchmentHouseholdSql(pointSql(points[0]), 5000, 'bench')}`);
      results.planUsesIndex = /households_geog_idx/.test(plan.map((row) => Object.values(row)[0]).join('\n'));
      await tx.execute(sql`SET LOCAL enable_indexscan = off`);
      await tx.execute(sql`SET LOCAL enable_bitmapscan = off`);
      for (const r of radii) {
        without[r] = [];
        for (const p of points.slice(0, 5)) {
          t = performance.now();
          await tx.execute(catchmentHouseholdSql(pointSql(p), r * 1000, 'bench'));
          without[r].push(performance.now() - t);
        }
        const a = stats(withIdx[r]);
        const b = stats(without[r]);
        results[`${r}km`] = { households: { withIndex: a, withoutIndex: b, ratioP95: Number((b.p95 / a.p95).toFixed(1)) } };
        console.log(
          `${r} km (province scale): with index p95 ${a.p95} ms (median ${a.median}), without ${b.p95} ms (median ${b.median}) → ×${(b.p95 / a.p95).toFixed(1)}`,
        );
      }
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return results;
}

async function main() {
  const database = process.env.BENCH_DATABASE_URL
    ? await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, migrate: false })
    : await openDatabase({ dataDir: process.env.BENCH_DATA_DIR ?? '.data/pglite', migrate: false });
  const points = await sites(database, iterations);
  if (process.env.BENCH_SITING_SCALE === 'province') {
    const results = { backend: database.kind, iterations: points.length, ...(await provinceScale(database, points)) };
    fs.mkdirSync(path.resolve(import.meta.dirname, 'results'), { recursive: true });
    fs.writeFileSync(
      path.resolve(import.meta.dirname, 'results', `siting-province-${database.kind}.json`),
      `${JSON.stringify(results, null, 2)}\n`,
    );
    await database.close();
    return;
  }
  const results: Record<string, unknown> = { backend: database.kind, iterations: points.length };
  for (const r of radii) {
    const withIdx: number[] = [];
    const without: number[] = [];
    const whole: number[] = [];
    for (const p of points) {
      const q = catchmentHouseholdSql(pointSql(p), r * 1000, 'bench');
      let t = performance.now();
      await householdQuery(database, q, true);
      withIdx.push(performance.now() - t);
      t = performance.now();
      await householdQuery(database, q, false);
      without.push(performance.now() - t);
      t = performance.now();
      const site = await resolveSite(database, { kind: 'point', point: p });
      await queryCatchment(database, site, r, 'bench');
      whole.push(performance.now() - t);
    }
    const a = stats(withIdx);
    const b = stats(without);
    results[`${r}km`] = {
      households: { withIndex: a, withoutIndex: b, ratioP95: Number((b.p95 / a.p95).toFixed(1)) },
      wholeCatchment: stats(whole),
    };
    console.log(
      `${r} km: households with index p95 ${a.p95} ms (median ${a.median}), without ${b.p95} ms (median ${b.median}) → ×${(b.p95 / a.p95).toFixed(1)}; whole catchment p95 ${stats(whole).p95} ms`,
    );
  }
  const plan = await database.rows<Record<string, string>>(sql`EXPLAIN ${catchmentHouseholdSql(pointSql(points[0]), 5000, 'bench')}`);
  const text = plan.map((row) => Object.values(row)[0]).join('\n');
  results.planUsesIndex = /households_geog_idx/.test(text);
  console.log(`plan uses households_geog_idx: ${results.planUsesIndex}`);
  fs.mkdirSync(path.resolve(import.meta.dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.resolve(import.meta.dirname, 'results', `siting-${database.kind}.json`), `${JSON.stringify(results, null, 2)}\n`);
  await database.close();
}

await main();
