import { z } from 'zod';
import { memberViewSchema } from '../decisions/steps';
import { defineStep } from '../steps';
import { safeText } from '../text';
import { AGENDA_OUTCOMES } from './outcomes';

/** The steps of a standing meeting (常务会议) and what can be done at each. */

/** Text a person writes: trimmed, not empty, bounded, no control characters (domain/text.ts). */
const text = (max: number) => safeText(max).trim().min(1);
const userId = safeText(100).min(1);
const itemId = safeText(300).min(1);
const instant = z.iso.datetime({ offset: true });

export const MEETING_FIX_AGENDA = defineStep({
  id: 'meeting.fix-agenda',
  label: '确定议题',
  labelEn: 'Fixing the agenda',
  actions: {
    'fix-agenda': {
      label: '确定议题',
      labelEn: 'Fix the agenda (leave items off with a reason)',
      final: true,
      by: 'assignee',
      schema: z.strictObject({
        remove: z
          .array(z.strictObject({ itemId, reason: text(2000) }))
          .max(100)
          .optional()
          .describe('items the chief leaves off this agenda; they go back to the queue'),
      }),
    },
  },
});

export const MEETING_PARTY_COMMITTEE_FILING = defineStep({
  id: 'meeting.party-committee-filing',
  label: '报区委备案',
  labelEn: 'Filing with the party committee',
  actions: {
    file: {
      label: '已报备',
      labelEn: 'Filed with the party committee',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ reference: text(200).optional().describe('the filing number or receipt of the party committee'), note: text(2000).optional() }),
    },
  },
});

export const MEETING_ATTENDANCE = defineStep({
  id: 'meeting.attendance',
  label: '参会确认',
  labelEn: 'Attendance',
  actions: {
    confirm: { label: '确认参会', labelEn: 'Confirm attendance', final: true, by: 'assignee', schema: z.strictObject({}) },
    'ask-leave': {
      label: '向区长请假',
      labelEn: 'Ask the chief for leave (请假)',
      final: true,
      by: 'assignee',
      schema: z.strictObject({
        reason: text(2000),
        writtenOpinions: z
          .array(z.strictObject({ itemId, opinion: text(4000) }))
          .max(100)
          .optional()
          .describe('opinions on the items, sent before the meeting (000:52, 002:44)'),
        substituteId: userId.optional().describe('who attends instead (004:42: only once the leave is granted)'),
        writtenReport: text(4000).optional().describe('the written leave report (书面请假报告) a non-member attendee sends the office (003:55)'),
      }),
    },
  },
});

export const MEETING_LEAVE = defineStep({
  id: 'meeting.leave',
  label: '请假审批',
  labelEn: 'Leave from the meeting',
  actions: {
    'grant-leave': {
      label: '准假',
      labelEn: 'Grant leave',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ substituteAccepted: z.boolean().optional().describe('the chief consents to the named substitute (000:52, 004:42)'), note: text(2000).optional() }),
    },
    'refuse-leave': { label: '不准假，应出席', labelEn: 'Refuse leave: attendance expected', final: true, by: 'assignee', schema: z.strictObject({ reason: text(2000) }) },
  },
});

export const MEETING_ROLL_CALL = defineStep({
  id: 'meeting.roll-call',
  label: '点名',
  labelEn: 'Roll call',
  actions: {
    'record-attendance': {
      label: '登记出席人员',
      labelEn: 'Record the members present',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ present: z.array(userId).max(50).describe('members present (出席), user ids') }),
    },
  },
});

export const MEETING_RESCHEDULE = defineStep({
  id: 'meeting.reschedule',
  label: '改期',
  labelEn: 'Rescheduling',
  actions: {
    reschedule: { label: '另定会期（议程不变）', labelEn: 'Set a new date (the agenda stays)', final: true, by: 'assignee', schema: z.strictObject({ startsAt: instant.describe('the new start; later than now') }) },
    'cancel-meeting': {
      label: '取消会议（议题退回待议）',
      labelEn: 'Call the meeting off (the items return to the queue)',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ reason: text(2000) }),
    },
  },
});

export const MEETING_RECORD_OUTCOME = defineStep({
  id: 'meeting.record-outcome',
  label: '记录议定结果',
  labelEn: 'Outcome of an item',
  actions: {
    record: {
      label: '记录议定结果',
      labelEn: 'Record the outcome',
      final: true,
      by: 'assignee',
      schema: z.strictObject({
        outcome: z.enum(AGENDA_OUTCOMES),
        decision: text(4000).describe('the decision as the minutes record it'),
        viceChiefOpinion: text(4000).describe('the vice chief in charge speaks first (001:41)'),
        majorRevision: z.boolean().optional().describe('the approved document needs a major revision (003:57)'),
        supervisionDueAt: instant.optional().describe('the deadline the meeting set for the decided matter (000:54)'),
        views: z.array(memberViewSchema).max(50).optional().describe('a major decision: each member’s view in the order spoken, the chief’s last (decree713:30)'),
        againstMajorityReason: text(4000).optional().describe('a major decision against the majority view: the chief’s reason (decree713:30)'),
      }),
    },
  },
});

export const MEETING_MINUTES_DRAFT = defineStep({
  id: 'meeting.minutes-draft',
  label: '起草会议纪要',
  labelEn: 'Drafting the minutes',
  actions: {
    'submit-minutes': { label: '报区长签发', labelEn: 'Submit the minutes to the chief', final: true, by: 'assignee', schema: z.strictObject({ text: text(20_000).describe('the minutes (纪要) as drafted') }) },
  },
});

export const MEETING_MINUTES_SIGN = defineStep({
  id: 'meeting.minutes-sign',
  label: '签发会议纪要',
  labelEn: 'Signing the minutes',
  actions: {
    'sign-minutes': { label: '签发', labelEn: 'Sign the minutes', final: true, by: 'assignee', schema: z.strictObject({ note: text(2000).optional() }) },
    'return-minutes': { label: '退回修改', labelEn: 'Return for revision', final: true, by: 'assignee', schema: z.strictObject({ reason: text(2000) }) },
  },
});

/** 001:46: 纪要由副区长审阅后，区长签发 — each vice chief reads the draft before the chief signs it. */
export const MEETING_MINUTES_REVIEW = defineStep({
  id: 'meeting.minutes-review',
  label: '审阅会议纪要',
  labelEn: 'Reviewing the draft minutes',
  actions: {
    'review-minutes': { label: '审阅', labelEn: 'Reviewed (with an opinion if any)', final: true, by: 'assignee', schema: z.strictObject({ opinion: text(2000).optional() }) },
  },
});

export const MEETING_STEPS = [
  MEETING_FIX_AGENDA,
  MEETING_PARTY_COMMITTEE_FILING,
  MEETING_ATTENDANCE,
  MEETING_LEAVE,
  MEETING_ROLL_CALL,
  MEETING_RESCHEDULE,
  MEETING_RECORD_OUTCOME,
  MEETING_MINUTES_DRAFT,
  MEETING_MINUTES_REVIEW,
  MEETING_MINUTES_SIGN,
] as const;
