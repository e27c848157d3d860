import type { Lang, Messages } from '@hexie/core';
import dayjs from 'dayjs';

/** Times are shown in Beijing time whatever the browser's zone. */
export const TIME_ZONE = 'Asia/Shanghai';

export function formatTime(iso: string | null | undefined, pattern = 'YYYY-MM-DD HH:mm:ss'): string {
  if (!iso) return '';
  return dayjs(iso).tz(TIME_ZONE).format(pattern);
}

/** A label table of core (ROLE_LABELS, MEMBER_UNIT_LABELS, …) read in the UI language; unknown keys as-is. */
export function labelOf<K extends string>(
  table: Partial<Record<K, Messages>>,
  key: K | string | null | undefined,
  lang: Lang,
): string {
  if (!key) return '';
  return table[key as K]?.[lang] ?? key;
}

/**
 * The fields of `next` that differ from `before` (null and absent count as the same): what an update sends, so
 * that the audit log records exactly this change. `compare` may map a field before comparing (a code typed in
 * lower case is the same code).
 */
export function changedFields<T extends object>(
  before: Readonly<Record<string, unknown>>,
  next: T,
  compare: (key: string, value: unknown) => unknown = (_k, v) => v,
): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(next)) {
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(compare(k, value) ?? null)) out[k] = value;
  }
  return out as Partial<T>;
}
