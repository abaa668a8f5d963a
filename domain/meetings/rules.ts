import type { Cited, Source } from '../citation';
import type { Role } from '../directory';
import type { SigningRole } from '../documents/rules';
import type { Limit } from '../limit';

/**
 * Why the office does not admit an item to the standing meeting. Each text has its own list
 * (domain.md A.6); a rulebook names only the reasons its own article gives, cited to it.
 */
export const INADMISSIBLE_REASONS = [
  { id: 'vice-chief-authority', zh: '属于分管副区长职权范围内决定的事项' }, // 002:41(一), 001:41
  { id: 'vice-chief-or-department-authority', zh: '属于副区长、区政府各部门职责权限范围内决定的事项' }, // 000:51
  { id: 'solvable-between-units', zh: '副区长之间或部门之间能够协商解决的事项' }, // 002:41(二)(四)
  { id: 'solvable-at-lesser-meeting', zh: '通过召开区长办公会议或区政府业务会议能够协调解决的问题' }, // 001:41
  { id: 'unit-own-duty', zh: '属部门职责范围内的事项' }, // 002:41(三)
  { id: 'not-pre-coordinated', zh: '会前未经协调的事项' }, // 000:51, 001:41, 002:41(五), 004:41
  { id: 'not-agreed-in-coordination', zh: '未协商一致的议题' }, // 003:53
  { id: 'ad-hoc-without-consent', zh: '会前未经会议主持人同意而临时动议的事项' }, // 002:41(六)
  { id: 'ad-hoc-item', zh: '会前临时提交的议题（特殊情况除外）' }, // 003:54
  { id: 'not-reported-to-chair', zh: '会前未向主持会议的领导汇报并征得同意的问题' }, // 001:41
  { id: 'outside-meeting-scope', zh: '其他不符合会议议事范围的事项' }, // 002:41(七)
  { id: 'funding-staffing-procedure', zh: '涉及申请资金和机构编制事项而未按规定程序办理的' }, // 004:41
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

/** What must have happened by the lead-time cut-off (see MeetingRules.leadTimeMeasuredAt). */
export type LeadTimeMoment = 'ready' | 'arrival-at-office';

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
  /**
   * Which moment the lead time measures: 'ready' — the item, already reviewed and consented to,
   * reaches the office by the cut-off (000:50, 001:41); 'arrival-at-office' — the application
   * reaches the office by the cut-off and the office's review, the vice chiefs' opinions and the
   * chief's consent run after it (002:40, 003:54).
   */
  leadTimeMeasuredAt: Cited<LeadTimeMoment>;
  /** 003:54: also filed with the party committee this long before the meeting. */
  partyCommitteeFiling: Cited<Limit> | null;
  /** Who files each item with the party committee: 003:54 the lead unit (主办部门 … 向区委报备), not the office. */
  partyCommitteeFiledBy: Cited<'lead-unit' | 'office'> | null;
  /** Materials (汇报材料) cap in characters. */
  materialsLimit: Cited<number> | null;
  /** At least this many solution options (001:41: 两个以上可供选择的方案). */
  minSolutionOptions: Cited<number> | null;
  admissibility: readonly Cited<InadmissibleReason>[];
  /** The units' heads sign the pre-coordination countersign; a staff reply is not enough (000:51, 003:53). */
  preCoordinationSignedByHead: Cited<boolean>;
  /** The head of each unit that must attend signs an opinion on the application before it goes to the office (002:40). */
  attendingHeadsSign: Cited<boolean>;
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
  /** Whom a member asks for leave from the meeting: the chief (000:52, 002:44, 003:55) or whoever chairs it (001:47). */
  leaveAskedOf: Cited<'chief' | 'chair'>;
  /**
   * Whom a non-member attendee (列席人员, e.g. a department head reporting an item) asks for leave, and
   * whether in writing: 003:55 the office director, with a written leave report to the office, gathered
   * and reported to the chief (须事先向区政府办公室主任请假，并同时向区政府办公室写出书面请假报告，汇总后向区长报告);
   * 000:52, 002:44 the chief, through the office (由区政府办公室汇总后向区长报告，未经同意不得缺席); 001:47 the chair.
   */
  attendeeLeave: Cited<{ askedOf: 'office-director' | 'chief' | 'chair'; writtenReport: boolean }>;
  /** The chief signs the minutes (纪要由区长签发). */
  minutesSignedBy: Cited<'chief'>;
  /** The vice chiefs review the draft minutes before the chief signs them (001:46: 由副区长审阅后，区长签发). */
  minutesReviewedByViceChiefs: Cited<boolean>;
  /** Minutes issued (印发) within this limit of the meeting (001:46); null where the text sets none. */
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
