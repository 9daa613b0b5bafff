/**
 * Ledger export and templates, on both backends: .xlsx read back by Debian's openpyxl (frozen header,
 * widths, Chinese headers with units), formula characters neutralised, and export → import leaves
 * the database unchanged for the demo county's projects, monthly progress and PV stations.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/auth/password.ts';
import { users } from '../../../server/db/schema.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import { Client, Clock, cheapScrypt, makeApp, passwordOf, type App } from '../auth/fixtures.ts';

let database: TestDatabase;
let app: App;
let admin: Client;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-export-'));
const COUNTY = '411421';

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  await database.db.insert(users).values({
    username: 'exporter',
    displayName: 'exporter',
    passwordHash: await hashPassword(passwordOf('exporter'), cheapScrypt),
    role: 'city_admin',
  });
  // A name a spreadsheet would run as a formula.
  await database.rows(
    sql`UPDATE projects SET name = '=HYPERLINK("http://evil.example","点我")' WHERE code = (SELECT min(code) FROM projects WHERE county_code = ${COUNTY})`,
  );
  app = makeApp(database, new Clock());
  admin = await new Client(app, 'exporter').login('exporter');
});
afterAll(async () => {
  await database?.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function download(url: string, file: string) {
  const res = await app.request(`http://localhost${url}`, { headers: { Cookie: `fupin_session=${admin.cookie}` } });
  expect(res.status, url).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  fs.writeFileSync(path.join(dir, file), bytes);
  return { res, bytes };
}
const openpyxl = (file: string) =>
  JSON.parse(
    execFileSync('/usr/bin/python3', ['tests/fixtures/read_xlsx.py', path.join(dir, file)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }),
  );

async function upload(kind: string, file: string) {
  const form = new FormData();
  form.append('file', new File([fs.readFileSync(path.join(dir, file))], file));
  const res = await admin.request('POST', `/api/imports/${kind}/validate`, { body: form });
  expect(res.status, res.text.slice(0, 500)).toBe(200);
  return res.json();
}

async function digest() {
  const [row] = await database.rows<{ d: string }>(sql`
    SELECT md5(coalesce((SELECT string_agg(p::text, '|' ORDER BY code) FROM projects p), '') ||
               coalesce((SELECT string_agg(g::text, '|' ORDER BY project_code, as_of) FROM project_progress g), '') ||
               coalesce((SELECT string_agg(s::text, '|' ORDER BY code) FROM pv_stations s), '')) AS d`);
  return row.d;
}

describe(`ledger export (${testBackend})`, () => {
  it('templates: Chinese headers with units, one example row, frozen header, widths (read by openpyxl)', async () => {
    for (const kind of ['projects', 'progress', 'pv_stations']) {
      const { res } = await download(`/api/imports/${kind}/template?format=xlsx`, `t-${kind}.xlsx`);
      expect(res.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/);
      const x = openpyxl(`t-${kind}.xlsx`);
      expect(x.rows).toHaveLength(2);
      expect(x.frozen).toBe('A2');
      expect(Object.keys(x.widths).length).toBeGreaterThan(3);
    }
    const p = openpyxl('t-projects.xlsx');
    expect(p.rows[0]).toEqual(expect.arrayContaining(['项目编号', '项目名称', '总投资（万元）', '分红比例（%）', '计划开工日期']));
  });

  it.each(['xlsx', 'csv'] as const)('export → import (%s) of a county changes nothing; formulas neutralised', async (format) => {
    const before = await digest();
    for (const kind of ['projects', 'progress', 'pv_stations'] as const) {
      const file = `${kind}.${format}`;
      const { bytes } = await download(`/api/exports/${kind}?format=${format}&county=${COUNTY}`, file);
      if (format === 'csv') {
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        if (kind === 'projects') expect(bytes.toString('utf8')).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
      } else {
        const x = openpyxl(file);
        expect(x.frozen).toBe('A2');
        const cells = x.rows.flat() as string[];
        expect(cells.filter((c) => /^[=+\-@\t]/.test(c))).toEqual([]);
        if (kind === 'projects') expect(cells).toContain(`'=HYPERLINK("http://evil.example","点我")`);
      }
      const report = await upload(kind, file);
      expect(report.issues, kind).toEqual([]);
      expect(report.counts.add + report.counts.change, `${kind}: ${JSON.stringify(report.preview.slice(0, 2))}`).toBe(0);
      expect(report.counts.unchanged).toBeGreaterThan(0);
      const done = await admin.request('POST', `/api/imports/${report.batchId}/commit`);
      expect(done.json()).toMatchObject({ added: 0, changed: 0 });
    }
    expect(await digest()).toBe(before);
  });
});
