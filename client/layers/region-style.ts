/**
 * Colours and sizes of the division layers, chosen for a washed-out projector: a pale fill that later
 * choropleths replace, mid-grey county lines, a dark city outline, dark labels with a white halo.
 * RGBA, 0–255.
 */

/** [red, green, blue, alpha], each 0–255. */
export type Rgba = readonly [number, number, number, number];

export const regionStyle = {
  fill: [214, 226, 240, 255] as Rgba,
  /** Tint under the pointer, blended over whatever fill is there (alpha = strength), so a choropleth keeps its hue. */
  hoverFill: [14, 47, 90, 56] as Rgba,
  /** Fill of the selected division. */
  selectedFill: [191, 214, 242, 255] as Rgba,
  line: [112, 128, 150, 255] as Rgba,
  lineWidthPx: 2,
  areaOutline: [20, 45, 90, 255] as Rgba,
  areaOutlineWidthPx: 3.5,
  selectedOutline: [0, 102, 221, 255] as Rgba,
  selectedOutlineWidthPx: 5,
  labelColor: [25, 32, 45, 255] as Rgba,
  labelHalo: [255, 255, 255, 235] as Rgba,
  labelSizePx: 20,
  /** Long names wrap after this many CJK characters. */
  labelCharsPerLine: 6,
  /** Line height, multiple of the text size. */
  labelLineHeight: 1.15,
  /** Free space between two labels, px. */
  labelMarginPx: 8,
} as const;

/** Local fonts only (never a web font): the map must render Chinese with no network. */
export const labelFontFamily = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";
