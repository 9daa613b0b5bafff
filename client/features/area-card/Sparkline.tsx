/** A small monthly chart: the value (solid) and 序时进度 (dashed) over the history dates; meetings as ticks. */
import type { HistoryPoint } from '../../api/client.ts';
import { sparklinePaths } from './sparkline.ts';

export function Sparkline({ series, asOf, label }: { series: HistoryPoint[]; asOf: string | null; label: string }) {
  const w = 260;
  const h = 90;
  const { value, expected, points, max } = sparklinePaths(series, w, h, 6);
  const current = points.find((p) => p.asOf === asOf);
  return (
    <svg className="sparkline" width="100%" viewBox={`0 0 ${w} ${h + 18}`} role="img" aria-label={label} data-testid="sparkline">
      <line x1={0} x2={w} y1={h - 6} y2={h - 6} stroke="#c5cedb" />
      {expected && <path d={expected} fill="none" stroke="#8c8c8c" strokeWidth={2} strokeDasharray="5 4" />}
      {value && <path d={value} fill="none" stroke="#1a4b8c" strokeWidth={2.5} />}
      {points.map((p) =>
        p.y === null ? null : (
          <circle key={p.asOf} cx={p.x} cy={p.y} r={p.asOf === asOf ? 5 : 3} fill={p.asOf === asOf ? '#c9a227' : '#1a4b8c'} />
        ),
      )}
      <text x={0} y={h + 14} fontSize={13} fill="#5b6676">
        {series[0] ? `${Number(series[0].asOf.slice(5, 7))}月` : ''}
      </text>
      <text x={w} y={h + 14} fontSize={13} fill="#5b6676" textAnchor="end">
        {series.at(-1) ? `${Number(series.at(-1)!.asOf.slice(5, 7))}月${Number(series.at(-1)!.asOf.slice(8, 10))}日` : ''}
      </text>
      <text x={w} y={12} fontSize={12} fill="#5b6676" textAnchor="end">{`max ${Math.round(max)}`}</text>
      {current && current.y !== null && <line x1={current.x} x2={current.x} y1={0} y2={h - 6} stroke="#c9a227" strokeDasharray="2 2" />}
    </svg>
  );
}
