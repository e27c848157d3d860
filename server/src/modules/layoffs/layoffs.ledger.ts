import { ABILITY_RATING_LABELS, formatWanYuan, SEVERANCE_STANDARD_LABELS } from '@hexie/core';
import type { LayoffLedgerFacts, LayoffLedgerSource } from '../employment/ledger.export.js';
import { evaluatedPlans } from './layoffs.service.js';

/**
 * The layoff columns of 重点用工企业情况表 (附件7) from the enterprises' plans of the year, as core evaluates them:
 * planned and done, positions, wages settled or the arrears, the severance standard, and the ability to pay with
 * its ratio. Registered with the employment module's export when the app starts (app.ts).
 */
export const layoffLedgerSource: LayoffLedgerSource = async (p, enterpriseIds, year) => {
  const plans = await evaluatedPlans(p, { enterpriseIds, year });
  const out = new Map<string, LayoffLedgerFacts>();
  for (const plan of plans) {
    const r = plan.record;
    const a = plan.evaluation.ability;
    const standard = SEVERANCE_STANDARD_LABELS[r.severanceStandard]['zh-CN'];
    out.set(plan.enterpriseId, {
      plannedLayoffs: r.plannedLayoffs,
      layoffsDone: r.doneLayoffs,
      positions: r.positions,
      wagesSettled: r.wagesSettled ? '已依法结清' : `拖欠 ${formatWanYuan(r.wageArrears ?? 0)}`,
      severanceStandard: r.severanceNote ? `${standard}：${r.severanceNote}` : standard,
      abilityToPay: a
        ? `${ABILITY_RATING_LABELS[a.rating]['zh-CN']}${a.ratio === null ? '' : `（资金/应付 ${a.ratio.toFixed(2)}）`}`
        : '无法评估（缺少测算数据）',
    });
  }
  return out;
};
