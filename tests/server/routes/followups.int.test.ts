/**
 * Follow-up (督办) on the demo data: a leader records items, the county answers for its own county
 * only, items past their deadline read overdue, only the city office closes them, a stale edit answers
 * 409 with the item as it is now, bad input answers 400 in Chinese, and the next agenda deck opens
 * with the items still open. The clock is the test's (2020-06-22, the 4th dispatch meeting).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/auth/password.ts';
import type { Followup, FollowupCounts, FollowupList } from '../../../server/contracts/followups.ts';
import { users } from '../../../server/db/schema.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import { Client, Clock, auditRows, cheapScrypt, fixtureUsers, makeApp, passwordOf, type App } from '../auth/fixtures.ts';

let database: TestDatabase;
let app: App;
const clock = new Clock();

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  for (const [username, u] of Object.entries(fixtureUsers)) {
    await database.db.insert(users).values({
      username: `f_${username}`,
      displayName: `显示名${username}`,
      passwordHash: await hashPassword(passwordOf(`f_${username}`), cheapScrypt),
      ...u,
    });
  }
  app = makeApp(database, clock);
}, 180_000);
afterAll(async () => database?.dispose());

const login = (who: keyof typeof fixtureUsers) => new Client(app, who).login(`f_${who}`);
const dataVersion = async () =>
  Number((await database.rows<{ v: string }>(sql`SELECT value #>> '{}' AS v FROM settings WHERE key = 'data_version'`))[0]?.v ?? 0);

const item = {
  title: '民权县光伏电站纳入系统完成率仅50%',
  areaCode: '411421',
  responsibleUnit: '民权县扶贫办',
  deadline: '2020-07-10',
  doneCriteria: '全县光伏电站全部纳入全国扶贫信息系统',
  meetingDate: '2020-06-22',
};

describe(`follow-up items (${testBackend})`, () => {
  it('a leader records an item; the county answers it; the city office closes it — each audited and bumping the data version', async () => {
    const leader = await login('leader');
    const before = await dataVersion();
    const created = await leader.post('/api/followups', item);
    expect(created.status, created.text).toBe(201);
    const f = created.json() as Followup;
    expect(f).toMatchObject({ countyCode: '411421', countyName: '民权县', state: 'open', daysOverdue: null, version: 1, responses: [] });
    expect(f.createdBy).toBe('显示名leader');
    expect(await dataVersion()).toBeGreaterThan(before);

    const minquan = await login('minquan');
    const v1 = await dataVersion();
    const answered = await minquan.post(`/api/followups/${f.id}/responses`, {
      progress: '已录入6座，剩余2座本周完成',
      report: '逐站核对并网资料。',
    });
    expect(answered.status, answered.text).toBe(201);
    const a = answered.json() as Followup;
    expect(a.responses.map((r) => [r.author, r.progress])).toEqual([['显示名minquan', '已录入6座，剩余2座本周完成']]);
    expect(a.version).toBe(2);
    expect(await dataVersion()).toBeGreaterThan(v1);
    clock.advanceMinutes(10);
    await minquan.post(`/api/followups/${f.id}/responses`, { progress: '全部录入' });

    const listed = await leader.get('/api/followups?county=411421&state=active');
    expect(listed.status, listed.text).toBe(200);
    const list = listed.json() as FollowupList;
    expect(list.today).toBe('2020-06-22');
    const mine = list.items.find((i) => i.id === f.id)!;
    expect(mine.responses.map((r) => r.progress)).toEqual(['已录入6座，剩余2座本周完成', '全部录入']);
    expect(list.items.every((i) => i.countyCode === '411421' && i.state !== 'closed')).toBe(true);

    const admin = await login('admin');
    const closed = await admin.post(`/api/followups/${f.id}/close`, { version: mine.version, note: '经核查已全部纳入系统' });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'closed', closingNote: '经核查已全部纳入系统', closedBy: '显示名admin' });
    // Closed: no more answers (409 with the item as it is), and it leaves the active list.
    const late = await minquan.post(`/api/followups/${f.id}/responses`, { progress: '补充材料' });
    expect(late.status).toBe(409);
    expect(late.json().error.message).toMatch(/^该督办事项已由显示名admin于2020年6月22日办结/);
    expect(((await leader.get('/api/followups?state=active')).json() as FollowupList).items.map((i) => i.id)).not.toContain(f.id);
    expect(((await leader.get('/api/followups?state=closed')).json() as FollowupList).items.map((i) => i.id)).toContain(f.id);

    const actions = (await auditRows(database, sql`target = ${`followup:${f.id}`}`)).map((r) => `${r.action}:${r.result}`);
    expect(actions).toEqual([
      'followups.create:ok',
      'followups.answer:ok',
      'followups.answer:ok',
      'followups.close:ok',
      'followups.answer:rejected',
    ]);
  });

  it('answers only for the own county: the editor of another county gets 403 (audited); planners and editors record nothing', async () => {
    const leader = await login('leader');
    const f = (await leader.post('/api/followups', { ...item, title: '跨县测试' })).json() as Followup;
    const yongcheng = await login('yongcheng');
    const foreign = await yongcheng.post(`/api/followups/${f.id}/responses`, { progress: '越权报送' });
    expect(foreign.status).toBe(403);
    expect(foreign.json().error.message).toBe('无权报送：这个督办事项由民权县报送，不属于您的县（区）。');
    const denied = await auditRows(database, sql`target = ${`followup:${f.id}`} AND result = 'denied'`);
    expect(denied.map((r) => r.action)).toEqual(['followups.answer']);
    expect(((await leader.get(`/api/followups/${f.id}`)).json() as Followup).responses).toEqual([]);
    // Recording needs followups:manage (city office and leaders); answering followups:answer (county editors).
    expect((await (await login('planner')).post('/api/followups', item)).status).toBe(403);
    expect((await (await login('minquan')).post('/api/followups', item)).status).toBe(403);
    expect((await leader.post(`/api/followups/${f.id}/responses`, { progress: '领导代报' })).status).toBe(403);
    expect((await new Client(app).get('/api/followups')).status).toBe(401);
  });

  it('only the city office closes: a leader and the county editor get 403', async () => {
    const leader = await login('leader');
    const f = (await leader.post('/api/followups', { ...item, title: '办结权限' })).json() as Followup;
    for (const who of ['leader', 'minquan', 'planner'] as const) {
      const res = await (await login(who)).post(`/api/followups/${f.id}/close`, { version: f.version, note: '自行办结' });
      expect(res.status, who).toBe(403);
    }
    expect(((await leader.get(`/api/followups/${f.id}`)).json() as Followup).state).toBe('open');
  });

  it('an item past its deadline reads overdue, counted per county for the map; the state is derived, never stored', async () => {
    const leader = await login('leader');
    const past = (
      await leader.post('/api/followups', { ...item, areaCode: '411423', title: '逾期事项', deadline: '2020-06-01' })
    ).json() as Followup;
    expect(past).toMatchObject({ state: 'overdue', daysOverdue: 21, countyName: '宁陵县' });
    const soon = (
      await leader.post('/api/followups', { ...item, areaCode: '411423100', title: '本周到期', deadline: '2020-06-24' })
    ).json() as Followup;
    expect(soon.state).toBe('open');
    expect(soon.areaName).toBeTruthy();
    const counts = () =>
      new Client(app).get('/api/followup-counts').then((r) => {
        expect(r.status, r.text).toBe(200);
        return (r.json() as FollowupCounts).counties.find((c) => c.countyCode === '411423');
      });
    expect(await counts()).toEqual({ countyCode: '411423', countyName: '宁陵县', open: 1, overdue: 1 });
    // Three days later the second one is overdue too (the deadline day itself is still in time).
    // (Sessions end after a day away: log in again.)
    try {
      clock.advanceMinutes(2 * 24 * 60);
      expect(((await (await login('leader')).get(`/api/followups/${soon.id}`)).json() as Followup).state).toBe('open');
      clock.advanceMinutes(24 * 60);
      const later = await login('leader');
      expect((await later.get(`/api/followups/${soon.id}`)).json() as Followup).toMatchObject({ state: 'overdue', daysOverdue: 1 });
      expect(await counts()).toEqual({ countyCode: '411423', countyName: '宁陵县', open: 0, overdue: 2 });
      const overdue = (await later.get('/api/followups?state=overdue&county=411423')).json() as FollowupList;
      expect(overdue.items.map((i) => i.title)).toEqual(['逾期事项', '本周到期']);
    } finally {
      clock.t = Date.parse('2020-06-22T10:00:00+08:00');
    }
  });

  it('a change based on an old version answers 409 with the item as it is now; nothing is lost', async () => {
    const leader = await login('leader');
    const admin = await login('admin');
    const f = (await leader.post('/api/followups', { ...item, title: '并发修改' })).json() as Followup;
    const first = await admin.patch(`/api/followups/${f.id}`, {
      version: f.version,
      deadline: '2020-07-31',
      responsibleUnit: '民权县政府',
    });
    expect(first.status, first.text).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, deadline: '2020-07-31', responsibleUnit: '民权县政府', updatedBy: '显示名admin' });
    const stale = await leader.patch(`/api/followups/${f.id}`, { version: f.version, title: '领导改的标题' });
    expect(stale.status).toBe(409);
    const body = stale.json() as { error: { message: string }; current: Followup };
    expect(body.error.message).toBe('保存冲突：这个督办事项在您打开后已被显示名admin修改（版本 1 → 2）。请查看最新内容后再操作。');
    expect(body.current).toMatchObject({ title: '并发修改', deadline: '2020-07-31', version: 2 });
    const staleClose = await admin.post(`/api/followups/${f.id}/close`, { version: 1, note: '办结' });
    expect(staleClose.status).toBe(409);
    expect((await leader.patch(`/api/followups/${f.id}`, { version: 2, title: '领导改的标题' })).status).toBe(200);
    const rejected = await auditRows(database, sql`target = ${`followup:${f.id}`} AND result = 'rejected'`);
    expect(rejected.map((r) => r.action)).toEqual(['followups.edit', 'followups.close']);
  });

  it('refuses bad input with Chinese messages naming the field', async () => {
    const leader = await login('leader');
    const cases: [unknown, RegExp][] = [
      [{ ...item, deadline: '2020/7/10' }, /^输入有误：deadline: 必须是 YYYY-MM-DD 格式的日期/],
      [{ ...item, title: '   ' }, /^输入有误：title: 督办事项不能为空$/],
      [{ ...item, responsibleUnit: undefined }, /^输入有误：responsibleUnit: 责任单位必须是文字/],
      [{ ...item, areaCode: undefined }, /^输入有误：areaCode: 请指定涉及的地区（县、乡镇或村）或项目$/],
      [{ ...item, areaCode: '4114' }, /^输入有误：areaCode: 地区代码必须是县（6 位）、乡镇（9 位）或村（12 位）代码$/],
      [{ ...item, areaCode: '411499' }, /^输入有误：areaCode: 没有代码为 411499 的地区。$/],
      [{ ...item, projectCode: 'NO-SUCH-PROJECT' }, /^输入有误：projectCode: 没有编号为 NO-SUCH-PROJECT 的项目。$/],
      [{ ...item, deckId: 999999 }, /^输入有误：deckId: 没有编号为 999999 的会议材料。$/],
    ];
    for (const [body, message] of cases) {
      const res = await leader.post('/api/followups', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json().error.message).toMatch(message);
    }
    const f = (await leader.post('/api/followups', { ...item, title: '坏输入' })).json() as Followup;
    const extra = await leader.patch(`/api/followups/${f.id}`, { version: 1, countyCode: '411481' });
    expect(extra.status).toBe(400);
    expect(extra.json().error.message).toMatch(/不能在这里修改的字段：countyCode/);
    expect((await leader.patch(`/api/followups/${f.id}`, { version: 1 })).json().error.message).toBe('输入有误：没有要修改的内容。');
    const q = await leader.get('/api/followups?state=late');
    expect(q.status).toBe(400);
    expect(q.json().error.message).toMatch(/状态必须是 open、overdue、closed 或 active/);
    expect((await leader.get('/api/followups/99999')).json().error.message).toBe('没有编号为 99999 的督办事项：它可能已被删除。');
  });

  it('the next agenda deck opens with the items still open, overdue first', async () => {
    const leader = await login('leader');
    await leader.post('/api/followups', { ...item, areaCode: '411402', title: '议程测试：梁园区逾期', deadline: '2020-06-10' });
    const res = await leader.post('/api/decks/agenda', { measure: 'spend_rate', asOf: '2020-06-20' });
    expect(res.status, res.text).toBe(201);
    const deck = res.json() as { slides: { title: string; notes: string; view: string }[] };
    const active = ((await leader.get('/api/followups?state=active')).json() as FollowupList).items;
    const overdue = active.filter((i) => i.state === 'overdue').length;
    expect(deck.slides[0].title).toBe(`上次调度会督办事项：${active.length}项未办结，其中${overdue}项超期`);
    expect(deck.slides[0].view).toBe('?level=county&area=4114&m=spend_rate&asOf=2020-06-20&fu=1');
    const lines = deck.slides[0].notes.split('\n');
    expect(lines[0]).toMatch(/^1\. 【(宁陵县|梁园区)】/);
    expect(deck.slides[0].notes).toContain(
      '【梁园区】议程测试：梁园区逾期（责任单位：民权县扶贫办；期限：2020年6月10日，已超期12天）尚未报送进展',
    );
    expect(deck.slides[1].title).toBe('商丘市资金支出进度（数据截至2020年6月20日）');
  });
});
