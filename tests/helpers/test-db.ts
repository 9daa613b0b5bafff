/**
 * A fresh database for one test file, on the backend of the running test project (TEST_BACKEND):
 * a copy of the embedded template, or a database created from the server template.
 */
import fs from 'node:fs';
import crypto from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { copyEmbeddedTemplate, withDatabase, type EmbeddedTemplates, type ServerTemplates } from './templates.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedTemplates: EmbeddedTemplates;
    serverTemplates: ServerTemplates;
  }
}

export interface TestDatabase extends Database {
  /** The connection URL of a PostgreSQL test database (undefined on the embedded backend). */
  url?: string;
  /** Close and delete the database. */
  dispose(): Promise<void>;
}

export const testBackend = (process.env.TEST_BACKEND ?? 'embedded') as 'embedded' | 'postgres';

/** Open a fresh database: migrated and empty, or with the demo data when `demo` is true. */
export async function openTestDatabase(opts: { demo?: boolean } = {}): Promise<TestDatabase> {
  const which = opts.demo ? 'demo' : 'empty';
  if (testBackend === 'postgres') {
    const t = inject('serverTemplates');
    const name = `${t.demo.replace(/_tmpl_demo$/, '')}_${crypto.randomBytes(4).toString('hex')}`;
    const admin = postgres(t.url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${t[which]}"`);
    const url = withDatabase(t.url, name);
    const database = await openDatabase({ databaseUrl: url, migrate: false });
    return {
      ...database,
      url,
      async dispose() {
        await database.close();
        await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = copyEmbeddedTemplate(inject('embeddedTemplates')[which]);
  const database = await openDatabase({ dataDir: dir, migrate: false });
  return {
    ...database,
    async dispose() {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
