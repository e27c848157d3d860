import {
  ABILITY_RATING_LABELS,
  ART41_GROUND_LABELS,
  ART41_STEP_STATE_LABELS,
  chinaToday,
  type LayoffPlanListQuery,
  SEVERANCE_STANDARD_LABELS,
} from '@hexie/core';
import type { FastifyReply } from 'fastify';
import type { ServiceContext } from '../../platform/context.js';
import { type ExportColumn, sendXlsx } from '../../platform/export/xlsx.js';
import { type EvaluatedPlan, matchingPlans } from './layoffs.service.js';

export const PLANS_SHEET_TITLE = '裁员方案';

/**
 * 裁员方案 as xlsx, with the list's filters: each plan with what core says of it (第四十一条 and its steps,
 * severance, ability to pay, the warnings). The people on the lists are not in it (their ID numbers stay in the
 * system). Audited as layoff_plan.export.
 */
export async function exportLayoffPlans(
  ctx: ServiceContext,
  reply: FastifyReply,
  query: Omit<LayoffPlanListQuery, 'page' | 'pageSize'>,
): Promise<FastifyReply> {
  const today = chinaToday();
  const plans = await matchingPlans(ctx, query);
  const step = (p: EvaluatedPlan, s: 'explain' | 'report') => {
    const state = p.evaluation.steps?.[s];
    return state ? ART41_STEP_STATE_LABELS[state]['zh-CN'] : '不适用';
  };
  const columns: ExportColumn<EvaluatedPlan>[] = [
    { header: '企业名称', value: (p) => p.enterpriseName, width: 32 },
    { header: '统一社会信用代码', value: (p) => p.summary.creditCode, kind: 'code', width: 22 },
    { header: '所在地区', value: (p) => p.summary.regionName, width: 16 },
    { header: '方案年度', value: (p) => p.year, kind: 'number', width: 10 },
    { header: '企业职工总数', value: (p) => p.record.employees, kind: 'number', width: 12 },
    { header: '计划裁减人数', value: (p) => p.plannedLayoffs, kind: 'number', width: 12 },
    { header: '已裁减人数', value: (p) => p.doneLayoffs, kind: 'number', width: 10 },
    { header: '裁减比例', value: (p) => `${(p.summary.share * 100).toFixed(1)}%`, width: 10 },
    { header: '涉及岗位', value: (p) => p.record.positions, width: 20 },
    { header: '裁员依据', value: (p) => ART41_GROUND_LABELS[p.record.ground]['zh-CN'], width: 30 },
    { header: '计划裁员日期', value: (p) => p.plannedOn, kind: 'date', width: 12 },
    { header: '属于经济性裁员', value: (p) => (p.summary.art41Applies ? '是' : '否'), width: 12 },
    { header: '最迟说明日期', value: (p) => p.evaluation.explainBy, kind: 'date', width: 12 },
    { header: '向工会或职工说明日期', value: (p) => p.record.explainedOn, kind: 'date', width: 14 },
    { header: '说明情况', value: (p) => step(p, 'explain'), width: 10 },
    { header: '向劳动行政部门报告日期', value: (p) => p.record.reportedOn, kind: 'date', width: 14 },
    { header: '报告情况', value: (p) => step(p, 'report'), width: 10 },
    { header: '工资是否结清', value: (p) => (p.record.wagesSettled ? '是' : '否'), width: 10 },
    {
      header: '拖欠工资（元）',
      value: (p) => (p.record.wagesSettled ? null : p.record.wageArrears),
      kind: 'money',
      width: 14,
    },
    {
      header: '经济补偿标准',
      value: (p) => {
        const label = SEVERANCE_STANDARD_LABELS[p.record.severanceStandard]['zh-CN'];
        return p.record.severanceNote ? `${label}：${p.record.severanceNote}` : label;
      },
      width: 22,
    },
    {
      header: '经济补偿测算（元）',
      value: (p) => p.evaluation.ability?.severanceTotal ?? null,
      kind: 'money',
      width: 16,
    },
    { header: '应付合计（元）', value: (p) => p.evaluation.ability?.need ?? null, kind: 'money', width: 16 },
    { header: '可用资金（元）', value: (p) => p.record.fundsAvailable, kind: 'money', width: 16 },
    { header: '支付比', value: (p) => p.evaluation.ability?.ratio ?? null, kind: 'number', width: 8 },
    {
      header: '支付能力',
      value: (p) => (p.evaluation.ability ? ABILITY_RATING_LABELS[p.evaluation.ability.rating]['zh-CN'] : '无法评估'),
      width: 18,
    },
    { header: '名单人数', value: (p) => p.summary.staffCount, kind: 'number', width: 10 },
    { header: '第四十二条人员', value: (p) => p.evaluation.protectedCount, kind: 'number', width: 12 },
    {
      header: '预警与提示',
      value: (p) => p.evaluation.warnings.map((w) => w.message['zh-CN']).join('\n'),
      width: 60,
    },
  ];
  return sendXlsx<EvaluatedPlan>(ctx, reply, {
    entity: 'layoff_plan',
    fileName: `${PLANS_SHEET_TITLE}-${today}`,
    asciiName: `layoff-plans-${today}`,
    sheet: PLANS_SHEET_TITLE,
    columns,
    count: plans.length,
    rows: plans,
    filters: query,
  });
}
