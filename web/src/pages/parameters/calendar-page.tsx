import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { CalendarYear } from '@hexie/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../api/client';
import { calendarApi, calendarKeys } from '../../api/parameters';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';

type Row = { date?: Dayjs; work?: boolean; name?: string };
type Values = { days: Row[] };

/**
 * 节假日安排: for a year the built-in calendar lacks, the province administrator loads the State Council's
 * arrangement (holidays and make-up working days). Until then deadlines in that year count weekends only and say so.
 */
export function CalendarPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear + 1);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [rowErrors, setRowErrors] = useState<string[]>([]);
  const cal = useQuery({ queryKey: calendarKeys.year(year), queryFn: ({ signal }) => calendarApi.get(year, signal) });
  useEffect(() => {
    setError(null);
    setRowErrors([]);
    form.setFieldsValue({
      days: (cal.data?.days ?? []).map((d) => ({ date: dayjs(d.date), work: d.work, name: d.name })),
    });
  }, [cal.data, form]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      calendarApi.put(year, {
        days: (v.days ?? []).map((d) => ({
          date: (d.date as Dayjs).format('YYYY-MM-DD'),
          work: !!d.work,
          name: (d.name ?? '').trim(),
        })),
      }),
    onSuccess: (res) => {
      setRowErrors([]);
      qc.setQueryData<CalendarYear>(calendarKeys.year(year), res);
      void message.success(t('calendar.saved', { year, n: res.casesRecounted }));
    },
    onError: (err) => {
      // days.3.work: the row's field marked, and the message said once per row above the form (a message under a
      // narrow field would break the row's line).
      const rowErrors: string[] = [];
      const fields = fieldErrorsOf(err).flatMap((f) => {
        const m = /^days\.(\d+)\.(date|work|name)$/.exec(f.name);
        const key = m?.[2] as 'date' | 'work' | 'name' | undefined;
        if (!m || !key) return [];
        rowErrors.push(t('calendar.rowError', { n: Number(m[1]) + 1, message: f.errors.join(' ') }));
        return [{ name: ['days', Number(m[1]), key] as ['days', number, typeof key], errors: [''] }];
      });
      form.setFields(fields);
      setRowErrors(rowErrors);
      setError(fields.length ? null : err);
    },
  });
  const data = cal.data;
  return (
    <div data-testid="calendar-page">
      <PageHeader
        title={t('calendar.title')}
        description={t('calendar.description')}
        extra={
          <Select
            value={year}
            style={{ width: 120 }}
            onChange={setYear}
            options={[thisYear, thisYear + 1, thisYear + 2].map((y) => ({
              value: y,
              label: t('calendar.year', { year: y }),
            }))}
            data-testid="calendar-year"
          />
        }
      />
      {cal.error ? <ProblemAlert error={cal.error} onRetry={() => void cal.refetch()} /> : null}
      {cal.isPending ? <Spin /> : null}
      {data?.covered ? (
        <Alert type="success" showIcon title={t('calendar.covered', { year })} data-testid="calendar-covered" />
      ) : null}
      {data && !data.covered ? (
        <Card>
          {data.days.length === 0 ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('calendar.missing', { year })}
              data-testid="calendar-missing"
            />
          ) : (
            <Typography.Paragraph type="secondary">
              {t('calendar.loaded', { n: data.days.length })}
            </Typography.Paragraph>
          )}
          {error ? <ProblemAlert error={error} /> : null}
          {rowErrors.length ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={rowErrors.map((e) => <div key={e}>{e}</div>)}
              data-testid="calendar-errors"
            />
          ) : null}
          <Form<Values> form={form} onFinish={(v) => save.mutate(v)} data-testid="calendar-form">
            <Form.List name="days">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="start" wrap style={{ display: 'flex' }} data-testid="calendar-row">
                      <Form.Item
                        name={[f.name, 'date']}
                        rules={[{ required: true, message: t('calendar.dateRequired') }]}
                      >
                        <DatePicker
                          style={{ width: 150 }}
                          disabledDate={(d) => d.year() !== year}
                          defaultPickerValue={dayjs(`${year}-01-01`)}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'work']} initialValue={false}>
                        <Select
                          style={{ width: 130 }}
                          options={[
                            { value: false, label: t('calendar.holiday') },
                            { value: true, label: t('calendar.makeup') },
                          ]}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'name']}
                        rules={[{ required: true, whitespace: true, message: t('calendar.nameRequired') }]}
                      >
                        <Input style={{ width: 160 }} maxLength={20} placeholder={t('calendar.namePlaceholder')} />
                      </Form.Item>
                      <Button
                        icon={<DeleteOutlined />}
                        onClick={() => remove(f.name)}
                        aria-label={t('calendar.remove')}
                      />
                    </Space>
                  ))}
                  <Space style={{ display: 'flex' }}>
                    <Button icon={<PlusOutlined />} onClick={() => add({ work: false })} data-testid="calendar-add">
                      {t('calendar.add')}
                    </Button>
                    <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="calendar-save">
                      {t('calendar.save', { year })}
                    </Button>
                  </Space>
                </>
              )}
            </Form.List>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
