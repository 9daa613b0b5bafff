/**
 * A map view as one SVG figure: the choropleth with names and values, title and date, legend, scale
 * bar, north arrow and source line. Pure (strings in, string out): the PNG export draws it on a
 * canvas at 1× or 2×, the printed deck puts it inline (its text stays searchable in the PDF).
 */

import { labelBoxSize, placeLabels } from '../../layers/label-placement.ts';

export interface FigureArea {
  code: string;
  name: string;
  /** Value text shown under the name, e.g. '50.0%'. */
  valueText: string;
  color: string;
  /** Polygon rings, [lng, lat]. */
  polygons: number[][][][];
  /** Label anchor [lng, lat], or null (then the bounding-box centre). */
  label: [number, number] | null;
}

export interface FigureLegend {
  title: string;
  lines: string[];
  classes: { color: string; label: string; count: number }[];
}

export interface FigureInput {
  width: number;
  height: number;
  title: string;
  subtitle: string;
  areas: FigureArea[];
  legend: FigureLegend;
  source: string;
  /** Shown across the figure when the data are generated (演示数据). */
  watermark: string | null;
  lang: 'zh' | 'en';
}

/** Size of the names on the figure, px. */
const labelPx = 17;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const font = `'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', sans-serif`;

/** A round length for a scale bar no longer than `maxMetres`: 1, 2 or 5 × 10ⁿ metres. */
export function niceLength(maxMetres: number): number {
  if (!(maxMetres > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(maxMetres));
  for (const m of [5, 2, 1]) if (m * p <= maxMetres) return m * p;
  return p;
}

/**
 * `text` broken into lines no wider than `widthPx` at `sizePx` (CJK characters 1 em, others 0.6 em, as the
 * label placement measures them): SVG text does not wrap by itself.
 */
export function wrapText(text: string, widthPx: number, sizePx: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const c of text) {
    if (line && labelBoxSize(line + c, sizePx, 1e6).width > widthPx) {
      lines.push(line);
      line = c.trim() ? c : '';
    } else line += c;
  }
  if (line) lines.push(line);
  return lines;
}

/** Text of a scale length: '20 km', '500 m'. */
export const lengthText = (m: number) => (m >= 1000 ? `${m / 1000} km` : `${m} m`);

export function figureSvg(f: FigureInput): string {
  const titleH = 64;
  const footH = 34;
  const legendW = Math.min(320, Math.round(f.width * 0.28));
  const mapBox = { x: 16, y: titleH + 8, w: f.width - legendW - 40, h: f.height - titleH - footH - 16 };

  // Bounds and an equirectangular projection with x scaled by cos(latitude): right for a city.
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const a of f.areas)
    for (const poly of a.polygons)
      for (const ring of poly)
        for (const [x, y] of ring) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
  const hasGeo = Number.isFinite(minX);
  const k = hasGeo ? Math.cos((((minY + maxY) / 2) * Math.PI) / 180) : 1;
  const gw = hasGeo ? Math.max((maxX - minX) * k, 1e-9) : 1;
  const gh = hasGeo ? Math.max(maxY - minY, 1e-9) : 1;
  const scale = Math.min((mapBox.w - 20) / gw, (mapBox.h - 20) / gh);
  const ox = mapBox.x + (mapBox.w - gw * scale) / 2;
  const oy = mapBox.y + (mapBox.h - gh * scale) / 2;
  const px = (x: number) => ox + (x - minX) * k * scale;
  const py = (y: number) => oy + (maxY - y) * scale;
  const r1 = (v: number) => Math.round(v * 10) / 10;

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}" font-family="${esc(font)}">`,
  );
  parts.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  parts.push(`<rect x="${mapBox.x}" y="${mapBox.y}" width="${mapBox.w}" height="${mapBox.h}" fill="#eef2f6"/>`);
  // Title bar
  parts.push(`<rect width="${f.width}" height="${titleH}" fill="#14243b"/>`);
  parts.push(`<text x="20" y="41" font-size="26" font-weight="700" fill="#ffffff">${esc(f.title)}</text>`);
  parts.push(`<text x="${f.width - 20}" y="41" font-size="20" fill="#ffffff" text-anchor="end">${esc(f.subtitle)}</text>`);

  // Areas
  for (const a of f.areas) {
    const d = a.polygons.flatMap((poly) => poly.map((ring) => `M${ring.map(([x, y]) => `${r1(px(x))},${r1(py(y))}`).join('L')}Z`)).join('');
    parts.push(`<path d="${d}" fill="${a.color}" stroke="#ffffff" stroke-width="1.5" fill-rule="evenodd" data-code="${a.code}"/>`);
  }
  // Labels (name over value) where they fit: larger areas first, a label touching one already drawn is left
  // out (the ranking beside the figure names every unit), as on the live map.
  const anchors = f.areas.flatMap((a) => {
    const pts = a.polygons.flat(2);
    if (pts.length === 0 && !a.label) return [];
    const xs = pts.map((p) => px(p[0]));
    const ys = pts.map((p) => py(p[1]));
    const at: [number, number] = a.label
      ? [px(a.label[0]), py(a.label[1])]
      : [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
    const priority = xs.length ? (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys)) : 0;
    return [{ a, at, priority }];
  });
  const wider = (a: FigureArea) =>
    labelBoxSize(a.name, labelPx, 99).width >= labelBoxSize(a.valueText, labelPx, 99).width ? a.name : a.valueText;
  const shown = placeLabels(
    anchors.map(({ a, at, priority }) => ({ code: a.code, text: wider(a), position: [at[0], at[1]] as [number, number], priority })),
    // Name (baseline 2 px above the anchor) and value (18 px below): two lines centred on the anchor.
    { project: (p) => p, sizePx: labelPx, charsPerLine: 99, lineHeight: 2.3, marginPx: 6 },
  );
  for (const { a, at } of anchors) {
    if (!shown.has(a.code)) continue;
    const [lx, ly] = at;
    const halo = 'stroke="#ffffff" stroke-width="4" paint-order="stroke" stroke-linejoin="round"';
    parts.push(
      `<text x="${r1(lx)}" y="${r1(ly - 2)}" font-size="${labelPx}" font-weight="700" fill="#14243b" text-anchor="middle" ${halo}>${esc(a.name)}</text>`,
    );
    if (a.valueText)
      parts.push(
        `<text x="${r1(lx)}" y="${r1(ly + 18)}" font-size="16" font-weight="700" fill="#14243b" text-anchor="middle" ${halo}>${esc(a.valueText)}</text>`,
      );
  }

  // Scale bar (bottom left of the map) and north arrow (top right of the map)
  if (hasGeo) {
    const metresPerPx = (111_320 * 1) / scale; // one degree of latitude ≈ 111.32 km, drawn `scale` px tall
    const len = niceLength(metresPerPx * 160);
    const w = len / metresPerPx;
    const sx = mapBox.x + 16;
    const sy = mapBox.y + mapBox.h - 18;
    parts.push(`<rect x="${sx - 6}" y="${sy - 24}" width="${r1(w + 56)}" height="34" fill="#ffffff" fill-opacity="0.85"/>`);
    parts.push(`<path d="M${sx},${sy - 6}V${sy}H${r1(sx + w)}V${sy - 6}" fill="none" stroke="#14243b" stroke-width="2"/>`);
    parts.push(`<text x="${r1(sx + w + 6)}" y="${sy}" font-size="14" fill="#14243b">${lengthText(len)}</text>`);
  }
  const nx = mapBox.x + mapBox.w - 34;
  const ny = mapBox.y + 18;
  parts.push(`<path d="M${nx},${ny + 12}l12,34l-12,-9l-12,9z" fill="#14243b"/>`);
  parts.push(
    `<text x="${nx}" y="${ny + 6}" font-size="16" font-weight="700" fill="#14243b" text-anchor="middle">${f.lang === 'zh' ? '北' : 'N'}</text>`,
  );

  // Legend
  const lx = f.width - legendW - 12;
  let ly = titleH + 30;
  parts.push(`<text x="${lx}" y="${ly}" font-size="20" font-weight="700" fill="#14243b">${esc(f.legend.title)}</text>`);
  ly += 10;
  for (const line of f.legend.lines.flatMap((l) => wrapText(l, legendW, 15))) {
    ly += 22;
    parts.push(`<text x="${lx}" y="${ly}" font-size="15" fill="#34425a">${esc(line)}</text>`);
  }
  ly += 16;
  for (const c of f.legend.classes) {
    ly += 32;
    parts.push(
      `<rect x="${lx}" y="${ly - 20}" width="30" height="24" fill="${c.color}" stroke="#8896aa" stroke-width="1" data-legend="${c.color}"/>`,
    );
    parts.push(`<text x="${lx + 42}" y="${ly - 1}" font-size="17" fill="#14243b">${esc(c.label)}</text>`);
    parts.push(`<text x="${f.width - 24}" y="${ly - 1}" font-size="17" fill="#14243b" text-anchor="end">${c.count}</text>`);
  }

  // Source line and watermark
  parts.push(`<text x="20" y="${f.height - 12}" font-size="13" fill="#5b6676">${esc(f.source)}</text>`);
  if (f.watermark) {
    parts.push(
      `<text x="${mapBox.x + mapBox.w / 2}" y="${mapBox.y + mapBox.h / 2}" font-size="96" font-weight="700" fill="#14243b" fill-opacity="0.07" ` +
        `text-anchor="middle" transform="rotate(-20 ${mapBox.x + mapBox.w / 2} ${mapBox.y + mapBox.h / 2})">${esc(f.watermark)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
