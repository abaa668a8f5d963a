import { defineSignal } from '@temporalio/workflow';
import type { MemberView } from '../domain/decisions/collective-decision';
import type { AgendaOutcomeKind } from '../domain/meetings/outcomes';

// The outcomes live in the domain (the meeting's action schemas need them); re-exported for the item.
export { AGENDA_OUTCOMES, type AgendaOutcomeKind } from '../domain/meetings/outcomes';

/** What the meeting decided on an item (议定), released to it only once the minutes are signed. */
export interface AgendaOutcome {
  meetingId: string;
  outcome: AgendaOutcomeKind;
  /** The decision as the minutes record it. */
  decision: string;
  /** The vice chief in charge speaks first (001:41); the chair decides. */
  viceChiefOpinion?: string;
  /** The approved document needs a major revision: 10 working days instead of 5 (003:57). */
  majorRevision?: boolean;
  /** The deadline the meeting set for the decided matter: the supervision ticket's (000:54). */
  supervisionDueAt?: string;
  /** A major decision: members' views in the order spoken, the chief's last (decree713:30). */
  views?: MemberView[];
  /** A major decision against the majority view: the reason (decree713:30). */
  againstMajorityReason?: string;
  minutesSignedAt: string;
  minutesSignedBy: string;
}

/** Meeting → item: the agenda froze with the item on it. */
export const agendaScheduledSignal = defineSignal<[{ meetingId: string; startsAt: string }]>('agendaScheduled');
/** Meeting → item: taken off the agenda (the chief left it off, or the meeting was cancelled); it waits for the next. */
export const agendaReleasedSignal = defineSignal<[{ meetingId: string; reason: string }]>('agendaReleased');
/**
 * Item → meeting: the item reached the office by the meeting's cut-off and its review ended after
 * the agenda froze (002:40, 003:54 measure the lead time at arrival): it is owed a place.
 */
export const agendaItemJoinedSignal = defineSignal<[{ itemId: string; title: string; leadUnit: string; readyAt: string; majorDecision?: boolean }]>('agendaItemJoined');
/** Meeting → item: the outcome, after the chief signed the minutes. */
export const agendaOutcomeSignal = defineSignal<[AgendaOutcome]>('agendaOutcome');
