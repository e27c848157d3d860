import { onEmploymentReport } from '../employment/facts.js';
import { onLayoffPlanSaved } from '../layoffs/layoffs.events.js';
import { evaluateEnterprise, evaluatePlan } from './warnings.engine.js';

/**
 * The warnings follow the facts as they are written: a monthly report (form, enterprise or import) re-evaluates its
 * enterprise, a saved plan (form, API or staff import) its plan, each inside the writing transaction. Registered
 * once, when the app loads its routes.
 */
let registered = false;
export function listenForWarnings(): void {
  if (registered) return;
  registered = true;
  onEmploymentReport(async (tx, ctx, report) => {
    await evaluateEnterprise({ db: tx, regions: ctx.regions, log: ctx.log }, report.enterpriseId);
  });
  onLayoffPlanSaved(async (tx, ctx, planId) => {
    await evaluatePlan({ db: tx, regions: ctx.regions, log: ctx.log }, planId);
  });
}
