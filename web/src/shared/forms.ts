import type { FormInstance } from 'antd';
import { ApiError, fieldErrorsOf, formFieldErrors } from '../api/client';

/**
 * Puts the server's field errors (the API's `errors`, in the caller's language) on the form's own fields and
 * scrolls to the first. `fields` are the form's fields: a nested server field (`expertIds.0`) lands on its form
 * field, one the form does not have is left for the page's alert. `byCode` puts a whole problem on a field
 * (409 `credit_code_taken` on the code). Returns how many fields got an error, so the page shows the whole
 * problem only when none did.
 */
export function showFieldErrors(
  form: FormInstance,
  err: unknown,
  fields?: ReadonlySet<string>,
  byCode: Readonly<Record<string, string>> = {},
): number {
  const found = fields ? formFieldErrors(err, fields) : fieldErrorsOf(err);
  const field = err instanceof ApiError ? byCode[err.code] : undefined;
  if (field && err instanceof ApiError) found.push({ name: field, errors: [err.problem.detail] });
  form.setFields(found.map((f) => ({ name: f.name, errors: f.errors })));
  if (found[0]) form.scrollToField(found[0].name);
  return found.length;
}
