import { formatShanghai } from '../calendar/shanghai-date';
import type { Rulebook } from '../rulebooks/types';

/** 区政府常务会议 2026-12-01 09:00 (市政府 for a city, 004): how the meeting is named in lists and inboxes. */
export function meetingTitle(rulebook: Pick<Rulebook, 'level'>, startsAt: string): string {
  return `${rulebook.level === 'city' ? '市政府' : '区政府'}常务会议 ${formatShanghai(startsAt)}`;
}
