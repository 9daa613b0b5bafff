/**
 * The OGC API – Features service (/ogc) on the demo data: every answer validates against the
 * standard's JSON schemas (tests/fixtures/ogc-schemas/); counts, paging and bbox agree with SQL;
 * boundary values are the measure API's own; bad parameters answer 400 and unknown names 404;
 * permissions and the generalisation of points standing for one household are those of /api.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../../../server/auth/password.ts';
import { ogcCollectionIds } from '../../../server/contracts/ogc.ts';
import { users } from '../../../server/db/schema.ts';
import { measureIds } from '../../../server/domain/measures.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import { ogcProblems, schemaProblems } from '../../helpers/ogc-schemas.ts';
import { Client, Clock, cheapScrypt, makeApp, passwordOf, type App } from '../auth/fixtures.ts';

const county = '411421';
let database: TestDatabase;
let app: App;
let anonymous: Client;
let editor: Client;
let asOf: string;
let firstDate: string;

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  app = makeApp(database, new Clock());
  await database.db.insert(users).values({
    username: 'ogc_editor',
    displayName: 'ogc_editor',
    role: 'county_editor',
    countyCode: county,
    passwordHash: await hashPassword(passwordOf('ogc_editor'), cheapScrypt),
  });
  anonymous = new Client(app);
  editor = await new Client(app, 'editor').login('ogc_editor');
  [{ asOf }] = await database.rows<{ asOf: string }>(sql`SELECT max(cut_off)::text AS "asOf" FROM meetings`);
  [{ firstDate }] = await database.rows<{ firstDate: string }>(sql`SELECT min(as_of)::text AS "firstDate" FROM project_progress`);
}, 600_000);
afterAll(() => database?.dispose());

/** A parsed JSON answer (tests read what they check). */
type Body = ReturnType<typeof JSON.parse>;
const get = async (path: string, who: Client = anonymous) => {
  const res = await who.get(path);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: res.json() as Body };
};
const n = async (query: ReturnType<typeof sql>) => (await database.rows<{ n: number }>(query))[0].n;

/** Follow `next` links from `path` and return every feature. */
async function allFeatures(path: string, who: Client = anonymous) {
  const features: Body[] = [];
  let url: string | undefined = path;
  for (let pages = 0; url && pages < 100; pages++) {
    const { status, body } = await get(url, who);
    expect(status, url).toBe(200);
    expect(ogcProblems('featureCollectionGeoJSON', body)).toEqual([]);
    expect(body.numberReturned).toBe(body.features.length);
    features.push(...body.features);
    const next = body.links.find((l: { rel: string }) => l.rel === 'next')?.href as string | undefined;
    url = next ? next.replace(/^https?:\/\/[^/]+/, '') : undefined;
  }
  return features;
}

describe(`OGC API – Features (${testBackend})`, () => {
  it('serves the landing page, conformance and an OpenAPI 3.0 document, valid by the OGC schemas', async () => {
    const landing = await get('/ogc');
    expect(landing.status).toBe(200);
    expect(ogcProblems('landingPage', landing.body)).toEqual([]);
    const rels = Object.fromEntries(landing.body.links.map((l: { rel: string; href: string }) => [l.rel, l.href]));
    expect(rels).toMatchObject({
      self: 'http://localhost/ogc',
      'service-desc': 'http://localhost/ogc/api',
      conformance: 'http://localhost/ogc/conformance',
      data: 'http://localhost/ogc/collections',
    });
    // Clients that ask for /ogc/ are sent to /ogc.
    const slash = await anonymous.get('/ogc/');
    expect([slash.status, slash.headers.get('location')]).toEqual([301, 'http://localhost/ogc']);

    const conformance = await get('/ogc/conformance?f=json');
    expect(ogcProblems('confClasses', conformance.body)).toEqual([]);
    expect(conformance.body.conformsTo).toEqual(
      expect.arrayContaining(['core', 'geojson', 'oas30'].map((c) => `http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/${c}`)),
    );

    const api = await anonymous.get('/ogc/api');
    expect(api.headers.get('content-type')).toMatch(/^application\/vnd\.oai\.openapi\+json;version=3\.0/);
    const doc = api.json();
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(doc.servers[0].url).toBe('http://localhost/ogc');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/',
        '/api',
        '/collections',
        '/collections/{collectionId}',
        '/collections/{collectionId}/items',
        '/collections/{collectionId}/items/{featureId}',
        '/collections/{collectionId}/schema',
        '/conformance',
      ].sort(),
    );
    const limit = doc.paths['/collections/{collectionId}/items'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 10000, default: 100 });
  });

  it('lists the five collections with Chinese titles and extents that hold every feature', async () => {
    const { status, body } = await get('/ogc/collections');
    expect(status).toBe(200);
    expect(ogcProblems('collections', body)).toEqual([]);
    expect(body.collections.map((c: { id: string }) => c.id)).toEqual([...ogcCollectionIds]);
    expect(body.collections.map((c: { title: string }) => c.title)).toEqual(['扶贫项目', '光伏扶贫电站', '县（市、区）', '乡镇', '行政村']);
    const [box] = await database.rows<{ x0: number; y0: number; x1: number; y1: number }>(sql`
      SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1 FROM (SELECT ST_Extent(geom) AS e FROM projects) t`);
    const one = await get('/ogc/collections/projects');
    expect(ogcProblems('collection', one.body)).toEqual([]);
    const [[x0, y0, x1, y1]] = one.body.extent.spatial.bbox;
    expect(one.body.extent.spatial.crs).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84');
    expect(x0 <= box.x0 && y0 <= box.y0 && x1 >= box.x1 && y1 >= box.y1).toBe(true);
    expect(x1 - x0 - (box.x1 - box.x0)).toBeLessThan(1e-5);
    expect(one.body.links.find((l: { rel: string }) => l.rel === 'items').type).toBe('application/geo+json');
  });

  it("publishes each collection's properties schema (describedby), which every feature follows", async () => {
    for (const id of ogcCollectionIds) {
      const collection = await get(`/ogc/collections/${id}`);
      const link = collection.body.links.find((l: { rel: string }) => l.rel === 'describedby');
      expect(link).toMatchObject({ href: `http://localhost/ogc/collections/${id}/schema`, type: 'application/schema+json' });
      const res = await anonymous.get(`/ogc/collections/${id}/schema`);
      expect(res.headers.get('content-type')).toMatch(/^application\/schema\+json/);
      const schema = res.json();
      const features = (await get(`/ogc/collections/${id}/items?limit=2000`)).body.features as { properties: object }[];
      expect(features.length).toBeGreaterThan(10);
      expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(features[0].properties).sort());
      expect(
        schemaProblems(
          { ...schema, additionalProperties: false },
          features.map((f) => f.properties),
        ),
        id,
      ).toEqual([]);
    }
    const villages = (await anonymous.get('/ogc/collections/villages/schema')).json();
    expect(villages.properties.spend_rate).toMatchObject({ type: ['number', 'null'], title: '资金支出进度' });
  });

  it('pages every located project through next links, as GeoJSON, with numberMatched from the database', async () => {
    const located = await n(sql`SELECT count(*)::int AS n FROM projects WHERE geom IS NOT NULL`);
    const first = await get('/ogc/collections/projects/items?limit=1000');
    expect(first.type).toMatch(/^application\/geo\+json/);
    expect(first.body.numberMatched).toBe(located);
    expect(first.body.numberReturned).toBe(1000);
    expect(first.body.timeStamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(first.body.asOf).toBe(asOf);
    const features = await allFeatures('/ogc/collections/projects/items?limit=1000');
    const codes = (await database.rows<{ code: string }>(sql`SELECT code FROM projects WHERE geom IS NOT NULL ORDER BY code`)).map(
      (r) => r.code,
    );
    expect(features.map((f) => f.id)).toEqual(codes);
    const [names] = await database.rows<{ name: string }>(sql`SELECT name FROM projects WHERE code = ${codes[0]}`);
    expect(features[0].properties.name).toBe(names.name);
    expect(features[0].properties.name).toMatch(/[\u4e00-\u9fff]/);

    // prev goes back; the default page is 100.
    const second = await get('/ogc/collections/projects/items?offset=100');
    expect(second.body.numberReturned).toBe(100);
    const rel = (body: Body, r: string) => body.links.find((l: { rel: string }) => l.rel === r)?.href as string | undefined;
    expect(rel(second.body, 'prev')).toBe('http://localhost/ogc/collections/projects/items?offset=0&f=json');
    expect(rel(second.body, 'next')).toBe('http://localhost/ogc/collections/projects/items?offset=200&f=json');
    expect(rel(first.body, 'prev')).toBeUndefined();
    const last = await get(`/ogc/collections/projects/items?limit=10&offset=${located - 5}`);
    expect(last.body.numberReturned).toBe(5);
    expect(rel(last.body, 'next')).toBeUndefined();
  });

  it('filters by bbox as the database counts, keeping the other parameters in the links', async () => {
    const bbox = [115.0, 34.0, 115.6, 34.6];
    const env = sql`ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326)`;
    const villages = await get(`/ogc/collections/villages/items?bbox=${bbox.join(',')}&limit=500`);
    expect(villages.status).toBe(200);
    const want = await n(sql`SELECT count(*)::int AS n FROM regions WHERE level = 'village' AND ST_Intersects(geom, ${env})`);
    expect(want).toBeGreaterThan(500);
    expect(villages.body.numberMatched).toBe(want);
    expect(villages.body.links.find((l: { rel: string }) => l.rel === 'next').href).toBe(
      `http://localhost/ogc/collections/villages/items?bbox=${encodeURIComponent(bbox.join(','))}&limit=500&offset=500&f=json`,
    );
    // Projects and PV stations: the map layer's own filter (on the published point), and every point inside.
    const projects = await allFeatures(`/ogc/collections/projects/items?bbox=${bbox.join(',')}&limit=10000`);
    const layer = (await anonymous.get(`/api/layers/projects?bbox=${bbox.join(',')}`)).json();
    expect(projects.length).toBe(layer.meta.inView);
    expect(projects.length).toBeGreaterThan(100);
    const notGeneralised = await n(sql`
      SELECT count(*)::int AS n FROM projects WHERE geom && ${env} AND (category = 'housing' AND households_reached < 5) IS NOT TRUE`);
    expect(projects.filter((f) => !f.properties.generalised).length).toBe(notGeneralised);
    const pv = await allFeatures(`/ogc/collections/pv-stations/items?bbox=${bbox.join(',')}`);
    for (const f of pv) {
      const [x, y] = f.geometry.coordinates;
      expect(x >= bbox[0] && x <= bbox[2] && y >= bbox[1] && y <= bbox[3]).toBe(true);
    }
    // Six numbers (with heights) are accepted, the heights ignored.
    const six = await get(`/ogc/collections/villages/items?bbox=115.0,34.0,0,115.6,34.6,100&limit=1`);
    expect(six.body.numberMatched).toBe(want);
  });

  it("gives the boundaries every measure's value as the measure API computes it, as of a date", async () => {
    for (const date of [asOf, firstDate]) {
      const features = await allFeatures(`/ogc/collections/counties/items?asOf=${date}`);
      const townships = await get(`/ogc/collections/townships/items?limit=1&asOf=${date}`);
      expect(features.length).toBe(await n(sql`SELECT count(*)::int AS n FROM regions WHERE level = 'county'`));
      for (const id of measureIds) {
        const api = (await anonymous.get(`/api/measures/${id}?level=county&parent=4114&asOf=${date}`)).json();
        const want = Object.fromEntries(api.rows.map((r: { code: string; value: number | null }) => [r.code, r.value]));
        expect(Object.fromEntries(features.map((f) => [f.id, f.properties[id]])), `${id} ${date}`).toEqual(want);
        const t = (await anonymous.get(`/api/measures/${id}?level=township&parent=4114&asOf=${date}`)).json();
        const row = t.rows.find((r: { code: string }) => r.code === townships.body.features[0].id);
        expect(townships.body.features[0].properties[id], `${id} township ${date}`).toBe(row.value);
      }
      expect(features.every((f) => f.properties.asOf === date && /[\u4e00-\u9fff]/.test(f.properties.name))).toBe(true);
    }
    // datetime (one instant) is the same as asOf.
    const a = await get(`/ogc/collections/counties/items?asOf=${firstDate}`);
    const b = await get(`/ogc/collections/counties/items?datetime=${firstDate}T00:00:00Z`);
    expect(b.body.features).toEqual(a.body.features);
    const village = await get('/ogc/collections/villages/items?limit=1');
    const one = await get(`/ogc/collections/villages/items/${village.body.features[0].id}`);
    expect(ogcProblems('featureGeoJSON', one.body)).toEqual([]);
    expect(one.body.properties).toEqual(village.body.features[0].properties);
  });

  it('answers one project, PV station or division by its code, with the status as of the date', async () => {
    const [p] = await database.rows<{ code: string; name: string }>(sql`
      SELECT code, name FROM projects p WHERE geom IS NOT NULL AND
        (SELECT status FROM project_progress WHERE project_code = p.code ORDER BY as_of LIMIT 1) <>
        (SELECT status FROM project_progress WHERE project_code = p.code ORDER BY as_of DESC LIMIT 1)
      ORDER BY code LIMIT 1`);
    const now = await get(`/ogc/collections/projects/items/${p.code}`);
    expect(now.status).toBe(200);
    expect(now.type).toMatch(/^application\/geo\+json/);
    expect(ogcProblems('featureGeoJSON', now.body)).toEqual([]);
    expect([now.body.id, now.body.properties.name]).toEqual([p.code, p.name]);
    const then = await get(`/ogc/collections/projects/items/${p.code}?asOf=${firstDate}`);
    const layer = (await anonymous.get(`/api/layers/projects?asOf=${firstDate}&limit=50000`)).json();
    const inLayer = layer.features.find((f: { properties: { code: string } }) => f.properties.code === p.code);
    expect(then.body.properties.status).toBe(inLayer.properties.status);
    expect(then.body.properties.status).not.toBe(now.body.properties.status);
    const [st] = await database.rows<{ code: string }>(sql`SELECT code FROM pv_stations WHERE geom IS NOT NULL ORDER BY code LIMIT 1`);
    expect((await get(`/ogc/collections/pv-stations/items/${st.code}`)).body.id).toBe(st.code);
    const c = await get(`/ogc/collections/counties/items/${county}`);
    expect(c.body.properties.name).toBe('民权县');
  });

  it.each([
    ['/ogc/collections/nothing', /No collection "nothing"/],
    ['/ogc/collections/nothing/items', /No collection "nothing"/],
    ['/ogc/collections/projects/items/NO-SUCH-CODE', /No feature "NO-SUCH-CODE" in projects/],
    ['/ogc/collections/projects/items/%E4%B8%8D%20ok', /No feature/],
    ['/ogc/collections/villages/items/411421', /No feature "411421" in villages/],
    ['/ogc/collections/projects/items/extra/path', /No OGC API route/],
  ])('answers 404 with a JSON message: %s', async (path, msg) => {
    const { status, type, body } = await get(path);
    expect(status).toBe(404);
    expect(type).toMatch(/^application\/json/);
    expect(body.error.message).toMatch(msg);
    expect(ogcProblems('exception', body)).toEqual([]);
  });

  it.each([
    ['bbox=1,2,3', /bbox: must be four numbers/],
    ['bbox=a,b,c,d', /bbox: must be four numbers/],
    ['bbox=115,34,,35', /bbox: must be four numbers/],
    ['bbox=116,34,115,35', /bbox: is inverted or empty/],
    ['bbox=115,35,116,34', /bbox: is inverted or empty/],
    ['bbox=115,34,115,35', /bbox: is inverted or empty/],
    ['bbox=-200,34,115,35', /bbox: is outside the world/],
    ['bbox=1,2,3,4,5', /bbox: must be four numbers/],
    ['limit=0', /limit: must be at least 1/],
    ['limit=10001', /limit: must be at most 10000/],
    ['limit=ten', /limit: must be a number/],
    ['limit=1.5', /limit: must be a whole number/],
    ['offset=-1', /offset: must be 0 or more/],
    ['asOf=2020-13-01', /asOf: is not a real calendar date/],
    ['asOf=1999-01-01', /asOf: must be a date from 2000/],
    ['asOf=2030-01-01', /asOf: 2030-01-01 is outside the data/],
    ['datetime=2020-01-01/2020-06-01', /datetime: must be one instant/],
    ['datetime=2020-02-30', /datetime: is not a real calendar date/],
    ['asOf=2020-06-20&datetime=2020-06-20', /asOf and datetime say the same thing/],
    ['f=html', /f: only json is offered/],
    ['filter=x', /Unknown parameter "filter"/],
    ['bbox-crs=x', /Unknown parameter "bbox-crs"/],
  ])('answers 400 with a JSON message, never 500: %s', async (query, msg) => {
    for (const collection of ['projects', 'villages']) {
      const { status, type, body } = await get(`/ogc/collections/${collection}/items?${query}`);
      expect(status, `${collection}?${query}`).toBe(400);
      expect(type).toMatch(/^application\/json/);
      expect(body.error.message).toMatch(msg);
    }
  });

  it('refuses unknown parameters on the other resources too', async () => {
    for (const path of ['/ogc?x=1', '/ogc/conformance?x=1', '/ogc/collections?x=1', '/ogc/collections/projects?limit=1']) {
      expect((await get(path)).status, path).toBe(400);
    }
    expect((await get('/ogc/collections/projects/items/P1?limit=1')).status).toBe(400);
  });

  it('generalises rooftop PV and small housing projects for everyone but the county editor of the county', async () => {
    const exact = await database.rows<{ code: string; x: number; y: number }>(sql`
      SELECT code, ST_X(geom) AS x, ST_Y(geom) AS y FROM pv_stations WHERE type = 'household' AND county_code = ${county} AND geom IS NOT NULL`);
    expect(exact.length).toBeGreaterThan(0);
    const at = new Map(exact.map((r) => [r.code, r]));
    for (const who of [anonymous, editor]) {
      const features = (await allFeatures('/ogc/collections/pv-stations/items?limit=10000', who)).filter((f) => at.has(f.id));
      expect(features.length).toBe(exact.length);
      for (const f of features) {
        const [x, y] = f.geometry.coordinates as [number, number];
        const e = at.get(f.id)!;
        if (who === editor) expect([x, y, f.properties.generalised]).toEqual([Number(e.x.toFixed(6)), Number(e.y.toFixed(6)), false]);
        else expect([x, y, f.properties.generalised]).toEqual([Number(x.toFixed(2)), Number(y.toFixed(2)), true]);
      }
      const one = (await get(`/ogc/collections/pv-stations/items/${exact[0].code}`, who)).body;
      expect(one.properties.generalised).toBe(who !== editor);
    }
    const housing = await database.rows<{ code: string }>(sql`
      SELECT code FROM projects WHERE category = 'housing' AND households_reached < 5 AND geom IS NOT NULL ORDER BY code LIMIT 3`);
    for (const { code } of housing) expect((await get(`/ogc/collections/projects/items/${code}`)).body.properties.generalised).toBe(true);
    // A bounding box around an exact rooftop point finds only generalised points.
    const e = exact[0];
    const tight = `${e.x - 0.0001},${e.y - 0.0001},${e.x + 0.0001},${e.y + 0.0001}`;
    const hits = await get(`/ogc/collections/pv-stations/items?bbox=${tight}`);
    for (const f of hits.body.features) expect(f.properties.generalised).toBe(true);
  });

  it('sends no household record: no household id and no household coordinates in any collection', async () => {
    const texts: string[] = [];
    for (const id of ogcCollectionIds) {
      texts.push((await anonymous.get(`/ogc/collections/${id}/items?limit=10000`)).text);
    }
    const all = texts.join('\n');
    const hh = await database.rows<{ id: string; x: string; y: string }>(sql`
      SELECT id, round(ST_X(geom)::numeric, 5)::text AS x, round(ST_Y(geom)::numeric, 5)::text AS y FROM households
      WHERE geom IS NOT NULL ORDER BY id LIMIT 1000`);
    for (const h of hh) {
      expect(all.includes(`"${h.id}"`), h.id).toBe(false);
      expect(all.includes(`${h.x},${h.y}`), `${h.x},${h.y}`).toBe(false);
    }
  });

  it('needs the same permissions as the API: without anonymous read, a visitor is refused and a user is not', async () => {
    const closed = makeApp(database, new Clock(), { anonymousRead: false });
    const visitor = new Client(closed);
    for (const path of [
      '/ogc',
      '/ogc/api',
      '/ogc/collections',
      '/ogc/collections/projects/items',
      '/ogc/collections/villages/items/411421100201',
    ]) {
      expect((await visitor.get(path)).status, path).toBe(401);
    }
    const user = await new Client(closed, 'editor').login('ogc_editor');
    expect((await user.get('/ogc/collections/projects/items?limit=1')).status).toBe(200);
    expect((await user.get('/ogc/collections/villages/items?limit=1')).status).toBe(200);
  });
});
