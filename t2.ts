import { openDatabase } from './server/db/client.ts';
import { sql } from 'drizzle-orm';
const t = Date.now();
const d = await openDatabase({ dataDir: '/tmp/pgl2' });
console.log('open+migrate', Date.now() - t);
console.log(await d.rows(sql`select postgis_lib_version() v, count(*) from regions`));
await d.close();
const p = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres' }).catch(e => console.log('ERR', e.message));
