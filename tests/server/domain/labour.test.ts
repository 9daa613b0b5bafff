/**
 * Labour capacity has one definition: the measures count weak + full as "with labour capacity" and
 * say so; the household layers, the ledger and the area card label the three levels with the national
 * system's names. These tests read the catalogue and every dictionary and source file, so a label
 * that drifts (e.g. full capacity alone called 有劳动能力 again) fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labourCapacities } from '../../../server/contracts/enums.ts';
import { labourLabels, withLabourCapacity, withLabourLabel } from '../../../server/domain/labour.ts';
import { getMeasure } from '../../../server/domain/measures.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const sources = (dir: string): string[] =>
  fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });
/** Source text without comments: labels are what the code says, not what comments explain. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/ .*$/gm, '$1');
const files = [...sources('client'), ...sources('server')].map((f) => ({
  file: f,
  text: code(fs.readFileSync(path.join(root, f), 'utf8')),
}));

describe('labour capacity: one definition', () => {
  it('"with labour capacity" is weak and full, never none', () => {
    expect([...withLabourCapacity].sort()).toEqual(['full', 'weak']);
  });

  it('the three levels carry the national system names, distinct in each language', () => {
    expect(labourLabels).toEqual({
      none: { zh: '丧失劳动力或无劳动力', en: 'Lost or no labour capacity' },
      weak: { zh: '弱劳动力或半劳动力', en: 'Weak or half labour' },
      full: { zh: '普通劳动力或技能劳动力', en: 'Ordinary or skilled labour' },
    });
    for (const lang of ['zh', 'en'] as const) expect(new Set(labourCapacities.map((c) => labourLabels[c][lang])).size).toBe(3);
  });

  it.each([
    { field: 'formulaZh', text: withLabourLabel.zh, times: 2 },
    { field: 'formulaEn', text: withLabourLabel.en, times: 2 },
    { field: 'denominatorLabelZh', text: withLabourLabel.zh, times: 1 },
    { field: 'denominatorLabelEn', text: withLabourLabel.en, times: 1 },
  ] as const)('the coverage measure says which households it counts: $field', ({ field, text, times }) => {
    const value = getMeasure('measure_coverage')[field] ?? '';
    expect(value.split(text).length - 1).toBe(times);
  });

  // Dictionary entries `'labour.<level>'` (or `'lab.<level>'`): '<text>', in every zh and en dictionary of the client.
  const entries = files
    .filter((f) => /(^|[./])(zh|en)\.ts$/.test(f.file) && f.file.startsWith('client/'))
    .flatMap(({ file, text }) =>
      [...text.matchAll(/'(?:labour|lab)\.(none|weak|full)':\s*'([^']*)'/g)].map((m) => ({
        file,
        lang: /zh\.ts$/.test(file) ? 'zh' : 'en',
        level: m[1],
        label: m[2],
      })),
    ) as { file: string; lang: 'zh' | 'en'; level: 'none' | 'weak' | 'full'; label: string }[];

  it('every dictionary (layer panel, household ledger, siting) is checked, in both languages', () => {
    for (const lang of ['zh', 'en'])
      for (const level of labourCapacities)
        expect(
          entries.some((e) => e.lang === lang && e.level === level),
          `${lang} ${level}`,
        ).toBe(true);
  });

  it.each(entries)('$file: $level is the shared label', ({ lang, level, label }) => {
    expect(label).toBe(labourLabels[level][lang]);
  });

  it('no text anywhere calls a subset "有劳动能力" without saying that weak capacity is included', () => {
    const offenders = files.flatMap(({ file, text }) =>
      [
        ...text.matchAll(
          /有劳动能力(?!（含弱劳动能力）)|\bwith labour capacity\b(?! \((weak included|weak or full)\))|'(Full|Weak|No) labour'/gi,
        ),
      ].map((m) => `${file}: ${m[0]}`),
    );
    expect(offenders).toEqual([]);
  });
});
