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
