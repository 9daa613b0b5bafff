/**
 * Exact label placement on the screen: the highest-priority labels first, each kept only when its box
 * (plus a margin) overlaps no box already kept. Pure: positions come from a projection function.
 * deck's CollisionFilterExtension only tests each label's anchor point against the others' footprints,
 * so labels of different lengths can still touch; this settles the layout whenever the map comes to rest.
 */

/** Size in CSS px of a label of `text`: CJK characters 1 em wide, others 0.6 em; wrapped like the TextLayer. */
export function labelBoxSize(text: string, sizePx: number, charsPerLine: number, lineHeight = 1.15): { width: number; height: number } {
  const chars = [...text];
  const lines: string[][] = [];
  for (let i = 0; i < chars.length; i += Math.max(1, charsPerLine)) lines.push(chars.slice(i, i + Math.max(1, charsPerLine)));
  const em = (c: string) => (/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(c) ? 1 : 0.6);
  const width = Math.max(0, ...lines.map((l) => l.reduce((w, c) => w + em(c), 0))) * sizePx;
  return { width, height: lines.length * sizePx * lineHeight };
}

export interface PlaceableLabel {
  code: string;
  text: string;
  /** Anchor [lng, lat]; the text is centred on it. */
  position: [number, number];
  /** Higher is placed first (default 0); ties keep input order. */
  priority?: number;
}

export interface PlacementOptions {
  /** [lng, lat] → screen [x, y] in CSS px; null/NaN for points that cannot be shown. */
  project: (lngLat: [number, number]) => [number, number] | null;
  sizePx: number;
  charsPerLine: number;
  /** Free space kept around each label, px (default 6). */
  marginPx?: number;
  /** Line height as a multiple of the size (default 1.15). */
  lineHeight?: number;
  /** Code placed before everything else (the selected division), or null. */
  priorityCode?: string | null;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const CELL_PX = 128;

/** Codes of the labels that can be drawn without touching one another. */
export function placeLabels(labels: readonly PlaceableLabel[], options: PlacementOptions): Set<string> {
  const { project, sizePx, charsPerLine, marginPx = 6, lineHeight = 1.15, priorityCode = null } = options;
  const rank = (l: PlaceableLabel) => (l.code === priorityCode ? Infinity : (l.priority ?? 0));
  const order = labels.map((l, i) => ({ l, i })).sort((a, b) => rank(b.l) - rank(a.l) || a.i - b.i);
  const grid = new Map<string, Box[]>();
  const cells = (b: Box) => {
    const keys: string[] = [];
    for (let cx = Math.floor(b.x0 / CELL_PX); cx <= Math.floor(b.x1 / CELL_PX); cx++)
      for (let cy = Math.floor(b.y0 / CELL_PX); cy <= Math.floor(b.y1 / CELL_PX); cy++) keys.push(`${cx},${cy}`);
    return keys;
  };
  const kept = new Set<string>();
  for (const { l } of order) {
    const p = project(l.position);
    if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) continue;
    const { width, height } = labelBoxSize(l.text, sizePx, charsPerLine, lineHeight);
    // Half the margin on each box, so two kept boxes are at least `marginPx` apart.
    const m = marginPx / 2;
    const box: Box = { x0: p[0] - width / 2 - m, y0: p[1] - height / 2 - m, x1: p[0] + width / 2 + m, y1: p[1] + height / 2 + m };
    const keys = cells(box);
    const hit = keys.some((k) => grid.get(k)?.some((o) => box.x0 < o.x1 && o.x0 < box.x1 && box.y0 < o.y1 && o.y0 < box.y1));
    if (hit) continue;
    kept.add(l.code);
    for (const k of keys) {
      const list = grid.get(k);
      if (list) list.push(box);
      else grid.set(k, [box]);
    }
  }
  return kept;
}
