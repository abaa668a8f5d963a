import type { JurisdictionId } from './jurisdictions';

/** Roles a directory user can hold (domain.md, Actors). */
export const ROLES = [
  'chief', // 区长/市长
  'executive-vice-chief', // 常务副区长
  'vice-chief', // 副区长/副市长 (portfolio, AB partner)
  'secretary-general', // 秘书长 (004)
  'office-director', // 办公室主任
  'office-deputy-director', // 办公室副主任
  'office-staff', // 办公室工作人员 (registers, reviews)
  'supervision-office', // 督查室
  'department-head', // 部门负责人
  'department-staff', // 部门工作人员
  'operator', // runs govflow: calendar, repairs
] as const;
export type Role = (typeof ROLES)[number];

export const UNIT_KINDS = [
  'government',
  'office',
  'supervision-office',
  'department',
  'subdistrict',
  'justice-bureau', // 司法局: legality review
  'market-regulation', // 市场监管局: fair-competition review
  'human-resources', // 人力资源和社会保障局: first check of appointment documents (001:55)
  'foreign-affairs', // 外事办公室: its vice chief in charge is the vice chief for foreign affairs (004:50(四))
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  id: string; // globally unique, e.g. 'js.finance'
  jurisdiction: JurisdictionId;
  name: string; // Chinese name, e.g. 区财政局
  kind: UnitKind;
}

export interface User {
  id: string; // globally unique, e.g. 'js.chief'
  jurisdiction: JurisdictionId;
  name: string;
  unitId: string;
  roles: Role[];
  /** Units a vice chief is in charge of (分管). */
  portfolio: string[];
  /** The paired vice chief who stands in (AB角, 000:7). */
  abPartnerId?: string;
}

export interface Absence {
  id: string;
  userId: string;
  from: string; // ISO instant
  to: string; // ISO instant
  standInUserId?: string; // named acting person (003:77); else the AB partner
  reason: string;
  /** A trip's notice, plan and schedule (有关通知、方案及日程安排), required beyond leave.scheduleBeyondDays (003:77). */
  schedule?: string;
  /** An urgent trip reported as it starts: the written reason (书面说明理由, 003:77). */
  urgentReason?: string;
  /** When the person reported back (销假, 001:71); the absence ends then. */
  reportedBackAt?: string;
  /** A department head's leave approval where the rules ask one (leave.departmentHeadApproval: 001:71, 002:73). */
  approval?: AbsenceApproval;
}

/** Where an absence's approval stands: asked of the approvers in turn; the person leaves once approved. */
export interface AbsenceApproval {
  processId: string;
  status: 'pending' | 'approved' | 'refused';
  rule: string;
  /** Who gave the final approval (or refused), and for whom when acting (代行准假权, 001:71): reported back to (销假). */
  decidedBy?: string;
  onBehalfOf?: string;
  reason?: string;
}

/** Who a task is offered to; resolved against the directory by an activity at task creation. */
export type AssigneeSelector =
  | { kind: 'role'; role: Role; unitId?: string }
  | { kind: 'users'; userIds: string[] }
  | { kind: 'leaderInCharge'; unitId: string }; // vice chief whose portfolio holds the unit

/** One person a task is offered to, and whom they act for when standing in. */
export interface Assignment {
  userId: string;
  onBehalfOf?: string;
  /** Known to be absent and nobody present may act for them: the office must see to the task. */
  absent?: true;
}
