/** A text field as stored: trimmed, and empty as null. */
export const blankToNull = (v: string | null | undefined) => v?.trim() || null;
