/**
 * The area card's lagging projects: ranked by shortfall in SQL, equal to the same ranking computed
 * from the whole projects layer (what the card did before), limited, validated, and small.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { LaggingProjects } from '../../../server/contracts/lagging-projects.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';

let database: TestDatabase;
let app: ReturnType<typeof createApp>;
let asOf: string;

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  app = createApp({ database });
  const [row] = await database.rows<{ d: string }>(sql`SELECT max(cut_off)::text AS d FROM meetings`);
  asOf = row.d;
});
afterAll(() => database?.dispose());

const get = async (url: string) => {
  const res = await app.request(url);
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) };
};

type LayerProps = {
  code: string;
  name: string;
  totalWan: number;
  spentWan: number;
  overdue: boolean;
};

/** The reference: every project of the area (located from the layer, so all of them when all are located), ranked in JS. */
function rankFromLayer(props: LayerProps[], expected: number, limit: number) {
  return props
    .map((p) => ({ ...p, shortfallWan: (p.totalWan * expected) / 100 - p.spentWan }))
    .filter((p) => p.shortfallWan > 0)
    .sort((a, b) => b.shortfallWan - a.shortfallWan || (a.code < b.code ? -1 : 1))
    .slice(0, limit);
}

describe(`lagging projects API (${testBackend})`, () => {
  it.each([
    { area: '411421', expected: 45.3, limit: 5 },
    { area: '411421101', expected: 60, limit: 5 },
    { area: '4114', expected: 30, limit: 10 },
  ])('ranks the projects of $area by shortfall as the whole layer would ($expected %)', async ({ area, expected, limit }) => {
    const { status, body, text } = await get(`/api/lagging-projects?area=${area}&asOf=${asOf}&expected=${expected}&limit=${limit}`);
    expect(status).toBe(200);
    const parsed = LaggingProjects.parse(body);
    expect(parsed.projects.length).toBe(limit);
    expect(text.length, 'a short answer, not a layer').toBeLessThan(4000);
    // Reference over every project of the area, located or not (layer features + the layer's unlocated list have no money: use SQL for those).
    const layer = (await get(`/api/layers/projects?area=${area}&asOf=${asOf}`)).body as {
      features: { properties: LayerProps }[];
      meta: { unlocatedCount: number };
    };
    const unlocated = await database.rows<LayerProps>(sql`
      SELECT p.code, p.name, p.total_investment_wan::float8 AS "totalWan",
             coalesce((SELECT pp.spent_wan FROM project_progress pp WHERE pp.project_code = p.code AND pp.as_of <= ${asOf}::date
                       ORDER BY pp.as_of DESC LIMIT 1), 0)::float8 AS "spentWan", false AS overdue
      FROM projects p WHERE p.geom IS NULL AND (p.county_code = ${area} OR p.township_code = ${area} OR ${area} = '4114')`);
    expect(unlocated.length).toBe(layer.meta.unlocatedCount);
    const all = [...layer.features.map((f) => f.properties), ...unlocated];
    const want = rankFromLayer(all, expected, limit);
    expect(parsed.projects.map((p) => p.code)).toEqual(want.map((p) => p.code));
    parsed.projects.forEach((p, i) => {
      expect(p.shortfallWan).toBeCloseTo(want[i].shortfallWan, 6);
      expect(p.spentWan).toBeCloseTo(want[i].spentWan, 6);
      expect(p.shortfallWan).toBeGreaterThan(0);
    });
    const located = new Map(layer.features.map((f) => [f.properties.code, f.properties.overdue]));
    for (const p of parsed.projects) if (located.has(p.code)) expect(p.overdue, p.code).toBe(located.get(p.code));
    expect(parsed.behindCount).toBe(rankFromLayer(all, expected, 1e9).length);
    expect(parsed.asOf).toBe(asOf);
  });

  it('defaults to five at the latest cut-off; nothing is behind at 0 %', async () => {
    const { body } = await get('/api/lagging-projects?area=411421&expected=50');
    expect(body.projects.length).toBe(5);
    expect(body.asOf).toBe(asOf);
    const none = await get('/api/lagging-projects?area=411421&expected=0');
    expect(none.body).toMatchObject({ behindCount: 0, projects: [] });
  });

  it.each([
    ['area=41142&expected=50', 400, 'area'],
    ['expected=50', 400, 'area'],
    ['area=411421', 400, 'expected'],
    ['area=411421&expected=abc', 400, 'expected'],
    ['area=411421&expected=150', 400, 'expected'],
    ['area=411421&expected=50&limit=0', 400, 'limit'],
    ['area=411421&expected=50&limit=51', 400, 'limit'],
    ['area=411421&expected=50&asOf=2020-02-30', 400, 'asOf'],
    ['area=419999&expected=50', 404, 'area'],
  ])('%s → %i naming %s', async (query, status, name) => {
    const res = await get(`/api/lagging-projects?${query}`);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toContain(name);
  });

  it('is described in the OpenAPI document with its response schema', async () => {
    const doc = (await get('/api/openapi.json')).body;
    const op = doc.paths['/lagging-projects'].get;
    expect(op.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/LaggingProjects' });
  });
});
