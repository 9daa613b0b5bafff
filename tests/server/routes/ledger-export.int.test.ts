/**
 * Exports of the ledger views on both backends, read back by Debian's openpyxl: the area ledger (the
 * panel's total row and rows, values equal to GET /api/measures/{id}, household counts protected as
 * there — "<5" for anonymous readers, exact for the county's editor), the project list with its filters
 * and sort over every page (equal to GET /api/ledger/projects), frozen header, Chinese headers with
 * units, widths, formula-looking names neutralised, the CSV's BOM, the 演示数据 note and clear 400s.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/auth/password.ts';
import type { ProjectListPage } from '../../../server/contracts/ledger-list.ts';
import type { MeasureValues } from '../../../server/contracts/measures.ts';
import { users } from '../../../server/db/schema.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import { Client, Clock, cheapScrypt, makeApp, passwordOf, type App } from '../auth/fixtures.ts';

let database: TestDatabase;
let app: App;
let anonymous: Client;
let editor: Client;
let leader: Client;
let village: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-view-export-'));
const COUNTY = '411421';
const AS_OF = '2020-06-20';

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await database.db.insert(users).values({
    username: 'mq-editor',
    displayName: 'mq-editor',
    passwordHash: await hashPassword(passwordOf('mq-editor'), cheapScrypt),
    role: 'county_editor',
    countyCode: COUNTY,
  });
  await database.db.insert(users).values({
    username: 'mq-leader',
    displayName: '=张县长',
    passwordHash: await hashPassword(passwordOf('mq-leader'), cheapScrypt),
    role: 'county_editor',
    countyCode: COUNTY,
    leader: true,
  });
  // Names a spreadsheet would run as formulas.
  await database.rows(sql`
    UPDATE projects SET name = CASE code WHEN (SELECT min(code) FROM projects WHERE county_code = ${COUNTY}) THEN '=1+1'
      ELSE '@SUM(A1:A2)' END
    WHERE code IN (SELECT code FROM projects WHERE county_code = ${COUNTY} ORDER BY code LIMIT 2)`);
  // One village of the county with three households in the three groups: a small count.
  const [v] = await database.rows<{ code: string }>(sql`
    SELECT village_code AS code FROM households WHERE county_code = ${COUNTY} GROUP BY village_code HAVING count(*) > 5 ORDER BY village_code LIMIT 1`);
  village = v.code;
  await database.rows(sql`
    UPDATE households SET category = 'lifted' WHERE village_code = ${village}
      AND id NOT IN (SELECT id FROM households WHERE village_code = ${village} ORDER BY id LIMIT 3)`);
  await database.rows(sql`
    UPDATE households SET category = 'edge' WHERE id IN (SELECT id FROM households WHERE village_code = ${village} ORDER BY id LIMIT 3)`);
  app = makeApp(database, new Clock());
  anonymous = new Client(app);
  editor = await new Client(app, 'mq-editor').login('mq-editor');
  leader = await new Client(app, 'mq-leader').login('mq-leader');
});
afterAll(async () => {
  await database?.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function download(who: Client, url: string, file: string) {
  const res = await app.request(`http://localhost${url}`, { headers: who.cookie ? { Cookie: `fupin_session=${who.cookie}` } : {} });
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(res.status, `${url}: ${bytes.toString('utf8').slice(0, 300)}`).toBe(200);
  fs.writeFileSync(path.join(dir, file), bytes);
  return { res, bytes };
}
type Sheet = { rows: string[][]; frozen: string | null; widths: Record<string, number>; sheet: string };
const openpyxl = (file: string): Sheet =>
  JSON.parse(
    execFileSync('/usr/bin/python3', ['tests/fixtures/read_xlsx.py', path.join(dir, file)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
const num = (cell: string) => (cell === '' ? null : Number(cell));
const round = (n: number | null, d: number) => (n === null ? null : Math.round(n * 10 ** d) / 10 ** d);
const column = (s: Sheet, header: string) => {
  const i = s.rows[0].indexOf(header);
  expect(i, `column ${header} in ${s.rows[0].join(' | ')}`).toBeGreaterThanOrEqual(0);
  return i;
};
/** Table rows: from below the header to the empty row before the notes. */
const body = (s: Sheet) =>
  s.rows.slice(
    1,
    s.rows.findIndex((r, i) => i > 0 && r.every((c) => c === '')),
  );
const notes = (s: Sheet) => s.rows.slice(s.rows.findIndex((r, i) => i > 0 && r.every((c) => c === '')) + 1).map((r) => r[0]);

describe(`ledger view exports (${testBackend})`, () => {
  it('area ledger .xlsx: headers with units, frozen header, widths, total row first, numbers as GET /api/measures', async () => {
    const { res } = await download(anonymous, `/api/ledger/export/areas?level=county&parent=4114&asOf=${AS_OF}`, 'areas.xlsx');
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(res.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''%E5%8C%BA%E5%9F%9F%E5%8F%B0%E8%B4%A6/);
    const x = openpyxl('areas.xlsx');
    expect(x.frozen).toBe('A2');
    expect(Object.keys(x.widths).length).toBeGreaterThan(3);
    expect(x.rows[0]).toEqual(
      expect.arrayContaining([
        '区划代码',
        '县（市、区）',
        '总投资（万元）',
        '已支出（万元）',
        '资金支出进度（%）',
        '资金支出进度序时进度（%）',
        '资金支出进度差距（个百分点）',
        '资金支出进度状态',
        '项目开工率（%）',
        '项目完工率（%）',
        '逾期项目占比（%）',
        '逾期项目占比状态',
        '光伏电站纳入系统完成率（%）',
      ]),
    );
    const rows = body(x);
    const spend: MeasureValues = (await anonymous.get(`/api/measures/spend_rate?level=county&parent=4114&asOf=${AS_OF}`)).json();
    expect(rows[0].slice(0, 2)).toEqual(['4114', '商丘市（合计）']);
    expect(num(rows[0][column(x, '总投资（万元）')])).toBe(round(spend.total.denominator, 2));
    expect(num(rows[0][column(x, '资金支出进度（%）')])).toBe(round(spend.total.value, 1));
    expect(rows.slice(1).map((r) => r[0])).toEqual(spend.rows.map((r) => r.code).sort());
    for (const r of spend.rows) {
      const line = rows.find((l) => l[0] === r.code)!;
      expect(line[1]).toBe(r.name);
      expect(num(line[column(x, '资金支出进度（%）')]), r.code).toBe(round(r.value, 1));
      expect(num(line[column(x, '已支出（万元）')]), r.code).toBe(round(r.numerator, 2));
      expect(num(line[column(x, '资金支出进度差距（个百分点）')]), r.code).toBe(round(r.lag, 1));
      expect(line[column(x, '资金支出进度状态')]).toMatch(
        { ahead: /^超前 ▲$/, on_track: /^正常/, lagging: /^滞后 ▼$/, no_data: /^无数据$/, none: /^$/ }[r.status],
      );
    }
    const lagging = spend.rows.filter((r) => r.status === 'lagging').length;
    expect(lagging).toBeGreaterThan(0);
    expect(notes(x)).toEqual(expect.arrayContaining([expect.stringContaining('演示数据'), expect.stringContaining(`数据截至 ${AS_OF}`)]));
  });

  it('area ledger .csv: UTF-8 BOM, the same header, CRLF', async () => {
    const { res, bytes } = await download(
      anonymous,
      `/api/ledger/export/areas?level=township&parent=${COUNTY}&asOf=${AS_OF}&measures=start_rate,overdue&format=csv`,
      'areas.csv',
    );
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      '区划代码,乡镇（街道）,项目开工率（%）,项目开工率序时进度（%）,项目开工率差距（个百分点）,项目开工率状态,逾期项目占比（%）,逾期项目占比状态',
    );
    expect(lines[1]).toMatch(new RegExp(`^${COUNTY},民权县（合计）,`));
  });

  it('household counts: "<5" and rounded for anonymous readers as in GET /api/measures, exact for the county editor', async () => {
    const url = `/api/ledger/export/areas?level=village&parent=${village.slice(0, 9)}&asOf=${AS_OF}&measures=households`;
    for (const [who, file] of [
      [anonymous, 'hh-anon.xlsx'],
      [editor, 'hh-editor.xlsx'],
    ] as const) {
      await download(who, url, file);
      const x = openpyxl(file);
      const i = column(x, '三类人群（户）');
      const json: MeasureValues = (
        await who.get(`/api/measures/households?level=village&parent=${village.slice(0, 9)}&asOf=${AS_OF}`)
      ).json();
      const rows = body(x);
      for (const r of json.rows) expect(rows.find((l) => l[0] === r.code)![i], r.code).toBe(r.numerator === null ? '<5' : String(r.value));
      const planted = rows.find((l) => l[0] === village)![i];
      expect(planted).toBe(who === editor ? '3' : '<5');
      if (who === anonymous) expect(notes(x)).toEqual(expect.arrayContaining([expect.stringContaining('“<5”')]));
    }
  });

  it('project ledger .xlsx: every page with the filters and sort of GET /api/ledger/projects; formulas neutralised', async () => {
    const filter = `area=${COUNTY}&sort=total&order=desc&asOf=${AS_OF}`;
    await download(anonymous, `/api/ledger/export/projects?${filter}`, 'projects.xlsx');
    const x = openpyxl('projects.xlsx');
    expect(x.frozen).toBe('A2');
    expect(x.rows[0]).toEqual(
      expect.arrayContaining(['项目编号', '项目名称', '总投资（万元）', '已支出（万元）', '支出进度（%）', '计划完工日期']),
    );
    const items: ProjectListPage['items'] = [];
    let first: ProjectListPage | undefined;
    for (let page = 1; ; page++) {
      const p: ProjectListPage = (await anonymous.get(`/api/ledger/projects?${filter}&pageSize=200&page=${page}`)).json();
      first ??= p;
      items.push(...p.items);
      if (items.length >= p.total) break;
    }
    expect(items.length).toBeGreaterThan(200);
    const rows = body(x);
    expect(rows.map((r) => r[0])).toEqual(items.map((p) => p.code));
    const [total, spent, rate] = ['总投资（万元）', '已支出（万元）', '支出进度（%）'].map((h) => column(x, h));
    items.forEach((p, k) => {
      expect(num(rows[k][total])).toBe(round(p.totalInvestmentWan, 2));
      expect(num(rows[k][spent])).toBe(round(p.spentWan, 2));
      expect(num(rows[k][rate])).toBe(p.spendRatePct);
    });
    const cells = rows.flat();
    expect(cells.filter((c) => /^[=+\-@\t]/.test(c))).toEqual([]);
    expect(cells).toEqual(expect.arrayContaining(["'=1+1", "'@SUM(A1:A2)"]));
    expect(notes(x)[0]).toContain(`共 ${first!.total} 个项目`);
    expect(notes(x)).toEqual(expect.arrayContaining([expect.stringContaining('演示数据'), expect.stringContaining('范围：民权县')]));
  });

  it('project ledger .csv: BOM, headers, the search as the list', async () => {
    const filter = `area=${COUNTY}&q=%3D1`;
    const { bytes } = await download(anonymous, `/api/ledger/export/projects?${filter}&format=csv`, 'projects.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0].split(',').slice(0, 4)).toEqual(['项目编号', '项目名称', '年度', '县（市、区）']);
    const list: ProjectListPage = (await anonymous.get(`/api/ledger/projects?${filter}`)).json();
    const data = lines.slice(1, lines.indexOf(''));
    expect(data.map((l) => l.split(',')[0])).toEqual(list.items.map((p) => p.code));
    expect(data).toHaveLength(1);
    expect(data[0].split(',')[1]).toBe("'=1+1");
  });

  it('sign-off .xlsx: every county as GET /api/signoffs lists it, the signer and state in words', async () => {
    expect((await leader.post('/api/signoffs', { countyCode: COUNTY, period: '2020-06', role: 'main' })).status).toBe(200);
    await download(leader, '/api/ledger/export/signoffs?period=2020-06', 'signoffs.xlsx');
    const x = openpyxl('signoffs.xlsx');
    expect(x.frozen).toBe('A2');
    expect(x.rows[0].slice(0, 4)).toEqual(['县代码', '县（市、区）', '签字状态', '主要领导']);
    const list = (await leader.get('/api/signoffs?period=2020-06')).json() as { items: { countyCode: string; state: string }[] };
    const rows = body(x);
    expect(rows.map((r) => r[0])).toEqual(list.items.map((i) => i.countyCode));
    const mine = rows.find((r) => r[0] === COUNTY)!;
    expect(mine.slice(2, 4)).toEqual(['只签一人', "'=张县长"]);
    expect(mine[4]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(rows.filter((r) => r[2] === '未签字')).toHaveLength(list.items.filter((i) => i.state === 'unsigned').length);
  });

  it('answers 400 naming the parameter, 404 for an unknown area', async () => {
    const bad = [
      ['/api/ledger/export/areas?level=county&parent=4114&format=pdf', /format/],
      ['/api/ledger/export/areas?level=county&parent=4114&measures=spend_rate,bogus', /unknown measure bogus/],
      ['/api/ledger/export/areas?level=county&parent=411421', /must be above level "county"/],
      ['/api/ledger/export/areas?level=county&parent=4114&asOf=2019-01-01', /asOf: 2019-01-01 is outside the data/],
      ['/api/ledger/export/projects?sort=bogus', /sort/],
      ['/api/ledger/export/signoffs?period=2020-13', /period/],
    ] as const;
    for (const [url, message] of bad) {
      const res = await anonymous.get(url);
      expect(res.status, url).toBe(400);
      expect(res.json().error.message, url).toMatch(message);
    }
    expect((await anonymous.get('/api/ledger/export/projects?area=411499')).status).toBe(404);
  });
});
