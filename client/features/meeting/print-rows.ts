/**
 * Which ranking rows a printed slide has room for: all of them when they fit; else the best few and the
 * worst ones (a meeting reads the laggards), with a gap marker between them telling how many are left out.
 */
export type PrintRow<T> = { kind: 'row'; row: T } | { kind: 'gap'; omitted: number };

export function printRows<T>(ranked: readonly T[], max: number): PrintRow<T>[] {
  if (ranked.length <= max) return ranked.map((row) => ({ kind: 'row', row }));
  const top = Math.floor((max - 1) / 2);
  const bottom = max - 1 - top;
  return [
    ...ranked.slice(0, top).map((row) => ({ kind: 'row' as const, row })),
    { kind: 'gap', omitted: ranked.length - top - bottom },
    ...ranked.slice(ranked.length - bottom).map((row) => ({ kind: 'row' as const, row })),
  ];
}
