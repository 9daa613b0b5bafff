/**
 * Ledger import over the API, on both backends: every fixture file (made by tests/fixtures/ledger-fixtures.ts,
 * the .xlsx ones read back by Debian's openpyxl) imports to the expected rows or is refused with its
 * specific message and the database unchanged; re-import changes nothing; a retried commit counts once;
 * a county editor imports its own county only.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regions } from '../../../server/db/schema.ts';
import {
  expectedGb18030,
  expectedProgress,
  expectedProjects,
  expectedPv,
  fixtures,
  gb18030Table,
  plainTable,
  pvCsv,
} from '../../fixtures/ledger-fixtures.ts';
import { testBackend } from '../../helpers/test-db.ts';
import { Client, auditRows, loggedIn, type App } from '../auth/fixtures.ts';
import { commitBatch, openImportHarness, uploadFixture, type ImportHarness } from './import-harness.ts';

let h: ImportHarness;
let database: ImportHarness['database'];
let app: App;
let admin: Client;
let minquan: Client;
let dir: string;

beforeAll(async () => {
  // A second 东村 in 民权县 (another township), so "东村" without a township is ambiguous.
  h = await openImportHarness((db) =>
    db.db
      .insert(regions)
      .values([
        { code: '411421101', level: 'township', name: '人和镇', parentCode: '411421', countyCode: '411421' },
        { code: '411421101201', level: 'village', name: '东村', parentCode: '411421101', countyCode: '411421' },
      ])
      .then(() => undefined),
  );
  ({ database, app, admin, minquan, dir } = h);
});
afterAll(() => h?.dispose());

const upload = (client: Client, kind: string, file: string, bytes?: Uint8Array) => uploadFixture(h, client, kind, file, bytes);
const commit = commitBatch;

/** The ledger tables as text, to prove a refused import changed nothing. */
async function digest() {
  const [row] = await database.rows<{ d: string }>(sql`
    SELECT md5(coalesce((SELECT string_agg(p::text, '|' ORDER BY code) FROM projects p), '') ||
               coalesce((SELECT string_agg(g::text, '|' ORDER BY project_code, as_of) FROM project_progress g), '') ||
               coalesce((SELECT string_agg(s::text, '|' ORDER BY code) FROM pv_stations s), '')) AS d`);
  return row.d;
}

async function projectRows() {
  return database.rows<Record<string, unknown>>(sql`
    SELECT code, name, year, county_code AS "countyCode", township_code AS "townshipCode", village_code AS "villageCode", category,
      industry_mode AS "industryMode", responsible_level AS "responsibleLevel", responsible_unit AS "responsibleUnit",
      total_investment_wan::float8 AS "totalInvestmentWan", arranged_wan::float8 AS "arrangedWan", disbursed_wan::float8 AS "disbursedWan",
      spent_wan::float8 AS "spentWan", fund_central_wan::float8 AS "fundCentralWan", fund_province_wan::float8 AS "fundProvinceWan",
      fund_city_wan::float8 AS "fundCityWan", fund_county_wan::float8 AS "fundCountyWan", fund_finance_wan::float8 AS "fundFinanceWan",
      fund_bond_wan::float8 AS "fundBondWan", fund_social_wan::float8 AS "fundSocialWan", planned_start::text AS "plannedStart",
      planned_completion::text AS "plannedCompletion", actual_start::text AS "actualStart", actual_completion::text AS "actualCompletion",
      status, households_reached AS "householdsReached", poor_households_reached AS "poorHouseholdsReached", linkages::text[] AS linkages,
      dividend_rate_pct::float8 AS "dividendRatePct", round(ST_X(geom)::numeric, 6)::float8 AS lng, round(ST_Y(geom)::numeric, 6)::float8 AS lat
    FROM projects WHERE code IN ('MQ2020-001', '2020002', 'MQ2020-003') ORDER BY code`);
}
const sortedExpected = [...expectedProjects].sort((a, b) => (a.code < b.code ? -1 : 1)).map((p) => ({ ...p, linkages: [...p.linkages] }));

describe(`ledger import (${testBackend})`, () => {
  it('the .xlsx fixtures read the same in Debian’s openpyxl (second reader), including the 1904 date system', () => {
    const read = (f: string) =>
      JSON.parse(execFileSync('/usr/bin/python3', ['tests/fixtures/read_xlsx.py', path.join(dir, f)], { encoding: 'utf8' }));
    const a = read('projects-messy-1900.xlsx');
    const b = read('projects-messy-1904.xlsx');
    expect([a.epoch1904, b.epoch1904]).toEqual([false, true]);
    expect(a.rows[4].slice(1, 3)).toEqual(['MQ2020-001', '城关镇东村蔬菜大棚项目']);
    // Same calendar dates in both systems: planned start and completion of the first project.
    expect(b.rows[4].slice(22, 24)).toEqual(['2020-03-01', '2020-10-31']);
    expect(a.rows[4].slice(22, 24)).toEqual(['2020-03-01', '2020-10-31']);
    expect(read('progress.xlsx').rows[3][2]).toBe('2020-06-20');
  });

  it('the CSV fixtures read the same in Python’s codecs and csv module (second reader), each in its encoding', () => {
    const read = (f: string, encoding: string) =>
      JSON.parse(execFileSync('/usr/bin/python3', ['tests/fixtures/read_csv.py', path.join(dir, f), encoding], { encoding: 'utf8' }));
    const utf8 = read('projects-utf8.csv', 'utf-8');
    expect(utf8).toMatchObject({ bom: false, strict: expect.arrayContaining(['utf-8']) });
    expect(utf8.rows).toEqual(plainTable());
    const bom = read('projects-utf8-bom.csv', 'utf-8-sig');
    expect(bom.bom).toBe(true);
    expect(bom.rows).toEqual(plainTable());
    const gbk = read('projects-gbk.csv', 'gbk');
    expect(gbk.strict).toEqual(['gbk', 'gb18030']);
    expect(gbk.rows).toEqual(plainTable());
    // 𠮷 has no GBK code: only GB18030 decodes this file.
    const gb18030 = read('projects-gb18030.csv', 'gb18030');
    expect(gb18030.strict).toEqual(['gb18030']);
    expect(gb18030.rows).toEqual(gb18030Table());
    expect(read('pv-gbk.csv', 'gbk').rows).toEqual(pvCsv());
  });

  it('the files to refuse are, to Python’s zipfile and openpyxl, what the refusal says', () => {
    const look = (f: string) =>
      JSON.parse(execFileSync('/usr/bin/python3', ['tests/fixtures/inspect_zip.py', path.join(dir, f)], { encoding: 'utf8' }));
    const sheet = 'xl/worksheets/sheet1.xml';
    const bomb = look('zip-bomb.xlsx');
    expect(bomb.entries[sheet][0]).toBe(400 * 1024 * 1024);
    expect(bomb.entries[sheet][1]).toBeLessThan(1024 * 1024);
    // The lying bomb declares 2 KB for 64 KB of compressed data.
    const lying = look('zip-bomb-lying.xlsx').entries[sheet];
    expect(lying[0]).toBe(2048);
    expect(lying[1]).toBeGreaterThan(lying[0] * 10);
    const word = look('word-named.xlsx');
    expect(word.zip).toBe(true);
    expect(Object.keys(word.entries)).not.toContain('xl/workbook.xml');
    for (const f of ['picture-named.xlsx', 'text-named.xlsx', 'old-format.xls']) expect(look(f), f).toMatchObject({ zip: false });
    expect(look('header-only.xlsx').openpyxl).toBe('ok');
    const rows = JSON.parse(
      execFileSync('/usr/bin/python3', ['tests/fixtures/read_xlsx.py', path.join(dir, 'header-only.xlsx')], { encoding: 'utf8' }),
    ).rows as string[][];
    expect(rows.slice(1).map((r) => r.filter(Boolean))).toEqual([[], ['合计', '0']]);
    const errors = JSON.parse(
      execFileSync('/usr/bin/python3', ['tests/fixtures/read_xlsx.py', path.join(dir, 'projects-errors.xlsx')], { encoding: 'utf8' }),
    ).rows as string[][];
    expect(errors.map((r) => r[0])).toEqual(['项目编号', 'E-001', 'E-002', 'E-003', 'E-004', 'E-004', 'E-006', 'E-007', 'E-008']);
    expect([errors[1][10], errors[2][5], errors[3][4], errors[4][12]]).toEqual(['一百万', '北村', '', '2020-13-45']);
  });

  it.each(fixtures.filter((f) => 'refused' in f.expect))(
    'refuses $file with its own message; nothing written',
    async ({ file, kind, expect: e }) => {
      const before = await digest();
      const res = await upload(admin, kind, file);
      expect(res.status, res.text).toBe(422);
      expect(res.json().error.message).toMatch((e as { refused: RegExp }).refused);
      expect(await digest()).toBe(before);
    },
  );

  it.each([21, 100])('refuses a %i MB upload with 413 (limit 20 MB) before reading it; nothing written', async (mb) => {
    const before = await digest();
    const res = await upload(admin, 'projects', 'big.xlsx', Buffer.alloc(mb * 1024 * 1024, 0x41));
    expect(res.status).toBe(413);
    expect(res.json().error.message).toMatch(/上传文件过大：一次最多 20 MB/);
    expect(await digest()).toBe(before);
  });

  it('imports GB18030 (a character GBK lacks), codes with leading zeros and a division code as text', async () => {
    const res = (await upload(admin, 'projects', 'projects-gb18030.csv')).json();
    expect(res.encoding).toMatch(/GB18030/);
    expect(res.issues).toEqual([]);
    expect((await commit(admin, res.batchId)).json()).toMatchObject({ added: 1 });
    const rows = await database.rows(sql`
      SELECT code, name, county_code AS "countyCode", township_code AS "townshipCode", village_code AS "villageCode",
        responsible_level AS "responsibleLevel", total_investment_wan::float8 AS "totalInvestmentWan" FROM projects WHERE code = '000123'`);
    expect(rows).toEqual(expectedGb18030);
  });

  it('reports every problem of a bad file by row, column, value and reason in Chinese; no batch, nothing written', async () => {
    const before = await digest();
    const res = await upload(admin, 'projects', 'projects-errors.xlsx');
    expect(res.status).toBe(200);
    const report = res.json();
    expect(report.ok).toBe(false);
    expect(report.batchId).toBeNull();
    const byRow = Object.fromEntries(report.issues.map((i: { row: number; column: string; value: string; reason: string }) => [i.row, i]));
    expect(byRow[2]).toMatchObject({ column: 'K列「总投资(万元)」', value: '一百万', reason: expect.stringMatching(/应为金额/) });
    expect(byRow[3]).toMatchObject({ value: '北村', reason: expect.stringMatching(/未找到该村/) });
    expect(byRow[4]).toMatchObject({ value: '东村', reason: expect.stringMatching(/对应多个区划.*城关镇东村.*人和镇东村/) });
    expect(byRow[5]).toMatchObject({ value: '2020-13-45', reason: '日期不存在' });
    expect(byRow[6]).toMatchObject({ value: 'E-004', reason: expect.stringMatching(/与第 5 行重复/) });
    expect(byRow[7].reason).toMatch(/产业项目须填写产业模式/);
    expect(byRow[8]).toMatchObject({ value: '快完了', reason: expect.stringMatching(/不是有效的项目状态/) });
    expect(report.issues).toHaveLength(7);
    expect(report.counts).toMatchObject({ errors: 7, add: 1 });
    expect(await digest()).toBe(before);
    const commitAnyway = await commit(admin, '00000000-0000-4000-8000-000000000000');
    expect(commitAnyway.status).toBe(404);
  });

  it.each(fixtures.filter((f) => 'rows' in f.expect && f.expect.rows === 'projects'))(
    'imports $file to the expected rows; re-import changes nothing',
    async ({ file }) => {
      await database.rows(sql`DELETE FROM projects`);
      const res = await upload(admin, 'projects', file);
      expect(res.status, res.text).toBe(200);
      const report = res.json();
      expect(report.issues).toEqual([]);
      expect(report.counts).toMatchObject({ dataRows: 3, add: 3, change: 0, unchanged: 0, errors: 0 });
      expect(report.counts.skip).toBeGreaterThanOrEqual(4);
      expect(report.notices.map((n: { message: string }) => n.message).join('\n')).toMatch(/小计[\s\S]*合计[\s\S]*签字/);
      const done = await commit(admin, report.batchId);
      expect(done.status, done.text).toBe(200);
      expect(done.json()).toMatchObject({ added: 3, changed: 0, replayed: false });
      expect(await projectRows()).toEqual(sortedExpected);
      const versions = await database.rows(sql`SELECT code, version FROM projects ORDER BY code`);
      const again = (await upload(admin, 'projects', file)).json();
      expect(again.counts).toMatchObject({ add: 0, change: 0, unchanged: 3 });
      expect((await commit(admin, again.batchId)).json()).toMatchObject({ added: 0, changed: 0, unchanged: 3 });
      expect(await database.rows(sql`SELECT code, version FROM projects ORDER BY code`)).toEqual(versions);
    },
  );

  it('imports monthly progress (text month, date cell, % formats) and PV stations from GBK CSV (MW, 万kWh)', async () => {
    const p = (await upload(admin, 'progress', 'progress.xlsx')).json();
    expect(p.issues).toEqual([]);
    expect((await commit(admin, p.batchId)).json()).toMatchObject({ added: 3 });
    const progress = await database.rows(sql`
      SELECT project_code AS "projectCode", as_of::text AS "asOf", status, arranged_wan::float8 AS "arrangedWan", disbursed_wan::float8 AS "disbursedWan",
        spent_wan::float8 AS "spentWan", physical_progress_pct::float8 AS "physicalProgressPct" FROM project_progress ORDER BY project_code DESC, as_of`);
    expect(progress).toEqual(expectedProgress);
    const v = (await upload(admin, 'pv_stations', 'pv-gbk.csv')).json();
    expect(v.encoding).toMatch(/GB/);
    expect((await commit(admin, v.batchId)).json()).toMatchObject({ added: 2 });
    const pv = await database.rows(sql`
      SELECT code, name, type, capacity_kw::float8 AS "capacityKw", county_code AS "countyCode", village_code AS "villageCode", status,
        grid_date::text AS "gridDate", registered, registered_date::text AS "registeredDate", yearly_generation_kwh::float8 AS "yearlyGenerationKwh",
        yearly_income_wan::float8 AS "yearlyIncomeWan", households_reached AS "householdsReached" FROM pv_stations ORDER BY code`);
    expect(pv).toEqual(expectedPv);
  });

  it('a retried commit (same batch, same Idempotency-Key) counts once; a key reused for another batch is refused', async () => {
    await database.rows(sql`DELETE FROM projects WHERE code LIKE 'E-%'`);
    const report = (await upload(admin, 'projects', 'projects-fixed.xlsx')).json();
    expect(report.counts).toMatchObject({ add: 7 });
    const [first, second] = await Promise.all([
      commit(admin, report.batchId, 'retry-key-0001'),
      commit(admin, report.batchId, 'retry-key-0001'),
    ]);
    const results = [first.json(), second.json()];
    expect(results.map((r) => r.replayed).sort()).toEqual([false, true]);
    expect(results.every((r) => r.added === 7)).toBe(true);
    const [{ n }] = await database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM projects WHERE code LIKE 'E-%'`);
    expect(n).toBe(7);
    const other = (await upload(admin, 'projects', 'projects-fixed.xlsx')).json();
    expect((await commit(admin, other.batchId, 'retry-key-0001')).status).toBe(409);
    const commits = await auditRows(database, sql`action = 'import.commit' AND result = 'ok'`);
    expect(commits.length).toBeGreaterThanOrEqual(2);
  });

  it('a county editor imports only its own county: a row of another county is an issue, nothing written', async () => {
    const before = await digest();
    const report = (await upload(minquan, 'projects', 'projects-errors.xlsx')).json();
    const foreign = report.issues.find((i: { row: number }) => i.row === 9);
    expect(foreign).toMatchObject({ value: '永城市', reason: expect.stringMatching(/不属于本县.*民权县/) });
    expect(report.issues).toHaveLength(8);
    expect(await digest()).toBe(before);
    const own = (await upload(minquan, 'projects', 'projects-fixed.xlsx')).json();
    expect(own.ok).toBe(true);
    // Another account cannot commit the editor's batch.
    expect((await commit(admin, own.batchId)).status).toBe(404);
  });

  it.each(['projects', 'pv_stations'])('the %s template’s example row validates', async (kind) => {
    const res = await app.request(`http://localhost/api/imports/${kind}/template?format=xlsx`);
    expect(res.status).toBe(200);
    const report = (await upload(admin, kind, `template-${kind}.xlsx`, Buffer.from(await res.arrayBuffer()))).json();
    expect(report.issues).toEqual([]);
    expect(report.counts.dataRows).toBe(1);
  });

  it('anonymous visitors and roles without import:run are refused', async () => {
    const anon = new Client(app);
    expect((await upload(anon, 'projects', 'projects-fixed.xlsx')).status).toBe(401);
    const planner = await loggedIn(app, 'planner');
    expect((await upload(planner, 'projects', 'projects-fixed.xlsx')).status).toBe(403);
  });

  it('a batch not committed within 24 hours expires: its commit answers 404, its rows are deleted', async () => {
    const before = await digest();
    const report = (await upload(admin, 'projects', 'projects-fixed.xlsx')).json();
    expect(report.batchId).toBeTruthy();
    h.clock.advanceMinutes(24 * 60 + 1);
    const again = await loggedIn(app, 'admin'); // the old session has expired too
    const late = await commit(again, report.batchId);
    expect(late.status).toBe(404);
    expect(late.json().error.message).toMatch(/已过期（校验后 24 小时内未提交）/);
    expect(await digest()).toBe(before);
    await upload(again, 'projects', 'projects-fixed.xlsx'); // any validation clears expired batches
    const left = await database.rows(sql`SELECT id FROM import_batches WHERE id = ${report.batchId}`);
    expect(left).toEqual([]);
  });
});
