import { z } from 'zod';
import { memberViewSchema } from '../decisions/steps';
import { AGENDA_OUTCOMES } from './outcomes';

const text = (max: number) => z.string().trim().min(1).max(max);
const userId = z.string().min(1).max(100);
const instant = z.iso.datetime({ offset: true });

/** The `data` each standing-meeting action takes; the engine validates it before anything changes. */
export const MEETING_ACTION_SCHEMAS = {
  file: z.object({ reference: text(200).optional().describe('the filing number or receipt of the party committee'), note: text(2000).optional() }),
  'fix-agenda': z.object({
    remove: z
      .array(z.object({ itemId: z.string().min(1), reason: text(2000) }))
      .max(100)
      .optional()
      .describe('items the chief leaves off this agenda; they go back to the queue'),
  }),
  confirm: z.object({}).strict(),
  'ask-leave': z.object({
    reason: text(2000),
    writtenOpinions: z
      .array(z.object({ itemId: z.string().min(1), opinion: text(4000) }))
      .max(100)
      .optional()
      .describe('opinions on the items, sent before the meeting (000:52, 002:44)'),
    substituteId: userId.optional().describe('who attends instead (004:42: only once the leave is granted)'),
  }),
  'grant-leave': z.object({ substituteAccepted: z.boolean().optional().describe('the chief consents to the named substitute (000:52, 004:42)'), note: text(2000).optional() }),
  'refuse-leave': z.object({ reason: text(2000) }),
  'record-attendance': z.object({ present: z.array(userId).max(50).describe('members present (出席), user ids') }),
  reschedule: z.object({ startsAt: instant.describe('the new start; later than now') }),
  'cancel-meeting': z.object({ reason: text(2000) }),
  record: z.object({
    outcome: z.enum(AGENDA_OUTCOMES),
    decision: text(4000).describe('the decision as the minutes record it'),
    viceChiefOpinion: text(4000).describe('the vice chief in charge speaks first (001:41)'),
    majorRevision: z.boolean().optional().describe('the approved document needs a major revision (003:57)'),
    supervisionDueAt: instant.optional().describe('the deadline the meeting set for the decided matter (000:54)'),
    views: z.array(memberViewSchema).max(50).optional().describe('a major decision: each member’s view in the order spoken, the chief’s last (decree713:30)'),
    againstMajorityReason: text(4000).optional().describe('a major decision against the majority view: the chief’s reason (decree713:30)'),
  }),
  'submit-minutes': z.object({ text: text(20_000).describe('the minutes (纪要) as drafted') }),
  'sign-minutes': z.object({ note: text(2000).optional() }),
  'return-minutes': z.object({ reason: text(2000) }),
} as const;
