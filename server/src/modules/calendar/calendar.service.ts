import {
  type CalendarDay,
  type CalendarYear,
  type CalendarYearBody,
  calendarCovers,
  calendarMap,
  calendarYearProblems,
  caseDeadlines,
  OPEN_STATUSES,
} from '@hexie/core';
import { type Queryable, withTx } from '../../db/pool.js';
import { audit } from '../../platform/audit.js';
import type { ServiceContext } from '../../platform/context.js';
import { invalidFields } from '../../platform/errors.js';

/**
 * 节假日安排: the days the province administrator loads for a year the built-in calendar lacks, and what every
 * deadline computed on the server counts with (`extraDays`). The table holds a few dozen days a year.
 */

interface DayRow {
  date: string;
  work: boolean;
  name: string;
  updated_at: Date;
}

async function rows(db: Queryable, year?: number): Promise<DayRow[]> {
  const { rows } = await db.query<DayRow>(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, work, name, updated_at FROM calendar_days
      WHERE $1::int IS NULL OR extract(year FROM date) = $1 ORDER BY date`,
    [year ?? null],
  );
  return rows;
}

/** Every loaded day, as core's computeDeadline takes them. */
export async function extraDays(db: Queryable): Promise<Map<string, CalendarDay>> {
  return calendarMap(await rows(db));
}

/** A year's calendar: built in, or the days loaded for it. Public (the deadline calculator shows it). */
export async function getCalendarYear(db: Queryable, year: number): Promise<CalendarYear> {
  if (calendarCovers(year)) return { year, covered: true, days: [], updatedAt: null };
  const days = await rows(db, year);
  const updated = days.reduce<Date | null>((m, d) => (!m || d.updated_at > m ? d.updated_at : m), null);
  return {
    year,
    covered: false,
    days: days.map((d) => ({ date: d.date, work: d.work, name: d.name })),
    updatedAt: updated?.toISOString() ?? null,
  };
}

/**
 * Replaces a year's arrangement (all or none) and counts again the deadlines of the open mediation cases that were
 * counted without a calendar: their acceptance, mediation and extended deadlines move to what the law gives with
 * the new days (a deadline warning follows the new date). Audited with the days before and after.
 */
export async function putCalendarYear(
  ctx: ServiceContext,
  year: number,
  body: CalendarYearBody,
): Promise<CalendarYear & { casesRecounted: number }> {
  const problems = calendarYearProblems(year, body.days);
  if (problems.length) throw invalidFields(problems);
  const casesRecounted = await withTx(ctx.db, async (tx) => {
    // One writer at a time: the cases are counted again with exactly the days committed.
    await tx.query('LOCK TABLE calendar_days IN SHARE ROW EXCLUSIVE MODE');
    const before = (await rows(tx, year)).map((d) => ({ date: d.date, work: d.work, name: d.name }));
    await tx.query('DELETE FROM calendar_days WHERE extract(year FROM date) = $1', [year]);
    if (body.days.length) {
      await tx.query(
        `INSERT INTO calendar_days (date, work, name, updated_by)
         SELECT d.date, d.work, d.name, $2 FROM jsonb_to_recordset($1::jsonb) AS d(date date, work boolean, name text)`,
        [JSON.stringify(body.days), ctx.actor.id],
      );
    }
    const extra = calendarMap(await rows(tx));
    const { rows: open } = await tx.query<{ id: string; received_on: string; extension_days: number }>(
      `SELECT id, to_char(received_on, 'YYYY-MM-DD') AS received_on, extension_days FROM mediation_cases
        WHERE calendar_missing AND status = ANY($1::text[]) FOR UPDATE`,
      [OPEN_STATUSES],
    );
    for (const c of open) {
      const d = caseDeadlines(c.received_on, c.extension_days, undefined, extra);
      await tx.query(
        `UPDATE mediation_cases SET acceptance_due = $2, mediation_due = $3, effective_due = $4, calendar_missing = $5
          WHERE id = $1`,
        [c.id, d.acceptanceDue, d.mediationDue, d.effectiveDue, d.calendarMissing],
      );
    }
    await audit(tx, ctx, {
      action: 'calendar.update',
      entityType: 'calendar',
      entityId: String(year),
      regionCode: ctx.actor.regionCode,
      result: 'success',
      details: { year, before, after: body.days, casesRecounted: open.length },
    });
    return open.length;
  });
  return { ...(await getCalendarYear(ctx.db, year)), casesRecounted };
}
