/** A text field as stored: trimmed, and empty as null. */
export const blankToNull = (v: string | null | undefined) => v?.trim() || null;

/** A text for LIKE: its %, _ and \ taken literally. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
