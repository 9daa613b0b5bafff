/** A village's score as a small stacked bar of its parts (0–100), with the number. */
import type { ScorePartId } from '../../../server/domain/siting-score.ts';
import { scorePartIds } from '../../../server/domain/siting-score.ts';

export const partColors: Record<ScorePartId, string> = { target: '#0b6e4f', distance: '#3c8dbc', poor: '#c0392b', pv: '#e6a100' };

export function ScoreBar({
  parts,
  score,
  titles,
}: {
  parts: Record<ScorePartId, number>;
  score: number;
  titles: Record<ScorePartId, string>;
}) {
  return (
    <div className="siting-scorebar" aria-label={`${score.toFixed(1)}`}>
      <div className="siting-scorebar__track">
        {scorePartIds.map((k) => (
          <span key={k} title={`${titles[k]} ${parts[k].toFixed(1)}`} style={{ width: `${parts[k]}%`, background: partColors[k] }} />
        ))}
      </div>
      <b>{score.toFixed(1)}</b>
    </div>
  );
}
