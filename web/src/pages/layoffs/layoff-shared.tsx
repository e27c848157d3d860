import {
  ABILITY_RATING_LABELS,
  type AbilityRating,
  ART41_STEP_LABELS,
  ART41_STEP_STATE_LABELS,
  type Art41Step,
  type Art41StepState,
  type Messages,
  type PlanWarning,
  WARNING_SEVERITY_LABELS,
  type WarningSeverity,
} from '@hexie/core';
import { Alert, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/i18n';
import './layoffs.css';

export const RATING_COLORS: Record<AbilityRating, string> = {
  sufficient: 'green',
  tight: 'gold',
  insufficient: 'orange',
  severe: 'red',
};
const STATE_COLORS: Record<Art41StepState, string> = { done: 'green', missing: 'red', late: 'orange' };
const SEVERITY_TYPES: Record<WarningSeverity, 'error' | 'warning' | 'info'> = {
  high: 'error',
  medium: 'warning',
  low: 'info',
};

/** 支付能力 as a coloured tag (— when not assessed). */
export function RatingTag({ rating }: { rating: AbilityRating | null }) {
  const lang = useLang();
  if (!rating) return <span className="hx-muted">—</span>;
  return (
    <Tag color={RATING_COLORS[rating]} data-testid="plan-rating">
      {ABILITY_RATING_LABELS[rating][lang]}
    </Tag>
  );
}

/** The two steps of 第四十一条 with their states; nothing when the procedure does not apply. */
export function StepTags({ steps, long = false }: { steps: Record<Art41Step, Art41StepState> | null; long?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!steps) return <span className="hx-muted">{t('layoffPlans.notApplicable')}</span>;
  return (
    <Space size={[4, 4]} wrap data-testid="plan-steps">
      {(['explain', 'report'] as const).map((s) => (
        <Tag key={s} color={STATE_COLORS[steps[s]]} data-testid={`plan-step-${s}`} title={ART41_STEP_LABELS[s][lang]}>
          {t(long ? `layoffPlans.stepLong.${s}` : `layoffPlans.step.${s}`)}：{ART41_STEP_STATE_LABELS[steps[s]][lang]}
        </Tag>
      ))}
    </Space>
  );
}

/** The plan's warnings, most severe first, in the reader's language. */
export function WarningList({ warnings }: { warnings: readonly PlanWarning[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!warnings.length) {
    return <Alert type="success" showIcon title={t('layoffPlans.noWarnings')} data-testid="plan-no-warnings" />;
  }
  return (
    <div className="lp-warnings" data-testid="plan-warnings">
      {warnings.map((w) => (
        <Alert
          key={w.code}
          type={SEVERITY_TYPES[w.severity]}
          showIcon
          data-testid={`plan-warning-${w.code}`}
          title={
            <span>
              <Tag color={w.severity === 'high' ? 'red' : w.severity === 'medium' ? 'orange' : 'default'}>
                {WARNING_SEVERITY_LABELS[w.severity][lang]}
              </Tag>
              {w.message[lang]}
            </span>
          }
        />
      ))}
    </div>
  );
}

/** Why the check says what it says: core's explanation, citing 第四十一条 and 第四十二条. */
export function BasisList({ lines }: { lines: readonly Messages[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div className="lp-basis" data-testid="plan-check-basis">
      <Typography.Title level={5} className="lp-section-title">
        {t('layoffPlans.basisTitle')}
      </Typography.Title>
      <ol>
        {lines.map((l) => (
          <li key={l['zh-CN']}>{l[lang]}</li>
        ))}
      </ol>
    </div>
  );
}
