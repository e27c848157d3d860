import { type AuditEvent, fieldLabel, type Lang, MEMBER_UNIT_LABELS, ROLE_LABELS } from '@hexie/core';
import { Descriptions, Table, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/i18n';
import { labelOf } from '../../shared/format';

type Values = Record<string, unknown>;

function isValues(v: unknown): v is Values {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A recorded value as the user knows it: role and unit labels, region names, 是/否. */
export function displayValue(
  key: string,
  value: unknown,
  ctx: { lang: Lang; t: TFunction; regionNames: Map<string, string> },
): string {
  if (value === null || value === undefined || value === '') return ctx.t('common.none');
  if (typeof value === 'boolean') return value ? ctx.t('common.yes') : ctx.t('common.no');
  if (key === 'role') return labelOf(ROLE_LABELS, String(value), ctx.lang);
  if (key === 'memberUnit') return labelOf(MEMBER_UNIT_LABELS, String(value), ctx.lang);
  if (key === 'regionCode' || key === 'recordRegion') {
    const name = ctx.regionNames.get(String(value));
    if (!name) return String(value);
    return ctx.lang === 'zh-CN' ? `${name}（${String(value)}）` : `${name} (${String(value)})`;
  }
  if (key === 'reason') {
    const reasons: Record<string, string> = {
      bad_credentials: ctx.t('audit.reasonBad_credentials'),
      locked: ctx.t('audit.reasonLocked'),
      disabled: ctx.t('audit.reasonDisabled'),
      csrf: ctx.t('audit.reasonCsrf'),
      permission: ctx.t('audit.reasonPermission'),
    };
    return reasons[String(value)] ?? String(value);
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function keyLabel(key: string, lang: Lang, t: TFunction): string {
  if (key === 'reason') return t('audit.reason');
  if (key === 'consecutiveFailures') return t('audit.consecutiveFailures');
  if (key === 'minutes') return t('audit.minutes');
  if (key === 'method') return t('audit.method');
  if (key === 'route') return t('audit.route');
  if (key === 'recordRegion') return t('audit.recordRegion');
  return fieldLabel(key, lang);
}

interface DiffRow {
  key: string;
  field: string;
  before: string;
  after: string;
  changed: boolean;
}

/** The expanded row of the audit table: request id, record id, and what changed (before → after). */
export function AuditDetails({ event, regionNames }: { event: AuditEvent; regionNames: Map<string, string> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const ctx = { lang, t, regionNames };
  const details = event.details ?? {};
  const before = isValues(details.before) ? details.before : null;
  const after = isValues(details.after) ? details.after : null;
  const rest = Object.entries(details).filter(([k]) => k !== 'before' && k !== 'after');

  const diff: DiffRow[] = [];
  if (before || after) {
    const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
    for (const k of keys) {
      const b = before && k in before ? displayValue(k, before[k], ctx) : t('common.none');
      const a = after && k in after ? displayValue(k, after[k], ctx) : t('common.none');
      diff.push({ key: k, field: keyLabel(k, lang, t), before: b, after: a, changed: b !== a });
    }
  }

  return (
    <div className="hx-audit-detail" data-testid="audit-details">
      <Descriptions
        size="small"
        column={2}
        style={{ maxWidth: 1000 }}
        items={[
          {
            key: 'requestId',
            label: t('audit.requestId'),
            children: event.requestId ? (
              <Typography.Text copyable className="hx-mono">
                {event.requestId}
              </Typography.Text>
            ) : (
              t('common.none')
            ),
          },
          {
            key: 'entity',
            label: t('audit.entity'),
            children: event.entityId ? (
              <Typography.Text className="hx-mono">
                {event.entityType ? `${event.entityType}:` : ''}
                {event.entityId}
              </Typography.Text>
            ) : (
              t('common.none')
            ),
          },
          ...rest.map(([k, v]) => ({ key: k, label: keyLabel(k, lang, t), children: displayValue(k, v, ctx) })),
        ]}
      />
      {diff.length ? (
        <Table<DiffRow>
          style={{ marginTop: 8, maxWidth: 820 }}
          size="small"
          bordered
          pagination={false}
          rowKey="key"
          dataSource={diff}
          columns={[
            { title: t('audit.field'), dataIndex: 'field', width: 160 },
            {
              title: t('audit.before'),
              dataIndex: 'before',
              render: (v: string, r) => (r.changed && before ? <span className="hx-diff-before">{v}</span> : v),
            },
            {
              title: t('audit.after'),
              dataIndex: 'after',
              render: (v: string, r) => (r.changed ? <span className="hx-diff-after">{v}</span> : v),
            },
          ]}
        />
      ) : rest.length === 0 ? (
        <Typography.Text type="secondary">{t('audit.noDetails')}</Typography.Text>
      ) : null}
    </div>
  );
}
