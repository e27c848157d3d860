import { CalculatorOutlined } from '@ant-design/icons';
import { type DeadlineInput, type DeadlineResult, type DeadlineUnit, LEGAL_PERIODS } from '@hexie/core';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  InputNumber,
  Radio,
  Row,
  Select,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { calculatorsApi } from '../../api/calculators';
import { showFieldErrors } from '../../shared/forms';
import { ProblemAlert } from '../../shared/problem-alert';
import { PortalLayout } from './portal-layout';

interface Values {
  period?: string;
  start: Dayjs;
  days: number;
  unit: DeadlineUnit;
}

const FIELDS = new Set(['start', 'days', 'unit']);
const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** 2026-10-08 → 2026年10月8日（星期四） / 8 Oct 2026 (Thursday) */
function useLongDate() {
  const { t } = useTranslation();
  return (date: string) => {
    const d = dayjs(date);
    return t('deadline.longDate', {
      y: d.year(),
      m: d.month() + 1,
      d: d.date(),
      date: d.format('D MMM YYYY'),
      weekday: t(`deadline.weekday.${WEEKDAY_KEYS[d.day()]}`),
    });
  };
}

function Answer({ asked, result }: { asked: DeadlineInput; result: DeadlineResult }) {
  const { t } = useTranslation();
  const longDate = useLongDate();
  const moved = result.rawDue !== result.due;
  return (
    <div data-testid="deadline-result">
      <div className="hx-muted">{t('deadline.dueLabel')}</div>
      <div className="gd-deadline-due" data-testid="deadline-due">
        {longDate(result.due)}
      </div>
      <Typography.Paragraph style={{ marginTop: 12 }}>
        {asked.unit === 'calendar'
          ? moved
            ? t('deadline.explainMoved', {
                start: asked.start,
                days: asked.days,
                raw: longDate(result.rawDue),
                reason: result.restReason ?? '',
                due: longDate(result.due),
              })
            : t('deadline.explainCalendar', { start: asked.start, days: asked.days, due: longDate(result.due) })
          : t('deadline.explainWorking', { start: asked.start, days: asked.days, due: longDate(result.due) })}
      </Typography.Paragraph>
      {result.calendarMissing ? (
        <Alert
          type="warning"
          showIcon
          data-testid="deadline-calendar-missing"
          title={t('deadline.calendarMissing', { years: result.missingYears.join('、') })}
        />
      ) : null}
    </div>
  );
}

/**
 * 法定期限计算: the last day of a legal period, counted by core on the server (民法典 201, 203; holidays and
 * make-up working days from the State Council's calendar). Public, like the rest of the portal.
 */
export function GuideDeadlinePage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [asked, setAsked] = useState<DeadlineInput | null>(null);
  const calc = useMutation({ mutationFn: calculatorsApi.deadline });
  const period = Form.useWatch('period', form);
  const chosen = LEGAL_PERIODS.find((p) => p.key === period);

  const submit = (v: Values) => {
    const input: DeadlineInput = { start: v.start.format('YYYY-MM-DD'), days: v.days, unit: v.unit };
    setAsked(input);
    calc.mutate(input, { onError: (err) => showFieldErrors(form, err, FIELDS) });
  };

  return (
    <PortalLayout>
      <Breadcrumb
        className="gd-crumbs"
        items={[{ title: <Link to="/guide">{t('guide.navHome')}</Link> }, { title: t('guide.navDeadline') }]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('deadline.title')}>
            <Form
              form={form}
              layout="vertical"
              requiredMark={false}
              initialValues={{ start: dayjs(), days: 15, unit: 'calendar' }}
              onFinish={submit}
              onValuesChange={(changed: Partial<Values>) => {
                if ('period' in changed) {
                  const p = LEGAL_PERIODS.find((x) => x.key === changed.period);
                  if (p) form.setFieldsValue({ days: p.days, unit: p.unit });
                } else if ('days' in changed || 'unit' in changed) form.setFieldsValue({ period: undefined });
              }}
              data-testid="deadline-form"
            >
              <Form.Item name="period" label={t('deadline.period')} extra={chosen ? chosen.basis : undefined}>
                <Select
                  allowClear
                  placeholder={t('deadline.periodPlaceholder')}
                  options={LEGAL_PERIODS.map((p) => ({
                    value: p.key,
                    label: `${p.label}（${p.days} ${t(p.unit === 'working' ? 'deadline.workingDays' : 'deadline.calendarDays')}）`,
                  }))}
                  data-testid="deadline-period"
                />
              </Form.Item>
              <Form.Item
                name="start"
                label={chosen ? chosen.from : t('deadline.start')}
                extra={t('deadline.startHint')}
                rules={[{ required: true, message: t('deadline.startRequired') }]}
              >
                <DatePicker style={{ width: '100%' }} data-testid="deadline-start" />
              </Form.Item>
              <Row gutter={12}>
                <Col span={10}>
                  <Form.Item
                    name="days"
                    label={t('deadline.days')}
                    rules={[{ required: true, message: t('deadline.daysRequired') }]}
                  >
                    <InputNumber
                      min={1}
                      max={3650}
                      precision={0}
                      style={{ width: '100%' }}
                      data-testid="deadline-days"
                    />
                  </Form.Item>
                </Col>
                <Col span={14}>
                  <Form.Item name="unit" label={t('deadline.unit')}>
                    <Radio.Group
                      optionType="button"
                      options={[
                        { value: 'calendar', label: t('deadline.unitCalendar') },
                        { value: 'working', label: t('deadline.unitWorking') },
                      ]}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Button
                type="primary"
                htmlType="submit"
                icon={<CalculatorOutlined />}
                loading={calc.isPending}
                data-testid="deadline-submit"
              >
                {t('deadline.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('deadline.resultTitle')}>
            {calc.error && !calc.isPending ? <ProblemAlert error={calc.error} /> : null}
            {calc.data && asked && !calc.isPending ? (
              <Answer asked={asked} result={calc.data} />
            ) : calc.error ? null : (
              <Typography.Paragraph type="secondary">{t('deadline.empty')}</Typography.Paragraph>
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
              {t('deadline.rules')}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </PortalLayout>
  );
}
