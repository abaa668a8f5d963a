import type { Limit } from '../limit';
import type { ComputedDue, HolidayTable } from './holiday-table';
import { addDays, addMonths, dayOfWeek, endOfShanghaiDay, instantMs, shanghaiDateOf, yearOf } from './shanghai-date';
import { statutoryHolidays } from './statutory-holidays';

export { formatShanghai } from './shanghai-date';

/**
 * Whether a Shanghai calendar date is a working day (工作日) under the State Council's notice for
 * its year: days off (放假) are not, adjusted weekend days (调休上班) are, otherwise Monday–Friday.
 * A year missing from the table falls back to Monday–Friday less that year's statutory holidays
 * (computed, statutory-holidays.ts) with `known: false`: the holidays are certain, the adjusted
 * working weekends are not, so the caller marks what it derives as provisional.
 * @throws RangeError if `date` is not 'YYYY-MM-DD'.
 */
export function isWorkingDay(date: string, table: HolidayTable): { working: boolean; known: boolean } {
  const weekday = dayOfWeek(date);
  const mondayToFriday = weekday >= 1 && weekday <= 5;
  const year = table[yearOf(date)];
  if (!year) return { working: mondayToFriday && !statutoryHolidays(yearOf(date)).includes(date), known: false };
  if (year.daysOff.includes(date)) return { working: false, known: true };
  if (year.workingWeekendDays.includes(date)) return { working: true, known: true };
  return { working: mondayToFriday, known: true };
}

/**
 * The deadline of a limit that starts at `startIso`, counted as domain.md "Working days and how
 * limits are counted" (民法典 Arts. 201–203): the event's own day is not counted; a day-based limit
 * ends at 24:00 (returned as 00:00 of the next Shanghai day, in UTC); a last day that is not a
 * working day rolls to the next working day; hours are clock hours.
 *
 * @throws RangeError on an unparsable start or a limit whose n is not a positive whole number
 * (hours may be fractional).
 * @example
 * computeDue('2026-09-24T10:00:00+08:00', { unit: 'workingDays', n: 5 }, table).dueAt
 * // '2026-10-09T16:00:00.000Z' — 24:00 on Friday 9 October 2026, Shanghai
 */
export function computeDue(startIso: string, limit: Limit, table: HolidayTable): ComputedDue {
  const startMs = instantMs(startIso);
  const unknownYears = new Set<number>();
  const working = (date: string): boolean => {
    const day = isWorkingDay(date, table);
    if (!day.known) unknownYears.add(yearOf(date));
    return day.working;
  };
  const rollForward = (date: string): string => {
    let d = date;
    while (!working(d)) d = addDays(d, 1);
    return d;
  };
  const due = (dueAt: string): ComputedDue => ({
    dueAt,
    provisional: unknownYears.size > 0,
    unknownYears: [...unknownYears].sort((a, b) => a - b),
  });

  if (limit.unit === 'hours') {
    if (!(limit.n > 0)) throw new RangeError(`hours must be positive: ${limit.n}`);
    return due(new Date(startMs + limit.n * 60 * 60 * 1000).toISOString());
  }

  const startDate = shanghaiDateOf(startIso);
  switch (limit.unit) {
    case 'workingDays': {
      assertPositiveWhole(limit.n);
      let d = startDate;
      for (let counted = 0; counted < limit.n; ) {
        d = addDays(d, 1);
        if (working(d)) counted++;
      }
      return due(endOfShanghaiDay(d));
    }
    case 'days':
      assertPositiveWhole(limit.n);
      return due(endOfShanghaiDay(rollForward(addDays(startDate, limit.fromEventDay ? limit.n - 1 : limit.n))));
    case 'months':
      assertPositiveWhole(limit.n);
      return due(endOfShanghaiDay(rollForward(addDays(addMonths(startDate, limit.n), limit.fromEventDay ? -1 : 0))));
    case 'yearEnd':
      return due(endOfShanghaiDay(rollForward(`${yearOf(startDate)}-12-31`)));
  }
}

/**
 * The new deadline when a limit that ended at `previousDueAt` is extended (延长) by `extension`.
 * A day-based deadline ends at 24:00, stored as 00:00 of the next day; counting from that instant
 * would start a day late, so the extension runs on from the day the previous limit ended on.
 * @throws RangeError as computeDue.
 * @example
 * // re-check due 24:00 Tue 31 Mar 2026, extended by 30 days → 24:00 Thu 30 Apr 2026
 * extendDue('2026-03-31T16:00:00.000Z', { unit: 'days', n: 30 }, table).dueAt // '2026-04-30T16:00:00.000Z'
 */
export function extendDue(previousDueAt: string, extension: Limit, table: HolidayTable): ComputedDue {
  const base = extension.unit === 'hours' ? previousDueAt : new Date(instantMs(previousDueAt) - 1).toISOString();
  return computeDue(base, extension, table);
}

function assertPositiveWhole(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`limit must be a positive whole number: ${n}`);
}
