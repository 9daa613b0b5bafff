/**
 * Import benchmark (`npx tsx bench/import.ts`, also part of `npm run bench`): a generated project ledger of
 * BENCH_IMPORT_ROWS rows (default 100,000; tests/fixtures/big-ledger.ts) as .xlsx and as .csv, validated
 * (read, parse, resolve divisions, compare with the stored rows, keep the batch) and committed (one
 * transaction) on the embedded database and — with BENCH_DATABASE_URL — on PostgreSQL, into an empty
 * projects table. Reports seconds and rows per second of each step and the process's peak memory
 * (RSS, which includes the embedded database's thread, and the JS heap), sampled every 20 ms.
 * Writes bench/results/import-latest.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../server/db/client.ts';
import { regions } from '../server/db/schema.ts';
import { commitImport, validateImport } from '../server/ingest/ledger-import.ts';
import { bigLedgerCsv, bigLedgerXlsx, type Place } from '../tests/fixtures/big-ledger.ts';

const MB = 1024 * 1024;

export interface ImportBenchRow {
  backend: string;
  format: 'xlsx' | 'csv';
  rows: number;
  fileMB: number;
  validateS: number;
  commitS: number;
  rowsPerS: number;
  peakRssMB: number;
  peakHeapMB: number;
}

/** Ten villages in two townships of one made-up county (the ledger's places). */
async function seedPlaces(database: Database): Promise<Place[]> {
  await database.rows(sql`DELETE FROM projects WHERE code LIKE 'BIG-%'`);
  const [{ n }] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM regions WHERE code = '990101'`);
  const places: Place[] = [];
  type Row = { code: string; level: 'city' | 'county' | 'township' | 'village'; name: string; parentCode?: string; countyCode?: string };
  const rows: Row[] = [
    { code: '9901', level: 'city' as const, name: '基准市' },
    { code: '990101', level: 'county' as const, name: '基准县', parentCode: '9901', countyCode: '990101' },
  ];
  for (const t of [1, 2]) {
    const township = `990101${100 + t}`;
    rows.push({ code: township, level: 'township' as const, name: `基准${t}镇`, parentCode: '990101', countyCode: '990101' });
    for (let v = 1; v <= 5; v++) {
      rows.push({
        code: `${township}${200 + v}`,
        level: 'village' as const,
        name: `基准${t}镇${v}村`,
        parentCode: township,
        countyCode: '990101',
      } as never);
      places.push({ county: '基准县', township: `基准${t}镇`, village: `基准${t}镇${v}村` });
    }
  }
  if (n === 0) await database.db.insert(regions).values(rows);
  return places;
}

/** Run `fn` while sampling memory; the peaks above nothing (absolute), in MB. */
async function withPeak<T>(fn: () => Promise<T>): Promise<{ value: T; rss: number; heap: number }> {
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 20);
  try {
    const value = await fn();
    const m = process.memoryUsage();
    return { value, rss: Math.max(rss, m.rss) / MB, heap: Math.max(heap, m.heapUsed) / MB };
  } finally {
    clearInterval(timer);
  }
}

async function benchOne(database: Database, backend: string, format: 'xlsx' | 'csv', n: number, places: Place[]): Promise<ImportBenchRow> {
  await database.rows(sql`DELETE FROM projects WHERE code LIKE 'BIG-%'`);
  await database.rows(sql`DELETE FROM import_batches`);
  const bytes = format === 'csv' ? bigLedgerCsv(n, places) : await bigLedgerXlsx(n, places);
  (globalThis as { gc?: () => void }).gc?.();
  let validateS = 0;
  let commitS = 0;
  const { rss, heap } = await withPeak(async () => {
    let t = performance.now();
    const report = await validateImport(database, {
      kind: 'projects',
      bytes,
      fileName: `ledger.${format}`,
      scopeCounty: null,
      userId: null,
    });
    validateS = (performance.now() - t) / 1000;
    if (!report.batchId || report.counts.add !== n) throw new Error(`validation: ${JSON.stringify(report.issues.slice(0, 3))}`);
    t = performance.now();
    const done = await commitImport(database, { batchId: report.batchId, idempotencyKey: null, userId: null, now: new Date() });
    commitS = (performance.now() - t) / 1000;
    if (done.added !== n) throw new Error(`commit added ${done.added}`);
  });
  const [{ stored }] = await database.rows<{ stored: number }>(sql`SELECT count(*)::int AS stored FROM projects WHERE code LIKE 'BIG-%'`);
  if (stored !== n) throw new Error(`stored ${stored} of ${n}`);
  return {
    backend,
    format,
    rows: n,
    fileMB: +(bytes.length / MB).toFixed(1),
    validateS: +validateS.toFixed(1),
    commitS: +commitS.toFixed(1),
    rowsPerS: Math.round(n / (validateS + commitS)),
    peakRssMB: Math.round(rss),
    peakHeapMB: Math.round(heap),
  };
}

/** Each result as soon as it is measured (a long run shows its progress). */
function progress(row: ImportBenchRow): ImportBenchRow {
  console.log(`[import bench] ${JSON.stringify(row)}`);
  return row;
}

export async function runImportBench(n = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000)): Promise<ImportBenchRow[]> {
  const out: ImportBenchRow[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  try {
    const embedded = await openDatabase({ dataDir: path.join(dir, 'pglite') });
    try {
      const places = await seedPlaces(embedded);
      for (const format of ['csv', 'xlsx'] as const) out.push(progress(await benchOne(embedded, 'embedded', format, n, places)));
    } finally {
      await embedded.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.BENCH_DATABASE_URL) {
    const server = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL });
    try {
      const places = await seedPlaces(server);
      for (const format of ['csv', 'xlsx'] as const) out.push(progress(await benchOne(server, 'postgres', format, n, places)));
      await server.rows(sql`DELETE FROM projects WHERE code LIKE 'BIG-%'`);
    } finally {
      await server.close();
    }
  }
  return out;
}

export function formatImportBench(rows: ImportBenchRow[]): string {
  const head = ['backend', 'format', 'rows', 'file MB', 'validate s', 'commit s', 'rows/s', 'peak RSS MB', 'peak heap MB'];
  const lines = [head.join('\t')];
  for (const r of rows)
    lines.push([r.backend, r.format, r.rows, r.fileMB, r.validateS, r.commitS, r.rowsPerS, r.peakRssMB, r.peakHeapMB].join('\t'));
  return `\nimport of a generated project ledger\n${lines.join('\n')}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const rows = await runImportBench();
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync(
    'bench/results/import-latest.json',
    JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, rows }, null, 2),
  );
  console.log(formatImportBench(rows));
}
