import { z } from 'zod';
import { defineStep } from '../steps';
import { safeText } from '../text';
import { RETURN_REASONS } from './conformity';

/** The steps of a request for instructions (请示) and what can be done at each. */

/** Text a person writes: trimmed, not empty, bounded, no control characters (domain/text.ts). */
const text = (max: number) => safeText(max).trim().min(1);
const workingDays = z.number().int().min(1).max(250);

export const REQUEST_REGISTRATION = defineStep({
  id: 'request.registration',
  label: '登记初审',
  labelEn: 'Registration and check',
  actions: {
    accept: { label: '受理', labelEn: 'Accept for handling', final: true, by: 'assignee', schema: z.strictObject({ note: text(2000).optional() }) },
    return: {
      label: '退回',
      labelEn: 'Return to the sender (退回)',
      final: true,
      by: 'assignee',
      schema: z.strictObject({
        reasons: z.array(z.enum(RETURN_REASONS)).min(1).max(RETURN_REASONS.length).describe('why the office returns it (000:63, 001:51)'),
        note: text(2000).optional(),
      }),
    },
    'set-skips-level': {
      label: '登记是否越级',
      labelEn: 'Record whether it skips a level (越级)',
      final: false,
      by: 'assignee',
      schema: z.strictObject({ skipsLevel: z.boolean(), note: text(2000).optional() }),
    },
  },
});

export const REQUEST_FUNCTIONAL_OPINION = defineStep({
  id: 'request.functional-opinion',
  label: '职能部门意见',
  labelEn: 'Functional department’s opinion',
  actions: {
    'give-opinion': { label: '提出意见', labelEn: 'Give the functional department’s opinion', final: true, by: 'assignee', schema: z.strictObject({ opinion: text(4000) }) },
  },
});

export const REQUEST_PROPOSAL = defineStep({
  id: 'request.proposal',
  label: '拟办',
  labelEn: 'Proposed handling',
  actions: {
    propose: {
      label: '提出拟办意见',
      labelEn: 'Propose the handling and the handling unit',
      final: true,
      by: 'assignee',
      schema: z.strictObject({
        proposal: text(4000).describe('the proposed handling (拟办意见)'),
        handlingUnit: safeText(100).min(1).describe('unit id of the unit to handle it'),
        leader: safeText(100).min(1).optional().describe('user id of the leader to instruct, instead of the one by portfolio'),
        handlingLimitWorkingDays: workingDays.optional().describe('the limit the office suggests for the handling'),
      }),
    },
  },
});

export const REQUEST_INSTRUCTION = defineStep({
  id: 'request.instruction',
  label: '领导批示',
  labelEn: 'Leader’s instruction',
  actions: {
    instruct: {
      label: '批示',
      labelEn: 'Give the instruction (批示)',
      final: true,
      by: 'assignee',
      schema: z.strictObject({
        opinion: text(2000).describe('a clear opinion (明确意见, 000:64; without one the office does not pass it on, 001:58)'),
        handlingLimitWorkingDays: workingDays.optional().describe('the limit the handling unit works to'),
        startSupervision: z.boolean().optional().describe('start a supervision ticket (督办) on the handling'),
      }),
    },
  },
});

export const REQUEST_HANDLING = defineStep({
  id: 'request.handling',
  label: '承办',
  labelEn: 'Handling',
  actions: {
    'report-result': { label: '报告办理结果', labelEn: 'Report the result', final: true, by: 'assignee', schema: z.strictObject({ result: text(5000) }) },
    'explain-delay': {
      label: '说明不能按期办结的原因',
      labelEn: 'Explain why it cannot be finished in time',
      final: false,
      by: 'assignee',
      schema: z.strictObject({ reason: text(2000) }),
    },
  },
});

export const REQUEST_REPLY = defineStep({
  id: 'request.reply',
  label: '答复',
  labelEn: 'Reply',
  actions: { reply: { label: '答复来文单位', labelEn: 'Reply to the requesting unit', final: true, by: 'assignee', schema: z.strictObject({ reply: text(5000) }) } },
});

export const REQUEST_STEPS = [REQUEST_REGISTRATION, REQUEST_FUNCTIONAL_OPINION, REQUEST_PROPOSAL, REQUEST_INSTRUCTION, REQUEST_HANDLING, REQUEST_REPLY] as const;
