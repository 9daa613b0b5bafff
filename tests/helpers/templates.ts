/**
 * Test database templates: one migrated empty database and one with the demo data, per backend,
 * built once per run (embedded: cached on disk while migrations and the generator are unchanged) and
 * copied for each test file, because creating an embedded PostGIS takes seconds and ~1 GB.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { openDatabase } from '../../server/db/client.ts';
import { loadDemoData } from '../../server/ingest/load-demo.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** Hash of everything that shapes a template: migrations, schema, generator, input data. */
export function templateKey(): string {
  const h = crypto.createHash('sha1');
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const f of fs.readdirSync(p).sort()) walk(path.join(p, f));
    else h.update(p.slice(root.length)).update(fs.readFileSync(p));
  };
  for (const p of ['migrations', 'server/ingest', 'server/db/schema.ts', 'server/contracts/enums.ts', 'data']) walk(path.join(root, p));
  return h.digest('hex').slice(0, 12);
}

export interface EmbeddedTemplates {
  empty: string;
  demo: string;
}

/**
 * Build (or reuse) the embedded templates; returns their folders. Safe when several processes ask at
 * once (the e2e and embedded projects' setups, or two runs): one builds under a lock, the others wait.
 */
export async function buildEmbeddedTemplates(): Promise<EmbeddedTemplates> {
  const base = path.join(root, 'node_modules/.cache/fupin-test', templateKey());
  const empty = path.join(base, 'empty');
  const demo = path.join(base, 'demo');
  const done = path.join(base, '.complete');
  const lock = `${base}.lock`;
  fs.mkdirSync(path.dirname(base), { recursive: true });
  for (;;) {
    if (fs.existsSync(done)) return { empty, demo };
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another process is building; a lock older than 15 minutes is from a dead run.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 15 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    if (fs.existsSync(done)) return { empty, demo };
    fs.rmSync(base, { recursive: true, force: true });
    const work = `${base}.tmp-${process.pid}`;
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
    let db = await openDatabase({ dataDir: path.join(work, 'empty') });
    await db.close();
    fs.cpSync(path.join(work, 'empty'), path.join(work, 'demo'), { recursive: true });
    db = await openDatabase({ dataDir: path.join(work, 'demo'), migrate: false });
    await loadDemoData(db, { log: () => {} });
    await db.close();
    fs.writeFileSync(path.join(work, '.complete'), '');
    fs.renameSync(work, base);
    return { empty, demo };
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Copy an embedded template to a fresh temporary folder. */
export function copyEmbeddedTemplate(template: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fupin-db-'));
  fs.cpSync(template, dir, { recursive: true });
  return dir;
}

export interface ServerTemplates {
  url: string;
  empty: string;
  demo: string;
}

/** Replace the database name of a postgres:// URL. */
export function withDatabase(url: string, dbName: string): string {
  const u = new URL(url);
  u.pathname = `/${dbName}`;
  return u.toString();
}

/** Build the two template databases on the PostgreSQL server of TEST_DATABASE_URL. */
export async function buildServerTemplates(url: string): Promise<ServerTemplates> {
  const base = new URL(url).pathname.slice(1) || 'test';
  const names = { empty: `${base}_tmpl_empty`, demo: `${base}_tmpl_demo` };
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    for (const name of Object.values(names)) {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.unsafe(`CREATE DATABASE "${name}"`);
    }
  } finally {
    await admin.end();
  }
  let db = await openDatabase({ databaseUrl: withDatabase(url, names.empty) });
  await db.close();
  db = await openDatabase({ databaseUrl: withDatabase(url, names.demo) });
  await loadDemoData(db, { log: () => {} });
  await db.close();
  return { url, ...names };
}
