import {
  type EarlyWarning,
  type EarlyWarningDetail,
  WARNING_SEVERITY_LABELS,
  WARNING_STATUS_LABELS,
  type WarningSeverity,
} from '@hexie/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Form, Input, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { warningKeys, warningsApi } from '../../api/warnings';
import { useCan } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { formatTime } from '../../shared/format';
import { showFieldErrors } from '../../shared/forms';
import { ProblemAlert } from '../../shared/problem-alert';

const SEVERITY_COLORS: Record<WarningSeverity, string> = { high: 'red', medium: 'orange', low: 'blue' };

export function SeverityTag({ severity }: { severity: WarningSeverity }) {
  const lang = useLang();
  return (
    <Tag color={SEVERITY_COLORS[severity]} data-testid="warning-severity">
      {WARNING_SEVERITY_LABELS[severity][lang]}
    </Tag>
  );
}

/** 新预警 / 跟进中 / 已解除, and 已自动消除 when the system cleared it. */
export function StatusTag({ warning }: { warning: Pick<EarlyWarning, 'status' | 'cleared'> }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (warning.cleared) return <Tag data-testid="warning-status">{t('warnings.cleared')}</Tag>;
  const color = warning.status === 'new' ? 'red' : warning.status === 'following' ? 'gold' : 'green';
  return (
    <Tag color={color} data-testid="warning-status">
      {WARNING_STATUS_LABELS[warning.status][lang]}
    </Tag>
  );
}

/** The enterprise, linked to where the warning can be acted on: its layoff plan, else its monitoring page. */
export function SubjectLink({ warning: w }: { warning: EarlyWarning }) {
  const to = w.planId
    ? `/layoffs/${w.planId}`
    : w.keyEnterpriseId
      ? `/employment/key-enterprises/${w.keyEnterpriseId}`
      : `/enterprises/${w.enterpriseId}`;
  return (
    <Link to={to} className="hx-ellipsis" title={w.enterpriseName}>
      {w.enterpriseName}
    </Link>
  );
}

type Action = 'following' | 'resolved';

/** A warning with its history; staff with employment:write follow it up or resolve it with a note. */
export function WarningDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const [action, setAction] = useState<Action | null>(null);
  const [error, setError] = useState<unknown>(null);
  const one = useQuery({
    queryKey: warningKeys.one(id ?? ''),
    queryFn: ({ signal }) => warningsApi.get(id as string, signal),
    enabled: !!id,
  });
  useEffect(() => {
    if (!id) return;
    setAction(null);
    setError(null);
    form.resetFields();
  }, [id, form]);
  const save = useMutation({
    mutationFn: (v: { status: Action; note?: string | undefined }) =>
      warningsApi.setStatus(id as string, { status: v.status, ...(v.note?.trim() ? { note: v.note.trim() } : {}) }),
    onSuccess: (w) => {
      void message.success(w.status === 'resolved' ? t('warnings.resolvedOk') : t('warnings.followedOk'));
      qc.setQueryData(warningKeys.one(w.id), w);
      void qc.invalidateQueries({ queryKey: warningKeys.all });
      setAction(null);
      form.resetFields();
    },
    onError: (err) => setError(showFieldErrors(form, err, new Set(['note'])) ? null : err),
  });
  const w: EarlyWarningDetail | undefined = one.data;
  const canAct = can('employment:write') && w && w.status !== 'resolved';
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={560}
      title={w ? w.title : t('warnings.detail')}
      destroyOnHidden
      data-testid="warning-drawer"
    >
      {one.error ? <ProblemAlert error={one.error} onRetry={() => void one.refetch()} /> : null}
      {one.isLoading ? <Spin /> : null}
      {w ? (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="warning-text">
            {w.text}
          </Typography.Paragraph>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('warnings.severity')}>
              <SeverityTag severity={w.severity} />
            </Descriptions.Item>
            <Descriptions.Item label={t('warnings.status')}>
              <StatusTag warning={w} />
            </Descriptions.Item>
            <Descriptions.Item label={t('warnings.enterprise')}>
              <SubjectLink warning={w} />
            </Descriptions.Item>
            <Descriptions.Item label={t('warnings.region')}>{w.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('warnings.raisedAt')}>
              {formatTime(w.raisedAt, 'YYYY-MM-DD HH:mm')}
            </Descriptions.Item>
            <Descriptions.Item label={t('warnings.seenAt')}>
              {formatTime(w.seenAt, 'YYYY-MM-DD HH:mm')}
            </Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('warnings.history')}</Typography.Title>
            <Timeline
              data-testid="warning-history"
              items={w.history.map((h, i) => ({
                key: i,
                color: h.status === 'resolved' ? 'green' : h.status === 'following' ? 'gold' : 'red',
                content: (
                  <div>
                    <div>
                      {t(`warnings.event.${h.bySystem ? (`system_${h.status}` as const) : h.status}`)}
                      <span className="hx-muted">
                        {' '}
                        · {formatTime(h.at, 'YYYY-MM-DD HH:mm')}
                        {h.actorName ? ` · ${h.actorName}` : ''}
                      </span>
                    </div>
                    {h.note ? <div className="hx-muted">{h.note}</div> : null}
                  </div>
                ),
              }))}
            />
          </div>
          {canAct ? (
            <div>
              {error ? <ProblemAlert error={error} /> : null}
              {action ? (
                <Form
                  form={form}
                  layout="vertical"
                  onFinish={(v) => save.mutate({ status: action, note: v.note })}
                  data-testid="warning-form"
                >
                  <Form.Item
                    name="note"
                    label={action === 'resolved' ? t('warnings.resolveNote') : t('warnings.followNote')}
                    rules={
                      action === 'resolved'
                        ? [{ required: true, whitespace: true, message: t('warnings.noteRequired') }]
                        : []
                    }
                  >
                    <Input.TextArea rows={3} maxLength={500} showCount data-testid="warning-note" />
                  </Form.Item>
                  <Space>
                    <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="warning-submit">
                      {action === 'resolved' ? t('warnings.resolve') : t('warnings.follow')}
                    </Button>
                    <Button onClick={() => setAction(null)}>{t('common.cancel')}</Button>
                  </Space>
                </Form>
              ) : (
                <Space>
                  {w.status === 'new' ? (
                    <Button onClick={() => setAction('following')} data-testid="warning-follow">
                      {t('warnings.follow')}
                    </Button>
                  ) : null}
                  <Button type="primary" onClick={() => setAction('resolved')} data-testid="warning-resolve">
                    {t('warnings.resolve')}
                  </Button>
                </Space>
              )}
            </div>
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}
