import type { HolidayTable } from '../calendar/holiday-table';
import { addDays, shanghaiDateOf } from '../calendar/shanghai-date';
import { isWorkingDay } from '../calendar/working-days';
import type { Limit } from '../limit';
import { cutoffBefore } from './lead-time';
import type { MeetingFrequency } from './rules';

/** 09:00 Shanghai on `date`, the hour the office proposes; the chief may move it. */
const at9 = (date: string) => new Date(`${date}T09:00:00+08:00`).toISOString();

function nextWorkingDay(date: string, table: HolidayTable): string {
  let d = date;
  while (!isWorkingDay(d, table).working) d = addDays(d, 1);
  return d;
}

/**
 * Meeting dates the frequency suggests after `fromIso`: twice a month on the first working day
 * from the 1st and from the 16th (000:46 一般每月召开两次, 001:41 每半月); every N days from the
 * first working day after `fromIso` (002:39, 003:49 每两周), each rolled to a working day.
 */
export function proposeMeetingDates(frequency: MeetingFrequency, fromIso: string, count: number, table: HolidayTable): string[] {
  const from = shanghaiDateOf(fromIso);
  const dates: string[] = [];
  if (frequency.kind === 'every-days') {
    let anchor = nextWorkingDay(addDays(from, 1), table);
    for (let i = 0; dates.length < count; i++) {
      dates.push(nextWorkingDay(anchor, table));
      anchor = addDays(anchor, frequency.days);
    }
  } else {
    let [y, m] = from.split('-').map(Number);
    while (dates.length < count) {
      for (const day of [1, 16]) {
        const d = nextWorkingDay(`${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`, table);
        if (d > from && dates.length < count) dates.push(d);
      }
      m++;
      if (m > 12) {
        m = 1;
        y++;
      }
    }
  }
  return dates.map(at9);
}

/**
 * The next `count` meeting dates the frequency suggests whose agenda can still take items: the
 * lead-time cut-off (000:50, 002:40, 003:54, 001:41) is after `nowIso`. A date whose cut-off has
 * passed is never proposed.
 */
export function proposeOpenMeetings(
  frequency: MeetingFrequency,
  lead: Limit | null,
  nowIso: string,
  count: number,
  table: HolidayTable,
): { startsAt: string; cutoffAt: string; provisional: boolean }[] {
  // Twice a month or every two weeks, a cut-off of at most ~3 weeks passes over at most two dates.
  return proposeMeetingDates(frequency, nowIso, count + 4, table)
    .map((startsAt) => {
      const cut = lead ? cutoffBefore(startsAt, lead, table) : { dueAt: startsAt, provisional: false };
      return { startsAt, cutoffAt: cut.dueAt, provisional: cut.provisional };
    })
    .filter((m) => Date.parse(m.cutoffAt) > Date.parse(nowIso))
    .slice(0, count);
}
