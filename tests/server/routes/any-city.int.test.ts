/**
 * Any city, on both backends: an empty database (DEMO_DATA=off) takes a made-up city outside Henan
 * (青岚市, code 3391 — invented, as are its divisions) through the API — division list, boundaries,
 * a projects ledger and its monthly progress — and then /api/meta, the regions and a choropleth
 * answer work for that city, with nothing of 商丘市 anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeoImportReport } from '../../../server/contracts/geo-imports.ts';
import type { AppMeta } from '../../../server/contracts/meta.ts';
import type { RegionCollection } from '../../../server/contracts/regions.ts';
import { hashPassword } from '../../../server/auth/password.ts';
import { users } from '../../../server/db/schema.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import { Client, Clock, cheapScrypt, makeApp, passwordOf, type App } from '../auth/fixtures.ts';

let database: TestDatabase;
let app: App;
let admin: Client;

// 青岚市 (3391): three counties side by side, 0.2° wide; two townships each; two villages per township.
const city = { code: '3391', name: '青岚市' };
const counties = [
  { code: '339102', name: '东湖区' },
  { code: '339121', name: '西山县' },
  { code: '339181', name: '南溪市' },
];
const townships = counties.flatMap((c, i) => [
  { code: `${c.code}100`, name: `${c.name.slice(0, 2)}镇`, parent: c.code, x: 120 + 0.2 * i, y: 30 },
  { code: `${c.code}200`, name: `${c.name.slice(0, 2)}乡`, parent: c.code, x: 120 + 0.2 * i + 0.1, y: 30 },
]);
const villages = townships.flatMap((t) => [
  { code: `${t.code}201`, name: `${t.name}一村`, parent: t.code, x: t.x, y: t.y },
  { code: `${t.code}202`, name: `${t.name}二村`, parent: t.code, x: t.x, y: t.y + 0.1 },
]);
const box = (x0: number, y0: number, w: number, h: number): GeoJSON.Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x0 + w, y0],
      [x0 + w, y0 + h],
      [x0, y0 + h],
      [x0, y0],
    ],
  ],
});

beforeAll(async () => {
  database = await openTestDatabase();
  await database.db.insert(users).values({
    username: 'admin',
    displayName: '市扶贫办',
    role: 'city_admin',
    passwordHash: await hashPassword(passwordOf('admin'), cheapScrypt),
  });
  app = makeApp(database, new Clock());
  admin = await new Client(app, 'admin').login('admin');
}, 120_000);
afterAll(() => database?.dispose());

async function importFile(kind: string, name: string, content: string) {
  const form = new FormData();
  form.append('file', new File([content], name));
  const res = await admin.request('POST', `/api/imports/${kind}/validate`, { body: form });
  expect(res.status, res.text).toBe(200);
  const report = res.json() as GeoImportReport;
  expect(report.ok, JSON.stringify(report.issues.slice(0, 5))).toBe(true);
  const commit = await admin.request('POST', `/api/imports/${report.batchId}/commit`);
  expect(commit.status, commit.text).toBe(200);
  return { report, result: commit.json() as { added: number; changed: number; unchanged: number } };
}

describe(`any city: an empty database takes 青岚市 through the API (${testBackend})`, () => {
  it('starts empty: no root area', async () => {
    const meta = (await (await app.request('/api/meta')).json()) as AppMeta;
    expect(meta.root).toBeNull();
    expect((await app.request('/api/layers/households/areas?level=county')).status).toBe(404);
  });

  it('imports the division list (CSV, level from code length, parents checked), all or nothing', async () => {
    // A row whose parent is missing refuses the whole file.
    const bad = ['代码,名称,上级代码', `${city.code},${city.name},33`, '339199,无上级县,3392'].join('\n');
    const form = new FormData();
    form.append('file', new File([bad], '区划.csv'));
    const refused = (await admin.request('POST', '/api/imports/divisions/validate', { body: form })).json() as GeoImportReport;
    expect(refused.ok).toBe(false);
    expect(refused.issues).toMatchObject([{ row: 3, value: '3392', reason: expect.stringContaining('不在区划名录中') }]);

    const rows = [
      ['代码', '名称', '上级代码'],
      [city.code, city.name, '33'],
      ...counties.map((c) => [c.code, c.name, city.code]),
      ...townships.map((t) => [t.code, t.name, t.parent]),
      // Villages: the parent left out (taken from the code) and one code padded to 12 digits elsewhere.
      ...villages.map((v) => [v.code, v.name, '']),
    ];
    const { report, result } = await importFile('divisions', '青岚市区划.csv', rows.map((r) => r.join(',')).join('\r\n'));
    expect(report.counts).toMatchObject({ dataRows: 1 + 3 + 6 + 12, add: 22, errors: 0 });
    expect(result).toMatchObject({ added: 22, changed: 0 });
    // Re-importing the same file changes nothing.
    const again = await importFile('divisions', '青岚市区划.csv', rows.map((r) => r.join(',')).join('\r\n'));
    expect(again.result).toMatchObject({ added: 0, changed: 0, unchanged: 22 });
    // A second city is refused: the database serves one city.
    const form2 = new FormData();
    form2.append('file', new File(['代码,名称\n3392,另一市\n'], 'x.csv'));
    const second = (await admin.request('POST', '/api/imports/divisions/validate', { body: form2 })).json() as GeoImportReport;
    expect(second.ok).toBe(false);
    expect(second.issues[0].reason).toContain('一个市');
  });

  it('imports the boundaries of every level (GeoJSON); the city gets the union of its counties', async () => {
    const features: GeoJSON.Feature[] = [
      ...counties.map((c, i) => ({
        type: 'Feature' as const,
        properties: { code: c.code, name: c.name },
        geometry: box(120 + 0.2 * i, 30, 0.2, 0.2),
      })),
      ...townships.map((t) => ({
        type: 'Feature' as const,
        properties: { code: t.code, name: t.name },
        geometry: box(t.x, t.y, 0.1, 0.2),
      })),
      ...villages.map((v) => ({ type: 'Feature' as const, properties: { code: v.code, name: v.name }, geometry: box(v.x, v.y, 0.1, 0.1) })),
    ];
    const { result } = await importFile('boundaries', '青岚市边界.geojson', JSON.stringify({ type: 'FeatureCollection', features }));
    expect(result).toMatchObject({ added: 3 + 6 + 12 });
    const meta = (await (await app.request('/api/meta')).json()) as AppMeta;
    expect(meta.root).toEqual({ code: '3391', name: '青岚市', nameEn: null, level: 'city', bbox: [120, 30, 120.6, 30.2] });
    expect(meta.demo).toBe(false);
    const fc = (await (await app.request('/api/regions?level=county&parent=3391')).json()) as RegionCollection;
    expect(fc.features.map((f) => [f.properties.code, f.properties.name])).toEqual(counties.map((c) => [c.code, c.name]));
    const v = (await (await app.request('/api/regions?level=village&parent=339121')).json()) as RegionCollection;
    expect(v.features).toHaveLength(4);
  });

  it('imports a projects ledger and its progress, and the choropleth answers for 青岚市', async () => {
    const header =
      '项目编号,项目名称,年度,县（市、区）,乡镇（街道）,村（社区）,项目类别,产业模式,责任层级,责任单位,总投资（万元）,计划开工日期,计划完工日期,项目状态';
    const projects = [
      header,
      'QL-001,东湖茶园,2020,东湖区,东湖镇,东湖镇一村,产业,种植,县级,东湖区农业农村局,100,2020-03-01,2020-10-31,开工',
      'QL-002,西山道路,2020,西山县,西山乡,西山乡二村,基础设施,,县级,西山县交通局,200,2020-03-01,2020-09-30,开工',
    ].join('\n');
    const p = await importFile('projects', '青岚市项目.csv', projects);
    expect(p.result.added).toBe(2);
    const progress = [
      '项目编号,截止日期,项目状态,已安排资金（万元）,已拨付资金（万元）,已支出资金（万元）,形象进度（%）',
      'QL-001,2020-06-20,开工,80,60,50,40',
      'QL-002,2020-06-20,开工,100,50,20,10',
    ].join('\n');
    expect((await importFile('progress', '青岚市进度.csv', progress)).result.added).toBe(2);

    const res = await app.request('/api/measures/spend_rate?level=county&parent=3391');
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as {
      parent: { code: string; name: string };
      asOf: string;
      rows: { code: string; value: number | null }[];
    };
    expect(body.parent).toMatchObject({ code: '3391', name: '青岚市' });
    expect(body.asOf).toBe('2020-06-20');
    const byCode = Object.fromEntries(body.rows.map((r) => [r.code, r.value]));
    // 资金支出进度 = spent ÷ total investment: 50 ÷ 100 and 20 ÷ 200; no projects = no data (never 0 %).
    expect(byCode['339102']).toBeCloseTo(50, 1);
    expect(byCode['339121']).toBeCloseTo(10, 1);
    expect(byCode['339181']).toBeNull();
  });
});
