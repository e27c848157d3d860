import {
  addMonths,
  chinaToday,
  type EmploymentReport,
  REPORTING_WINDOW,
  reportConsistency,
  reportTiming,
  SEPARATION_REASON_LABELS,
  SEPARATION_REASONS,
  type SeparationReason,
  windowOf,
} from '@hexie/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../api/client';
import { employmentApi, employmentKeys } from '../../api/employment';
import { useLang } from '../../app/i18n';
import { DrawerFooter } from '../../shared/drawer-footer';
import { labelOf } from '../../shared/format';
import { ProblemAlert } from '../../shared/problem-alert';

interface Values extends Record<SeparationReason, number | null> {
  month: Dayjs;
  headcount: number | null;
  hires: number | null;
  note?: string;
}

const FORM_FIELDS = new Set(['month', 'headcount', 'hires', 'note', ...SEPARATION_REASONS]);

/**
 * 月度用工报告 form, for staff (an enterprise of their region, any month whose window has opened) and for the
 * enterprise user (its own, the month whose window is open). The check that the figures add up is core's
 * reportConsistency, shown as the user types; a gap warns and asks for a note, it does not refuse.
 */
export function ReportDrawer({
  open,
  onClose,
  mode,
  enterpriseId,
  report,
  reports,
  month,
}: {
  open: boolean;
  onClose: () => void;
  mode: 'staff' | 'enterprise';
  /** staff filing a new month */
  enterpriseId?: string;
  /** a report being corrected */
  report?: EmploymentReport | null;
  /** the enterprise's reports, to find the previous month's headcount */
  reports: readonly EmploymentReport[];
  /** the month to file (the enterprise's open month); staff choose */
  month?: string | null;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  const chosen = (
    values?.month ?? (report ? dayjs(`${report.month}-01`) : month ? dayjs(`${month}-01`) : null)
  )?.format('YYYY-MM');
  const previous = chosen ? reports.find((r) => r.month === addMonths(chosen, -1)) : undefined;
  const separations = Object.fromEntries(SEPARATION_REASONS.map((k) => [k, values?.[k] ?? 0])) as Record<
    SeparationReason,
    number
  >;
  const check =
    values?.headcount != null
      ? reportConsistency(previous?.headcount ?? null, {
          headcount: values.headcount,
          hires: values.hires ?? 0,
          separations,
        })
      : null;
  const timing = chosen ? reportTiming(chosen, chinaToday()) : null;

  const save = useMutation({
    mutationFn: (v: Values) => {
      const figures = {
        headcount: v.headcount ?? 0,
        hires: v.hires ?? 0,
        separations: Object.fromEntries(SEPARATION_REASONS.map((k) => [k, v[k] ?? 0])) as Record<
          SeparationReason,
          number
        >,
        note: v.note?.trim() || null,
      };
      if (report) {
        const body = { ...figures, version: report.version };
        return mode === 'enterprise'
          ? employmentApi.updateOwn(report.id, body)
          : employmentApi.updateReport(report.id, body);
      }
      const m = v.month.format('YYYY-MM');
      return mode === 'enterprise'
        ? employmentApi.createOwn({ ...figures, month: m })
        : employmentApi.createReport({ ...figures, month: m, enterpriseId: enterpriseId ?? '' });
    },
    onSuccess: async () => {
      message.success(t('employment.reportSaved'));
      await qc.invalidateQueries({ queryKey: employmentKeys.all });
      onClose();
    },
    onError: (err) => {
      // separations.resigned is the form's `resigned`.
      const found = fieldErrorsOf(err)
        .map((f) => ({ name: f.name.split('.').pop() ?? f.name, errors: f.errors }))
        .filter((f) => FORM_FIELDS.has(f.name));
      form.setFields(found.map((f) => ({ name: f.name as keyof Values, errors: f.errors })));
    },
  });

  const count = (name: keyof Values, label: string, required = false) => (
    <Form.Item
      name={name}
      label={label}
      rules={required ? [{ required: true, message: t('employment.required') }] : []}
    >
      <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid={`report-${name}`} />
    </Form.Item>
  );
  const initial: Partial<Values> = report
    ? {
        month: dayjs(`${report.month}-01`),
        headcount: report.headcount,
        hires: report.hires,
        ...report.separations,
        note: report.note ?? undefined,
      }
    : {
        month: month ? dayjs(`${month}-01`) : dayjs(`${addMonths(chinaToday().slice(0, 7), -1)}-01`),
        headcount: null,
        hires: 0,
        resigned: 0,
        dismissed: 0,
        contractEnded: 0,
        retired: 0,
        other: 0,
      };
  const win = chosen ? windowOf(chosen) : null;
  return (
    <Drawer
      open={open}
      size={560}
      title={
        report
          ? t('employment.reportEdit', { month: report.month })
          : mode === 'enterprise' && month
            ? t('employment.fileMonth', { month })
            : t('employment.reportNew')
      }
      onClose={onClose}
      destroyOnHidden
      footer={
        <DrawerFooter onCancel={onClose} onSubmit={() => form.submit()} loading={save.isPending} testId="report-save" />
      }
    >
      {save.error && !fieldErrorsOf(save.error).length ? <ProblemAlert error={save.error} /> : null}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="month" label={t('employment.month')} rules={[{ required: true }]}>
              <DatePicker
                picker="month"
                style={{ width: '100%' }}
                disabled={!!report || mode === 'enterprise'}
                disabledDate={(d) => d.isAfter(dayjs(), 'month')}
                data-testid="report-month"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            {win ? (
              <Form.Item label={t('employment.window')}>
                <Typography.Text>
                  {win.opens} ~ {win.closes}{' '}
                  {timing === 'late' && mode === 'staff' && !report ? (
                    <Tag color="orange">{t('employment.late')}</Tag>
                  ) : null}
                  {timing === 'early' ? <Tag color="red">{t('employment.notDue')}</Tag> : null}
                </Typography.Text>
              </Form.Item>
            ) : null}
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>{count('headcount', t('employment.headcount'), true)}</Col>
          <Col span={12}>{count('hires', t('employment.hires'))}</Col>
        </Row>
        <Typography.Text strong>{t('employment.separations')}</Typography.Text>
        <Row gutter={12} style={{ marginTop: 8 }}>
          {SEPARATION_REASONS.map((k) => (
            <Col span={8} key={k}>
              {count(k, labelOf(SEPARATION_REASON_LABELS, k, lang))}
            </Col>
          ))}
        </Row>
        {check ? (
          check.consistent === null ? (
            <Alert type="info" showIcon title={t('employment.checkNoPrevious')} style={{ marginBottom: 16 }} />
          ) : check.consistent ? (
            <Alert
              type="success"
              showIcon
              title={t('employment.checkOk', { previous: check.previousHeadcount, expected: check.expected })}
              style={{ marginBottom: 16 }}
              data-testid="report-check"
            />
          ) : (
            <Alert
              type="warning"
              showIcon
              title={t('employment.checkGap', {
                previous: check.previousHeadcount,
                expected: check.expected,
                headcount: values?.headcount,
                diff:
                  (check.gap ?? 0) > 0
                    ? t('employment.gapMore', { n: check.gap })
                    : t('employment.gapLess', { n: -(check.gap ?? 0) }),
              })}
              description={t('employment.checkGapHint')}
              style={{ marginBottom: 16 }}
              data-testid="report-check"
            />
          )
        ) : null}
        <Form.Item name="note" label={t('employment.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Typography.Text type="secondary">
          {t('employment.windowRule', { opens: REPORTING_WINDOW.opensOnDay, closes: REPORTING_WINDOW.closesOnDay })}
        </Typography.Text>
      </Form>
    </Drawer>
  );
}
