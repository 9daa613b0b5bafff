/**
 * Each county's follow-up items on the map (督办): a small badge beside the county's name — 督办 on dark grey,
 * then blue for the items in progress and orange-red for the overdue ones — drawn as HTML over MapLibre (no deck.gl),
 * placed with the map's own viewport, and clicked to open the 督办 drawer on that county's items.
 */
import { message } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { fetchFollowupCounts, openFollowups, type FollowupCounts } from '../../api/followups-api.ts';
import type { RegionFeature } from '../../api/client.ts';
import { mercatorProjector } from '../../map/types.ts';
import { useViewport, type ViewportStore } from '../../map/viewport-store.ts';
import { useAccount } from '../account/account-context.ts';
import { hasGrant } from '../account/permissions.ts';
import { useFollowupsI18n } from './followups-i18n.ts';
import './followups.css';

export interface FollowupBadgesProps {
  /** The map's viewport as drawn now (each frame). */
  viewport: ViewportStore;
  /** The county-level divisions with their label points (badges sit beside the names). */
  counties: readonly RegionFeature[] | null;
  /** Hide the badges (e.g. below the city level, where the townships' names need the room). */
  hidden?: boolean;
}

/** The counts, loaded once and again whenever items change on this page. */
export function useFollowupCounts(): FollowupCounts | null {
  const [counts, setCounts] = useState<FollowupCounts | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      fetchFollowupCounts().then(
        (c) => live && setCounts(c),
        () => {},
      );
    void load();
    window.addEventListener('followups-changed', load);
    return () => {
      live = false;
      window.removeEventListener('followups-changed', load);
    };
  }, []);
  return counts;
}

/**
 * Where a badge goes: right of the county's label (name over value, centred on the label point), so
 * the fill under and around the name stays free for the pointer (tooltip, drill-down) and the eye.
 */
function badgeOffset(name: string): { dx: number; dy: number } {
  const nameWidth = Math.min([...name].length, 6) * 20;
  return { dx: Math.max(nameWidth, 56) / 2 + 8, dy: -13 };
}

export function FollowupBadges({ viewport: store, counties, hidden }: FollowupBadgesProps) {
  const { tf } = useFollowupsI18n();
  const viewport = useViewport(store);
  const { me } = useAccount();
  const counts = useFollowupCounts();
  const canRead = !!me?.user && hasGrant(me, 'followups:read');
  const labels = useMemo(() => {
    const m = new Map<string, { at: [number, number]; name: string }>();
    for (const f of counties ?? []) if (f.properties.label) m.set(f.properties.code, { at: f.properties.label, name: f.properties.name });
    return m;
  }, [counties]);
  if (hidden || !viewport || !counts) return null;
  const project = mercatorProjector(viewport);
  return (
    <div className="fu-badges" data-testid="followup-badges">
      {counts.counties.map((c) => {
        const label = labels.get(c.countyCode);
        if (!label || c.open + c.overdue === 0) return null;
        const [x, y] = project(label.at);
        const { dx, dy } = badgeOffset(label.name);
        if (x < 0 || y < 0 || x > viewport.width || y > viewport.height) return null;
        return (
          <button
            key={c.countyCode}
            type="button"
            className="fu-badge"
            style={{ left: Math.round(x + dx), top: Math.round(y + dy) }}
            data-testid="followup-badge"
            data-county={c.countyCode}
            data-open={c.open}
            data-overdue={c.overdue}
            title={tf('badge.title', { county: c.countyName, open: c.open, overdue: c.overdue })}
            onClick={() => (canRead ? openFollowups(c.countyCode) : void message.info(tf('badge.needLogin')))}
          >
            <span className="fu-badge__label">{tf('badge.label')}</span>
            {c.open > 0 && <span className="fu-badge__open">{tf('badge.open', { n: c.open })}</span>}
            {c.overdue > 0 && <span className="fu-badge__overdue">{tf('badge.overdue', { n: c.overdue })}</span>}
          </button>
        );
      })}
    </div>
  );
}
