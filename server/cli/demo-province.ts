/**
 * `npm run demo:province [-- --seed N --counties 411421,411422 --households N --projects N]`: load the
 * province dataset (河南省, server/ingest/demo/province.ts) into DATABASE_URL, or else the embedded
 * database in DATA_DIR. The database must hold no divisions yet (a fresh one).
 */
import path from 'node:path';
import { z } from 'zod';
import { readConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { embeddedHolder } from '../db/embedded-lock.ts';
import { loadProvinceData } from '../ingest/load-province.ts';

export const USAGE = [
  'usage: npm run demo:province [-- --seed N] [--counties CODE,CODE] [--households N] [--projects N]',
  '  --seed N          generator seed (default 20200622)',
  '  --counties LIST   only these county-level units (a scaled-down dataset)',
  '  --households N    households in all (default 2000000)',
  '  --projects N      projects in all (default 100000)',
].join('\n');

const Args = z.object({
  seed: z.coerce.number().int('--seed: a whole number').optional(),
  counties: z
    .string()
    .transform((s) => s.split(',').map((c) => c.trim()))
    .pipe(z.array(z.string().regex(/^\d{6}$/, '--counties: 6-digit county codes separated by commas')).min(1))
    .optional(),
  households: z.coerce.number().int().min(0, '--households: 0 or more').optional(),
  projects: z.coerce.number().int().min(0, '--projects: 0 or more').optional(),
});
export type ProvinceArgs = z.infer<typeof Args>;

/** Parse `--name value` pairs; a sentence for the operator when they are wrong. */
export function parseProvinceArgs(argv: readonly string[]): { ok: true; args: ProvinceArgs } | { ok: false; message: string } {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    if (!name.startsWith('--') || argv[i + 1] === undefined || !['seed', 'counties', 'households', 'projects'].includes(name.slice(2)))
      return { ok: false, message: `unknown or incomplete option ${name}\n${USAGE}` };
    raw[name.slice(2)] = argv[i + 1];
  }
  const parsed = Args.safeParse(raw);
  if (!parsed.success) return { ok: false, message: `${parsed.error.issues.map((i) => i.message).join('; ')}\n${USAGE}` };
  return { ok: true, args: parsed.data };
}

async function main() {
  const parsed = parseProvinceArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(parsed.message);
    process.exit(2);
  }
  const config = readConfig(process.env);
  const dataDir = path.join(config.DATA_DIR, 'pglite');
  if (!config.DATABASE_URL) {
    const holder = embeddedHolder(dataDir);
    if (holder !== null) {
      console.error(`The server (process ${holder}) holds the embedded database ${path.resolve(dataDir)}: stop it first.`);
      process.exit(1);
    }
  }
  console.log(
    config.DATABASE_URL
      ? 'Loading the province into DATABASE_URL…'
      : `Loading the province into the embedded database in ${path.resolve(dataDir)}…`,
  );
  let database: Database | undefined;
  try {
    database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir });
    const { counties, ...rest } = parsed.args;
    await loadProvinceData(database, { ...rest, countyCodes: counties });
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  } finally {
    await database?.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
