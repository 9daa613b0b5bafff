/** 台账 in the header: opens the ledger dock under the map (anyone who may read the ledger). */
import { TableOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useLedgerI18n } from './ledger-i18n.ts';

export function LedgerButton({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const { t } = useLedgerI18n();
  return (
    <Tooltip title={t('open.title')}>
      <Button
        className="ledger-button"
        icon={<TableOutlined />}
        type={open ? 'primary' : 'default'}
        aria-pressed={open}
        onClick={onToggle}
        data-testid="open-ledger"
      >
        {t('open')}
      </Button>
    </Tooltip>
  );
}
