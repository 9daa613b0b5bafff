/**
 * The demo ledger must tell the story of the 4th dispatch meeting (2020-06-22, data as of 2020-06-20).
 * Every aggregate here is computed with plain reduce over the generated rows.
 */
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { completedStatuses, projectStatuses, startedStatuses, threeGroups } from '../../../server/contracts/enums.ts';
import { multiIncludesPoint, type MultiCoords, type RegionRow } from '../../../server/ingest/demo/boundaries.ts';
import { generateDemoData, readDemoInputs, type DemoData } from '../../../server/ingest/demo/index.ts';
import { dayOfIso, generateLedger, progressDates, type ProjectRow } from '../../../server/ingest/demo/ledger.ts';

const SEED = 20200622;
const CUT_OFF = '2020-06-20';
const UNITS = ['411402', '411403', '411421', '411422', '411423', '411424', '411425', '411426', '411471', '411472', '411481'];
const FULLY_ARRANGED = ['411402', '411403', '411472', '411481'];
/** 序时进度 on 2020-06-20, linear from 01-01 to 11-30: 171 of 334 days. */
const EXPECTED_PCT = (100 * (dayOfIso(CUT_OFF) - dayOfIso('2020-01-01'))) / (dayOfIso('2020-11-30') - dayOfIso('2020-01-01'));

let data: DemoData;
const yuan = (wan: number | null | undefined) => Math.round((wan ?? 0) * 10000);
const sum = <T>(rows: readonly T[], f: (r: T) => number) => rows.reduce((a, r) => a + f(r), 0);
const pct = (a: number, b: number) => (100 * a) / b;
const byCounty = <T extends { countyCode: string }>(rows: readonly T[]) => {
  const m = new Map<string, T[]>(UNITS.map((c) => [c, []]));
  for (const r of rows) m.get(r.countyCode)!.push(r);
  return m;
};
const perUnit = <T extends { countyCode: string }>(rows: readonly T[], f: (list: T[]) => number) =>
  Object.fromEntries([...byCounty(rows)].map(([c, list]) => [c, f(list)]));
const hash = (value: unknown) => crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex');

beforeAll(() => {
  data = generateDemoData(readDemoInputs(), SEED);
}, 180_000);

describe('funds: arranged vs total investment (the unfair basis)', () => {
  it('has arranged == total for every project in exactly 梁园区, 睢阳区, 示范区 (411472) and 永城市', () => {
    const full = Object.entries(
      perUnit(data.projects, (ps) => (ps.every((p) => yuan(p.arrangedWan) === yuan(p.totalInvestmentWan)) ? 1 : 0)),
    )
      .filter(([, v]) => v === 1)
      .map(([c]) => c);
    expect(full).toEqual(FULLY_ARRANGED);
  });

  it('has arranged < total in the other units (60–85 % overall), so spent/arranged looks better than spent/total', () => {
    for (const [code, ps] of byCounty(data.projects)) {
      if (FULLY_ARRANGED.includes(code)) continue;
      expect(
        ps.every((p) => yuan(p.arrangedWan) < yuan(p.totalInvestmentWan)),
        code,
      ).toBe(true);
      const total = sum(ps, (p) => p.totalInvestmentWan);
      const arranged = sum(ps, (p) => p.arrangedWan ?? 0);
      const spent = sum(ps, (p) => p.spentWan ?? 0);
      expect(arranged / total, code).toBeGreaterThanOrEqual(0.6);
      expect(arranged / total, code).toBeLessThanOrEqual(0.85);
      expect(pct(spent, arranged) - pct(spent, total), code).toBeGreaterThan(5);
    }
  });

  it('splits every project into the seven sources summing exactly to the total, money with ≤ 4 decimals', () => {
    const bad = data.projects.filter((p) => {
      const parts = [p.fundCentralWan, p.fundProvinceWan, p.fundCityWan, p.fundCountyWan, p.fundFinanceWan, p.fundBondWan, p.fundSocialWan];
      const money = [p.totalInvestmentWan, p.arrangedWan, p.disbursedWan, p.spentWan, ...parts] as number[];
      return sum(parts, yuan) !== yuan(p.totalInvestmentWan) || money.some((m) => yuan(m) / 10000 !== m || m < 0);
    });
    expect(bad.map((p) => p.code)).toEqual([]);
    expect(data.projects.every((p) => yuan(p.spentWan) <= yuan(p.disbursedWan) && yuan(p.disbursedWan) <= yuan(p.arrangedWan))).toBe(true);
  });
});

describe('progress against 序时进度 on 2020-06-20', () => {
  it('expects ≈ 51.2 % (171/334)', () => {
    expect(EXPECTED_PCT).toBeCloseTo((171 / 334) * 100, 6);
  });

  it('has units lagging by more than 5 points, units within, units ahead, and a clear best and worst', () => {
    const spend = perUnit(data.projects, (ps) =>
      pct(
        sum(ps, (p) => p.spentWan ?? 0),
        sum(ps, (p) => p.totalInvestmentWan),
      ),
    );
    const lag = Object.values(spend).map((v) => v - EXPECTED_PCT);
    expect(lag.filter((l) => l < -5).length).toBeGreaterThanOrEqual(3);
    expect(lag.filter((l) => l >= -5 && l <= 0).length).toBeGreaterThanOrEqual(2);
    expect(lag.filter((l) => l > 0).length).toBeGreaterThanOrEqual(2);
    const ranked = Object.entries(spend).sort((a, b) => b[1] - a[1]);
    expect(ranked[0][1] - ranked[1][1]).toBeGreaterThan(3);
    expect(ranked[ranked.length - 2][1] - ranked[ranked.length - 1][1]).toBeGreaterThan(2);
    expect(ranked[0][0]).toBe('411472');
    expect(ranked[ranked.length - 1][0]).toBe('411426');
  });

  it('varies start and completion rates widely across units', () => {
    const started = Object.values(
      perUnit(data.projects, (ps) => pct(ps.filter((p) => startedStatuses.includes(p.status)).length, ps.length)),
    );
    const completed = Object.values(
      perUnit(data.projects, (ps) => pct(ps.filter((p) => completedStatuses.includes(p.status)).length, ps.length)),
    );
    expect(Math.max(...started) - Math.min(...started)).toBeGreaterThan(25);
    expect(Math.max(...completed) - Math.min(...completed)).toBeGreaterThan(25);
    expect(completed.filter((c) => c < EXPECTED_PCT - 5).length).toBeGreaterThanOrEqual(3);
    expect(completed.filter((c) => c > EXPECTED_PCT).length).toBeGreaterThanOrEqual(2);
  });

  it('has overdue projects, more in the lagging units', () => {
    const overdue = perUnit(data.projects, (ps) =>
      pct(ps.filter((p) => p.plannedCompletion! < CUT_OFF && !completedStatuses.includes(p.status)).length, ps.length),
    );
    expect(overdue['411426']).toBeGreaterThan(10);
    expect(overdue['411472']).toBeLessThan(5);
  });
});

describe('industry projects, measures and dividends', () => {
  it('reaches few households per 万元 in several units', () => {
    const reach = perUnit(data.projects, (ps) => {
      const ind = ps.filter((p) => p.category === 'industry');
      return sum(ind, (p) => p.householdsReached ?? 0) / sum(ind, (p) => p.totalInvestmentWan);
    });
    const values = Object.values(reach);
    expect(values.filter((v) => v < 0.4).length).toBeGreaterThanOrEqual(3);
    expect(values.filter((v) => v > 0.8).length).toBeGreaterThanOrEqual(3);
  });

  it('leaves measure coverage (≥ 2 industry measures) below 100 %, much lower in some units', () => {
    const eligible = data.households.filter((h) => threeGroups.includes(h.category) && h.labour !== 'none');
    const coverage = perUnit(eligible, (hs) => pct(hs.filter((h) => (h.industryMeasures ?? 0) >= 2).length, hs.length));
    const overall = pct(eligible.filter((h) => (h.industryMeasures ?? 0) >= 2).length, eligible.length);
    expect(overall).toBeLessThan(90);
    expect(Object.values(coverage).filter((v) => v < 80).length).toBeGreaterThanOrEqual(2);
    expect(Object.values(coverage).filter((v) => v >= 95).length).toBeGreaterThanOrEqual(2);
  });

  it('pays "interest" below the minimum dividend rate in some units', () => {
    const min = data.settings.find((s) => s.key === 'dividend_min_rate_pct')!.value as number;
    expect(min).toBe(5);
    const dividendLinked = data.projects.filter((p) => p.linkages!.includes('dividend'));
    expect(dividendLinked.every((p) => p.dividendRatePct !== null && p.dividendRatePct !== undefined)).toBe(true);
    expect(data.projects.filter((p) => !p.linkages!.includes('dividend')).every((p) => p.dividendRatePct === null)).toBe(true);
    const compliance = perUnit(dividendLinked, (ps) => pct(ps.filter((p) => p.dividendRatePct! >= min).length, ps.length));
    const low = Object.entries(compliance)
      .filter(([, v]) => v < 50)
      .map(([c]) => c);
    expect(low).toEqual(['411422', '411424', '411426']);
    expect(Object.values(compliance).filter((v) => v >= 80).length).toBe(8);
  });

  it('links only industry projects to villages, with household counts summing to households reached', () => {
    const projectByCode = new Map(data.projects.map((p) => [p.code, p]));
    const totals = new Map<string, number>();
    for (const b of data.projectBeneficiaries) {
      const p = projectByCode.get(b.projectCode)!;
      expect(p.category).toBe('industry');
      expect(b.villageCode.slice(0, 6)).toBe(p.countyCode);
      expect(b.households).toBeGreaterThan(0);
      totals.set(b.projectCode, (totals.get(b.projectCode) ?? 0) + b.households);
    }
    const industry = data.projects.filter((p) => p.category === 'industry');
    expect(industry.every((p) => totals.get(p.code) === p.householdsReached)).toBe(true);
  });

  it('gives an industry mode exactly to industry projects and keeps poor ≤ all households reached', () => {
    expect(data.projects.every((p) => (p.category === 'industry') === (p.industryMode !== null))).toBe(true);
    expect(data.projects.every((p) => (p.poorHouseholdsReached ?? 0) <= (p.householdsReached ?? 0))).toBe(true);
    const modes = new Set(data.projects.map((p) => p.industryMode).filter(Boolean));
    expect(modes.size).toBe(8);
  });
});

describe('PV stations: registration in the national system', () => {
  it('has exactly four units at 100 % (a county, the demonstration zone, two districts) and four low ones incl. 永城市', () => {
    const rate = perUnit(data.pvStations, (ss) => pct(ss.filter((s) => s.registered && s.registeredDate! <= CUT_OFF).length, ss.length));
    const full = Object.entries(rate)
      .filter(([, v]) => v === 100)
      .map(([c]) => c);
    expect(full).toEqual(['411402', '411403', '411423', '411472']);
    const ranked = Object.entries(rate).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    const lowest = ranked.slice(0, 4).map(([c]) => c);
    expect(lowest).toContain('411481');
    expect(lowest.filter((c) => c !== '411481').every((c) => c.startsWith('41142'))).toBe(true);
    // The rest lies strictly between the low group and 100 %.
    const lowMax = ranked[3][1];
    for (const [c, v] of ranked.slice(4)) if (!full.includes(c)) expect(v, c).toBeGreaterThan(lowMax + 5);
    for (const [c, v] of ranked.slice(4)) if (!full.includes(c)) expect(v, c).toBeLessThan(100);
  });

  it('registers only grid-connected stations, with a date, and has all three station types', () => {
    for (const s of data.pvStations) {
      if (s.registered) {
        expect(s.status).toBe('grid_connected');
        expect(s.registeredDate! >= s.gridDate!).toBe(true);
      } else expect(s.registeredDate).toBeNull();
    }
    expect(new Set(data.pvStations.map((s) => s.type))).toEqual(new Set(['village', 'centralized', 'household']));
    const poorVillages = new Set(data.regions.filter((r) => r.isPoorVillage).map((r) => r.code));
    const villageStations = data.pvStations.filter((s) => s.type === 'village');
    expect(villageStations.filter((s) => poorVillages.has(s.villageCode!)).length / poorVillages.size).toBeGreaterThan(0.6);
  });

  it('shows registration growing during 2020 (as-of dates give a history)', () => {
    const at = (date: string) => data.pvStations.filter((s) => s.registered && s.registeredDate! <= date).length;
    expect(at('2020-01-31')).toBeLessThan(at('2020-03-20'));
    expect(at('2020-03-20')).toBeLessThan(at(CUT_OFF));
  });
});

describe('households: the three groups', () => {
  it('has 30–45k rows: a few thousand not lifted, more edge and monitored, lifted as context', () => {
    const n = (c: string) => data.households.filter((h) => h.category === c).length;
    expect(data.households.length).toBeGreaterThanOrEqual(30_000);
    expect(data.households.length).toBeLessThanOrEqual(45_000);
    expect(n('not_lifted')).toBeGreaterThanOrEqual(2000);
    expect(n('not_lifted')).toBeLessThanOrEqual(5000);
    expect(n('edge')).toBeGreaterThan(n('not_lifted'));
    expect(n('monitored')).toBeGreaterThan(n('not_lifted'));
  });

  it('is denser in poor villages and mixes labour capacity in every group', () => {
    const villages = data.regions.filter((r) => r.level === 'village');
    const counts = new Map<string, number>();
    for (const h of data.households) if (h.category === 'not_lifted') counts.set(h.villageCode, (counts.get(h.villageCode) ?? 0) + 1);
    const mean = (vs: RegionRow[]) => sum(vs, (v) => counts.get(v.code) ?? 0) / vs.length;
    expect(mean(villages.filter((v) => v.isPoorVillage))).toBeGreaterThan(2.5 * mean(villages.filter((v) => !v.isPoorVillage)));
    for (const c of ['not_lifted', 'edge', 'monitored', 'lifted']) {
      const hs = data.households.filter((h) => h.category === c);
      for (const l of ['none', 'weak', 'full'])
        expect(hs.filter((h) => h.labour === l).length / hs.length, `${c} ${l}`).toBeGreaterThan(0.1);
    }
  });

  it('has no names or ID numbers, ids H + village code + sequence, and a point inside the village', () => {
    const geomOf = new Map(data.regions.map((r) => [r.code, (r.geom as GeoJSON.MultiPolygon).coordinates as MultiCoords]));
    const bad = data.households.filter(
      (h) =>
        h.holderName !== null ||
        h.idNumber !== null ||
        !new RegExp(`^H${h.villageCode}\\d{4}$`).test(h.id) ||
        h.villageCode.slice(0, 9) !== h.townshipCode ||
        !multiIncludesPoint(geomOf.get(h.villageCode)!, (h.geom as GeoJSON.Point).coordinates),
    );
    expect(bad.map((h) => h.id)).toEqual([]);
    expect(new Set(data.households.map((h) => h.id)).size).toBe(data.households.length);
  });
});

describe('monthly history', () => {
  it('has as-of dates January–May month ends and the four cut-offs', () => {
    expect(progressDates).toEqual([
      '2020-01-31',
      '2020-02-29',
      '2020-03-20',
      '2020-03-31',
      '2020-04-20',
      '2020-04-30',
      '2020-05-20',
      '2020-05-31',
      '2020-06-20',
    ]);
    expect(data.projectProgress.length).toBe(data.projects.length * progressDates.length);
    expect(data.meetings.map((m) => [m.number, m.meetingDate, m.cutOff])).toEqual([
      [1, '2020-03-24', '2020-03-20'],
      [2, '2020-04-24', '2020-04-20'],
      [3, '2020-05-22', '2020-05-20'],
      [4, '2020-06-22', '2020-06-20'],
    ]);
  });

  it('is monotone: money and physical progress never decrease, status never goes back (except to suspended)', () => {
    const order: readonly string[] = projectStatuses.filter((s) => s !== 'suspended');
    const byProject = new Map<string, typeof data.projectProgress>();
    for (const r of data.projectProgress) byProject.set(r.projectCode, [...(byProject.get(r.projectCode) ?? []), r]);
    const bad: string[] = [];
    for (const p of data.projects) {
      const rows = byProject.get(p.code)!;
      expect(rows.map((r) => r.asOf)).toEqual(progressDates);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        if (!(yuan(r.spentWan) <= yuan(r.disbursedWan) && yuan(r.disbursedWan) <= yuan(r.arrangedWan)))
          bad.push(`${p.code} ${r.asOf} money`);
        if (i === 0) continue;
        const q = rows[i - 1];
        if (
          r.spentWan < q.spentWan ||
          r.disbursedWan < q.disbursedWan ||
          r.arrangedWan < q.arrangedWan ||
          r.physicalProgressPct < q.physicalProgressPct
        )
          bad.push(`${p.code} ${r.asOf} decreases`);
        if (q.status === 'suspended' && r.status !== 'suspended') bad.push(`${p.code} ${r.asOf} resumed`);
        if (r.status !== 'suspended' && order.indexOf(r.status) < order.indexOf(q.status)) bad.push(`${p.code} ${r.asOf} back`);
      }
      const last = rows[rows.length - 1];
      if (
        last.status !== p.status ||
        last.spentWan !== p.spentWan ||
        last.arrangedWan !== p.arrangedWan ||
        last.disbursedWan !== p.disbursedWan
      )
        bad.push(`${p.code} last row`);
    }
    expect(bad).toEqual([]);
  });

  it('includes the first quarter and a visible change since the last meeting in every unit', () => {
    for (const [code, rows] of byCounty(data.projectProgress)) {
      const spentOn = (d: string) =>
        sum(
          rows.filter((r) => r.asOf === d),
          (r) => r.spentWan,
        );
      expect(spentOn('2020-03-31'), code).toBeGreaterThan(0);
      expect(spentOn('2020-06-20') - spentOn('2020-05-20'), code).toBeGreaterThan(0);
      const startedOn = (d: string) => rows.filter((r) => r.asOf === d && startedStatuses.includes(r.status)).length;
      expect(startedOn('2020-03-31'), code).toBeGreaterThan(0);
      expect(startedOn('2020-06-20'), code).toBeGreaterThanOrEqual(startedOn('2020-05-20'));
    }
  });
});

describe('locations, targets and settings', () => {
  it('locates most projects by a point in their village, roads and irrigation as lines, ~3 % not located', () => {
    const geomOf = new Map(data.regions.map((r) => [r.code, (r.geom as GeoJSON.MultiPolygon).coordinates as MultiCoords]));
    const types = (ps: ProjectRow[], t: string | null) => ps.filter((p) => (p.geom ? p.geom.type : null) === t).length;
    const n = data.projects.length;
    expect(types(data.projects, null) / n).toBeGreaterThan(0.015);
    expect(types(data.projects, null) / n).toBeLessThan(0.05);
    expect(types(data.projects, 'LineString')).toBeGreaterThan(100);
    const points = data.projects.filter((p) => p.geom?.type === 'Point');
    expect(points.every((p) => multiIncludesPoint(geomOf.get(p.villageCode!)!, (p.geom as GeoJSON.Point).coordinates))).toBe(true);
  });

  it('has the default target window, the start-rate milestone and the fixed PV registration target', () => {
    expect(data.targets).toEqual([
      {
        year: 2020,
        measureId: '*',
        windowStart: '2020-01-01',
        basicCompletion: '2020-09-30',
        fullCompletion: '2020-11-30',
        method: 'linear',
        lagThresholdPts: -5,
        milestones: [],
      },
      {
        year: 2020,
        measureId: 'start_rate',
        windowStart: '2020-01-01',
        basicCompletion: '2020-09-30',
        fullCompletion: '2020-11-30',
        method: 'linear',
        lagThresholdPts: -5,
        milestones: [{ date: '2020-04-01', valuePct: 100 }],
      },
      {
        // Registering PV stations in the national system is due in full now (fixed target 100 %).
        year: 2020,
        measureId: 'pv_registration',
        windowStart: '2020-01-01',
        basicCompletion: '2020-09-30',
        fullCompletion: '2020-11-30',
        method: 'fixed',
        lagThresholdPts: -5,
        milestones: [{ date: '2020-01-01', valuePct: 100 }],
      },
    ]);
    expect(data.settings.find((s) => s.key === 'demo')?.value).toMatchObject({ seed: SEED, generatedAt: 'fixed' });
  });

  it('is deterministic: the same regions and seed give byte-identical rows', () => {
    const again = generateLedger(data.regions, SEED);
    const { regions: _regions, ...ledger } = data;
    expect(hash(again)).toBe(hash(ledger));
  }, 60_000);
});
