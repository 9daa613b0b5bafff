/** A county's sign-off state as a tag (text and colour, never colour alone). */
import { Tag } from 'antd';
import type { SignoffState } from './signoff.ts';
import { useLedgerI18n } from './ledger-i18n.ts';

const colors: Record<SignoffState, string> = { unsigned: 'default', partial: 'cyan', signed: 'green', changed: 'purple' };

export function SignoffTag({ state }: { state: SignoffState }) {
  const { t } = useLedgerI18n();
  return (
    <Tag color={colors[state]} data-testid="signoff-state" data-state={state}>
      {t(`state.${state}`)}
    </Tag>
  );
}
