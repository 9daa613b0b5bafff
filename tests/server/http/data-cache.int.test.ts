/**
 * Staying up under load (server/http/data-cache.ts, cache.ts, gate.ts; routes/health.ts): cached
 * answers per data version, single flight, 503 + Retry-After when the gate is full, /api/health
 * answering while the database is busy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createApp } from '../../../server/app.ts';
import { answerCacheOf, bumpDataVersion } from '../../../server/http/cache.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';

let database: TestDatabase;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  app = createApp({ database });
}, 300_000);
afterAll(() => database?.dispose());

describe(`answer cache (${testBackend})`, () => {
  it('serves a repeated data answer from the cache, gzip-compressed, and recomputes after a write', async () => {
    const url = '/api/measures/spend_rate?level=township&parent=411421';
    const first = await app.request(url, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBeNull();
    const body = await first.text();
    const second = await app.request(url, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(second.headers.get('content-encoding')).toBe('gzip');
    expect(await second.text()).toBe(body);
    // Same parameters in another order: the same answer.
    expect((await app.request('/api/measures/spend_rate?parent=411421&level=township')).headers.get('x-cache')).toBe('hit');
    // A write bumps the data version: the next answer is computed again and shows the change.
    await database.db.transaction(async (tx) => {
      await tx.execute(
        sql`UPDATE project_progress SET spent_wan = 0 WHERE project_code IN (SELECT code FROM projects WHERE county_code = '411421')`,
      );
      await bumpDataVersion(tx);
    });
    const third = await app.request(url);
    expect(third.headers.get('x-cache')).toBeNull();
    const rows = (await third.json()).rows as { numerator: number }[];
    expect(rows.every((r) => r.numerator === 0)).toBe(true);
  });

  it('computes identical concurrent requests once', async () => {
    const cache = answerCacheOf(database);
    const before = { ...cache.stats };
    const url = '/api/layers/households/areas?level=village&parent=411421&labour=weak';
    const answers = await Promise.all(Array.from({ length: 8 }, () => app.request(url)));
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(cache.stats.misses - before.misses).toBe(1);
    expect(cache.stats.shared - before.shared).toBe(7);
  });

  it('answers 503 with Retry-After (not a hang) when too much work is queued', async () => {
    const cache = answerCacheOf(database);
    const { concurrency, queue } = cache.gate.opts;
    const urls = Array.from({ length: concurrency + queue + 6 }, (_, i) => `/api/layers/pv-stations?limit=${i + 1}`);
    const answers = await Promise.all(urls.map((u) => app.request(u)));
    const refused = answers.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.every((r) => r.status === 200 || r.status === 503)).toBe(true);
    expect(refused[0].headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await refused[0].json()).error.message).toMatch(/busy/);
  });

  it('/api/health answers while the database is busy with a long query', async () => {
    expect((await app.request('/api/health')).status).toBe(200);
    const busy = database.rows(sql`SELECT pg_sleep(3)`).then(() => 'database');
    const health = Promise.resolve(app.request('/api/health')).then((r: Response) => (expect(r.status).toBe(200), 'health'));
    expect(await Promise.race([busy, health])).toBe('health');
    await busy;
  });
});
