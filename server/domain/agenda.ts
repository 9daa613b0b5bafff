/**
 * Slides of a meeting deck as map views: the query string of a view (the client's URL codecs: m,
 * area, level, asOf, sel), what is wrong with a saved view, and the agenda deck — the city overview,
 * then one slide per lagging unit, worst first, zoomed to it.
 */
import { formatDate, formatMeasureValue, formatPct } from './format.ts';
import { isMeasureId, type Measure, type MeasureId } from './measures.ts';

export interface SlideView {
  measure: MeasureId;
  /** The area whose divisions are drawn (the city 4114, a county, a township). */
  area: string;
  asOf: string;
  selected?: string | null;
  /** Open the follow-up (督办) list over the map. */
  followups?: boolean;
}

/** The level of the divisions under an area code (4 digits city → county, 6 → township, 9 → village). */
export function childLevel(area: string): 'county' | 'township' | 'village' | null {
  return area.length === 4 ? 'county' : area.length === 6 ? 'township' : area.length === 9 ? 'village' : null;
}

/** The query string of a view, as the client writes it. */
export function viewQuery(v: SlideView): string {
  const p = new URLSearchParams();
  p.set('level', childLevel(v.area) ?? 'county');
  p.set('area', v.area);
  if (v.selected) p.set('sel', v.selected);
  p.set('m', v.measure);
  p.set('asOf', v.asOf);
  if (v.followups) p.set('fu', '1');
  return `?${p}`;
}

/** The measure and division codes a saved view refers to. */
export function viewRefs(view: string): { measure: string | null; codes: string[] } {
  const p = new URLSearchParams(view);
  const codes = [p.get('area'), p.get('sel')].filter((c): c is string => !!c);
  return { measure: p.get('m'), codes };
}

/** Why a saved view cannot be shown any more, or null when it can. */
export function viewProblem(view: string, existingCodes: ReadonlySet<string>): string | null {
  const { measure, codes } = viewRefs(view);
  if (measure !== null && !isMeasureId(measure)) return `measure "${measure}" no longer exists`;
  const missing = codes.filter((c) => !existingCodes.has(c));
  if (missing.length) return `area ${missing.join(', ')} no longer exists`;
  return null;
}

export interface AgendaRow {
  code: string;
  name: string;
  value: number | null;
  lag: number | null;
  status: string;
}

export interface AgendaSlide {
  title: string;
  view: string;
}

/**
 * The agenda: the city overview, then each lagging unit (status 'lagging'), worst first — by lag for
 * 序时进度 and fixed targets, by value for "should be zero" measures — each zoomed to its own
 * divisions. Ties in code order.
 */
export function agendaSlides(
  measure: Measure,
  city: { code: string; name: string },
  rows: readonly AgendaRow[],
  asOf: string,
): AgendaSlide[] {
  const date = formatDate(asOf, 'zh');
  const out: AgendaSlide[] = [
    { title: `${city.name}${measure.nameZh}（数据截至${date}）`, view: viewQuery({ measure: measure.id, area: city.code, asOf }) },
  ];
  const lagging = rows
    .filter((r) => r.status === 'lagging' && r.value !== null)
    .sort(
      (a, b) =>
        (measure.statusRule === 'zero' ? (b.value ?? 0) - (a.value ?? 0) : (a.lag ?? 0) - (b.lag ?? 0)) || (a.code < b.code ? -1 : 1),
    );
  for (const r of lagging) {
    const value = formatMeasureValue(measure, r.value, 'zh').replace(' ', '');
    const behind = r.lag !== null && measure.statusRule !== 'zero' ? `，落后${formatPct(Math.abs(r.lag)).replace('%', '')}个百分点` : '';
    out.push({ title: `${r.name}：${measure.nameZh}${value}${behind}`, view: viewQuery({ measure: measure.id, area: r.code, asOf }) });
  }
  return out;
}

/** An item still open, as the agenda's first slide lists it. */
export interface AgendaFollowup {
  countyName: string;
  areaName: string | null;
  title: string;
  responsibleUnit: string;
  deadline: string;
  state: 'open' | 'overdue' | 'closed';
  daysOverdue: number | null;
  meetingDate: string | null;
  responses: readonly { progress: string }[];
}

/** At most this many items are written out on the slide; the rest are counted. */
const followupLines = 12;

/**
 * The slide that opens the next meeting's agenda: the follow-up items (督办事项) still open, overdue
 * first, each with its responsible unit, deadline and latest progress (the caller adds it when any is open).
 */
export function followupSlide(
  items: readonly AgendaFollowup[],
  measure: Measure,
  city: { code: string },
  asOf: string,
): AgendaSlide & { notes: string } {
  const overdue = items.filter((i) => i.state === 'overdue').length;
  const title = `上次调度会督办事项：${items.length}项未办结${overdue ? `，其中${overdue}项超期` : ''}`;
  const lines = items.slice(0, followupLines).map((i, n) => {
    const where = i.areaName && i.areaName !== i.countyName ? `${i.countyName}${i.areaName}` : i.countyName;
    const late = i.state === 'overdue' ? `，已超期${i.daysOverdue}天` : '';
    const last = i.responses.at(-1);
    return `${n + 1}. 【${where}】${i.title}（责任单位：${i.responsibleUnit}；期限：${formatDate(i.deadline, 'zh')}${late}）${
      last ? `最新进展：${last.progress}` : '尚未报送进展'
    }`;
  });
  if (items.length > followupLines) lines.push(`另有${items.length - followupLines}项，见督办面板。`);
  return {
    title: title.slice(0, 120),
    notes: lines.join('\n').slice(0, 4000),
    view: viewQuery({ measure: measure.id, area: city.code, asOf, followups: true }),
  };
}
