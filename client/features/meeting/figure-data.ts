/**
 * Everything one slide needs, loaded for a saved view: boundaries, values, classification, briefing,
 * and the SVG figure built from them. The PNG export and the printed deck share it.
 */
import { fetchMeasureValues, fetchRegions, type MeasureValues } from '../../api/client.ts';
import { fetchBriefing, type Briefing } from '../../api/meeting-api.ts';
import { rootCode, rootName } from '../../app-state/root-area.ts';
import { parseViewState, type ViewState } from '../../app-state/view-state.ts';
import { translate } from '../../i18n/messages.ts';
import { childLevelOf, classifyRows, type Classification } from '../choropleth/choropleth.ts';
import { formatDate, formatMeasureValue, formatPct, formatPts } from '../../../server/domain/format.ts';
import { expectedKindOf } from '../../../server/domain/time-target.ts';
import { figureSvg, type FigureArea } from './figure.ts';
import { translateMeeting } from './meeting-i18n.ts';

export interface SlideData {
  view: ViewState;
  values: MeasureValues;
  classification: Classification;
  briefing: Briefing;
  svg: string;
  title: string;
}

export function classificationOf(values: MeasureValues, view: ViewState): Classification {
  const t = (k: Parameters<typeof translate>[1]) => translate(view.lang, k);
  return classifyRows(values.rows, {
    measure: values.measure,
    method: view.method,
    customBreaks: view.breaks,
    compare: values.compareTo !== null,
    lang: view.lang,
    statusLabels:
      values.measure.statusRule === 'zero'
        ? { ahead: t('status.ahead'), on_track: t('status.zero.on_track'), lagging: t('status.zero.lagging') }
        : { ahead: t('status.ahead'), on_track: t('status.on_track'), lagging: t('status.lagging') },
  });
}

/** The legend's lines: formula, as-of date, the expected value under the measure's rule. */
export function legendLines(values: MeasureValues, lang: 'zh' | 'en'): string[] {
  const m = values.measure;
  const lines = [
    translate(lang, 'legend.formula', { formula: lang === 'zh' ? m.formulaZh : m.formulaEn }),
    translate(lang, 'legend.asOf', { date: formatDate(values.asOf, lang) }),
  ];
  const kind = m.statusRule === 'schedule' ? expectedKindOf(values.target ?? undefined) : null;
  if (values.expected !== null && kind === 'schedule')
    lines.push(translate(lang, 'legend.expected', { value: formatMeasureValue(m, values.expected, lang) }));
  if (values.expected !== null && kind === 'fixed') {
    const due = values.target?.milestones?.[0];
    lines.push(
      translateMeeting(lang, 'target.fixed', { value: formatPct(values.expected, lang), date: due ? formatDate(due.date, lang) : '' }),
    );
  }
  if (values.compareTo) lines.push(translate(lang, 'legend.change', { from: formatDate(values.compareTo, lang) }));
  return lines;
}

export async function loadSlide(search: string, size = { width: 1600, height: 900 }): Promise<SlideData> {
  const view = parseViewState(search);
  const level = childLevelOf(view.area) ?? view.level;
  const [regions, values, briefing] = await Promise.all([
    fetchRegions({ level, parent: view.area }),
    fetchMeasureValues(view.measure, { level, parent: view.area, asOf: view.asOf, compareTo: view.compareTo }),
    fetchBriefing(view.measure, { level, parent: view.area, asOf: view.asOf, compareTo: view.compareTo, lang: view.lang }),
  ]);
  const classification = classificationOf(values, view);
  const byCode = new Map(values.rows.map((r) => [r.code, r]));
  const m = values.measure;
  const areas: FigureArea[] = regions.features.flatMap((f) => {
    const g = f.geometry;
    if (!g) return [];
    const row = byCode.get(f.properties.code);
    const c = classification.classOf(row);
    const shown = values.compareTo ? row?.change : row?.value;
    return [
      {
        code: f.properties.code,
        name: f.properties.name,
        valueText:
          shown == null
            ? ''
            : values.compareTo
              ? formatPts(shown, view.lang).replace(' 个百分点', '')
              : formatMeasureValue(m, shown, view.lang).replace(' ', ''),
        color: c === null ? '#d9d9d9' : classification.classes[c].color,
        polygons: g.type === 'Polygon' ? [g.coordinates] : g.coordinates,
        label: (f.properties.label as [number, number] | null) ?? null,
      },
    ];
  });
  const name = view.lang === 'zh' ? m.nameZh : m.nameEn;
  const scope = values.parent.code === rootCode() ? rootName(view.lang) || values.parent.name : values.parent.name;
  const title = `${scope} · ${name}`;
  const svg = figureSvg({
    ...size,
    title,
    subtitle: translate(view.lang, 'legend.asOf', { date: formatDate(values.asOf, view.lang) }),
    areas,
    legend: {
      title: name,
      lines: legendLines(values, view.lang),
      classes: [
        ...classification.classes.map((c) => ({ color: c.color, label: c.label, count: c.count })),
        { color: '#d9d9d9', label: translate(view.lang, 'legend.noData'), count: classification.noDataCount },
      ],
    },
    source: translateMeeting(view.lang, 'figure.source'),
    watermark: translate(view.lang, 'demo.badge'),
    lang: view.lang,
  });
  return { view, values, classification, briefing, svg, title };
}

/** Draw an SVG string on a canvas at `scale` (1 or 2) and give the PNG. */
export async function svgToPng(svg: string, width: number, height: number, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
