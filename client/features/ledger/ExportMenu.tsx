/** 导出 of a ledger view: a menu of download links (.xlsx, .csv, and any extra such as the import format). */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import type { ExportFormat } from './export-href.ts';
import { useLedgerI18n } from './ledger-i18n.ts';

export interface ExportMenuProps {
  href: (format: ExportFormat) => string;
  extra?: { key: string; label: string; href: string }[];
  testId: string;
}

export function ExportMenu({ href, extra = [], testId }: ExportMenuProps) {
  const { t } = useLedgerI18n();
  const link = (key: string, label: string, to: string) => ({
    key,
    label: (
      <a href={to} download data-testid={`${testId}-${key}`}>
        {label}
      </a>
    ),
  });
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          link('xlsx', t('export.xlsx'), href('xlsx')),
          link('csv', t('export.csv'), href('csv')),
          ...extra.map((e) => link(e.key, e.label, e.href)),
        ],
      }}
    >
      <Button size="small" icon={<DownloadOutlined />} title={t('export.title')} data-testid={testId}>
        {t('export')}
      </Button>
    </Dropdown>
  );
}
