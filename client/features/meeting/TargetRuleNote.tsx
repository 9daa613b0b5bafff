/** The legend's line for a measure whose target is not 序时进度: a fixed or milestone target, or none. */
import type { MeasureValues } from '../../api/client.ts';
import { formatDate, formatPct } from '../../../server/domain/format.ts';
import { defaultLagThresholdPts, expectedKindOf } from '../../../server/domain/time-target.ts';
import { useMeetingI18n } from './meeting-i18n.ts';

export function TargetRuleNote({ values }: { values: MeasureValues }) {
  const { lang, tm } = useMeetingI18n();
  if (values.measure.statusRule !== 'schedule') return null;
  const target = values.target ?? undefined;
  const kind = expectedKindOf(target);
  if (kind === 'schedule') return null;
  if (kind === null)
    return (
      <div className="legend__line" data-testid="target-rule">
        {tm('target.none')}
      </div>
    );
  const milestones = target?.milestones ?? [];
  const method = target?.method;
  const due = method === 'fixed' ? milestones[0] : ([...milestones].reverse().find((x) => x.date <= values.asOf) ?? milestones[0]);
  const pts = Math.abs(target?.lagThresholdPts ?? defaultLagThresholdPts);
  return (
    <>
      <div className="legend__line legend__expected" data-testid="target-rule">
        {values.expected !== null
          ? tm(method === 'fixed' ? 'target.fixed' : 'target.milestone', {
              value: formatPct(values.expected, lang),
              date: due ? formatDate(due.date, lang) : '',
            })
          : tm('target.notYet', { value: due ? formatPct(due.valuePct, lang) : '', date: due ? formatDate(due.date, lang) : '' })}
      </div>
      {values.expected !== null && <div className="legend__line">{tm('target.threshold', { pts })}</div>}
    </>
  );
}
