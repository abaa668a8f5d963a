import type { ComputedDue, HolidayTable } from '../calendar/holiday-table';
import { addDays, endOfShanghaiDay, instantMs, shanghaiDateOf, yearOf } from '../calendar/shanghai-date';
import { isWorkingDay } from '../calendar/working-days';
import type { Limit } from '../limit';

/**
 * The latest moment an item can be complete and still make a meeting that starts at
 * `meetingAt`, given a lead time (会前N个工作日报送): 24:00 of the N-th working day before the
 * meeting's day (working days), of the day N days before it (days), or N hours before the start.
 * Counted so that computeDue(cutoff, lead) never ends after the meeting's day.
 * @example
 * // a meeting on Monday 30 November 2026 with 5 working days (000:50): 24:00 on Monday 23 November
 * cutoffBefore('2026-11-30T01:00:00Z', { unit: 'workingDays', n: 5 }, table).dueAt // '2026-11-23T16:00:00.000Z'
 * @throws RangeError for a lead time in months or to the year end (no rule counts one so).
 */
export function cutoffBefore(meetingAt: string, lead: Limit, table: HolidayTable): ComputedDue {
  if (lead.unit === 'hours') return { dueAt: new Date(instantMs(meetingAt) - lead.n * 3_600_000).toISOString(), provisional: false, unknownYears: [] };
  if (lead.unit !== 'workingDays' && lead.unit !== 'days') throw new RangeError(`a lead time in ${lead.unit} is not counted backwards`);
  const unknownYears = new Set<number>();
  let date = shanghaiDateOf(meetingAt);
  for (let left = lead.n; left > 0; ) {
    date = addDays(date, -1);
    if (lead.unit === 'days') {
      left--;
      continue;
    }
    const day = isWorkingDay(date, table);
    if (!day.known) unknownYears.add(yearOf(date));
    if (day.working) left--;
  }
  return { dueAt: endOfShanghaiDay(date), provisional: unknownYears.size > 0, unknownYears: [...unknownYears].sort((a, b) => a - b) };
}
