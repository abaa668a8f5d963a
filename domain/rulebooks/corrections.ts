import type { JurisdictionId } from '../jurisdictions';

/**
 * Rule values corrected after processes were already running under the old reading (issue 10).
 * A running process replays with the value it began with; a new one takes the corrected value.
 * The workflow side (`workflows/rules/rule-in-force.ts`) decides which by a `patched()` marker.
 */
export interface RuleCorrection {
  /** The patch id recorded in new histories. */
  patch: string;
  jurisdiction: JurisdictionId;
  /** Dotted path of the rulebook entry, e.g. 'meetings.superviseDecisions'. */
  rule: string;
  /** The value processes started before the correction keep. */
  before: unknown;
}

export const RULE_CORRECTIONS: readonly RuleCorrection[] = [
  // 001:61: 政府重要会议议定事项 … 要明确相关负责人具体落实,办理完毕后向政府报告办理情况.
  { patch: 'rule-001-supervise-decisions', jurisdiction: 'chaoyang-shuangta-2022', rule: 'meetings.superviseDecisions', before: false },
  // 000:31: 全面落实行政规范性文件合法性审核.
  { patch: 'rule-000-normative-legality-review', jurisdiction: 'jinan-shizhong-2023', rule: 'meetings.prerequisites.normativeDocument', before: null },
  // 001:27, 003:36, 004:21: decisions published unless confidential.
  { patch: 'rule-001-publish-decisions', jurisdiction: 'chaoyang-shuangta-2022', rule: 'meetings.publishDecisions', before: false },
  { patch: 'rule-003-publish-decisions', jurisdiction: 'zibo-zhangdian-2022', rule: 'meetings.publishDecisions', before: false },
  { patch: 'rule-004-publish-decisions', jurisdiction: 'rizhao-2017', rule: 'meetings.publishDecisions', before: false },
  // 002:40, 003:54: the lead time counts to the item's arrival at the office, the reviews run after it.
  { patch: 'rule-002-lead-time-at-arrival', jurisdiction: 'jinan-lixia-2023', rule: 'meetings.leadTimeMeasuredAt', before: 'ready' },
  { patch: 'rule-003-lead-time-at-arrival', jurisdiction: 'zibo-zhangdian-2022', rule: 'meetings.leadTimeMeasuredAt', before: 'ready' },
  // 001:46: the vice chiefs review the draft minutes before the chief signs.
  { patch: 'rule-001-minutes-reviewed', jurisdiction: 'chaoyang-shuangta-2022', rule: 'meetings.minutesReviewedByViceChiefs', before: false },
  // 003:54: each lead unit files its own item with the party committee (the office did it for the whole agenda).
  { patch: 'rule-003-filing-by-lead-unit', jurisdiction: 'zibo-zhangdian-2022', rule: 'meetings.partyCommitteeFiledBy', before: 'office' },
  // 000:51, 003:53: the units' heads sign the pre-coordination (a staff reply is not enough).
  { patch: 'rule-000-pre-coordination-heads', jurisdiction: 'jinan-shizhong-2023', rule: 'meetings.preCoordinationSignedByHead', before: false },
  { patch: 'rule-003-pre-coordination-heads', jurisdiction: 'zibo-zhangdian-2022', rule: 'meetings.preCoordinationSignedByHead', before: false },
  // 003:61: 对属于急件的公文，即到即办 — urgent documents and requests are due the day they reach the leader.
  { patch: 'rule-003-urgent-on-arrival', jurisdiction: 'zibo-zhangdian-2022', rule: 'documents.readingLimits.urgent', before: null },
  // 002:40: the heads of the units that must attend sign the application (列席部门主要负责人签署意见).
  { patch: 'rule-002-attending-heads-sign', jurisdiction: 'jinan-lixia-2023', rule: 'meetings.attendingHeadsSign', before: false },
  // 001:47: leave from the meeting is asked of whoever chairs it (the chief was asked always).
  { patch: 'rule-001-leave-to-chair', jurisdiction: 'chaoyang-shuangta-2022', rule: 'meetings.leaveAskedOf', before: 'chief' },
];
