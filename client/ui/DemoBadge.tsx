/** The 演示数据 badge: always visible while the data are generated, with the reason on hover. */
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n/use-i18n.tsx';

export function DemoBadge() {
  const { t } = useI18n();
  return (
    <Tooltip title={t('demo.tooltip')} placement="bottomLeft">
      <Tag className="demo-badge" data-testid="demo-badge" tabIndex={0} aria-label={`${t('demo.badge')}: ${t('demo.tooltip')}`}>
        {t('demo.badge')}
      </Tag>
    </Tooltip>
  );
}
