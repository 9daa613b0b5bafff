/**
 * Every route's real answer against its declared response schema, on the demo data, through the typed
 * client (`testClient(createApp(...))`). The routes come from the app's OpenAPI registry: a route added
 * without a case here fails the first test, and an answer that drifts from its contract (a renamed or
 * retyped field, in the SQL that builds JSON text or in a handler) fails the second.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testClient } from 'hono/testing';
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import { createApp } from '../../../server/app.ts';
import { hashPassword } from '../../../server/auth/password.ts';
import type { ImportReport } from '../../../server/contracts/imports.ts';
import { users } from '../../../server/db/schema.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import { cheapScrypt } from '../auth/fixtures.ts';

type App = ReturnType<typeof createApp>;
type Api = ReturnType<typeof testClient<App>>['api'];
type Ogc = ReturnType<typeof testClient<App>>['ogc'];

let database: TestDatabase;
let app: App;

/** Identifiers of the demo data the cases use. */
const ids = {
  county: '',
  village: '',
  household: '',
  householdVersion: 1,
  project: '',
  pv: '',
  firstDate: '',
  planner: 0,
  batch: '',
  csv: '',
  projectVersion: 1,
  pvVersion: 1,
  deck: 0,
  deckVersion: 1,
  followup: 0,
  followupVersion: 1,
};
const password = 'Contract-test-pass-2020';
const cookies: Record<'admin' | 'editor' | 'planner', string> = { admin: '', editor: '', planner: '' };
const followupOf = async (res: Response) => {
  if (res.ok) ({ id: ids.followup, version: ids.followupVersion } = (await res.clone().json()) as { id: number; version: number });
  return res;
};

/** A typed client sending a browser's same-origin headers, with the session cookie of `who`. */
const clientAs = (who?: keyof typeof cookies): Api =>
  testClient(app, undefined, undefined, {
    headers: () => ({
      Origin: 'http://localhost',
      'Sec-Fetch-Site': 'same-origin',
      ...(who ? { Cookie: `fupin_session=${cookies[who]}` } : {}),
    }),
  }).api;

/** The typed client of the OGC API – Features service (/ogc, its own OpenAPI document at /ogc/api). */
const ogcAs = (): Ogc => testClient(app).ogc;

async function login(who: keyof typeof cookies, username: string) {
  const res = await clientAs().auth.login.$post({ json: { username, password } });
  expect(res.status, `login ${username}`).toBe(200);
  cookies[who] = /fupin_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1];
}

/**
 * One call per operation, in this order (reads first; the logout last). Keyed `METHOD /api/path` as
 * in the OpenAPI document.
 */
const cases: { op: string; status: number; call: () => Promise<Response> }[] = [
  { op: 'GET /api/health', status: 200, call: () => clientAs().health.$get() },
  { op: 'GET /api/meta', status: 200, call: () => clientAs().meta.$get() },
  {
    op: 'GET /api/exports/geo/boundaries',
    status: 200,
    call: () => clientAs().exports.geo.boundaries.$get({ query: { format: 'geojson', level: 'county', measure: 'spend_rate' } }),
  },
  {
    op: 'GET /api/exports/geo/layers/{layer}',
    status: 200,
    call: () =>
      clientAs().exports.geo.layers[':layer'].$get({ param: { layer: 'pv_stations' }, query: { format: 'gpkg', area: ids.county } }),
  },
  {
    op: 'POST /api/imports/divisions/validate',
    status: 200,
    call: () =>
      clientAs('admin').imports.divisions.validate.$post({
        form: { file: new File(['代码,名称,上级代码\n411421,民权县,4114\n'], '区划.csv') },
      }),
  },
  {
    op: 'POST /api/imports/boundaries/validate',
    status: 200,
    call: () =>
      clientAs('admin').imports.boundaries.validate.$post({
        form: {
          file: new File(
            [
              JSON.stringify({
                type: 'FeatureCollection',
                features: [
                  {
                    type: 'Feature',
                    properties: { code: '411421' },
                    geometry: {
                      type: 'Polygon',
                      coordinates: [
                        [
                          [115, 34.5],
                          [115.1, 34.5],
                          [115.1, 34.6],
                          [115, 34.5],
                        ],
                      ],
                    },
                  },
                ],
              }),
            ],
            'b.geojson',
          ),
          makeValid: 'false',
          skipUnknown: 'false',
        },
      }),
  },
  { op: 'GET /api/regions', status: 200, call: () => clientAs().regions.$get({ query: { level: 'village', parent: ids.county } }) },
  { op: 'GET /api/regions/outline', status: 200, call: () => clientAs().regions.outline.$get({ query: { code: ids.county } }) },
  { op: 'GET /api/measures', status: 200, call: () => clientAs().measures.$get() },
  { op: 'GET /api/dates', status: 200, call: () => clientAs().dates.$get() },
  {
    op: 'GET /api/measures/{id}',
    status: 200,
    call: () =>
      clientAs().measures[':id'].$get({
        param: { id: 'spend_rate' },
        query: { level: 'county', parent: '4114', compareTo: ids.firstDate },
      }),
  },
  {
    op: 'GET /api/measures/{id}/history',
    status: 200,
    call: () => clientAs().measures[':id'].history.$get({ param: { id: 'pv_registration' }, query: { area: ids.county } }),
  },
  { op: 'GET /api/layers/projects', status: 200, call: () => clientAs().layers.projects.$get({ query: {} }) },
  { op: 'GET /api/layers/pv-stations', status: 200, call: () => clientAs().layers['pv-stations'].$get({ query: {} }) },
  {
    op: 'GET /api/layers/households/areas',
    status: 200,
    call: () => clientAs().layers.households.areas.$get({ query: { level: 'township', parent: ids.county, category: 'not_lifted,edge' } }),
  },
  {
    op: 'GET /api/layers/households/hexagons',
    status: 200,
    call: () => clientAs().layers.households.hexagons.$get({ query: { parent: ids.county } }),
  },
  { op: 'GET /api/projects/{code}', status: 200, call: () => clientAs().projects[':code'].$get({ param: { code: ids.project } }) },
  {
    op: 'GET /api/projects/{code}/benefit-links',
    status: 200,
    call: () => clientAs().projects[':code']['benefit-links'].$get({ param: { code: ids.project } }),
  },
  { op: 'GET /api/pv-stations/{code}', status: 200, call: () => clientAs()['pv-stations'][':code'].$get({ param: { code: ids.pv } }) },
  {
    op: 'GET /api/measures/{id}/briefing',
    status: 200,
    call: () =>
      clientAs().measures[':id'].briefing.$get({ param: { id: 'spend_rate' }, query: { level: 'county', parent: '4114', lang: 'zh' } }),
  },
  {
    op: 'POST /api/siting/catchment',
    status: 200,
    call: () => clientAs('editor').siting.catchment.$post({ json: { site: { kind: 'village', village: ids.village }, radiusKm: 5 } }),
  },
  {
    op: 'GET /api/lagging-projects',
    status: 200,
    call: () => clientAs()['lagging-projects'].$get({ query: { area: ids.county, expected: '45.3' } }),
  },
  {
    op: 'GET /api/siting/suggestions',
    status: 200,
    call: () => clientAs('editor').siting.suggestions.$get({ query: { area: ids.county, top: '5' } }),
  },
  {
    op: 'GET /api/siting/effect',
    status: 200,
    call: () => clientAs('editor').siting.effect.$get({ query: { county: ids.county, households: '120', investmentWan: '300' } }),
  },
  { op: 'GET /api/auth/me', status: 200, call: () => clientAs('editor').auth.me.$get() },
  { op: 'GET /api/households', status: 200, call: () => clientAs('editor').households.$get({ query: { village: ids.village } }) },
  {
    op: 'POST /api/households/{id}/unmask',
    status: 200,
    call: () => clientAs('editor').households[':id'].unmask.$post({ param: { id: ids.household }, json: { reason: '核对低保材料' } }),
  },
  {
    op: 'PATCH /api/households',
    status: 200,
    call: () =>
      clientAs('editor').households.$patch({
        json: { updates: [{ id: ids.household, version: ids.householdVersion, wageEmployment: true }] },
      }),
  },
  { op: 'GET /api/users', status: 200, call: () => clientAs('admin').users.$get() },
  {
    op: 'POST /api/users',
    status: 201,
    call: () => clientAs('admin').users.$post({ json: { username: 'contract_new', displayName: '新用户', role: 'leader' } }),
  },
  {
    op: 'PATCH /api/users/{id}',
    status: 200,
    call: () => clientAs('admin').users[':id'].$patch({ param: { id: String(ids.planner) }, json: { displayName: '规划人员' } }),
  },
  {
    op: 'POST /api/users/{id}/password',
    status: 200,
    call: () => clientAs('admin').users[':id'].password.$post({ param: { id: String(ids.planner) }, json: {} }),
  },
  { op: 'GET /api/audit', status: 200, call: () => clientAs('admin').audit.$get({ query: { pageSize: '20' } }) },
  { op: 'GET /api/audit/export.csv', status: 200, call: () => clientAs('admin').audit['export.csv'].$get({ query: { result: 'ok' } }) },
  {
    op: 'POST /api/imports/{kind}/validate',
    status: 200,
    call: async () => {
      const res = await clientAs('admin').imports[':kind'].validate.$post({
        param: { kind: 'pv_stations' },
        form: { file: new File([ids.csv], 'pv.csv') },
      });
      if (res.ok) ids.batch = ((await res.clone().json()) as ImportReport).batchId ?? '';
      return res;
    },
  },
  {
    op: 'POST /api/imports/{id}/commit',
    status: 200,
    call: () => clientAs('admin').imports[':id'].commit.$post({ param: { id: ids.batch }, header: {} }),
  },
  {
    op: 'GET /api/imports/{kind}/template',
    status: 200,
    call: () => clientAs().imports[':kind'].template.$get({ param: { kind: 'projects' }, query: { format: 'csv' } }),
  },
  {
    op: 'GET /api/exports/{kind}',
    status: 200,
    call: () => clientAs('editor').exports[':kind'].$get({ param: { kind: 'pv_stations' }, query: { format: 'csv', county: ids.county } }),
  },
  {
    op: 'GET /api/ledger/export/areas',
    status: 200,
    call: () => clientAs().ledger.export.areas.$get({ query: { level: 'county', parent: '4114', format: 'xlsx' } }),
  },
  {
    op: 'GET /api/ledger/export/projects',
    status: 200,
    call: () => clientAs().ledger.export.projects.$get({ query: { area: ids.county, format: 'csv', sort: 'total', order: 'desc' } }),
  },
  {
    op: 'GET /api/ledger/export/signoffs',
    status: 200,
    call: () => clientAs().ledger.export.signoffs.$get({ query: { period: '2020-06', format: 'xlsx' } }),
  },
  {
    op: 'GET /api/ledger/projects/{code}',
    status: 200,
    call: () => clientAs('admin').ledger.projects[':code'].$get({ param: { code: ids.project } }),
  },
  {
    op: 'GET /api/ledger/pv-stations/{code}',
    status: 200,
    call: () => clientAs('admin').ledger['pv-stations'][':code'].$get({ param: { code: ids.pv } }),
  },
  {
    op: 'PATCH /api/ledger/projects/{code}',
    status: 200,
    call: () =>
      clientAs('admin').ledger.projects[':code'].$patch({
        param: { code: ids.project },
        json: { version: ids.projectVersion, set: { responsibleUnit: '县扶贫办' } },
      }),
  },
  {
    op: 'PATCH /api/ledger/pv-stations/{code}',
    status: 200,
    call: () =>
      clientAs('admin').ledger['pv-stations'][':code'].$patch({
        param: { code: ids.pv },
        json: { version: ids.pvVersion, set: { householdsReached: 61 } },
      }),
  },
  {
    op: 'POST /api/ledger/projects',
    status: 201,
    call: () =>
      clientAs('editor').ledger.projects.$post({
        json: {
          code: 'CONTRACT-P1',
          name: '合同测试项目',
          year: 2020,
          countyCode: ids.county,
          villageCode: ids.village,
          category: 'infrastructure',
          responsibleLevel: 'village',
          responsibleUnit: '村两委',
          totalInvestmentWan: 10,
        },
      }),
  },
  {
    op: 'POST /api/ledger/projects/{code}/progress',
    status: 201,
    call: () =>
      clientAs('editor').ledger.projects[':code'].progress.$post({
        param: { code: 'CONTRACT-P1' },
        json: { asOf: '2020-06-30', status: 'started', arrangedWan: 10, disbursedWan: 5, spentWan: 2, physicalProgressPct: 20 },
      }),
  },
  {
    op: 'GET /api/ledger/projects/{code}/progress/{asOf}',
    status: 200,
    call: () => clientAs('editor').ledger.projects[':code'].progress[':asOf'].$get({ param: { code: 'CONTRACT-P1', asOf: '2020-06-30' } }),
  },
  {
    op: 'PATCH /api/ledger/projects/{code}/progress/{asOf}',
    status: 200,
    call: () =>
      clientAs('editor').ledger.projects[':code'].progress[':asOf'].$patch({
        param: { code: 'CONTRACT-P1', asOf: '2020-06-30' },
        json: { version: 1, set: { spentWan: 3 } },
      }),
  },
  {
    op: 'GET /api/ledger/projects',
    status: 200,
    call: () => clientAs('admin').ledger.projects.$get({ query: { area: ids.county, sort: 'spendRate', order: 'desc', pageSize: '5' } }),
  },
  {
    op: 'GET /api/ledger/projects/{code}/changes',
    status: 200,
    call: () => clientAs('admin').ledger.projects[':code'].changes.$get({ param: { code: ids.project } }),
  },
  { op: 'GET /api/signoffs', status: 200, call: () => clientAs('editor').signoffs.$get({ query: { period: '2020-06' } }) },
  {
    op: 'POST /api/signoffs',
    status: 200,
    call: () => clientAs('editor').signoffs.$post({ json: { countyCode: ids.county, period: '2020-06', role: 'main' } }),
  },
  { op: 'GET /api/targets', status: 200, call: () => clientAs('admin').targets.$get({ query: { year: '2020' } }) },
  {
    op: 'PUT /api/targets/{measureId}',
    status: 200,
    call: () => clientAs('admin').targets[':measureId'].$put({ param: { measureId: 'overdue' }, json: { year: 2020, method: 'none' } }),
  },
  {
    op: 'POST /api/decks',
    status: 201,
    call: async () => {
      const res = await clientAs('admin').decks.$post({ json: { title: '契约测试' } });
      if (res.ok) ({ id: ids.deck, version: ids.deckVersion } = (await res.clone().json()) as { id: number; version: number });
      return res;
    },
  },
  {
    op: 'POST /api/decks/{id}/slides',
    status: 201,
    call: async () => {
      const res = await clientAs('admin').decks[':id'].slides.$post({
        param: { id: String(ids.deck) },
        json: { title: '全市', view: '?m=spend_rate' },
      });
      if (res.ok) ids.deckVersion = ((await res.clone().json()) as { version: number }).version;
      return res;
    },
  },
  { op: 'GET /api/decks', status: 200, call: () => clientAs('admin').decks.$get() },
  { op: 'GET /api/decks/{id}', status: 200, call: () => clientAs('admin').decks[':id'].$get({ param: { id: String(ids.deck) } }) },
  {
    op: 'PUT /api/decks/{id}',
    status: 200,
    call: () =>
      clientAs('admin').decks[':id'].$put({
        param: { id: String(ids.deck) },
        json: { version: ids.deckVersion, title: '契约测试（定稿）' },
      }),
  },
  {
    op: 'POST /api/decks/{id}/duplicate',
    status: 201,
    call: () => clientAs('admin').decks[':id'].duplicate.$post({ param: { id: String(ids.deck) } }),
  },
  {
    op: 'POST /api/decks/agenda',
    status: 201,
    call: () => clientAs('admin').decks.agenda.$post({ json: { measure: 'spend_rate', asOf: '2020-06-20' } }),
  },
  {
    op: 'POST /api/followups',
    status: 201,
    call: async () =>
      followupOf(
        await clientAs('admin').followups.$post({
          json: {
            title: '契约测试事项',
            areaCode: ids.county,
            responsibleUnit: '县扶贫办',
            deadline: '2020-07-10',
            doneCriteria: '完成',
            deckId: ids.deck,
          },
        }),
      ),
  },
  { op: 'GET /api/followups', status: 200, call: () => clientAs('admin').followups.$get({ query: { state: 'active' } }) },
  { op: 'GET /api/followup-counts', status: 200, call: () => clientAs()['followup-counts'].$get() },
  {
    op: 'GET /api/followups/{id}',
    status: 200,
    call: () => clientAs('editor').followups[':id'].$get({ param: { id: String(ids.followup) } }),
  },
  {
    op: 'POST /api/followups/{id}/responses',
    status: 201,
    call: async () =>
      followupOf(
        await clientAs('editor').followups[':id'].responses.$post({
          param: { id: String(ids.followup) },
          json: { progress: '已完成一半', report: '说明' },
        }),
      ),
  },
  {
    op: 'PATCH /api/followups/{id}',
    status: 200,
    call: async () =>
      followupOf(
        await clientAs('admin').followups[':id'].$patch({
          param: { id: String(ids.followup) },
          json: { version: ids.followupVersion, deadline: '2020-07-20' },
        }),
      ),
  },
  {
    op: 'POST /api/followups/{id}/close',
    status: 200,
    call: () =>
      clientAs('admin').followups[':id'].close.$post({
        param: { id: String(ids.followup) },
        json: { version: ids.followupVersion, note: '已办结' },
      }),
  },
  { op: 'DELETE /api/decks/{id}', status: 204, call: () => clientAs('admin').decks[':id'].$delete({ param: { id: String(ids.deck) } }) },
  {
    op: 'POST /api/auth/password',
    status: 204,
    call: () => clientAs('editor').auth.password.$post({ json: { currentPassword: password, newPassword: 'Contract-test-new-2020' } }),
  },
  { op: 'POST /api/auth/login', status: 200, call: () => clientAs().auth.login.$post({ json: { username: 'contract_admin', password } }) },
  { op: 'POST /api/auth/logout', status: 204, call: () => clientAs('admin').auth.logout.$post() },
  { op: 'GET /ogc', status: 200, call: () => ogcAs().$get({ query: {} }) },
  { op: 'GET /ogc/conformance', status: 200, call: () => ogcAs().conformance.$get({ query: { f: 'json' } }) },
  { op: 'GET /ogc/api', status: 200, call: () => ogcAs().api.$get({ query: {} }) },
  { op: 'GET /ogc/collections', status: 200, call: () => ogcAs().collections.$get({ query: {} }) },
  {
    op: 'GET /ogc/collections/{collectionId}',
    status: 200,
    call: () => ogcAs().collections[':collectionId'].$get({ param: { collectionId: 'villages' }, query: {} }),
  },
  {
    op: 'GET /ogc/collections/{collectionId}/items',
    status: 200,
    call: () =>
      ogcAs().collections[':collectionId'].items.$get({
        param: { collectionId: 'projects' },
        query: { limit: '500', bbox: '115,34,116,35' },
      }),
  },
  {
    op: 'GET /ogc/collections/{collectionId}/schema',
    status: 200,
    call: () => ogcAs().collections[':collectionId'].schema.$get({ param: { collectionId: 'projects' }, query: {} }),
  },
  {
    op: 'GET /ogc/collections/{collectionId}/items/{featureId}',
    status: 200,
    call: () =>
      ogcAs().collections[':collectionId'].items[':featureId'].$get({
        param: { collectionId: 'villages', featureId: ids.village },
        query: {},
      }),
  },
];

/** The success answer each operation declares: status and the zod schema per content type. */
interface Declared {
  status: number;
  content: Record<string, { schema: z.ZodType }> | undefined;
}
let declared: Map<string, Declared>;

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  app = createApp({ database, security: { scrypt: cheapScrypt } });
  const [row] = await database.rows<{ county: string; village: string; household: string; version: number }>(sql`
    SELECT county_code AS county, village_code AS village, id AS household, version::int AS version FROM households ORDER BY id LIMIT 1`);
  const [project] = await database.rows<{ code: string; version: number }>(sql`
    SELECT code, version::int AS version FROM projects WHERE code = (SELECT min(project_code) FROM project_beneficiaries)`);
  const [pv] = await database.rows<{ code: string; version: number }>(
    sql`SELECT code, version::int AS version FROM pv_stations ORDER BY code LIMIT 1`,
  );
  Object.assign(ids, { projectVersion: project.version, pvVersion: pv.version });
  const [first] = await database.rows<{ d: string }>(sql`SELECT min(as_of)::text AS d FROM project_progress`);
  const [names] = await database.rows<{ county: string; township: string; village: string }>(sql`
    SELECT c.name AS county, t.name AS township, v.name AS village FROM regions v
    JOIN regions t ON t.code = v.parent_code JOIN regions c ON c.code = t.parent_code WHERE v.code = ${row.village}`);
  // A one-station PV ledger in the village of the household above (headers as the import expects them).
  ids.csv = [
    '电站编号,电站名称,电站类型,装机容量（MW）,县区,乡镇,村,建设状态,并网时间,是否纳入系统,纳入日期,年发电量（万kWh）,年收益（万元）,公益岗位支出（万元）,村集体收入（万元）,带动户数',
    `PV-CONTRACT-1,测试村级光伏电站,村级,0.3,${names.county},${names.township},${names.village},已并网,2019/6/30,是,2019年8月1日,39,30,18,12,60`,
  ].join('\r\n');
  Object.assign(ids, {
    county: row.county,
    village: row.village,
    household: row.household,
    householdVersion: row.version,
    project: project.code,
    pv: pv.code,
    firstDate: first.d,
  });
  const passwordHash = await hashPassword(password, cheapScrypt);
  const created = await database.db
    .insert(users)
    .values([
      { username: 'contract_admin', displayName: '管理员', role: 'city_admin', passwordHash },
      { username: 'contract_editor', displayName: '县级填报员', role: 'county_editor', countyCode: row.county, leader: true, passwordHash },
      { username: 'contract_planner', displayName: '规划', role: 'planner', passwordHash },
    ])
    .returning({ id: users.id, username: users.username });
  ids.planner = created.find((u) => u.username === 'contract_planner')!.id;
  await login('admin', 'contract_admin');
  await login('editor', 'contract_editor');

  declared = new Map();
  if (!(app instanceof OpenAPIHono)) throw new Error('createApp must build an OpenAPIHono app');
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type !== 'route') continue;
    const { method, path, responses } = def.route;
    const success = Object.entries(responses).find(([code]) => /^2\d\d$/.test(code));
    if (!success) continue;
    const [code, response] = success as [string, { content?: Record<string, { schema: z.ZodType }> }];
    declared.set(`${method.toUpperCase()} ${path}`, { status: Number(code), content: response.content });
  }
});
afterAll(() => database?.dispose());

describe(`answers match their contracts (${testBackend})`, () => {
  it('covers every route of the OpenAPI document, each with a declared success answer and schema', async () => {
    type Doc = {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>>;
    };
    // Two documents: the API's (/api/openapi.json) and the OGC service's own OpenAPI 3.0 document (/ogc/api),
    // which GIS clients read; the app's registry holds the routes of both.
    const docs: [string, Doc][] = [
      ['/api', (await (await app.request('/api/openapi.json')).json()) as Doc],
      ['/ogc', (await (await app.request('/ogc/api')).json()) as Doc],
    ];
    const documented: string[] = [];
    const problems: string[] = [];
    for (const [prefix, doc] of docs)
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item)) {
          const key = `${method.toUpperCase()} ${path === '/' ? prefix : prefix + path}`;
          documented.push(key);
          const [code, success] = Object.entries(op.responses).find(([c]) => /^2\d\d$/.test(c)) ?? [];
          if (!success) problems.push(`${key}: no 2xx response`);
          else if (code !== '204') {
            for (const [type, media] of Object.entries(success.content ?? { none: {} })) {
              const schema = media.schema ?? {};
              if (Object.keys(schema).length === 0) problems.push(`${key} ${type}: empty (any) response schema`);
            }
          }
        }
      }
    expect(problems).toEqual([]);
    expect(documented.sort()).toEqual([...declared.keys()].sort());
    expect(cases.map((c) => c.op).sort(), 'one case per route (add a case for a new route)').toEqual([...declared.keys()].sort());
  });

  it('answers every route as its contract says', async () => {
    const failures: string[] = [];
    for (const { op, status, call } of cases) {
      const res = await call();
      const text = await res.text();
      const spec = declared.get(op);
      if (!spec) {
        failures.push(`${op}: not a route`);
        continue;
      }
      if (res.status !== status || res.status !== spec.status) {
        failures.push(`${op}: status ${res.status} (expected ${status}, declared ${spec.status}): ${text.slice(0, 200)}`);
        continue;
      }
      if (!spec.content) {
        if (text !== '') failures.push(`${op}: declared no body but sent ${text.slice(0, 80)}`);
        continue;
      }
      const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
      const media = spec.content[type];
      if (!media) {
        failures.push(`${op}: sent ${type}, declared ${Object.keys(spec.content).join(', ')}`);
        continue;
      }
      const body: unknown = type.endsWith('json') ? JSON.parse(text) : text;
      const result = media.schema.safeParse(body);
      if (!result.success) {
        const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
        failures.push(`${op}: ${issues.join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
