import type { MediationCase } from '@hexie/core';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS = { ok: 'blue', due_soon: 'orange', overdue: 'red' } as const;

/** A deadline with its badge: 即将到期 within 3 days, 已逾期 after it. */
export function DueTag({ pending }: { pending: NonNullable<MediationCase['pending']> }) {
  const { t } = useTranslation();
  return (
    <span data-testid="due-tag" data-state={pending.state}>
      {pending.due}{' '}
      {pending.state === 'ok' ? null : (
        <Tag color={COLORS[pending.state]} style={{ marginInlineStart: 4 }}>
          {t(pending.state === 'overdue' ? 'mediation.overdue' : 'mediation.dueSoon')}
        </Tag>
      )}
    </span>
  );
}
