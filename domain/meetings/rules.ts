import type { Cited, Source } from '../citation';
import type { Role } from '../directory';
import type { SigningRole } from '../documents/rules';
import type { Limit } from '../limit';

/** Why the office does not admit an item to the standing meeting (002:41, 000:51, 001:41, 003:54). */
export const INADMISSIBLE_REASONS = [
  { id: 'vice-chief-authority', zh: '属于副区长职权范围内可以决定的事项' },
  { id: 'solvable-between-units', zh: '可由副区长之间或部门之间协调解决的事项' },
  { id: 'unit-own-duty', zh: '属于部门职责范围内的事项' },
  { id: 'not-pre-coordinated', zh: '分歧较大、未经会前协调的事项' },
  { id: 'ad-hoc-without-consent', zh: '未经主持人同意的临时动议' },
] as const;
export type InadmissibleReason = (typeof INADMISSIBLE_REASONS)[number]['id'];

/** What a major administrative decision must have on record before it is admitted (000:51, 002:40; decree713:25). */
export const PREREQUISITE_KINDS = [
  { id: 'public-participation', zh: '公众参与' },
  { id: 'expert-review', zh: '专家论证' },
  { id: 'risk-assessment', zh: '风险评估' },
  { id: 'legality-review', zh: '合法性审查' },
  { id: 'fair-competition-review', zh: '公平竞争审查' },
] as const;
export type PrerequisiteKind = (typeof PREREQUISITE_KINDS)[number]['id'];

/** One step of an item's review before the meeting: review (审核), opinion (every vice chief signs one, 002:40), consent (the chief's). */
export interface ReviewStep {
  role: Exclude<SigningRole, 'other-vice-chiefs'> | 'all-vice-chiefs';
  act: 'review' | 'opinion' | 'consent';
  rule: Source;
}

/** How often the standing meeting sits (一般每月召开两次 / 每两周 / 每半月). */
export type MeetingFrequency = { kind: 'twice-a-month' } | { kind: 'every-days'; days: number };

/** Standing meetings (常务会议) and their agenda items (议题), domain.md A. */
export interface MeetingRules {
  /** Who sits on the standing meeting (组成人员); quorum counts them. */
  members: Cited<readonly Role[]>;
  /** The chief may have the executive vice chief chair (003:49, 001:41). */
  chairDelegable: Cited<boolean>;
  frequency: Cited<MeetingFrequency> | null;
  /** 出席人数应超过应到人数的二分之一. */
  quorum: Cited<'more-than-half'>;
  /** An item must be complete this long before the meeting, else it waits for the next one. */
  leadTime: Cited<Limit> | null;
  /** 003:54: also filed with the party committee this long before the meeting. */
  partyCommitteeFiling: Cited<Limit> | null;
  /** Materials (汇报材料) cap in characters. */
  materialsLimit: Cited<number> | null;
  /** At least this many solution options (001:41: 两个以上可供选择的方案). */
  minSolutionOptions: Cited<number> | null;
  admissibility: readonly Cited<InadmissibleReason>[];
  /** Disagreement after pre-coordination: coordination note → vice chief in charge → the chief decides. */
  coordination: Cited<boolean>;
  prerequisites: {
    majorDecision: Cited<readonly PrerequisiteKind[]>;
    /** A normative-document draft needs the justice bureau's legality review first; null where silent. */
    normativeDocument: Cited<readonly PrerequisiteKind[]> | null;
  };
  reviewChain: readonly ReviewStep[];
  /** An absent member may send written opinions on the items beforehand (000:52, 002:44). */
  writtenOpinionsWhenAbsent: Cited<boolean>;
  /** A substitute attends only with the chief's consent (000:52, 004:42). */
  substituteNeedsConsent: Cited<boolean>;
  /** The chief signs the minutes (纪要由区长签发). */
  minutesSignedBy: Cited<'chief'>;
  /** Minutes signed within this limit of the meeting (001:46); null where the text sets none. */
  minutesLimit: Cited<Limit> | null;
  /** A document the meeting approved is issued within this limit (000:53, 002:45, 003:57). */
  documentIssueLimit: Cited<Limit> | null;
  /** ...or this one when it needs a major revision (003:57). */
  majorRevisionLimit: Cited<Limit> | null;
  /** Every decided matter becomes a supervision notice to the lead unit (000:54, 002:47, 003:57). */
  superviseDecisions: Cited<boolean>;
  /** Decisions are published unless confidential (000:53). */
  publishDecisions: Cited<boolean>;
}
