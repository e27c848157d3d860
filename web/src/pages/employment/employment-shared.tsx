import { isNotableFall } from '@hexie/core';
import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { employmentApi, employmentKeys } from '../../api/employment';

/** The change since last year end: people and share, a notable fall in red. */
export function ChangeText({ change }: { change: { delta: number; ratio: number | null } | null }) {
  if (!change) return <span>—</span>;
  const pct = change.ratio === null ? '' : ` (${change.ratio > 0 ? '+' : ''}${(change.ratio * 100).toFixed(1)}%)`;
  const type = isNotableFall(change) ? 'danger' : change.delta > 0 ? 'success' : undefined;
  return (
    <Typography.Text type={type} data-testid="key-change">
      {change.delta > 0 ? '+' : ''}
      {change.delta}
      {pct}
    </Typography.Text>
  );
}

/** A report that does not add up: how many more or fewer people it reports than the previous month gives. */
export function GapText({ gap }: { gap: number }) {
  const { t } = useTranslation();
  return <span>{gap > 0 ? t('employment.gapMore', { n: gap }) : t('employment.gapLess', { n: -gap })}</span>;
}

/** 对接工作人员: staff of the enterprise's region or above (the server says who). */
export function FollowerSelect({
  enterpriseId,
  value,
  onChange,
  id,
}: {
  enterpriseId: string | undefined;
  value?: string | null | undefined;
  onChange?: (v: string | null) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const found = useQuery({
    queryKey: employmentKeys.followers(enterpriseId),
    queryFn: ({ signal }) => employmentApi.followers(enterpriseId, signal),
  });
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder={t('employment.followerPlaceholder')}
      loading={found.isFetching}
      options={(found.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.regionName}）` }))}
      data-testid="key-follower"
    />
  );
}
