import {
  type AbilityToPayBody,
  abilityToPay,
  abilityToPayProblems,
  checkLayoff,
  chinaToday,
  computeSeverance,
  type LayoffCheckBody,
  layoffProblems,
  type SeveranceBody,
  severanceProblems,
} from '@hexie/core';
import type { Platform } from '../../platform/context.js';
import { AppError, type FieldProblem, invalidFields } from '../../platform/errors.js';
import { type ResolvedParameters, resolveWageParameters } from '../parameters/parameters.service.js';

type Lookup = Pick<Platform, 'db' | 'regions'>;

/** The body's own problems and the parameters' in one answer, so a form shows every field at fault at once. */
async function parametersOrProblems(
  p: Lookup,
  problems: FieldProblem[],
  given: Parameters<typeof resolveWageParameters>[1],
  date: string,
): Promise<ResolvedParameters> {
  let resolved: ResolvedParameters | undefined;
  try {
    resolved = await resolveWageParameters(p, given, date);
  } catch (err) {
    if (!(err instanceof AppError) || !err.options.fields) throw err;
    problems.push(...err.options.fields);
  }
  if (problems.length || !resolved) throw invalidFields(problems);
  return resolved;
}

const usedOf = (r: ResolvedParameters) => ({
  localAverageMonthlyWage: r.localAverageMonthlyWage,
  minimumWage: r.minimumWage,
});

/** 经济补偿: core's computeSeverance on the caller's figures or the tables' (taken on the contract's end). */
export async function severance(p: Lookup, body: SeveranceBody) {
  const date = body.terminationDate ?? body.serviceEnd ?? chinaToday();
  const params = await parametersOrProblems(p, [...severanceProblems(body)], body, date);
  const result = computeSeverance(
    {
      ...body,
      localAverageMonthlyWage: params.localAverageMonthlyWage.value,
      minimumWage: params.minimumWage.value,
    },
    params.sources,
  );
  return { ...result, date, parameters: usedOf(params) };
}

/** 第四十一条: whether the economic-layoff procedure applies. */
export function layoffCheck(body: LayoffCheckBody) {
  const problems = layoffProblems(body);
  if (problems.length) throw invalidFields(problems);
  return checkLayoff(body);
}

/** 支付能力: the layoff's severance and wages owed against the funds. */
export async function abilityToPayOf(p: Lookup, body: AbilityToPayBody) {
  const date = body.date ?? chinaToday();
  const params = await parametersOrProblems(p, [...abilityToPayProblems(body)], body, date);
  const result = abilityToPay(
    {
      ...body,
      wagesOwed: body.wagesOwed ?? 0,
      localAverageMonthlyWage: params.localAverageMonthlyWage.value,
      minimumWage: params.minimumWage.value,
    },
    params.sources,
  );
  return { ...result, date, parameters: usedOf(params) };
}
