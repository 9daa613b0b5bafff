/** The briefing route on the demo data: the speech's PV units, a township briefing, bad input. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import type { Briefing } from '../../../server/contracts/briefing.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-db.ts';

let database: TestDatabase;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  database = await openTestDatabase({ demo: true });
  app = createApp({ database });
}, 180_000);
afterAll(async () => database?.dispose());

const get = async (url: string) => {
  const res = await app.request(url);
  return { status: res.status, body: (await res.json()) as Briefing & { error?: { message: string } } };
};

describe('GET /api/measures/{id}/briefing', () => {
  it('names the speech’s best and worst PV units (4th meeting, data as of 2020-06-20)', async () => {
    const { status, body } = await get('/api/measures/pv_registration/briefing?level=county&parent=4114&asOf=2020-06-20');
    expect(status).toBe(200);
    expect(body.facts.best.map((u) => u.name).sort()).toEqual(['宁陵县', '梁园区', '河南商丘经济开发区', '睢阳区'].sort());
    expect(body.facts.worst.map((u) => u.name).sort()).toEqual(['夏邑县', '柘城县', '民权县', '永城市'].sort());
    expect(body.sentences[1]).toBe(
      '完成较好的是梁园区、睢阳区、宁陵县、河南商丘经济开发区，完成率都是100.0%；完成较差的是民权县、柘城县、夏邑县、永城市，完成率都是50.0%。',
    );
    expect(body.sentences[0]).toMatch(/^截至2020年6月20日，全市\d+座光伏电站纳入全国扶贫信息系统的有\d+座，完成率为\d+\.\d%/);
    // The change is counted from the 3rd meeting's cut-off.
    expect(body.compareTo).toMatch(/^2020-05-\d\d$/);
    expect(body.sentences.some((s) => s.startsWith('与上次调度（数据截至2020年5月'))).toBe(true);
  });

  it('briefs the townships of a county, in English too', async () => {
    const zh = await get('/api/measures/spend_rate/briefing?level=township&parent=411421&asOf=2020-06-20');
    expect(zh.status).toBe(200);
    expect(zh.body.scope).toEqual({ code: '411421', name: '民权县', level: 'county' });
    expect(zh.body.sentences[0]).toMatch(
      /^截至2020年6月20日，民权县资金支出进度为\d+\.\d%（已支出[\d,.]+万元，项目投资总额[\d,.]+万元），序时进度为51\.3%，落后\d+\.\d个百分点。$/,
    );
    expect(zh.body.sentences.join('')).toMatch(/乡镇（街道）/);
    const en = await get('/api/measures/spend_rate/briefing?level=township&parent=411421&asOf=2020-06-20&lang=en');
    expect(en.body.sentences[0]).toMatch(/^As of 2020-06-20, Spending progress in 民权县: /);
  });

  it('refuses bad input with a sentence', async () => {
    const bad = await get('/api/measures/pv_registration/briefing?level=county&parent=4114&lang=fr');
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/lang/);
    const late = await get('/api/measures/pv_registration/briefing?level=county&parent=4114&asOf=2020-06-20&compareTo=2020-06-20');
    expect(late.status).toBe(400);
    expect(late.body.error?.message).toMatch(/compareTo/);
  });
});
