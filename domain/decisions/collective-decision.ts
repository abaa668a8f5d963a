import type { AgendaOutcomeKind } from '../meetings/outcomes';
import type { GateViolation } from './gates';

/** How a member leans on a major decision when speaking at the meeting. */
export const MEMBER_POSITIONS = ['approve', 'not-approve', 'defer'] as const;
export type MemberPosition = (typeof MEMBER_POSITIONS)[number];

/** One member's view, in the order spoken; the chief speaks last (decree713:30). */
export interface MemberView {
  memberId: string;
  position: MemberPosition;
  opinion: string;
}

const POSITION_OF: Record<AgendaOutcomeKind, MemberPosition> = {
  approved: 'approve',
  'approved-with-revision': 'approve',
  deferred: 'defer',
  'not-approved': 'not-approve',
};

/** The position more than half of the members other than the chief took; none if they are split. */
export function majorityPosition(views: readonly MemberView[], chiefId: string): MemberPosition | undefined {
  const others = views.filter((v) => v.memberId !== chiefId);
  for (const p of MEMBER_POSITIONS) if (others.filter((v) => v.position === p).length * 2 > others.length) return p;
  return undefined;
}

/**
 * decree713:30 on a major decision's outcome: members' views are recorded, the chief speaks last
 * and decides, and a decision against the majority view records its reason. Returns every
 * violation as a field error.
 */
export function collectiveDecisionViolations(input: {
  views: readonly MemberView[] | undefined;
  outcome: AgendaOutcomeKind;
  chiefId: string;
  againstMajorityReason?: string;
  rule: string;
}): GateViolation[] {
  const { views, outcome, chiefId, rule } = input;
  if (!views?.length) return [{ field: 'data.views', reason: `a major decision records each member's view, the chief's last (${rule})` }];
  const errors: GateViolation[] = [];
  const last = views[views.length - 1];
  if (last.memberId !== chiefId) errors.push({ field: 'data.views', reason: `the chief (${chiefId}) speaks last (${rule})` });
  if (views.filter((v) => v.memberId === chiefId).length > 1) errors.push({ field: 'data.views', reason: `the chief speaks once, last (${rule})` });
  if (last.memberId === chiefId && last.position !== POSITION_OF[outcome])
    errors.push({ field: 'data.outcome', reason: `the chief decides: the outcome follows the chief's view (${last.position}) (${rule})` });
  const majority = majorityPosition(views, chiefId);
  if (majority && majority !== POSITION_OF[outcome] && !input.againstMajorityReason?.trim())
    errors.push({ field: 'data.againstMajorityReason', reason: `the decision goes against the majority view (${majority}): record the reason (${rule})` });
  return errors;
}
