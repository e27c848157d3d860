import type { DeadlineInput, DeadlineResult } from '@hexie/core';
import { api } from './client';

/** The public calculators (no session): the rules of core, computed by the server. */
export const calculatorsApi = {
  deadline: (input: DeadlineInput) => api.post<DeadlineResult>('/calculators/deadline', input),
};
