import { z } from 'zod';
import { defineStep } from '../steps';
import { safeText } from '../text';

/** The steps of a supervision ticket (督查督办) and what can be done at each (001:63, supervision2020). */

/** Text a person writes: trimmed, not empty, bounded, no control characters (domain/text.ts). */
const text = (max: number) => safeText(max).trim().min(1);
const findingId = safeText(20).min(1).describe('the finding, e.g. f1');

/** A rework deadline: a number of working days or an explicit due time (supervision2020:15). */
const reworkDeadline = {
  workingDays: z.number().int().min(1).max(250).optional().describe('working days for the rework'),
  dueAt: z.iso.datetime({ offset: true }).optional().describe('or an explicit due time'),
};
const needsDeadline = (v: { workingDays?: number; dueAt?: string }) => v.workingDays !== undefined || v.dueAt !== undefined;
const withReworkDeadline = z
  .strictObject({ reason: text(2000), ...reworkDeadline })
  .refine(needsDeadline, { message: 'give workingDays or dueAt for the rework', path: ['workingDays'] });

/** What 003:74 names for referral: 有令不行、有禁不止，打折扣、搞变通或者不作为、乱作为. */
export const DISCIPLINE_CONDUCT = ['ignores-orders', 'defies-prohibitions', 'cuts-corners', 'bends-rules', 'inaction', 'misconduct'] as const;
export const DISCIPLINE_CONDUCT_LABELS: Record<(typeof DISCIPLINE_CONDUCT)[number], string> = {
  'ignores-orders': '有令不行',
  'defies-prohibitions': '有禁不止',
  'cuts-corners': '打折扣',
  'bends-rules': '搞变通',
  inaction: '不作为',
  misconduct: '乱作为',
};

export const TICKET_EXECUTION = defineStep({
  id: 'ticket.execution',
  label: '承办落实',
  labelEn: 'Carrying out',
  actions: {
    acknowledge: { label: '签收', labelEn: 'Acknowledge the notice', final: false, by: 'assignee', schema: z.strictObject({}) },
    'report-progress': { label: '报送进展', labelEn: 'Report progress', final: false, by: 'assignee', schema: z.strictObject({ summary: text(2000) }) },
    object: {
      label: '提出异议',
      labelEn: 'Object to a finding',
      final: false,
      by: 'assignee',
      schema: z.strictObject({ findingId, grounds: text(2000).describe('why the finding is wrong') }),
    },
    'refer-to-discipline': {
      label: '移交纪检监察机关',
      labelEn: 'Refer to discipline inspection',
      final: false,
      by: 'controller',
      schema: z.strictObject({
        conduct: z.enum(DISCIPLINE_CONDUCT).describe('what the supervision found (003:74): 有令不行, 有禁不止, 打折扣, 搞变通, 不作为, 乱作为'),
        facts: text(5000).describe('the facts found, in writing'),
      }),
    },
    'submit-completion': {
      label: '报送办结报告',
      labelEn: 'Submit the completion report',
      final: true,
      by: 'assignee',
      schema: z.strictObject({ summary: text(5000).describe('what was done') }),
    },
  },
});

export const TICKET_VERIFICATION = defineStep({
  id: 'ticket.verification',
  label: '核查销号',
  labelEn: 'Verification',
  actions: {
    close: {
      label: '核查销号',
      labelEn: 'Verify and close out (销号)',
      final: true,
      by: 'assignee',
      schema: z.strictObject({
        praise: z.boolean().optional().describe('issue a praise note (经验表扬单) where the rules provide one'),
        lookBackAfterDays: z.number().int().min(1).max(366).optional().describe('look back (回头看) after this many days'),
      }),
    },
    'return-for-rework': { label: '退回整改', labelEn: 'Return for rework with a new deadline', final: true, by: 'assignee', schema: withReworkDeadline },
  },
});

export const TICKET_LOOK_BACK = defineStep({
  id: 'ticket.look-back',
  label: '回头看',
  labelEn: 'Look-back',
  actions: {
    confirm: { label: '确认成效', labelEn: 'Confirm the result holds', final: true, by: 'assignee', schema: z.strictObject({}) },
    reopen: { label: '重新整改', labelEn: 'Reopen for rework', final: true, by: 'assignee', schema: withReworkDeadline },
  },
});

export const TICKET_RECHECK = defineStep({
  id: 'ticket.recheck',
  label: '异议复核',
  labelEn: 'Re-check of an objection',
  actions: {
    uphold: { label: '维持认定', labelEn: 'Uphold the finding', final: true, by: 'assignee', schema: z.strictObject({ reason: text(2000) }) },
    revoke: { label: '撤销认定', labelEn: 'Revoke the finding', final: true, by: 'assignee', schema: z.strictObject({ reason: text(2000) }) },
  },
});

export const TICKET_STEPS = [TICKET_EXECUTION, TICKET_VERIFICATION, TICKET_LOOK_BACK, TICKET_RECHECK] as const;
