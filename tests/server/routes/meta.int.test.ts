import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import type { AppMeta } from '../../../server/contracts/meta.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';

let demo: TestDatabase;
let empty: TestDatabase;

beforeAll(async () => {
  [demo, empty] = await Promise.all([openTestDatabase({ demo: true }), openTestDatabase()]);
});
afterAll(async () => {
  await demo?.dispose();
  await empty?.dispose();
});

describe(`GET /api/meta (${testBackend})`, () => {
  it('names the root area of the demo from the data: 商丘市, a city, with the extent of its counties', async () => {
    const res = await createApp({ database: demo }).request('/api/meta');
    expect(res.status).toBe(200);
    const meta = (await res.json()) as AppMeta;
    expect(meta.root).toMatchObject({ code: '4114', name: '商丘市', nameEn: 'Shangqiu', level: 'city' });
    expect(meta.demo).toBe(true);
    const [w, s, e, n] = meta.root!.bbox!;
    // 商丘市 lies between about 114.8°E–116.7°E and 33.7°N–34.9°N.
    expect(w).toBeGreaterThan(114.5);
    expect(w).toBeLessThan(115.2);
    expect(e).toBeGreaterThan(116.3);
    expect(e).toBeLessThan(117);
    expect(s).toBeGreaterThan(33.5);
    expect(n).toBeLessThan(35.2);
    expect(meta.counts.divisions).toBe(1 + 11 + 199 + 4834);
  });

  it('answers root null in an empty database, and the layer defaults say what to import', async () => {
    const app = createApp({ database: empty });
    const meta = (await (await app.request('/api/meta')).json()) as AppMeta;
    expect(meta).toEqual({ root: null, demo: false, counts: { divisions: 0, boundaries: 0, projects: 0 } });
  });

  it('takes the root area as the default parent of the household aggregates', async () => {
    const res = await createApp({ database: demo }).request('/api/layers/households/areas?level=county');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { parent: string }).parent).toBe('4114');
  });
});
