/**
 * The differencing attack on household aggregates (docs/security.md, "Small counts"): generated over
 * every household aggregate route × filter × level (and hexagon size), as anonymous, leader and
 * planner. It collects every published household count, then differences the same cell across
 * filters, fields and hexagon sizes, and parents against the sum of their children: no published
 * count and no difference may be an exact count of 1–4. The county editor of the county sees exact
 * figures (checked against SQL), and points standing for one household are generalised for others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../../../server/auth/password.ts';
import { users } from '../../../server/db/schema.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import { Client, Clock, cheapScrypt, makeApp, passwordOf, type App } from '../auth/fixtures.ts';

const county = '411421';
let database: TestDatabase;
let app: App;
let township: string;
const clients: Record<string, Client> = {};

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  app = makeApp(database, new Clock());
  const accounts = { atk_leader: 'leader', atk_planner: 'planner', atk_editor: 'county_editor' } as const;
  for (const [username, role] of Object.entries(accounts)) {
    await database.db.insert(users).values({
      username,
      displayName: username,
      role,
      countyCode: role === 'county_editor' ? county : null,
      passwordHash: await hashPassword(passwordOf(username), cheapScrypt),
    });
  }
  clients.anonymous = new Client(app);
  clients.leader = await new Client(app, 'leader').login('atk_leader');
  clients.planner = await new Client(app, 'planner').login('atk_planner');
  clients.editor = await new Client(app, 'editor').login('atk_editor');
  // The township of the county with the most households of 1–4 per village: the worst case.
  [{ township }] = await database.rows<{ township: string }>(sql`
    SELECT township_code AS township FROM (SELECT township_code, village_code, count(*) AS n FROM households
      WHERE county_code = ${county} GROUP BY 1, 2) v WHERE n < 5 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
}, 600_000);
afterAll(() => database?.dispose());

const categories = [undefined, 'not_lifted', 'edge', 'monitored', 'not_lifted,edge,monitored'];
const labours = [undefined, 'none', 'weak,full'];
const filters = categories.flatMap((category) => labours.map((labour) => ({ category, labour })));
const qs = (o: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined)).toString();

/** A published count with the cell it describes and the answer it came from. */
interface Observation {
  cell: string;
  field: string;
  value: number | null;
  source: string;
}

/** Every household count a principal can see, over the generated matrix of requests. */
async function observe(client: Client): Promise<{ obs: Observation[]; areaAnswers: Map<string, Record<string, unknown>[]> }> {
  const obs: Observation[] = [];
  const areaAnswers = new Map<string, Record<string, unknown>[]>();
  const get = async (path: string) => {
    const res = await client.get(path);
    expect(res.status, `${path}: ${res.text.slice(0, 200)}`).toBe(200);
    return res.json();
  };
  const levels = [
    { level: 'county', parent: '4114' },
    { level: 'township', parent: '4114' },
    { level: 'village', parent: county },
    { level: 'village', parent: township },
  ];
  for (const { level, parent } of levels) {
    for (const f of filters) {
      const key = qs(f);
      const path = `/api/layers/households/areas?${qs({ level, parent, ...f })}`;
      const body = await get(path);
      areaAnswers.set(`${level}|${parent}|${key}`, body.rows);
      obs.push({ cell: `all:${level}:${parent}|${key}`, field: 'total', value: body.total, source: path });
      for (const r of body.rows) {
        for (const field of ['total', 'notLifted', 'edge', 'monitored', 'lifted', 'labourNone', 'labourWeak', 'labourFull']) {
          obs.push({ cell: `area:${r.code}|${key}`, field, value: r[field], source: path });
          // The same area under another filter: the differencing attack of the issue.
          obs.push({ cell: `area:${r.code}`, field: `${key}:${field}`, value: r[field], source: path });
        }
      }
    }
  }
  for (const parent of [county, township]) {
    for (const size of ['1000', '2000', '5000']) {
      for (const f of filters.filter((x) => x.category !== 'monitored')) {
        const key = qs(f);
        const path = `/api/layers/households/hexagons?${qs({ parent, size, ...f })}`;
        const body = await get(path);
        for (const field of ['households', 'suppressedHouseholds'])
          obs.push({ cell: `hexmeta:${parent}`, field: `${size}|${key}:${field}`, value: body.meta[field], source: path });
        for (const feat of body.features) {
          const cell = `hex:${size}:${JSON.stringify(feat.geometry.coordinates[0][0])}`;
          for (const field of ['total', 'notLifted', 'edge', 'monitored', 'lifted']) {
            obs.push({ cell: `${cell}|${key}`, field, value: feat.properties[field], source: path });
            obs.push({ cell, field: `${key}:${field}`, value: feat.properties[field], source: path });
          }
        }
      }
    }
  }
  for (const id of ['measure_coverage', 'households']) {
    for (const { level, parent } of levels) {
      const path = `/api/measures/${id}?level=${level}&parent=${parent}`;
      const body = await get(path);
      for (const field of ['numerator', 'denominator'] as const) {
        obs.push({ cell: `all:${level}:${parent}`, field: `${id}:${field}`, value: body.total[field], source: path });
        for (const r of body.rows) obs.push({ cell: `area:${r.code}`, field: `${id}:${field}`, value: r[field], source: path });
      }
    }
  }
  return { obs, areaAnswers };
}

/** Differences an attacker can form: the same cell across fields / filters / sizes, and parents minus their children. */
function smallFindings(obs: Observation[], areaAnswers: Map<string, Record<string, unknown>[]>): string[] {
  const found: string[] = [];
  const small = (n: number) => n >= 1 && n <= 4;
  const byCell = new Map<string, Observation[]>();
  for (const o of obs) {
    if (typeof o.value === 'number' && small(o.value)) found.push(`${o.cell} ${o.field} = ${o.value} (${o.source})`);
    if (typeof o.value === 'number') byCell.set(o.cell, [...(byCell.get(o.cell) ?? []), o]);
  }
  for (const [cell, list] of byCell) {
    const values = [...new Set(list.map((o) => o.value as number))];
    for (const a of values) for (const b of values) if (small(a - b)) found.push(`${cell}: ${a} − ${b} = ${a - b}`);
  }
  // Parent minus the sum of its children, per filter: counties from townships, a county from its villages.
  for (const f of filters) {
    const key = qs(f);
    const counties = areaAnswers.get(`county|4114|${key}`)!;
    const townships = areaAnswers.get(`township|4114|${key}`)!;
    const villages = areaAnswers.get(`village|${county}|${key}`)!;
    const sum = (rows: Record<string, unknown>[], field: string) => rows.reduce((s, r) => s + ((r[field] as number | null) ?? 0), 0);
    for (const field of ['total', 'notLifted', 'labourNone']) {
      const c = counties.find((r) => r.code === county)![field] as number | null;
      if (c === null) continue;
      const fromTownships = sum(
        townships.filter((r) => String(r.code).startsWith(county)),
        field,
      );
      const fromVillages = sum(villages, field);
      for (const d of [c - fromTownships, c - fromVillages])
        if (small(Math.abs(d))) found.push(`${county} ${key} ${field}: parent − children = ${d}`);
    }
  }
  return found;
}

describe(`differencing attack on household aggregates (${testBackend})`, () => {
  it('the data holds the small counts the attack looks for', async () => {
    const [{ n }] = await database.rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM (SELECT village_code FROM households WHERE county_code = ${county} GROUP BY 1 HAVING count(*) < 5) v`);
    expect(n).toBeGreaterThan(10);
  });

  it.each(['anonymous', 'leader', 'planner'])(
    'finds no exact count of 1–4 as %s',
    async (who) => {
      const { obs, areaAnswers } = await observe(clients[who]);
      expect(obs.length).toBeGreaterThan(10_000);
      const found = smallFindings(obs, areaAnswers);
      expect(found.slice(0, 10), `${found.length} small counts found`).toEqual([]);
    },
    900_000,
  );

  it('shows the county editor of the county the exact figures', async () => {
    const res = await clients.editor.get(`/api/layers/households/areas?level=village&parent=${county}&labour=none`);
    const body = res.json();
    expect(body.disclosure).toBe('exact');
    const exact = await database.rows<{ code: string; n: number }>(sql`
      SELECT village_code AS code, count(*)::int AS n FROM households WHERE county_code = ${county} AND labour = 'none' GROUP BY 1`);
    const want = new Map(exact.map((r) => [r.code, r.n]));
    for (const r of body.rows) expect(r.total).toBe(want.get(r.code) ?? 0);
    expect(exact.some((r) => r.n >= 1 && r.n <= 4)).toBe(true);
    const hex = (await clients.editor.get(`/api/layers/households/hexagons?parent=${county}&size=1000`)).json();
    const [{ n }] = await database.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM households WHERE county_code = ${county} AND geom IS NOT NULL`,
    );
    expect(hex.meta.households).toBe(n);
    const m = (await clients.editor.get(`/api/measures/households?level=village&parent=${county}`)).json();
    expect(m.rows.some((r: { numerator: number }) => r.numerator >= 1 && r.numerator <= 4)).toBe(true);
    // Another county is protected for this editor too.
    expect((await clients.editor.get('/api/layers/households/areas?level=village&parent=411481')).json().disclosure).toBe('protected');
  });

  it('generalises points standing for one household (rooftop PV) for everyone but the county editor', async () => {
    const exact = await database.rows<{ code: string; x: number; y: number }>(sql`
      SELECT code, ST_X(geom) AS x, ST_Y(geom) AS y FROM pv_stations WHERE type = 'household' AND county_code = ${county} AND geom IS NOT NULL`);
    expect(exact.length).toBeGreaterThan(0);
    const at = new Map(exact.map((r) => [r.code, r]));
    for (const who of ['anonymous', 'leader', 'planner', 'editor']) {
      const body = (await clients[who].get(`/api/layers/pv-stations?area=${county}&type=household`)).json();
      expect(body.features.length).toBe(exact.length);
      for (const f of body.features) {
        const [x, y] = f.geometry.coordinates as [number, number];
        const e = at.get(f.properties.code)!;
        if (who === 'editor') expect([x, y]).toEqual([Number(e.x.toFixed(6)), Number(e.y.toFixed(6))]);
        else {
          expect(f.properties.generalised).toBe(true);
          expect(Number(x.toFixed(2))).toBe(x);
          expect(Number(y.toFixed(2))).toBe(y);
        }
      }
    }
    // A bounding box around the exact point finds nothing unless it also holds the generalised point.
    const e = exact[0];
    const tight = `${e.x - 0.0001},${e.y - 0.0001},${e.x + 0.0001},${e.y + 0.0001}`;
    const hits = (await clients.anonymous.get(`/api/layers/pv-stations?type=household&bbox=${tight}`)).json();
    for (const f of hits.features) expect(f.properties.generalised).toBe(true);
  });
});
