/** The button that opens the siting tool, for accounts that may use it (planners, leaders, editors, administrators). */
import { Button } from 'antd';
import { useAccount } from '../account/account-context.ts';
import { hasGrant } from '../account/permissions.ts';
import { openSiting } from './use-siting.ts';
import { translateSiting, type SitingLang } from './siting-i18n.ts';
import './siting.css';
import type { SitingState } from './siting-state.ts';

export function SitingLauncher({ lang, onOpen }: { lang: SitingLang; onOpen(s: SitingState): void }) {
  const { me } = useAccount();
  if (!hasGrant(me, 'siting:use')) return null;
  return (
    <div className="siting-launcher">
      <Button type="primary" block onClick={() => onOpen(openSiting())} data-testid="siting-open">
        {translateSiting(lang, 'open')}
      </Button>
    </div>
  );
}
