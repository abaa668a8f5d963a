import { formatShanghaiChinese } from '../domain/calendar/shanghai-date';
import type { AbsenceApproval, AssigneeSelector } from '../domain/directory';
import type { JurisdictionId } from '../domain/jurisdictions';
import { LEAVE_APPROVAL, LEAVE_APPROVER_LABELS, type LeaveApprover } from '../domain/leave/leave-approval';
import type { LeaveNoticeCheck } from '../domain/leave/leave-notice';
import { rulebookFor } from '../domain/rulebooks';
import { parseOutcome, stepTask } from '../domain/steps';
import { getExternalWorkflowHandle, setHandler } from '@temporalio/workflow';
import { activities } from './engine/activities-proxy';
import { leaveWithdrawnSignal, refreshAssigneesSignal } from './messages';
import { isOpen } from './engine/task-record';
import { ProcessRuntime } from './engine/process-runtime';
import type { ProcessState } from './engine/types';

/** A department head's recorded absence that needs approval before they leave (leave.departmentHeadApproval). */
export interface LeaveApprovalInput {
  jurisdiction: JurisdictionId;
  absenceId: string;
  userId: string;
  /** The person's name as people read it in titles; the id where not given. */
  name?: string;
  /** The person's unit: its vice chief in charge consents (分管领导, 001:71). */
  unitId: string;
  from: string;
  to: string;
  reason: string;
  /** How many days ahead it was reported, against the rule (001:71: 2 days, the travel day not counted). */
  leaveNotice?: LeaveNoticeCheck;
  recordedBy: string;
  /** The approval process a correction of the absence's period replaces (asked anew for the corrected period). */
  correctionOf?: string;
}

/** The office sees every step: the report goes to the chief through it (由政府办公室向区长报告, 001:71). */
const OFFICE_DIRECTOR: AssigneeSelector = { kind: 'role', role: 'office-director' };

/**
 * 请假审批: each approver the rules name in turn — in 001 the vice chief in charge consents, then the
 * chief approves, the executive vice chief on the chief's behalf while the chief is away (代行准假权: the
 * chief's task goes to them, leave.chiefAwayActing). Refused at any step, the absence does not take
 * place (经批准后方可离开); approved, the person reports back on return to whoever approved (销假).
 * Ends `completed` when approved, `refused` when refused, `cancelled` when the absence was withdrawn.
 */
export async function leaveApproval(input: LeaveApprovalInput): Promise<ProcessState> {
  const rule = rulebookFor(input.jurisdiction).leave.departmentHeadApproval;
  const approvers: readonly LeaveApprover[] = rule.value ?? [];
  const who = input.name ?? input.userId;
  const period = `${formatShanghaiChinese(input.from)}至${formatShanghaiChinese(input.to)}`;
  const rt = new ProcessRuntime({ type: 'leaveApproval', jurisdiction: input.jurisdiction, title: `请假审批：${who}（${period}）`, searchTitle: `请假审批：${input.userId}`, leadUnit: input.unitId, startedBy: input.recordedBy });
  rt.install();
  const decisions: { approver: LeaveApprover; action: string; by: string; onBehalfOf: string | null; at: string; note: string | null }[] = [];
  Object.assign(rt.details, { absenceId: input.absenceId, userId: input.userId, from: input.from, to: input.to, reason: input.reason, leaveNotice: input.leaveNotice ?? null, approvers, decisions });
  const record = (approval: Omit<AbsenceApproval, 'processId' | 'rule'>) =>
    activities('record the leave approval').recordAbsenceApproval({ absenceId: input.absenceId, approval: { processId: rt.id, rule: rule.source, ...approval }, ...(input.correctionOf ? { replaces: input.correctionOf } : {}) });
  const tellPerson = (kind: string, subject: string, body: string) =>
    activities(`notify: ${kind}`).notify({ recipientIds: [input.userId], processId: rt.id, kind, subject: `[请假 ${period}] ${subject}`, body, dedupeKey: `${rt.id}/${kind}` });

  // Withdrawn (or corrected, which asks approval anew), the absence no longer waits for this approval.
  let withdrawn: string | undefined;
  setHandler(leaveWithdrawnSignal, ({ reason }) => {
    withdrawn ??= reason;
    for (const task of rt.tasks) if (isOpen(task)) rt.cancelTask(task, reason);
  });
  rt.audit({ actorId: input.recordedBy, action: 'leave-asked', rule: rule.source, detail: `${input.userId}: ${input.reason}` });
  if (!(await record({ status: 'pending' }))) return rt.finish('cancelled', rule.source);

  // A late report is the approver's to weigh (一般应提前2天): shown on the task, never refused by the system.
  const late = input.leaveNotice && !input.leaveNotice.met ? `；报备仅提前${input.leaveNotice.daysAhead}天，规定提前${input.leaveNotice.requiredDaysAhead}天（${input.leaveNotice.source}）` : '';
  const endWithdrawn = () => {
    rt.audit({ actorId: 'system', action: 'leave-withdrawn', rule: rule.source, detail: withdrawn ?? 'cancelled' });
    return rt.finish('cancelled', rule.source);
  };
  for (const approver of approvers) {
    if (withdrawn) return endWithdrawn();
    rt.setStep(approver === 'chief' ? 'chief-approval' : 'vice-chief-consent');
    const outcome = parseOutcome(
      LEAVE_APPROVAL,
      await rt.runTask({
        ...stepTask(LEAVE_APPROVAL),
        title: `${LEAVE_APPROVER_LABELS[approver]}：${who}请假（${period}，${input.reason}${late}）`,
        assignees: [approver === 'chief' ? { kind: 'role', role: 'chief' } : { kind: 'leaderInCharge', unitId: input.unitId }],
        controllers: [OFFICE_DIRECTOR],
        timeoutRule: 'none',
        rule: rule.source,
      }),
    );
    // Only a withdrawal ends the task without an approver's action (no timeout decides it).
    if (outcome.action !== 'approve' && outcome.action !== 'refuse') return endWithdrawn();
    const note = outcome.action === 'refuse' ? outcome.data.reason : (outcome.data.note ?? null);
    decisions.push({ approver, action: outcome.action, by: outcome.actorId, onBehalfOf: outcome.onBehalfOf ?? null, at: outcome.at, note });
    rt.audit({ actorId: outcome.actorId, onBehalfOf: outcome.onBehalfOf, action: outcome.action === 'approve' ? `leave-${approver}-approved` : `leave-${approver}-refused`, rule: rule.source, detail: note ?? input.userId });
    if (outcome.action === 'refuse') {
      await record({ status: 'refused', decidedBy: outcome.actorId, ...(outcome.onBehalfOf ? { onBehalfOf: outcome.onBehalfOf } : {}), ...(note ? { reason: note } : {}) });
      await giveTasksBack(`${input.userId} absent: 请假未获批准（${rule.source}）`);
      await tellPerson('leave-refused', '请假未获批准', `${LEAVE_APPROVER_LABELS[approver]}：不同意${note ? `——${note}` : ''}（${rule.source}：经批准后方可离开）`);
      return rt.finish('refused', rule.source);
    }
  }
  const last = decisions.at(-1);
  await record({ status: 'approved', ...(last ? { decidedBy: last.by, ...(last.onBehalfOf ? { onBehalfOf: last.onBehalfOf } : {}) } : {}) });
  await tellPerson('leave-approved', '请假已批准', `已批准（${rule.source}）；返回后请向批准领导销假`);
  return rt.finish('completed', rule.source);

  /**
   * 经批准后方可离开: a refused absence does not take place, so the tasks it already moved to a stand-in
   * go back to the person — the processes holding them re-resolve their holders, as after a withdrawal.
   */
  async function giveTasksBack(reason: string): Promise<void> {
    const held = await activities('find the tasks the absence moved').processesHeldByOrFor({ userId: input.userId });
    for (const id of held.filter((id) => id !== rt.id)) {
      try {
        await getExternalWorkflowHandle(id).signal(refreshAssigneesSignal, { reason });
      } catch (err) {
        rt.audit({ actorId: 'system', action: 'process-not-reached', detail: `${id}: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
  }
}
