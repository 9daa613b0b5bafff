/**
 * Households import (农户台账), on both backends: only a county editor of its own county imports (the
 * city office and other roles get 403, audited); the file (FAKE names and ID numbers, read back by
 * Debian's openpyxl) imports to the expected rows, re-import changes nothing; every problem is
 * reported, and no report, preview, notice or audit row ever carries a name or a whole ID number;
 * households are never exported.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectedHouseholds,
  householdErrorRows,
  householdErrorSecrets,
  householdHeader,
  householdRows,
} from '../../fixtures/ledger-fixtures.ts';
import { testBackend } from '../../helpers/test-db.ts';
import { Client, auditRows, loggedIn, type App } from '../auth/fixtures.ts';
import { commitBatch, openImportHarness, uploadFixture, type ImportHarness } from './import-harness.ts';

let h: ImportHarness;
let database: ImportHarness['database'];
let app: App;
let admin: Client;
let minquan: Client;
let yongcheng: Client;

beforeAll(async () => {
  h = await openImportHarness();
  ({ database, app, admin, minquan } = h);
  yongcheng = await loggedIn(app, 'yongcheng');
});
afterAll(() => h?.dispose());

const upload = (client: Client, file: string, bytes?: Uint8Array) => uploadFixture(h, client, 'households', file, bytes);
const commit = (client: Client, batchId: string) => commitBatch(client, batchId);

async function digest() {
  const [row] = await database.rows<{ d: string }>(
    sql`SELECT md5(coalesce(string_agg(h::text, '|' ORDER BY id), '')) AS d FROM households h`,
  );
  return row.d;
}
const stored = () =>
  database.rows(sql`
    SELECT id, village_code AS "villageCode", holder_name AS "holderName", id_number AS "idNumber", category, labour, members,
      industry_measures AS "industryMeasures", wage_employment AS "wageEmployment", dividend, public_welfare_job AS "publicWelfareJob",
      social_assistance AS "socialAssistance", income_per_capita_yuan::float8 AS "incomePerCapitaYuan", version
    FROM households WHERE id IN ('HHMQ0001', 'HHMQ0101', 'HHMQ0102') ORDER BY id`);

const openpyxl = (file: string) =>
  JSON.parse(execFileSync('/usr/bin/python3', ['tests/fixtures/read_xlsx.py', path.join(h.dir, file)], { encoding: 'utf8' }))
    .rows as string[][];

describe(`households import (${testBackend})`, () => {
  it('the fixtures read the same in openpyxl; an ID typed as a number has already lost its last digits there', () => {
    const good = openpyxl('households.xlsx');
    expect(good[1]).toEqual(householdHeader);
    expect(good.slice(2, 5).map((r) => r.slice(0, 3))).toEqual(householdRows.map((r) => r.slice(0, 3).map(String)));
    const bad = openpyxl('households-errors.xlsx');
    expect(bad.slice(1).map((r) => r[0])).toEqual(householdErrorRows.map((r) => r[0]));
    expect(bad[1][2]).not.toBe('411421198001011236');
    expect(bad[1][2]).toMatch(/^4114211980010112\d\d$/);
  });

  it('the city administrator and roles without households:write are refused (403, audited); nothing written', async () => {
    const before = await digest();
    for (const who of [admin, await loggedIn(app, 'planner'), await loggedIn(app, 'leader')]) {
      const res = await upload(who, 'households.xlsx');
      expect(res.status).toBe(403);
    }
    expect((await upload(new Client(app), 'households.xlsx')).status).toBe(401);
    const denied = await auditRows(database, sql`action = 'access.denied' AND detail->>'permission' IN ('households:write', 'import:run')`);
    expect(denied.length).toBeGreaterThanOrEqual(3);
    expect(await digest()).toBe(before);
  });

  it('a county editor imports its own county: alias headers, title/合计/signature rows, full-width digits, 元 and 万元', async () => {
    const res = await upload(minquan, 'households.xlsx');
    expect(res.status, res.text).toBe(200);
    const report = res.json();
    expect(report.issues, JSON.stringify(report.issues)).toEqual([]);
    expect(report.counts).toMatchObject({ dataRows: 3, add: 2, change: 1, unchanged: 0, errors: 0 });
    const text = JSON.stringify(report);
    for (const secret of [
      '张三明',
      '孙七',
      '周八',
      '王某某',
      '411421198001011234',
      '411421196503150026',
      '411421198001011236',
      '41142119900520331',
    ]) {
      expect(text).not.toContain(secret);
    }
    const change = report.preview.find((p: { key: string }) => p.key === 'HHMQ0001');
    expect(change.changes.map((c: { field: string }) => c.field).sort()).toEqual(['category', 'idNumber', 'members']);
    expect(change.changes.find((c: { field: string }) => c.field === 'idNumber')).toMatchObject({
      before: '4114**********1234',
      after: '4114**********0026',
    });
    expect((await commit(minquan, report.batchId)).json()).toMatchObject({ added: 2, changed: 1 });
    expect(await stored()).toEqual(expectedHouseholds);
    // The household ledger shows them masked, as every other household.
    const list = (await minquan.request('GET', '/api/households?village=411421100202')).json();
    expect(list.items.find((h: { id: string }) => h.id === 'HHMQ0102')).toMatchObject({
      holderName: '周*',
      idNumber: '4114**********331X',
    });
    const again = (await upload(minquan, 'households.xlsx')).json();
    expect(again.counts).toMatchObject({ add: 0, change: 0, unchanged: 3 });
    expect((await commit(minquan, again.batchId)).json()).toMatchObject({ added: 0, changed: 0, unchanged: 3 });
    expect(await stored()).toEqual(expectedHouseholds);
  });

  it('reports each problem with a masked value, names and ID numbers never shown; nothing written', async () => {
    const before = await digest();
    const report = (await upload(minquan, 'households-errors.xlsx')).json();
    expect(report.ok).toBe(false);
    const byRow = Object.fromEntries(report.issues.map((i: { row: number }) => [i.row, i]));
    expect(byRow[2]).toMatchObject({ column: 'C列「身份证号码」', reason: expect.stringMatching(/按文本填写/) });
    expect(byRow[2].value).toMatch(/^4114\*+\d{4}$/);
    expect(byRow[3]).toMatchObject({ value: '4114**********1235', reason: expect.stringMatching(/校验位/) });
    expect(byRow[4]).toMatchObject({ value: '贫困', reason: expect.stringMatching(/不是有效的农户类别/) });
    expect(byRow[5]).toMatchObject({ value: '0', reason: expect.stringMatching(/家庭人口应在 1–20/) });
    expect(byRow[6].reason).toMatch(/农户须填到村/);
    expect(byRow[7]).toMatchObject({ value: '永城市', reason: expect.stringMatching(/不属于本县/) });
    expect(byRow[8]).toMatchObject({ value: 'HHMQ0203', reason: expect.stringMatching(/与第 4 行重复/) });
    expect(report.issues).toHaveLength(7);
    const text = JSON.stringify(report);
    for (const secret of householdErrorSecrets) expect(text, secret).not.toContain(secret);
    const audits = JSON.stringify(await auditRows(database, sql`action LIKE 'import.%'`));
    for (const secret of [...householdErrorSecrets, '张三明', '孙七', '周八']) expect(audits, secret).not.toContain(secret);
    expect(await digest()).toBe(before);
  });

  it('an editor of another county cannot import these households nor commit the batch of another', async () => {
    const before = await digest();
    const report = (await upload(yongcheng, 'households.xlsx')).json();
    expect(report.ok).toBe(false);
    expect(report.issues.every((i: { reason: string }) => /不属于本县/.test(i.reason))).toBe(true);
    const own = (await upload(minquan, 'households.xlsx')).json();
    expect((await commit(yongcheng, own.batchId)).status).toBe(404);
    expect(await digest()).toBe(before);
  });

  it('households are never exported; the template’s example row validates for an editor', async () => {
    const res = await minquan.request('GET', '/api/exports/households?format=csv');
    expect(res.status).toBe(400);
    expect(res.json().error.message).toMatch(/不提供导出/);
    const t = await app.request('http://localhost/api/imports/households/template?format=xlsx');
    expect(t.status).toBe(200);
    const report = (await upload(minquan, 'template-households.xlsx', Buffer.from(await t.arrayBuffer()))).json();
    expect(report.issues).toEqual([]);
    expect(report.counts.dataRows).toBe(1);
  });
});
