/**
 * How long is left before a deadline, counted the way the rules count it: whole working days over
 * the holiday table (the domain's own isWorkingDay), hours on the last day.
 */
import { isWorkingDay } from '../../../domain/calendar/working-days';
import { addDays, shanghaiDateOf } from '../../../domain/calendar/shanghai-date';
import type { HolidayTable } from '../../../domain/calendar/holiday-table';

export type Remaining =
  | { kind: 'overdue'; workingDays: number }
  | { kind: 'hours'; hours: number }
  | { kind: 'today' }
  | { kind: 'workingDays'; workingDays: number };

/** Working days d with from < d <= to (dates 'YYYY-MM-DD'). */
function workingDaysBetween(from: string, to: string, table: HolidayTable): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to && n < 1000; d = addDays(d, 1)) if (isWorkingDay(d, table).working) n++;
  return n;
}

export function remaining(dueAt: string, now: number, table: HolidayTable): Remaining {
  const due = Date.parse(dueAt);
  const today = shanghaiDateOf(new Date(now).toISOString());
  // A limit ending at 24:00 arrives as 00:00 of the next day: its last day is the day before.
  const lastDay = shanghaiDateOf(new Date(due - 1).toISOString());
  if (due <= now) return { kind: 'overdue', workingDays: workingDaysBetween(lastDay, today, table) };
  if (due - now < 24 * 3_600_000 && lastDay !== today) return { kind: 'hours', hours: Math.max(1, Math.ceil((due - now) / 3_600_000)) };
  const days = workingDaysBetween(today, lastDay, table);
  return days === 0 ? { kind: 'today' } : { kind: 'workingDays', workingDays: days };
}
