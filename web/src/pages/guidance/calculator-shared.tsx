import { formatYuan, type Messages, type ParameterUsed, wageTierLabel } from '@hexie/core';
import { type FormInstance, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/i18n';
import './calculators.css';

/** 33,000.00 元 / 33,000.00 yuan */
export function useYuan() {
  const { t } = useTranslation();
  return (v: number) => t('severance.yuan', { v: formatYuan(v) });
}

/** Where a figure came from: the parameter table's row (region, document, start) or the caller. */
export function ParameterSourceText({ used }: { used: ParameterUsed }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (used.source === 'input') return <span className="hx-muted">{t('severance.sourceInput')}</span>;
  const what = [
    used.regionName,
    used.tier ? wageTierLabel(used.tier)[lang] : null,
    used.statYear ? t('severance.statYear', { year: used.statYear }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <span className="hx-muted">
      {t('severance.sourceTable', { what, basis: used.basis ?? '', from: used.effectiveFrom ?? '' })}
    </span>
  );
}

/** The calculation's steps as core wrote them, in the reader's language. */
export function Explanation({ lines, testId }: { lines: Messages[]; testId?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div className="calc-explanation" data-testid={testId}>
      <Typography.Title level={5}>{t('severance.explanation')}</Typography.Title>
      <ol>
        {lines.map((l) => (
          <li key={l['zh-CN']}>{l[lang]}</li>
        ))}
      </ol>
    </div>
  );
}

/** A field the visitor changes loses the server's error on it (the next answer says again what is wrong). */
export function clearErrors(form: FormInstance, changed: object) {
  form.setFields(Object.keys(changed).map((name) => ({ name, errors: [] })));
}
