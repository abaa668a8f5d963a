import type { HolidayTable } from '../calendar/holiday-table';
import { addDays, shanghaiDateOf } from '../calendar/shanghai-date';
import { isWorkingDay } from '../calendar/working-days';
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
