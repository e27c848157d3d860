import type { FieldProblem } from '../../platform/errors.js';
import { AppError } from '../../platform/errors.js';

/** A validation failure naming the fields at fault (dotted paths for nested ones). */
export function validationFailed(problems: { field: string; code: FieldProblem['code'] }[]): AppError {
  return new AppError('validation_failed', { fields: problems });
}

/** A unique index refused the row (a name or a person already registered). */
export const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export const blankToNull = (v: string | null | undefined) => v?.trim() || null;
