/** Meeting decks on the demo data: save views, reorder, rename, duplicate, delete, conflicts, agenda. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/auth/password.ts';
import { users } from '../../../server/db/schema.ts';
import { openTestDatabase, testBackend, type TestDatabase } from '../../helpers/test-db.ts';
import { Client, Clock, auditRows, cheapScrypt, fixtureUsers, makeApp, passwordOf, type App } from '../auth/fixtures.ts';

let database: TestDatabase;
let app: App;

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  for (const [username, u] of Object.entries(fixtureUsers)) {
    await database.db.insert(users).values({
      username: `d_${username}`,
      displayName: `显示名${username}`,
      passwordHash: await hashPassword(passwordOf(`d_${username}`), cheapScrypt),
      ...u,
    });
  }
  app = makeApp(database, new Clock());
}, 180_000);
afterAll(async () => database?.dispose());

const login = (who: keyof typeof fixtureUsers) => new Client(app, who).login(`d_${who}`);
type DeckJson = {
  id: number;
  title: string;
  version: number;
  slides: { id: string; title: string; view: string; problem: string | null }[];
};

describe(`meeting decks (${testBackend})`, () => {
  it('builds a deck from saved views, reorders, renames, duplicates and deletes it, each audited', async () => {
    const leader = await login('leader');
    const created = await leader.post('/api/decks', { title: '第四次调度会' });
    expect(created.status).toBe(201);
    const id = (created.json() as DeckJson).id;
    for (const [title, view] of [
      ['全市资金支出进度', '?m=spend_rate&asOf=2020-06-20'],
      ['民权县光伏', '?m=pv_registration&area=411421&level=township'],
      ['夏邑县', '?area=411426&level=township'],
    ]) {
      const res = await leader.post(`/api/decks/${id}/slides`, { title, view, notes: '会上强调' });
      expect(res.status, res.text).toBe(201);
    }
    let deck = (await leader.get(`/api/decks/${id}`)).json() as DeckJson;
    expect(deck.slides.map((s) => s.title)).toEqual(['全市资金支出进度', '民权县光伏', '夏邑县']);
    expect(deck.version).toBe(4);
    const reordered = [deck.slides[2], deck.slides[0], deck.slides[1]];
    const put = await leader.request('PUT', `/api/decks/${id}`, {
      json: { version: deck.version, title: '第四次调度会（定稿）', slides: reordered },
    });
    expect(put.status, put.text).toBe(200);
    deck = put.json() as DeckJson;
    expect(deck.title).toBe('第四次调度会（定稿）');
    expect(deck.slides.map((s) => s.title)).toEqual(['夏邑县', '全市资金支出进度', '民权县光伏']);

    const copy = (await leader.post(`/api/decks/${id}/duplicate`)).json() as DeckJson;
    expect(copy.title).toBe('第四次调度会（定稿）（副本）');
    expect(copy.slides.map((s) => s.view)).toEqual(deck.slides.map((s) => s.view));
    const list = (await (await login('planner')).get('/api/decks')).json() as { items: { id: number; slideCount: number }[] };
    expect(list.items.map((d) => d.id)).toEqual(expect.arrayContaining([id, copy.id]));
    expect((await leader.request('DELETE', `/api/decks/${copy.id}`)).status).toBe(204);
    expect((await leader.get(`/api/decks/${copy.id}`)).status).toBe(404);
    const actions = (await auditRows(database)).map((r) => r.action).filter((a) => a.startsWith('decks.'));
    expect(actions).toEqual([
      'decks.create',
      'decks.slide_add',
      'decks.slide_add',
      'decks.slide_add',
      'decks.update',
      'decks.duplicate',
      'decks.delete',
    ]);
  });

  it('answers 409 with the other person’s version when two people edit at once; nothing is lost', async () => {
    const a = await login('leader');
    const b = await login('admin');
    const deck = (
      await a.post('/api/decks', { title: '并发测试', slides: [{ id: 's1', title: '一', view: '?m=spend_rate' }] })
    ).json() as DeckJson;
    const first = await b.request('PUT', `/api/decks/${deck.id}`, { json: { version: deck.version, title: '管理员改的标题' } });
    expect(first.status).toBe(200);
    const second = await a.request('PUT', `/api/decks/${deck.id}`, { json: { version: deck.version, title: '领导改的标题' } });
    expect(second.status).toBe(409);
    const body = second.json() as { error: { message: string }; current: DeckJson };
    expect(body.error.message).toMatch(/^显示名admin saved this deck at .* \(version 2\) after you opened version 1\./);
    expect(body.current.title).toBe('管理员改的标题');
    const retry = await a.request('PUT', `/api/decks/${deck.id}`, { json: { version: body.current.version, title: '领导改的标题' } });
    expect(retry.status).toBe(200);
  });

  it('refuses bad decks with sentences: unknown area or measure, empty title, anonymous', async () => {
    const leader = await login('leader');
    const deck = (await leader.post('/api/decks', { title: '坏数据' })).json() as DeckJson;
    const area = await leader.post(`/api/decks/${deck.id}/slides`, { title: '不存在的县', view: '?area=419999&level=township' });
    expect(area.status).toBe(400);
    expect(area.json().error.message).toBe(
      'slides.0 ("不存在的县"): area 419999 no longer exists; remove the slide or save the view again.',
    );
    const measure = await leader.post(`/api/decks/${deck.id}/slides`, { title: '旧指标', view: '?m=old_measure' });
    expect(measure.json().error.message).toMatch(/measure "old_measure" no longer exists/);
    const empty = await leader.post('/api/decks', { title: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.json().error.message).toMatch(/title: must not be empty/);
    expect((await new Client(app).get('/api/decks')).status).toBe(401);
    expect((await leader.get('/api/decks/99999')).status).toBe(404);
  });

  it('builds the agenda: the follow-up items still open, the city overview, then the lagging units worst first, each zoomed to it', async () => {
    const leader = await login('leader');
    const res = await leader.post('/api/decks/agenda', { measure: 'spend_rate', asOf: '2020-06-20' });
    expect(res.status, res.text).toBe(201);
    const deck = res.json() as DeckJson;
    expect(deck.title).toBe('第4次调度会 · 资金支出进度');
    // The demo's follow-up items of the 4th meeting still open come first (tests/server/routes/followups.int.test.ts).
    expect(deck.slides[0].title).toMatch(/^上次调度会督办事项：4项未办结/);
    expect(deck.slides[1]).toMatchObject({
      title: '商丘市资金支出进度（数据截至2020年6月20日）',
      view: '?level=county&area=4114&m=spend_rate&asOf=2020-06-20',
    });
    // docs/demo-data.md: 夏邑县 worst; 民权县, 柘城县, 睢县, 虞城县 lag by more than 5 points.
    const names = deck.slides.slice(2).map((s) => s.title.split('：')[0]);
    expect(names[0]).toBe('夏邑县');
    expect(new Set(names)).toEqual(new Set(['夏邑县', '柘城县', '民权县', '虞城县', '睢县']));
    expect(deck.slides[2].view).toBe('?level=township&area=411426&m=spend_rate&asOf=2020-06-20');
    expect(deck.slides[2].title).toMatch(/^夏邑县：资金支出进度\d+\.\d%，落后\d+\.\d个百分点$/);
  });
});
