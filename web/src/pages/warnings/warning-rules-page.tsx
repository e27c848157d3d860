import { PlayCircleOutlined } from '@ant-design/icons';
import {
  THRESHOLD_UNIT_LABELS,
  WARNING_SEVERITIES,
  WARNING_SEVERITY_LABELS,
  type WarningRuleView,
  type WarningSeverity,
} from '@hexie/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, InputNumber, Select, Space, Switch, Table, type TableColumnsType, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../api/client';
import { warningKeys, warningsApi } from '../../api/warnings';
import { useLang } from '../../app/i18n';
import { formatTime } from '../../shared/format';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';

type Draft = { enabled: boolean; severity: WarningSeverity; threshold: number | null };

/** One rule's row: its switch, severity and threshold, saved on its own. */
function RuleEditor({ rule }: { rule: WarningRuleView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Draft>(rule);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft({ enabled: rule.enabled, severity: rule.severity, threshold: rule.threshold }), [rule]);
  const dirty =
    draft.enabled !== rule.enabled || draft.severity !== rule.severity || draft.threshold !== rule.threshold;
  const save = useMutation({
    mutationFn: () => warningsApi.updateRule(rule.rule, draft),
    onSuccess: () => {
      setError(null);
      void message.success(t('warningRules.saved', { rule: rule.label }));
      void qc.invalidateQueries({ queryKey: warningKeys.rules });
    },
    onError: (err) => setError(fieldErrorsOf(err)[0]?.errors[0] ?? (err as Error).message),
  });
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid={`rule-${rule.rule}`}>
      <Space wrap>
        <Switch
          checked={draft.enabled}
          onChange={(enabled) => setDraft({ ...draft, enabled })}
          checkedChildren={t('warningRules.on')}
          unCheckedChildren={t('warningRules.off')}
          data-testid="rule-enabled"
        />
        <Select
          style={{ width: 100 }}
          value={draft.severity}
          onChange={(severity: WarningSeverity) => setDraft({ ...draft, severity })}
          options={WARNING_SEVERITIES.map((s) => ({ value: s, label: WARNING_SEVERITY_LABELS[s][lang] }))}
          data-testid="rule-severity"
        />
        {rule.unit ? (
          <InputNumber
            style={{ width: 150 }}
            value={draft.threshold}
            min={rule.min ?? undefined}
            max={rule.max ?? undefined}
            onChange={(v) => setDraft({ ...draft, threshold: typeof v === 'number' ? v : null })}
            suffix={THRESHOLD_UNIT_LABELS[rule.unit][lang]}
            status={error ? 'error' : undefined}
            data-testid="rule-threshold"
          />
        ) : null}
        <Button
          type="primary"
          disabled={!dirty}
          loading={save.isPending}
          onClick={() => save.mutate()}
          data-testid="rule-save"
        >
          {t('common.save')}
        </Button>
      </Space>
      {error ? (
        <div className="ant-form-item-explain-error" data-testid="rule-error">
          {error}
        </div>
      ) : null}
    </Space>
  );
}

/** 预警规则: the province administrator switches rules on or off and sets their severity and thresholds. */
export function WarningRulesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const rules = useQuery({ queryKey: warningKeys.rules, queryFn: ({ signal }) => warningsApi.rules(signal) });
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: () => warningsApi.run(),
    onSuccess: (r) => {
      void message.success(t('warningRules.ran', r));
      void qc.invalidateQueries({ queryKey: warningKeys.all });
    },
  });
  const columns: TableColumnsType<WarningRuleView> = [
    {
      title: t('warningRules.rule'),
      key: 'rule',
      render: (_, r) => (
        <div>
          <div style={{ fontWeight: 500 }}>
            {r.label} <Tag style={{ marginLeft: 4 }}>{t(`warningRules.subject.${r.subject}`)}</Tag>
          </div>
          <div className="hx-muted" style={{ fontSize: 12 }} data-testid="rule-description">
            {r.description}
          </div>
          <div className="hx-muted" style={{ fontSize: 12 }}>
            {t('warningRules.defaults', {
              severity: WARNING_SEVERITY_LABELS[r.defaults.severity][lang],
              threshold:
                r.defaults.threshold === null || !r.unit
                  ? t('warningRules.noThreshold')
                  : `${r.defaults.threshold} ${THRESHOLD_UNIT_LABELS[r.unit][lang]}`,
            })}
            {r.changed && r.updatedAt
              ? ` · ${t('warningRules.changedBy', { name: r.updatedBy ?? '', at: formatTime(r.updatedAt, 'YYYY-MM-DD HH:mm') })}`
              : ''}
          </div>
        </div>
      ),
    },
    { title: t('warningRules.setting'), key: 'setting', width: 520, render: (_, r) => <RuleEditor rule={r} /> },
  ];
  return (
    <div data-testid="warning-rules-page">
      <PageHeader
        title={t('warningRules.title')}
        description={t('warningRules.description')}
        extra={
          <Button
            icon={<PlayCircleOutlined />}
            loading={run.isPending}
            onClick={() => run.mutate()}
            data-testid="rules-run"
          >
            {t('warningRules.run')}
          </Button>
        }
      />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('warningRules.when')} />
      {run.error ? <ProblemAlert error={run.error} /> : null}
      {rules.error ? <ProblemAlert error={rules.error} onRetry={() => void rules.refetch()} /> : null}
      <Card>
        <Table<WarningRuleView>
          rowKey="rule"
          size="middle"
          tableLayout="fixed"
          columns={columns}
          dataSource={rules.data?.items ?? []}
          loading={rules.isFetching}
          pagination={false}
          scroll={{ x: 900 }}
          data-testid="rules-table"
        />
      </Card>
    </div>
  );
}
