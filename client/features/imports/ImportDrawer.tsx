/**
 * 数据导入: kind + file (with the template to download) → the validation report → commit → done, with
 * a way back to the map. A file with problems shows them by row and column; nothing is written until
 * 确认导入, which commits in one transaction with an Idempotency-Key (a retried click counts once).
 */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Radio, Result, Space, Spin, Steps, Upload } from 'antd';
import { useState } from 'react';
import { exportHref, templateHref, validateImportFile, type ImportKind, type ImportReport } from '../../api/import-api.ts';
import { useAccount } from '../account/account-context.ts';
import { grantScope } from '../account/permissions.ts';
import { GeoImportPanel } from './GeoImportPanel.tsx';
import { ImportReportView } from './ImportReportView.tsx';
import { useImportsI18n } from './imports-i18n.ts';
import { useImportBatch } from './use-import-batch.ts';

const kinds: ImportKind[] = ['projects', 'progress', 'pv_stations'];

export default function ImportDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useImportsI18n();
  const { me } = useAccount();
  const [kind, setKind] = useState<ImportKind>('projects');
  const { busy, report, refused, result, reset, check: validate, commit } = useImportBatch<ImportReport>();
  const step = result ? 2 : report ? 1 : 0;

  const check = (file: File) => validate(() => validateImportFile(kind, file));

  return (
    <Drawer open={open} onClose={onClose} title={t('title')} width={860} destroyOnHidden data-testid="import-drawer">
      <Steps
        size="small"
        current={step}
        items={[{ title: t('step.file') }, { title: t('step.report') }, { title: t('step.done') }]}
        style={{ marginBottom: 16 }}
      />
      {step === 0 && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap>
            <span>{t('kind')}</span>
            <Radio.Group
              value={kind}
              onChange={(e) => setKind(e.target.value)}
              optionType="button"
              buttonStyle="solid"
              data-testid="import-kind"
            >
              {kinds.map((k) => (
                <Radio.Button key={k} value={k}>
                  {t(`kind.${k}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
            <Button icon={<DownloadOutlined />} href={templateHref(kind)} data-testid="import-template">
              {t('template')}
            </Button>
            <Button type="link" href={exportHref(kind)}>
              {t('export')}
            </Button>
          </Space>
          <Spin spinning={busy} tip={t('checking')}>
            <Upload.Dragger
              accept=".xlsx,.csv"
              showUploadList={false}
              multiple={false}
              beforeUpload={(file) => {
                void check(file as unknown as File);
                return false;
              }}
              data-testid="import-upload"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('drop')}</p>
              <p className="ant-upload-hint">{t('dropHint')}</p>
            </Upload.Dragger>
          </Spin>
          {refused && <Alert type="error" showIcon message={t('refused')} description={refused} data-testid="import-refused" />}
          <GeoImportPanel t={t} canImportGeo={grantScope(me, 'import:run') === 'all'} />
        </Space>
      )}
      {step === 1 && report && (
        <>
          <ImportReportView report={report} t={t} />
          {refused && <Alert type="error" showIcon message={refused} style={{ margin: '12px 0' }} />}
          <Space style={{ marginTop: 12 }}>
            <Button onClick={reset} data-testid="import-again">
              {t('again')}
            </Button>
            <Button type="primary" disabled={!report.ok} loading={busy} onClick={() => void commit()} data-testid="import-commit">
              {busy ? t('committing') : t('commit')}
            </Button>
          </Space>
        </>
      )}
      {step === 2 && result && (
        <Result
          status="success"
          title={t('done.title')}
          subTitle={`${t('done.summary', { added: result.added, changed: result.changed, unchanged: result.unchanged })}${result.replayed ? t('done.replayed') : ''}`}
          extra={[
            <Button type="primary" key="map" onClick={() => window.location.reload()} data-testid="import-to-map">
              {t('done.map')}
            </Button>,
            <Button key="more" onClick={reset}>
              {t('done.more')}
            </Button>,
          ]}
          data-testid="import-done"
        />
      )}
    </Drawer>
  );
}
