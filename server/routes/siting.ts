/**
 * Siting (选址) for planners and leaders: the catchment of a candidate site. Household counts pass
 * the small-count rule unless the caller is the county editor of the county all of them belong to.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app.ts';
import { rootArea } from '../db/queries/root-area.ts';
import { requires } from '../auth/context.ts';
import { disclosureOf, exactCountyOf } from '../auth/disclosure.ts';
import type { AreaFacts } from '../domain/area-facts.ts';
import { protectCount, type DisclosureScope } from '../domain/disclosure.ts';
import { serverSecret } from '../auth/secret.ts';
import { Catchment, CatchmentBody, EffectQuery, SitingEffect, Suggestions, SuggestionsQuery } from '../contracts/siting.ts';
import { queryAreaFacts } from '../db/queries/area-facts.ts';
import { latestCutOff } from '../db/queries/layers.ts';
import { findRegion } from '../db/queries/regions.ts';
import { queryCatchment, queryVillageScoreInputs, resolveSite } from '../db/queries/siting.ts';
import { discloseCatchmentCounts, discloseTargetCount, minDisclosedCount } from '../domain/siting-counts.ts';
import { sitingEffect } from '../domain/siting-effect.ts';
import { defaultScoreWeights, rankVillages, scoreHalfPoints, type ScoreWeights } from '../domain/siting-score.ts';
import { HttpError } from '../errors.ts';
import { ErrorBody, newRouter } from '../http.ts';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const errors = {
  400: { description: 'Invalid site or radius: the message says what to change', ...json(ErrorBody) },
  401: { description: 'Not logged in', ...json(ErrorBody) },
  403: { description: 'Not a planner, leader, county editor or administrator', ...json(ErrorBody) },
};

const catchment = createRoute({
  method: 'post',
  path: '/siting/catchment',
  tags: ['siting'],
  summary: 'Catchment of a candidate industry-project site: households, villages, projects and PV stations within a radius',
  description:
    'Within radiusKm of a point, a drawn range or a village (its label point), measured on the ellipsoid (ST_DWithin on geography). ' +
    'Household counts are published through the disclosure rule (1–4 withheld as null, others rounded to multiples of 5 by cell ' +
    'key) except for the county editor of the county all the households belong to, who sees them exact.',
  ...requires('siting:use'),
  request: { body: { required: true, ...json(CatchmentBody) } },
  responses: { 200: { description: 'The catchment', ...json(Catchment) }, ...errors },
});

const suggestions = createRoute({
  method: 'get',
  path: '/siting/suggestions',
  tags: ['siting'],
  summary: 'Villages of the city or a county ranked as sites for the next industry project, each score split into its parts',
  description:
    'Parts: target households (three groups, labour capacity, < 2 measures) within radiusKm of the village, distance to the nearest ' +
    'existing industry project, poor-village flag, yearly income of grid-connected PV stations within radiusKm. Each part is ' +
    'weight × x / (x + half point); the parts add up to the score (0–100). Target counts are published through the disclosure rule for everyone.',
  ...requires('siting:use'),
  request: { query: SuggestionsQuery },
  responses: {
    200: { description: 'Ranked villages, best first (top N)', ...json(Suggestions) },
    404: { description: 'Unknown area', ...json(ErrorBody) },
    ...errors,
  },
});

const effect = createRoute({
  method: 'get',
  path: '/siting/effect',
  tags: ['siting'],
  summary: '若在此建设: the county’s and the city’s coverage and reach per 10,000 元 before → after a new industry project',
  description:
    'Assumes the households reached are target households for whom the project is the second industry measure (coverage gains at ' +
    'most the households still short of two); reach adds the households and the investment. Latest data cut-off.',
  ...requires('siting:use'),
  request: { query: EffectQuery },
  responses: {
    200: { description: 'Before → after', ...json(SitingEffect) },
    404: { description: 'Unknown county', ...json(ErrorBody) },
    ...errors,
  },
});

export const sitingRoutes = ({ database }: AppDeps) =>
  newRouter()
    .openapi(suggestions, async (c) => {
      const q = c.req.valid('query');
      const area = await findRegion(database, q.area);
      if (!area || (area.level !== 'city' && area.level !== 'county')) {
        const root = await rootArea(database);
        throw new HttpError(
          404,
          `area: no city or county with code ${q.area}. Use ${root ? `${root.code} (${root.name})` : 'the city code'} or one of its county codes.`,
        );
      }
      const weights: ScoreWeights = {
        target: q.wTarget ?? defaultScoreWeights.target,
        distance: q.wDistance ?? defaultScoreWeights.distance,
        poor: q.wPoor ?? defaultScoreWeights.poor,
        pv: q.wPv ?? defaultScoreWeights.pv,
      };
      if (weights.target + weights.distance + weights.poor + weights.pv <= 0) {
        throw new HttpError(400, 'wTarget, wDistance, wPoor, wPv: at least one weight must be above 0.');
      }
      const rows = await queryVillageScoreInputs(
        database,
        { code: area.code, level: area.level },
        q.radiusKm,
        await serverSecret(database),
      );
      // The score reads the published count (withheld 1–4 as 2.5), so no score reveals more than the count shown.
      const disclosed = rows.map((r) => ({ ...r, shown: discloseTargetCount({ value: r.targetHouseholds, keySum: r.targetKey }) }));
      const ranked = rankVillages(
        disclosed.map((r) => ({ ...r, targetHouseholds: r.shown ?? minDisclosedCount / 2 })),
        weights,
      );
      const round = (x: number) => Math.round(x * 100) / 100;
      c.header('Cache-Control', 'private, max-age=60');
      return c.json(
        {
          area: { code: area.code, name: area.name },
          radiusKm: q.radiusKm,
          weights,
          halfPoints: { ...scoreHalfPoints },
          villages: rows.length,
          items: ranked.slice(0, q.top).map((v) => ({
            rank: v.rank,
            code: v.code,
            name: v.name,
            townshipName: v.townshipName,
            countyCode: v.countyCode,
            poorVillage: v.poorVillage,
            location: v.location,
            targetHouseholds: v.shown,
            nearestIndustryKm: v.nearestIndustryKm,
            pvIncomeWan: round(v.pvIncomeWan),
            score: round(v.score),
            parts: { target: round(v.parts.target), distance: round(v.parts.distance), poor: round(v.parts.poor), pv: round(v.parts.pv) },
          })),
        } satisfies Suggestions,
        200,
      );
    })
    .openapi(effect, async (c) => {
      const q = c.req.valid('query');
      const county = await findRegion(database, q.county);
      if (!county || county.level !== 'county' || !county.parentCode) throw new HttpError(404, `county: no county with code ${q.county}.`);
      const city = await findRegion(database, county.parentCode);
      const asOf = await latestCutOff(database);
      if (!city || !asOf) throw new HttpError(404, 'There is no data yet: import a ledger or start with DEMO_DATA=on.');
      const [countyDisclosure, cityDisclosure] = await Promise.all([
        disclosureOf(c, database, { code: county.code, countyCode: county.code }),
        disclosureOf(c, database, { code: city.code, countyCode: null }),
      ]);
      const facts = await queryAreaFacts(database, {
        level: 'county',
        parent: city,
        asOf,
        dividendMinPct: 0,
        families: ['projects', 'households'],
        secret: countyDisclosure.secret,
      });
      const own = facts.find((f) => f.code === county.code);
      if (!own) throw new HttpError(404, `county: ${q.county} has no data.`);
      const candidate = { households: q.households, investmentWan: q.investmentWan };
      // "Before" is what the measures route publishes: coverage counts through the disclosure rule.
      const sum = (k: keyof AreaFacts) => facts.reduce((n, f) => n + Number(f[k]), 0);
      const published = (
        f: Pick<
          AreaFacts,
          | 'hhThreeWithLabour'
          | 'hhThreeWithLabourKey'
          | 'hhThreeWithLabourTwoMeasures'
          | 'hhThreeWithLabourTwoMeasuresKey'
          | 'industryHouseholdsReached'
          | 'industryTotalWan'
        >,
        scope: DisclosureScope,
      ) => ({
        hhThreeWithLabour: protectCount(f.hhThreeWithLabour, f.hhThreeWithLabourKey, scope) ?? 0,
        hhThreeWithLabourTwoMeasures: protectCount(f.hhThreeWithLabourTwoMeasures, f.hhThreeWithLabourTwoMeasuresKey, scope) ?? 0,
        industryHouseholdsReached: f.industryHouseholdsReached,
        industryTotalWan: f.industryTotalWan,
      });
      const cityFacts = {
        hhThreeWithLabour: sum('hhThreeWithLabour'),
        hhThreeWithLabourKey: sum('hhThreeWithLabourKey'),
        hhThreeWithLabourTwoMeasures: sum('hhThreeWithLabourTwoMeasures'),
        hhThreeWithLabourTwoMeasuresKey: sum('hhThreeWithLabourTwoMeasuresKey'),
        industryHouseholdsReached: sum('industryHouseholdsReached'),
        industryTotalWan: sum('industryTotalWan'),
      };
      return c.json(
        {
          asOf,
          households: q.households,
          investmentWan: q.investmentWan,
          county: { code: county.code, name: county.name, ...sitingEffect(published(own, countyDisclosure.scope), candidate) },
          city: { code: city.code, name: city.name, ...sitingEffect(published(cityFacts, cityDisclosure.scope), candidate) },
        } satisfies SitingEffect,
        200,
      );
    })
    .openapi(catchment, async (c) => {
      const { site, radiusKm } = c.req.valid('json');
      const resolved = await resolveSite(database, site);
      const rows = await queryCatchment(database, resolved, radiusKm, await serverSecret(database));
      // Exact counts only for the county editor of the one county every household inside belongs to.
      const own = exactCountyOf(c);
      const exact = own !== null && rows.householdCounties.every((k) => k === own);
      const counts = discloseCatchmentCounts(rows.cells, rows.targetServed, exact ? 'exact' : 'protected');
      c.header('Cache-Control', 'private, no-store');
      return c.json(
        {
          site: {
            kind: resolved.kind,
            label: resolved.label,
            centre: resolved.centre,
            countyCode: resolved.countyCode,
            villageCode: resolved.villageCode,
          },
          radiusKm,
          catchment: { areaKm2: rows.areaKm2, geometry: JSON.parse(rows.geometry) },
          households: { exact, minCount: minDisclosedCount, ...counts },
          villages: rows.villages,
          projects: rows.projects as Catchment['projects'],
          pvStations: rows.pvStations as Catchment['pvStations'],
          overlap: { projects: rows.overlapProjects as Catchment['projects'], areaSharePct: rows.overlapAreaSharePct },
        } satisfies Catchment,
        200,
      );
    });
