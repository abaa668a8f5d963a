import { addDays, shanghaiDateOf } from '../calendar/shanghai-date';
import type { Role } from '../directory';
import type { Rulebook } from '../rulebooks/types';

export interface LeaveReportProblem {
  field: 'standInUserId' | 'schedule' | 'urgentReason';
  reason: string;
}

/** Calendar days (Asia/Shanghai) an absence touches: Monday 08:00 to Thursday 18:00 is 4. */
export function daysAway(from: string, to: string): number {
  const last = shanghaiDateOf(new Date(Date.parse(to) - 1).toISOString());
  let n = 0;
  for (let d = shanghaiDateOf(from); d <= last; d = addDays(d, 1)) n++;
  return n;
}

/**
 * What a department head's leave report must carry where the rulebook asks it (003:77: 报告行止日期、
 * 地点、事由和代为主持工作的人员，外出时间超过3天的，要附有关通知、方案及日程安排): the acting person, and the
 * schedule of a trip over 3 days. An urgent trip's reason is a leave.urgentTripReportedAtOnce rule:
 * elsewhere it is refused rather than silently kept as if it excused the notice. Empty when all is there.
 */
export function checkLeaveReport(
  rulebook: Rulebook,
  input: { roles: Role[]; from: string; to: string; standInUserId?: string; schedule?: string; urgentReason?: string },
): LeaveReportProblem[] {
  const leave = rulebook.leave;
  const problems: LeaveReportProblem[] = [];
  if (input.urgentReason && !leave.urgentTripReportedAtOnce.value)
    problems.push({ field: 'urgentReason', reason: `${rulebook.id} has no urgent-trip report (${leave.urgentTripReportedAtOnce.source}); report the absence as any other` });
  if (!input.roles.includes('department-head')) return problems;
  if (leave.actingPersonNamed.value && !input.standInUserId)
    problems.push({ field: 'standInUserId', reason: `name who runs the unit meanwhile (代为主持工作的人员, ${leave.actingPersonNamed.source})` });
  const beyond = leave.scheduleBeyondDays;
  if (beyond && !input.schedule && daysAway(input.from, input.to) > beyond.value)
    problems.push({ field: 'schedule', reason: `away ${daysAway(input.from, input.to)} days, more than ${beyond.value}: attach the notice, plan and schedule (有关通知、方案及日程安排, ${beyond.source})` });
  return problems;
}
