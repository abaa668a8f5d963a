import { z } from 'zod';
import { MEMBER_POSITIONS } from '../decisions/collective-decision';
import { AGENDA_OUTCOMES } from './outcomes';

/**
 * The meeting's outcome as an agenda item's state keeps it (`details.outcome`), read by the
 * process that started the item (a major decision waits for it). The meeting validated it when
 * its secretary recorded it (meeting.record-outcome); this only types it, so it admits every
 * outcome an item ever kept: no length bounds, no trimming, fields added later passed on.
 */
const recordedOutcome = z.looseObject({
  meetingId: z.string(),
  outcome: z.enum(AGENDA_OUTCOMES),
  decision: z.string(),
  viceChiefOpinion: z.string().optional(),
  majorRevision: z.boolean().optional(),
  supervisionDueAt: z.string().optional(),
  views: z.array(z.looseObject({ memberId: z.string(), position: z.enum(MEMBER_POSITIONS), opinion: z.string() })).optional(),
  againstMajorityReason: z.string().optional(),
  minutesSignedAt: z.string(),
  minutesSignedBy: z.string(),
});

export type RecordedAgendaOutcome = z.output<typeof recordedOutcome>;

/** The outcome an agenda item's state records, or undefined while (or when) it has none. */
export function recordedAgendaOutcome(itemDetails: Record<string, unknown>): RecordedAgendaOutcome | undefined {
  const parsed = recordedOutcome.safeParse(itemDetails.outcome);
  return parsed.success ? parsed.data : undefined;
}
