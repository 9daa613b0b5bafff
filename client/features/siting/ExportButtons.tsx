/** The siting lists' exports: an Excel and a CSV button. */
import { Button, Space } from 'antd';
import type { SitingT } from './siting-i18n.ts';

export function ExportButtons({ t, onExport }: { t: SitingT; onExport(kind: 'xlsx' | 'csv'): void }) {
  return (
    <Space size="small">
      <Button size="small" onClick={() => onExport('xlsx')}>
        {t('export.xlsx')}
      </Button>
      <Button size="small" onClick={() => onExport('csv')}>
        {t('export.csv')}
      </Button>
    </Space>
  );
}
