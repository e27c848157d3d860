import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { type EmploymentReport, REPORT_SOURCE_LABELS } from '@hexie/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { employmentApi, employmentKeys } from '../../api/employment';
import { useLang } from '../../app/i18n';
import { formatTime, labelOf } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { GapText } from './employment-shared';
import { ReportDrawer } from './report-drawer';

/** 月度用工报告 of the enterprise user: the month open for filing (25th to the 5th), and what was filed before. */
export function MyReportsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useQuery({ queryKey: employmentKeys.mine, queryFn: ({ signal }) => employmentApi.mine(signal) });
  const [editing, setEditing] = useState<{ report: EmploymentReport | null } | null>(null);
  if (q.error) return <ProblemAlert error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  if (!d) return <Skeleton active />;
  const filed = d.openMonth ? d.reports.find((r) => r.month === d.openMonth) : undefined;
  const columns: TableColumnsType<EmploymentReport> = [
    { title: t('employment.month'), dataIndex: 'month', width: 100 },
    { title: t('employment.headcount'), dataIndex: 'headcount', width: 110, align: 'right' },
    { title: t('employment.hires'), dataIndex: 'hires', width: 100, align: 'right' },
    { title: t('employment.separationsTotal'), dataIndex: 'separationsTotal', width: 100, align: 'right' },
    {
      title: t('employment.check'),
      key: 'check',
      width: 110,
      render: (_, r) =>
        r.consistency.consistent === null ? (
          '—'
        ) : r.consistency.consistent ? (
          <Tag color="green">{t('employment.consistent')}</Tag>
        ) : (
          <Tag color="orange">
            <GapText gap={r.consistency.gap ?? 0} />
          </Tag>
        ),
    },
    {
      title: t('employment.source'),
      key: 'source',
      width: 150,
      render: (_, r) => (
        <span>
          {labelOf(REPORT_SOURCE_LABELS, r.source, lang)}{' '}
          {r.late ? <Tag color="orange">{t('employment.late')}</Tag> : null}
        </span>
      ),
    },
    { title: t('employment.note'), dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '' },
    {
      title: t('employment.submittedAt'),
      dataIndex: 'submittedAt',
      width: 150,
      render: (v: string) => formatTime(v, 'YYYY-MM-DD HH:mm'),
    },
    {
      title: t('common.actions'),
      key: 'a',
      width: 80,
      render: (_, r) =>
        r.month === d.openMonth ? (
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ report: r })}>
            {t('common.edit')}
          </Button>
        ) : null,
    },
  ];
  return (
    <div data-testid="my-reports-page">
      <PageHeader
        title={t('employment.myTitle')}
        description={t('employment.myDescription', { name: d.enterpriseName })}
        extra={
          d.openMonth && !filed ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ report: null })}
              data-testid="my-report-add"
            >
              {t('employment.fileMonth', { month: d.openMonth })}
            </Button>
          ) : null
        }
      />
      {d.openMonth && d.window ? (
        <Alert
          type={filed ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={
            filed
              ? t('employment.windowFiled', { month: d.openMonth, closes: d.window.closes })
              : t('employment.windowOpen', { month: d.openMonth, opens: d.window.opens, closes: d.window.closes })
          }
          data-testid="my-window"
        />
      ) : (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('employment.windowNext', {
            month: d.nextWindow.month,
            opens: d.nextWindow.opens,
            closes: d.nextWindow.closes,
          })}
          data-testid="my-window"
        />
      )}
      <Card>
        <Table<EmploymentReport>
          rowKey="id"
          size="middle"
          tableLayout="fixed"
          scroll={{ x: 1000 }}
          columns={columns}
          dataSource={d.reports}
          pagination={{ pageSize: 12, hideOnSinglePage: true }}
          locale={{ emptyText: t('employment.noReports') }}
          data-testid="my-report-table"
        />
      </Card>
      {editing ? (
        <ReportDrawer
          open
          onClose={() => setEditing(null)}
          mode="enterprise"
          report={editing.report}
          reports={d.reports}
          month={d.openMonth}
        />
      ) : null}
    </div>
  );
}
