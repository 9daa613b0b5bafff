/** Left panel (for now): the divisions of the area in code order; a click selects one and flies to it. */
import { Menu, Skeleton, Tag, Tooltip } from 'antd';
import { useMemo } from 'react';
import type { RegionFeature } from '../../api/client.ts';
import type { MapLevel } from '../../app-state/view-state.ts';
import { useI18n } from '../../i18n/use-i18n.tsx';
import { sortRegionsByCode } from './region-geometry.ts';
import type { RegionsResult } from './use-regions.ts';

export interface RegionListPanelProps {
  level: MapLevel;
  regions: RegionsResult;
  selectedCode: string | null;
  onSelect: (feature: RegionFeature) => void;
}

export function RegionListPanel({ level, regions, selectedCode, onSelect }: RegionListPanelProps) {
  const { t } = useI18n();
  const features = regions.status === 'ready' ? regions.data.features : null;
  const sorted = useMemo(() => (features ? sortRegionsByCode(features) : []), [features]);

  return (
    <section className="panel" aria-labelledby="region-list-title" data-testid="region-list">
      <header className="panel__header">
        <h2 className="panel__title" id="region-list-title">
          {t(`panel.regions.title.${level}`)}
        </h2>
        {features && <span className="panel__meta">{t('panel.regions.count', { count: features.length })}</span>}
      </header>
      <div className="panel__body">
        {regions.status === 'loading' && <Skeleton active title={false} paragraph={{ rows: 11, width: '90%' }} style={{ padding: '8px 16px' }} />}
        {regions.status === 'error' && <p className="panel__note panel__body--padded">{t('map.error.title')}</p>}
        {features && sorted.length === 0 && <p className="panel__note panel__body--padded">{t('panel.regions.empty')}</p>}
        {sorted.length > 0 && (
          <Menu
            mode="inline"
            selectedKeys={selectedCode ? [selectedCode] : []}
            onClick={({ key }) => {
              const f = sorted.find((x) => x.properties.code === key);
              if (f) onSelect(f);
            }}
            style={{ borderInlineEnd: 'none' }}
            items={sorted.map((f) => ({
              key: f.properties.code,
              label: (
                <span className="region-item">
                  <span className="region-item__name">{f.properties.name}</span>
                  {f.properties.synthesized && (
                    <Tooltip title={t('panel.regions.synthesizedHint')}>
                      <Tag style={{ marginInlineEnd: 0 }}>{t('panel.regions.synthesized')}</Tag>
                    </Tooltip>
                  )}
                  <span className="region-item__code">{f.properties.code}</span>
                </span>
              ),
            }))}
          />
        )}
      </div>
    </section>
  );
}
