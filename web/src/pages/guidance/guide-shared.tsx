import {
  POLICY_LEVEL_LABELS,
  POLICY_STATUS_LABELS,
  type PolicyLevel,
  type PolicyStatus,
  RISK_LEVEL_LABELS,
  type RiskLevel,
} from '@hexie/core';
import { Tag } from 'antd';
import { useLang } from '../../app/i18n';
import { labelOf } from '../../shared/format';

const STATUS_COLORS: Record<PolicyStatus, string> = { current: 'green', amended: 'orange', repealed: 'default' };
const LEVEL_COLORS: Record<PolicyLevel, string> = { national: 'red', province: 'blue', city: 'cyan' };
export const RISK_COLORS: Record<RiskLevel, string> = { high: '#cf1322', medium: '#d46b08', low: '#1456b8' };

/** 现行有效 / 已修订 / 已废止 */
export function StatusTag({ status }: { status: PolicyStatus }) {
  const lang = useLang();
  return <Tag color={STATUS_COLORS[status]}>{labelOf(POLICY_STATUS_LABELS, status, lang)}</Tag>;
}

/** 国家 / 吉林省 / 市州 */
export function LevelTag({ level }: { level: PolicyLevel }) {
  const lang = useLang();
  return (
    <Tag color={LEVEL_COLORS[level]} variant="outlined">
      {labelOf(POLICY_LEVEL_LABELS, level, lang)}
    </Tag>
  );
}

/** 高风险 / 中风险 / 低风险 (the legal content of the check is in Chinese; so are its labels) */
export function RiskTag({ level }: { level: RiskLevel }) {
  return (
    <Tag color={level === 'high' ? 'red' : level === 'medium' ? 'orange' : 'blue'} style={{ margin: 0 }}>
      {RISK_LEVEL_LABELS[level]}
    </Tag>
  );
}

/** Common searches offered under the search boxes. */
export const HOT_WORDS = ['经济补偿', '试用期', '加班费', '年休假', '社会保险', '最低工资', '劳务派遣', '工资拖欠'];
