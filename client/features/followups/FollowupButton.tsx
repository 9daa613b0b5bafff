/**
 * 督办 in the meeting toolbar: opens the drawer of follow-up items (loaded on first use, so the first
 * screen carries none of it); a badge on the map opens it on its county.
 */
import { Button } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useAccount } from '../account/account-context.ts';
import { hasGrant } from '../account/permissions.ts';
import { useFollowupCounts } from './FollowupBadges.tsx';
import { useFollowupsI18n } from './followups-i18n.ts';

const FollowupDrawer = lazy(() => import('./FollowupDrawer.tsx'));

export function FollowupButton() {
  const { tf } = useFollowupsI18n();
  const { me } = useAccount();
  const [open, setOpen] = useState(false);
  const [county, setCounty] = useState<string | null>(null);
  const [used, setUsed] = useState(false);
  const counts = useFollowupCounts();
  const overdue = counts?.counties.reduce((n, c) => n + c.overdue, 0) ?? 0;
  const allowed = !!me?.user && hasGrant(me, 'followups:read');

  useEffect(() => {
    if (!allowed) return;
    const onOpen = (e: Event) => {
      setCounty((e as CustomEvent<string | null>).detail ?? null);
      setUsed(true);
      setOpen(true);
    };
    window.addEventListener('followups-open', onOpen);
    return () => window.removeEventListener('followups-open', onOpen);
  }, [allowed]);

  if (!allowed) return null;
  return (
    <>
      <Button
        size="small"
        onClick={() => {
          setCounty(null);
          setUsed(true);
          setOpen(true);
        }}
        data-testid="open-followups"
      >
        {tf('bar.open')}
        {overdue > 0 && (
          <span className="fu-bar-count" title={tf('filter.overdue')}>
            {overdue}
          </span>
        )}
      </Button>
      {used && (
        <Suspense fallback={null}>
          <FollowupDrawer open={open} onClose={() => setOpen(false)} county={county} />
        </Suspense>
      )}
    </>
  );
}
