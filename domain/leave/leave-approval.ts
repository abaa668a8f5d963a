import { z } from 'zod';
import type { Role } from '../directory';
import type { Rulebook } from '../rulebooks/types';
import { defineStep } from '../steps';
import { safeText } from '../text';

/**
 * Who approves a department head's absence (请假审批), in the order the rules name them:
 * the vice chief in charge of the unit consents (征得分管领导同意), then the chief approves (经批准).
 */
export type LeaveApprover = 'vice-chief-in-charge' | 'chief';

export const LEAVE_APPROVER_LABELS: Record<LeaveApprover, string> = { 'vice-chief-in-charge': '分管副区长同意', chief: '区长批准' };

/** The approvers an absence of a person with these roles needs before they leave; empty where the rules ask none. */
export function leaveApproversFor(rulebook: Rulebook, roles: readonly Role[]): readonly LeaveApprover[] {
  const approval = rulebook.leave.departmentHeadApproval;
  return approval.value && roles.includes('department-head') ? approval.value : [];
}

const text = (max: number) => safeText(max).trim().min(1);

/** One approver's step of a leave approval: the vice chief's consent or the chief's approval. */
export const LEAVE_APPROVAL = defineStep({
  id: 'leave.approval',
  label: '请假审批',
  labelEn: 'Leave approval',
  actions: {
    approve: { label: '同意', labelEn: 'Approve', final: true, by: 'assignee', schema: z.strictObject({ note: text(2000).optional() }) },
    refuse: { label: '不同意', labelEn: 'Refuse', final: true, by: 'assignee', schema: z.strictObject({ reason: text(2000).describe('why the person may not leave') }) },
  },
});

export const LEAVE_STEPS = [LEAVE_APPROVAL] as const;
