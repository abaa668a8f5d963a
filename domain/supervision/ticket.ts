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
