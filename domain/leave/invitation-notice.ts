import type { HolidayTable } from '../calendar/holiday-table';
import { cutoffBefore } from '../meetings/lead-time';
import type { Rulebook } from '../rulebooks/types';

/**
 * Whether an invitation to a leader reached the office early enough (000:78: at least 3 working
 * days before the event; 003:86: 5): the latest moment is counted back from the event's day like a
 * meeting's lead time. Undefined where the rules set no such limit.
 */
export function checkInvitationNotice(rulebook: Rulebook, input: { receivedAt: string; eventAt: string }, table: HolidayTable): { latest: string; met: boolean; source: string } | undefined {
  const lead = rulebook.leave.invitationLeadTime;
  if (!lead) return undefined;
  const latest = cutoffBefore(input.eventAt, lead.value, table).dueAt;
  return { latest, met: Date.parse(input.receivedAt) <= Date.parse(latest), source: lead.source };
}
