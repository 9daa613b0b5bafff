/** What the map area shows while boundaries load or after loading failed (with what to do next). */
import { Button, Result, Spin } from 'antd';
import { useI18n } from '../../i18n/use-i18n.tsx';
import type { RegionCollection } from '../../api/client.ts';
import type { Loadable } from '../../api/use-load.ts';

export function MapStatus({ regions, onRetry }: { regions: Loadable<RegionCollection>; onRetry: () => void }) {
  const { t } = useI18n();
  if (regions.status === 'loading') {
    return (
      <div className="map-status" data-testid="map-loading" aria-live="polite">
        <Spin size="large" description={t('map.loading')} />
      </div>
    );
  }
  if (regions.status === 'error') {
    return (
      <div className="map-status" role="alert" data-testid="map-error">
        <Result
          className="map-status__card"
          status="warning"
          title={t('map.error.title')}
          subTitle={regions.error.message}
          extra={
            <Button type="primary" size="large" onClick={onRetry}>
              {t('map.error.retry')}
            </Button>
          }
        />
      </div>
    );
  }
  return null;
}
