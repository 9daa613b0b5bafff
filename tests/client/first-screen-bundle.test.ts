/**
 * What the first screen's JavaScript may contain: the entry chunk and every chunk it imports statically
 * (what the browser fetches before any map code runs). deck.gl, the siting tool's geometry engine,
 * polygon clipping, Excel and the forms load on first use; a static import that pulls one of them into
 * the first screen fails here. The gzip total is held under a budget so the first screen cannot grow
 * unnoticed (docs/benchmarks.md has the measured figures).
 */
import { gzipSync } from 'node:zlib';
import type { OutputBundle, OutputChunk } from 'rolldown';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

/** Packages that must not be in the first screen, with the feature that loads them. */
const lazyOnly = [
  { pattern: /node_modules\/@deck\.gl\//, what: 'deck.gl (operational layers, siting rings)' },
  { pattern: /node_modules\/@luma\.gl\//, what: 'luma.gl (deck.gl’s WebGL)' },
  { pattern: /node_modules\/@turf\/jsts\//, what: 'JSTS (turf buffer, siting preview)' },
  { pattern: /node_modules\/polyclip-ts\//, what: 'polygon clipping (dissolving an outline in the browser)' },
  { pattern: /node_modules\/exceljs\//, what: 'ExcelJS (exports)' },
  // (antd's inputs carry rc-form's contexts through antd/es/form/context; antd's Form and Form.Item wait.)
  { pattern: /node_modules\/antd\/es\/form\/(Form|FormItem\/index)\.js$/, what: 'antd Form (login and other dialogs)' },
  { pattern: /client\/features\/meeting\/(DeckDrawer|Presenter|PrintDeck|SaveViewModal|BriefingPanel)\.tsx/, what: 'meeting panels' },
  { pattern: /client\/features\/siting\/SitingPanel\.tsx/, what: 'the siting panel' },
];
/** gzip -9 of the entry and its static imports, KB: the measured size (≈ 600) plus room for small changes. */
const budgetKb = 640;

let chunks: OutputChunk[] = [];
beforeAll(async () => {
  // As `npm run build` does: vitest sets NODE_ENV=test, which would make React and antd ship their development builds.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const out = await build({ configFile: 'vite.config.ts', mode: 'production', logLevel: 'silent', build: { write: false } }).finally(
    () => (process.env.NODE_ENV = nodeEnv),
  );
  const bundle = (Array.isArray(out) ? out[0] : out) as unknown as { output: OutputBundle[keyof OutputBundle][] };
  const byName = new Map(bundle.output.map((o) => [o.fileName, o]));
  const entry = bundle.output.find((o): o is OutputChunk => o.type === 'chunk' && o.isEntry)!;
  const seen = new Map<string, OutputChunk>();
  const stack = [entry.fileName];
  while (stack.length) {
    const name = stack.pop()!;
    const chunk = byName.get(name);
    if (seen.has(name) || chunk?.type !== 'chunk') continue;
    seen.set(name, chunk);
    stack.push(...chunk.imports);
  }
  chunks = [...seen.values()];
}, 180_000);

describe('the first screen’s JavaScript', () => {
  it.each(lazyOnly)('does not carry $what', ({ pattern }) => {
    const found = chunks.flatMap((c) => Object.keys(c.modules).filter((id) => pattern.test(id)));
    expect(found.slice(0, 5).map((id) => id.replace(/^.*node_modules\//, ''))).toEqual([]);
  });

  it(`stays under ${budgetKb} KB gzip-compressed`, () => {
    const kb = chunks.reduce((n, c) => n + gzipSync(c.code, { level: 9 }).length, 0) / 1024;
    expect(chunks.length).toBeGreaterThan(1);
    expect(kb).toBeGreaterThan(300); // MapLibre alone is ≈ 270 KB: a much smaller figure means the walk is wrong
    expect(kb).toBeLessThan(budgetKb);
  });
});
