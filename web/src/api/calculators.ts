import type {
  AbilityToPayAnswer,
  AbilityToPayBody,
  DeadlineInput,
  DeadlineResult,
  LayoffCheck,
  LayoffCheckBody,
  SeveranceAnswer,
  SeveranceBody,
  WageParametersLookup,
} from '@hexie/core';
import { api } from './client';

/** The public calculators (no session): the rules of core, computed by the server. */
export const calculatorsApi = {
  deadline: (input: DeadlineInput) => api.post<DeadlineResult>('/calculators/deadline', input),
  severance: (body: SeveranceBody) => api.post<SeveranceAnswer>('/calculators/severance', body),
  layoffCheck: (body: LayoffCheckBody) => api.post<LayoffCheck>('/calculators/layoff-check', body),
  abilityToPay: (body: AbilityToPayBody) => api.post<AbilityToPayAnswer>('/calculators/ability-to-pay', body),
  wageParameters: (regionCode: string, date?: string, signal?: AbortSignal) =>
    api.get<WageParametersLookup>('/calculators/wage-parameters', { regionCode, date }, signal),
};
