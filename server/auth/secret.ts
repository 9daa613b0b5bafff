/**
 * The server secret: 32 random bytes made at the first start and stored in the settings table
 * (key 'server_secret'), so every process on the same database shares it and it survives restarts.
 * It keys the audit pseudonyms of households (HMAC) and the record keys of the small-count
 * protection (server/domain/disclosure.ts). Never sent to a browser, never logged.
 */
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { onPrimary } from '../db/replicas.ts';

const key = 'server_secret';
const loaded = new WeakMap<Database, Promise<string>>();

async function loadOrCreate(database: Database): Promise<string> {
  const fresh = crypto.randomBytes(32).toString('hex');
  // Two processes starting at once: the first insert wins and both read the same row.
  await database.rows(sql`INSERT INTO settings (key, value) VALUES (${key}, to_jsonb(${fresh}::text)) ON CONFLICT (key) DO NOTHING`);
  const [row] = await database.rows<{ value: string }>(sql`SELECT value #>> '{}' AS value FROM settings WHERE key = ${key}`);
  return row.value;
}

/** The server secret of `database` (hex), made on first use. */
export function serverSecret(database: Database): Promise<string> {
  let p = loaded.get(database);
  if (!p) {
    // A write: on the primary even when first asked for inside a computation on a read replica.
    p = onPrimary(() => loadOrCreate(database));
    p.catch(() => loaded.delete(database));
    loaded.set(database, p);
  }
  return p;
}

/** HMAC-SHA-256 of `text` under the server secret, hex. */
export function keyedHash(secret: string, text: string): string {
  return crypto.createHmac('sha256', secret).update(text).digest('hex');
}
