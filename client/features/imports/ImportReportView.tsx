/** The validation report: counts, the problems by row and column, notices and the preview of changes. */
import { Alert, Col, List, Row, Statistic, Table, Tag } from 'antd';
import type { ImportReport } from '../../api/import-api.ts';
import type { ImportsT } from './imports-i18n.ts';

const countKeys = ['dataRows', 'add', 'change', 'unchanged', 'skip', 'errors'] as const;
const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join('、') : String(v));

export function ImportReportView({ report, t }: { report: ImportReport; t: ImportsT }) {
  return (
    <div data-testid="import-report">
      <Row gutter={12} style={{ marginBottom: 12 }}>
        {countKeys.map((k) => (
          <Col span={4} key={k}>
            <Statistic
              title={t(`count.${k}`)}
              value={report.counts[k]}
              valueStyle={k === 'errors' && report.counts.errors ? { color: '#cf1322' } : undefined}
            />
          </Col>
        ))}
      </Row>
      {report.ok ? (
        <Alert type="success" showIcon message={t('report.ok')} style={{ marginBottom: 12 }} />
      ) : (
        <Alert
          type="error"
          showIcon
          message={`${t('report.bad', { n: report.issuesTotal })}${report.issuesTotal > report.issues.length ? t('report.more', { shown: report.issues.length, total: report.issuesTotal }) : ''}`}
          style={{ marginBottom: 12 }}
        />
      )}
      {report.issues.length > 0 && (
        <Table
          data-testid="import-issues"
          size="small"
          rowKey={(r) => `${r.row}-${r.column}-${r.reason}`}
          dataSource={report.issues}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t('col.row'), dataIndex: 'row', width: 56 },
            { title: t('col.column'), dataIndex: 'column', width: 170 },
            { title: t('col.value'), dataIndex: 'value', width: 120, render: (v: string) => show(v) },
            { title: t('col.reason'), dataIndex: 'reason' },
          ]}
          style={{ marginBottom: 12 }}
        />
      )}
      {report.notices.length > 0 && (
        <List
          size="small"
          header={<b>{t('notices')}</b>}
          dataSource={report.notices}
          renderItem={(n) => <List.Item style={{ padding: '2px 0' }}>{n.message}</List.Item>}
          style={{ marginBottom: 12 }}
        />
      )}
      {report.ok && report.preview.length > 0 && (
        <List
          size="small"
          header={<b>{t('preview', { n: report.preview.length })}</b>}
          dataSource={report.preview.slice(0, 50)}
          renderItem={(p) => (
            <List.Item style={{ padding: '2px 0' }}>
              <Tag color={p.action === 'add' ? 'green' : 'blue'}>{t(`preview.${p.action}`)}</Tag>
              {p.key}
              {p.changes.length > 0 && (
                <span style={{ color: '#555' }}>
                  {'：'}
                  {p.changes.map((c) => `${c.label} ${show(c.before)} → ${show(c.after)}`).join('；')}
                </span>
              )}
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
