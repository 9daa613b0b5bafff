/** Right panel (for now): name, code, level and boundary source of the selected division. */
import { Button, Descriptions } from 'antd';
import type { RegionFeature } from '../../api/client.ts';
import { useI18n } from '../../i18n/use-i18n.tsx';

export interface RegionCardProps {
  region: RegionFeature | undefined;
  onClear: () => void;
}

export function RegionCard({ region, onClear }: RegionCardProps) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="region-card-title" data-testid="region-card">
      <header className="panel__header">
        <h2 className="panel__title" id="region-card-title">
          {region ? region.properties.name : t('panel.detail.title')}
        </h2>
        {region && (
          <Button size="small" type="link" onClick={onClear}>
            {t('panel.detail.clear')}
          </Button>
        )}
      </header>
      <div className="panel__body panel__body--padded">
        {!region && <p className="panel__note">{t('panel.detail.none')}</p>}
        {region && (
          <>
            <Descriptions
              column={1}
              size="small"
              colon={false}
              styles={{ label: { width: 88, color: '#5b6676' }, content: { fontSize: 15 } }}
              items={[
                { key: 'name', label: t('panel.detail.name'), children: region.properties.name },
                { key: 'code', label: t('panel.detail.code'), children: <span style={{ fontVariantNumeric: 'tabular-nums' }}>{region.properties.code}</span> },
                { key: 'level', label: t('panel.detail.level'), children: t(`level.${region.properties.level}`) },
                {
                  key: 'boundary',
                  label: t('panel.detail.boundary'),
                  children: region.properties.synthesized ? t('panel.detail.boundarySynthesized') : t('panel.detail.boundarySurveyed'),
                },
              ]}
            />
            <p className="panel__note" style={{ marginTop: 16 }}>
              {t('panel.detail.later')}
            </p>
          </>
        )}
      </div>
    </section>
  );
}
