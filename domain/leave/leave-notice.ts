import { addDays, shanghaiDateOf } from '../calendar/shanghai-date';
import type { Role } from '../directory';
import type { Rulebook } from '../rulebooks/types';

export interface LeaveNoticeCheck {
  requiredDaysAhead: number;
  daysAhead: number;
  met: boolean;
  source: string;
  /** An urgent trip reported as it starts (同步报备, 003:77): due by the day of departure, not days ahead. */
  urgent?: true;
}

/** Whole calendar days from one Shanghai date to a later one. */
function daysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = from; d < to; d = addDays(d, 1)) n++;
  return n;
}

/**
 * Whether a department head reported leave early enough: 2 days ahead, the travel day not
 * counted (001:71), 3 days ahead with the acting person named (003:77). Counted as calendar days
 * from the day it was reported to the day of departure. Undefined where the rules set no notice
 * or the person is not a department head. A late report is recorded and flagged, never refused:
 * people fall ill.
 */
export function checkLeaveNotice(rulebook: Rulebook, input: { roles: Role[]; reportedAt: string; from: string; urgentReason?: string }): LeaveNoticeCheck | undefined {
  const notice = rulebook.leave.noticeDaysAhead;
  if (!notice || !input.roles.includes('department-head')) return undefined;
  const daysAhead = daysBetween(shanghaiDateOf(input.reportedAt), shanghaiDateOf(input.from));
  // 003:77: 因紧急事项临时外出的，要同步报备 — reported by the day it starts; elsewhere urgency excuses nothing.
  const urgent = rulebook.leave.urgentTripReportedAtOnce;
  if (urgent.value && input.urgentReason)
    return { requiredDaysAhead: 0, daysAhead, met: shanghaiDateOf(input.reportedAt) <= shanghaiDateOf(input.from), source: urgent.source, urgent: true };
  return { requiredDaysAhead: notice.value, daysAhead, met: daysAhead >= notice.value, source: notice.source };
}
