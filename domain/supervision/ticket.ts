import { z } from 'zod';
import type { Cited } from '../citation';
import type { Limit } from '../limit';
import type { Rulebook } from '../rulebooks/types';

/** Where a supervision matter comes from (000:80, 002:66, 003:72, 001:62, 004:53). */
export const TICKET_SOURCES = [
  'leader-instruction', // 领导批示
  'meeting-decision', // 全体会议、常务会议、区长办公会议、专题会议决定
  'work-report-target', // 政府工作报告目标任务
  'important-document', // 重要文件
  'key-project', // 重点项目、重大改革
  'deputies-suggestion', // 人大代表建议、政协提案
  'platform-message', // "互联网+督查"平台留言
  'media-report', // 媒体曝光
  'other', // 其他交办事项
] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

/** How the 710 rule (001:63) classes a matter. */
export const TICKET_COMPLEXITIES = ['ordinary', 'complex', 'annual'] as const;
export type TicketComplexity = (typeof TICKET_COMPLEXITIES)[number];

/** The limit the jurisdiction's rulebook sets for a class of matter, or null where its text sets none. */
export function ticketLimit(rulebook: Rulebook, complexity: TicketComplexity): Cited<Limit> | null {
  const { ordinaryLimit, complexLimit, annualLimit } = rulebook.supervision;
  return { ordinary: ordinaryLimit, complex: complexLimit, annual: annualLimit }[complexity];
}

/** Action inputs on the ticket's tasks, checked in the workflow's update validator. */
const reworkDeadline = {
  workingDays: z.number().int().min(1).max(250).optional(),
  dueAt: z.iso.datetime({ offset: true }).optional(),
};
const needsDeadline = (v: { workingDays?: number; dueAt?: string }) => v.workingDays !== undefined || v.dueAt !== undefined;

export const TICKET_ACTION_SCHEMAS = {
  'report-progress': z.object({ summary: z.string().trim().min(1).max(2000) }),
  'submit-completion': z.object({ summary: z.string().trim().min(1).max(5000) }),
  object: z.object({ findingId: z.string().min(1), grounds: z.string().trim().min(1).max(2000) }),
  close: z.object({ praise: z.boolean().optional(), lookBackAfterDays: z.number().int().min(1).max(366).optional() }),
  'return-for-rework': z
    .object({ reason: z.string().trim().min(1).max(2000), ...reworkDeadline })
    .refine(needsDeadline, { message: 'give workingDays or dueAt for the rework', path: ['workingDays'] }),
  uphold: z.object({ reason: z.string().trim().min(1).max(2000) }),
  revoke: z.object({ reason: z.string().trim().min(1).max(2000) }),
  reopen: z
    .object({ reason: z.string().trim().min(1).max(2000), ...reworkDeadline })
    .refine(needsDeadline, { message: 'give workingDays or dueAt for the rework', path: ['workingDays'] }),
} as const;
