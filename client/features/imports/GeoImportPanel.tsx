/**
 * Inside the import drawer: the division list and boundary imports for the city administrator (file →
 * report with unknown / retired codes and the ST_MakeValid offer → commit), and the GeoJSON / GeoPackage
 * downloads of boundaries, projects and PV stations for everyone who imports.
 */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Collapse, Divider, Radio, Result, Space, Spin, Tag, Upload } from 'antd';
import { useMemo, useState } from 'react';
import {
  boundaryExportHref,
  layerExportHref,
  validateGeoFile,
  type GeoImportKind,
  type GeoImportReport,
} from '../../api/geo-import-api.ts';
import type { ImportReport } from '../../api/import-api.ts';
import { defineCatalog } from '../../i18n/catalog.ts';
import { geoImportsEn } from '../../i18n/geo-imports.en.ts';
import { geoImportsZh, type GeoImportsMessageKey } from '../../i18n/geo-imports.zh.ts';
import { useI18n } from '../../i18n/use-i18n.tsx';
import { ImportReportView } from './ImportReportView.tsx';
import type { ImportsT } from './imports-i18n.ts';
import { useImportBatch } from './use-import-batch.ts';

const catalog = defineCatalog<GeoImportsMessageKey>(geoImportsZh, geoImportsEn);

export function GeoImportPanel({ t, canImportGeo }: { t: ImportsT; canImportGeo: boolean }) {
  const { lang } = useI18n();
  const g = useMemo(() => catalog.translator(lang), [lang]);
  const [kind, setKind] = useState<GeoImportKind>('divisions');
  const [skipUnknown, setSkipUnknown] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const { busy, report, refused, result, reset, check: validate, commit } = useImportBatch<GeoImportReport>();

  const check = async (f: File, makeValid = false) => {
    setFile(f);
    await validate(() => validateGeoFile(kind, f, { makeValid, skipUnknown }));
  };
  const b = report?.boundaries;

  const downloads = (
    <Space wrap data-testid="geo-downloads">
      <span>{g('downloads')}</span>
      {(
        [
          ['download.boundaries', (f: 'geojson' | 'gpkg') => boundaryExportHref(f, 'county', 'spend_rate')],
          ['download.projects', (f: 'geojson' | 'gpkg') => layerExportHref('projects', f)],
          ['download.pv', (f: 'geojson' | 'gpkg') => layerExportHref('pv_stations', f)],
        ] as const
      ).map(([label, href]) => (
        <Space.Compact key={label}>
          <Button size="small" icon={<DownloadOutlined />} href={href('gpkg')}>
            {g(label)} GeoPackage
          </Button>
          <Button size="small" href={href('geojson')}>
            GeoJSON
          </Button>
        </Space.Compact>
      ))}
    </Space>
  );

  return (
    <>
      <Divider style={{ margin: '8px 0' }} />
      {downloads}
      {canImportGeo && (
        <Collapse
          size="small"
          style={{ marginTop: 12 }}
          data-testid="geo-import"
          items={[
            {
              key: 'geo',
              label: g('section'),
              children: result ? (
                <Result
                  status="success"
                  title={t('done.title')}
                  subTitle={t('done.summary', { added: result.added, changed: result.changed, unchanged: result.unchanged })}
                  extra={[
                    <Button type="primary" key="map" onClick={() => window.location.reload()}>
                      {t('done.map')}
                    </Button>,
                    <Button key="more" onClick={reset}>
                      {t('done.more')}
                    </Button>,
                  ]}
                />
              ) : report ? (
                <>
                  {b && (
                    <Space wrap style={{ marginBottom: 8 }}>
                      <Tag>{report.format}</Tag>
                      <span>{g('crs', { srid: b.srid, swapped: b.axisSwapped ? g('swapped') : '' })}</span>
                    </Space>
                  )}
                  {b && b.retiredCodes.length > 0 && (
                    <Alert
                      type="warning"
                      showIcon
                      style={{ marginBottom: 8 }}
                      message={g('retired', { n: b.retiredCodes.length })}
                      description={b.retiredCodes.map((c) => `${c.code}${c.name ? ` ${c.name}` : ''}`).join('、')}
                      data-testid="geo-retired"
                    />
                  )}
                  {b && b.unknownCodes.length > 0 && (
                    <Alert
                      type="warning"
                      showIcon
                      style={{ marginBottom: 8 }}
                      message={g('unknown', { n: b.unknownCodes.length })}
                      description={b.unknownCodes
                        .slice(0, 60)
                        .map((c) => `${c.code}${c.name ? ` ${c.name}` : ''}`)
                        .join('、')}
                    />
                  )}
                  {b?.makeValidOffered && file && (
                    <Alert
                      type="info"
                      showIcon
                      style={{ marginBottom: 8 }}
                      message={g('invalid', { n: b.invalid.length })}
                      action={
                        <Button size="small" onClick={() => void check(file, true)} data-testid="geo-make-valid">
                          {g('makeValid')}
                        </Button>
                      }
                    />
                  )}
                  <ImportReportView report={report as unknown as ImportReport} t={t} />
                  {refused && <Alert type="error" showIcon message={refused} style={{ margin: '12px 0' }} />}
                  <Space style={{ marginTop: 12 }}>
                    <Button onClick={reset}>{t('again')}</Button>
                    <Button type="primary" disabled={!report.ok} loading={busy} onClick={() => void commit()} data-testid="geo-commit">
                      {busy ? t('committing') : t('commit')}
                    </Button>
                  </Space>
                </>
              ) : (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Space wrap>
                    <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} optionType="button" buttonStyle="solid">
                      <Radio.Button value="divisions">{g('kind.divisions')}</Radio.Button>
                      <Radio.Button value="boundaries">{g('kind.boundaries')}</Radio.Button>
                    </Radio.Group>
                    {kind === 'boundaries' && (
                      <Checkbox checked={skipUnknown} onChange={(e) => setSkipUnknown(e.target.checked)}>
                        {g('skipUnknown')}
                      </Checkbox>
                    )}
                  </Space>
                  <Spin spinning={busy} tip={t('checking')}>
                    <Upload.Dragger
                      accept={kind === 'divisions' ? '.xlsx,.csv' : '.geojson,.json,.zip,.gpkg'}
                      showUploadList={false}
                      multiple={false}
                      beforeUpload={(f) => {
                        void check(f as unknown as File);
                        return false;
                      }}
                      data-testid="geo-upload"
                    >
                      <p className="ant-upload-drag-icon">
                        <InboxOutlined />
                      </p>
                      <p className="ant-upload-text">{g(kind === 'divisions' ? 'drop.divisions' : 'drop.boundaries')}</p>
                    </Upload.Dragger>
                  </Spin>
                  {refused && <Alert type="error" showIcon message={t('refused')} description={refused} />}
                </Space>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
