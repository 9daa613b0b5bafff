/**
 * Generated points for the frame benchmark: N project-like GeoJSON points inside 商丘市's bounding box,
 * deterministic for a seed, with the properties the projects endpoint sends (see ProjectProperties).
 * Pure (no DOM, no deck.gl): used by the node runner to write the data files.
 */
import {
  industryModes,
  projectCategories,
  projectStatuses,
  type IndustryMode,
  type ProjectCategory,
  type ProjectStatus,
} from '../../server/contracts/enums.ts';
import type { ProjectFeature } from '../../client/features/layers/layers-api.ts';

/** 商丘市, roughly: [west, south, east, north]. */
export const shangqiuBbox: [number, number, number, number] = [114.8, 33.7, 116.7, 34.9];

/** The county-level units' codes (for realistic codes and property sizes). */
const countyCodes = ['411402', '411403', '411421', '411422', '411423', '411424', '411425', '411426', '411481'];

/** mulberry32: a small, fast, seeded PRNG in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T extends string>(rand: () => number, values: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((s, w) => s + w, 0);
  let r = rand() * total;
  for (let i = 0; i < values.length; i++) {
    r -= weights[i];
    if (r < 0) return values[i];
  }
  return values[values.length - 1];
}

const categoryWeights: Record<ProjectCategory, number> = {
  industry: 45,
  infrastructure: 20,
  welfare_job: 8,
  education: 5,
  medical: 4,
  housing: 8,
  employment: 6,
  other: 4,
};
const statusWeights: Record<ProjectStatus, number> = {
  planned: 8,
  approved: 10,
  started: 25,
  completed: 20,
  accepted: 15,
  operating: 18,
  suspended: 4,
};
const categoryName: Record<ProjectCategory, string> = {
  industry: '产业',
  infrastructure: '基础设施',
  welfare_job: '公益岗位',
  education: '教育',
  medical: '医疗',
  housing: '危房改造',
  employment: '就业',
  other: '其他',
};
const notCompleted: readonly ProjectStatus[] = ['planned', 'approved', 'started', 'suspended'];

/** A standard normal sample (Box–Muller). */
function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** N project points, uniformly spread over the bbox; the same (n, seed) always gives the same points. */
export function generatePoints(n: number, seed = 20200622): ProjectFeature[] {
  const rand = seededRandom(seed ^ n);
  const [w, s, e, nn] = shangqiuBbox;
  const categories = projectCategories.map((c) => categoryWeights[c]);
  const statuses = projectStatuses.map((st) => statusWeights[st]);
  const features: ProjectFeature[] = [];
  for (let i = 0; i < n; i++) {
    const county = countyCodes[Math.floor(rand() * countyCodes.length)];
    const township = `${county}${String(100 + Math.floor(rand() * 30)).padStart(3, '0')}`;
    const village = `${township}${String(200 + Math.floor(rand() * 40)).padStart(3, '0')}`;
    const year = 2016 + Math.floor(rand() * 5);
    const category = weighted(rand, projectCategories, categories);
    const mode: IndustryMode | null = category === 'industry' ? industryModes[Math.floor(rand() * industryModes.length)] : null;
    const status = weighted(rand, projectStatuses, statuses);
    const totalWan = rand() < 0.03 ? null : Math.round(Math.exp(Math.log(60) + 1.1 * normal(rand)) * 100) / 100;
    const spentWan = totalWan == null ? null : Math.round(totalWan * rand() * 100) / 100;
    const lng = Math.round((w + (e - w) * rand()) * 1e6) / 1e6;
    const lat = Math.round((s + (nn - s) * rand()) * 1e6) / 1e6;
    const month = 1 + Math.floor(rand() * 12);
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lng, lat] },
      properties: {
        code: `P${county}-${year}-${String(i + 1).padStart(6, '0')}`,
        name: `演示${categoryName[category]}项目${i + 1}`,
        year,
        generalised: false,
        countyCode: county,
        townshipCode: township,
        villageCode: village,
        category,
        mode,
        status,
        overdue: notCompleted.includes(status) && rand() < 0.3,
        totalWan,
        spentWan,
        householdsReached: rand() < 0.2 ? null : Math.floor(rand() * 300),
        plannedCompletion: `${year}-${String(month).padStart(2, '0')}-28`,
      },
    });
  }
  return features;
}
