/**
 * Calendar dates as the offices see them: China Standard Time (UTC+8, no daylight saving), so a date never
 * shifts with the server's time zone.
 */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Today in China as YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}
