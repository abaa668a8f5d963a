import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAbsence, getAbsence, resolveAssignees, setAbsenceApproval } from '../../db/directory-repository';
import { listNotifications } from '../../db/notification-repository';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { leaveApproversFor } from '../../domain/leave/leave-approval';
import { rulebookFor } from '../../domain/rulebooks';
import type { Actor } from '../../workflows/engine/types';
import { SA } from '../../workflows/search-attributes';
import { processId } from '../../workflows/ids';
import type { LeaveApprovalInput } from '../../workflows/leave-approval';
import { leaveWithdrawnSignal, refreshAssigneesSignal } from '../../workflows/messages';
import { act, auditOf, openTask, rejectionOf, stateOf, waitForState } from '../support/process-helpers';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * 001:71 政府各部门主要负责离朝外出,需事先征得政府分管领导同意,一般应提前2天(不含出行当日)向政府办公室报备,由政府办公室向长报告,
 * 经批准后方可离开 … 长外出期间,由负责常务工作的副长代行准假权 … 以上领导干部外出返回后,须按请假程序向批准领导销假.
 * 002:73: 区政府各部门主要负责人…离济外出或休假的，要事前报告区长，经区长同意后…备案.
 */
const CS: JurisdictionId = 'chaoyang-shuangta-2022';
const LX: JurisdictionId = 'jinan-lixia-2023';
const DAY = 86_400_000;

let h: TimeSkippingHarness;
beforeAll(async () => {
  h = await startTimeSkipping();
});
afterAll(async () => h?.teardown());

const yang: Actor = { userId: 'cs.vice-chief-yang', roles: ['vice-chief'] }; // housing is in 杨建华's portfolio
const chief: Actor = { userId: 'cs.chief', roles: ['chief'] };
const liu: Actor = { userId: 'cs.exec-vice-chief-liu', roles: ['executive-vice-chief', 'vice-chief'] };

/** The housing bureau's head records a trip 3 days ahead; the leave approval starts as the API starts it. */
async function askLeave(j: JurisdictionId, head: string, unitId: string, daysAhead = 3, extra: Partial<LeaveApprovalInput> = {}): Promise<{ handle: WorkflowHandle; absenceId: string }> {
  const now = Date.now();
  const absence = await addAbsence(h.db, { userId: head, from: new Date(now + daysAhead * DAY).toISOString(), to: new Date(now + (daysAhead + 2) * DAY).toISOString(), reason: '赴省住建厅参加培训' });
  const input: LeaveApprovalInput = { jurisdiction: j, absenceId: absence.id, userId: head, name: '住建局局长', unitId, from: absence.from, to: absence.to, reason: absence.reason, recordedBy: head, ...extra };
  const handle = await h.env.client.workflow.start('leaveApproval', { taskQueue: h.taskQueue, workflowId: processId('leaveApproval', j, absence.id), args: [input] });
  return { handle, absenceId: absence.id };
}

describe('请假审批 — a department head’s leave approval (leave.departmentHeadApproval)', () => {
  it('001:71 — the vice chief in charge consents, then the chief approves through the office; the absence is approved, the person told', async () => {
    expect(rulebookFor(CS).leave.departmentHeadApproval).toEqual({ value: ['vice-chief-in-charge', 'chief'], source: '001:71' });
    const { handle, absenceId } = await askLeave(CS, 'cs.housing.head', 'cs.housing');
    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    expect((await getAbsence(h.db, absenceId))?.approval).toEqual({ processId: handle.workflowId, status: 'pending', rule: '001:71' });
    const consent = openTask(s, 'leave.approval');
    expect(consent.assignees).toEqual([{ userId: yang.userId }]);
    expect(consent.controllers).toEqual(['cs.office.director']);
    expect(consent.rule).toBe('001:71');
    expect(consent.title).toContain('分管副区长同意：住建局局长请假');
    // The name is read in govflow (the title), never in Temporal's clear-text search attributes (docs/operators.md).
    expect(s.title).toContain('住建局局长');
    const searchTitle = (await handle.describe()).typedSearchAttributes.get(SA.title);
    expect(searchTitle).toBe('请假审批：cs.housing.head');
    // Not the chief's yet: the vice chief in charge consents first (事先征得分管领导同意).
    expect((await rejectionOf(act(handle, { taskId: consent.id, action: 'approve', actor: chief }))).type).toBe('Forbidden');

    s = await act(handle, { taskId: consent.id, action: 'approve', actor: yang });
    const approval = openTask(s, 'leave.approval');
    expect(approval.id).not.toBe(consent.id);
    expect(approval.assignees).toEqual([{ userId: chief.userId }]);
    expect(approval.title).toContain('区长批准');
    s = await act(handle, { taskId: approval.id, action: 'approve', actor: chief, data: { note: '同意，注意安全' } });
    s = await waitForState(handle, (x) => x.status === 'completed');
    expect(s.details.decisions).toMatchObject([
      { approver: 'vice-chief-in-charge', action: 'approve', by: yang.userId },
      { approver: 'chief', action: 'approve', by: chief.userId, note: '同意，注意安全' },
    ]);
    expect((await getAbsence(h.db, absenceId))?.approval).toEqual({ processId: handle.workflowId, status: 'approved', rule: '001:71', decidedBy: chief.userId });
    const actions = (await auditOf(handle)).map((e) => [e.action, e.rule]);
    expect(actions).toEqual(expect.arrayContaining([['leave-asked', '001:71'], ['leave-vice-chief-in-charge-approved', '001:71'], ['leave-chief-approved', '001:71']]));
    expect((await listNotifications(h.db, { recipientId: 'cs.housing.head' })).map((n) => n.kind)).toContain('leave-approved');
  });

  it('001:71 代行准假权 — the chief away: the executive vice chief approves on the chief’s behalf, and is the one reported back to', async () => {
    const now = Date.now();
    await addAbsence(h.db, { userId: chief.userId, from: new Date(now - DAY).toISOString(), to: new Date(now + 30 * DAY).toISOString(), reason: '赴京汇报' });
    const { handle, absenceId } = await askLeave(CS, 'cs.market-regulation.head', 'cs.market-regulation');
    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    s = await act(handle, { taskId: openTask(s, 'leave.approval').id, action: 'approve', actor: yang });
    const approval = openTask(s, 'leave.approval');
    expect(approval.assignees).toEqual([{ userId: liu.userId, onBehalfOf: chief.userId }]);
    await act(handle, { taskId: approval.id, action: 'approve', actor: liu });
    await waitForState(handle, (x) => x.status === 'completed');
    expect((await getAbsence(h.db, absenceId))?.approval).toEqual({ processId: handle.workflowId, status: 'approved', rule: '001:71', decidedBy: liu.userId, onBehalfOf: chief.userId });
  });

  it('001:71 经批准后方可离开 — the vice chief in charge refuses: the chief is never asked, the absence is refused and moves no task', async () => {
    const { handle, absenceId } = await askLeave(CS, 'cs.housing.head', 'cs.housing', 0, { leaveNotice: { requiredDaysAhead: 2, daysAhead: 0, met: false, source: '001:71' } });
    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    // 一般应提前2天: a late report is the approver's to weigh, shown on the task.
    expect(openTask(s, 'leave.approval').title).toContain('报备仅提前0天，规定提前2天（001:71）');
    // Away from now (reported the same day), so the absence would take the head's tasks while pending.
    const at = new Date(Date.now() + 60_000).toISOString();
    const holders = () => resolveAssignees(h.db, { jurisdiction: CS, selector: { kind: 'role', role: 'department-head', unitId: 'cs.housing' }, at });
    expect(await holders()).toEqual([{ userId: 'cs.housing.head', absent: true }]);
    s = await act(handle, { taskId: openTask(s, 'leave.approval').id, action: 'refuse', actor: yang, data: { reason: '近期有防汛检查，不宜外出' } });
    s = await waitForState(handle, (x) => x.status === 'refused');
    expect(s.tasks.filter((t) => t.status === 'open')).toEqual([]);
    expect(s.details.decisions).toMatchObject([{ approver: 'vice-chief-in-charge', action: 'refuse', note: '近期有防汛检查，不宜外出' }]);
    expect((await getAbsence(h.db, absenceId))?.approval).toEqual({ processId: handle.workflowId, status: 'refused', rule: '001:71', decidedBy: yang.userId, reason: '近期有防汛检查，不宜外出' });
    expect(await holders()).toEqual([{ userId: 'cs.housing.head' }]);
    const told = (await listNotifications(h.db, { recipientId: 'cs.housing.head' })).find((n) => n.processId === handle.workflowId && n.kind === 'leave-refused');
    expect(told?.body).toContain('经批准后方可离开');
  });

  it('withdrawn while the vice chief in charge has it (leaveWithdrawn): the task is cancelled, the approval ends cancelled, the chief never asked', async () => {
    const { handle } = await askLeave(CS, 'cs.education.head', 'cs.education');
    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    expect(openTask(s, 'leave.approval').assignees).toEqual([{ userId: 'cs.vice-chief-huang' }]);
    await handle.signal(leaveWithdrawnSignal, { reason: '请假已撤销' });
    s = await waitForState(handle, (x) => x.status === 'cancelled');
    expect(s.tasks.map((t) => t.status)).toEqual(['cancelled']);
    expect((await auditOf(handle)).find((e) => e.action === 'leave-withdrawn')).toMatchObject({ rule: '001:71', detail: '请假已撤销' });
  });

  it('replaced by a correction’s new approval: the old one, approved later, no longer writes over the absence', async () => {
    const { handle, absenceId } = await askLeave(CS, 'cs.beita.head', 'cs.beita');
    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    const replacement = { processId: `leave.${CS}.${absenceId}.corrected`, status: 'pending' as const, rule: '001:71' };
    await setAbsenceApproval(h.db, absenceId, replacement);
    s = await act(handle, { taskId: openTask(s, 'leave.approval').id, action: 'approve', actor: { userId: 'cs.vice-chief-zhao', roles: ['vice-chief'] } });
    // The chief is away since the test above: the executive vice chief approves for him.
    await act(handle, { taskId: openTask(s, 'leave.approval').id, action: 'approve', actor: liu });
    await waitForState(handle, (x) => x.status === 'completed');
    expect((await getAbsence(h.db, absenceId))?.approval).toEqual(replacement);
  });

  it('002:73 经区长同意 — refused after the absence began: the task it moved to the named stand-in goes back to the person', async () => {
    const head = 'lx.education.head';
    const staff = 'lx.education.staff';
    const ticket = await h.env.client.workflow.start('supervisionTicket', {
      taskQueue: h.taskQueue,
      workflowId: processId('supervisionTicket', LX, `leave-${Date.now()}`),
      args: [{ jurisdiction: LX, title: '校舍安全督办', source: 'leader-instruction', responsibleUnitId: 'lx.education', dueAt: new Date(Date.now() + 60 * DAY).toISOString(), issuedBy: 'lx.supervision.staff' }],
    });
    const started = Date.parse((await waitForState(ticket, (x) => x.tasks.length > 0)).startedAt);
    const absence = await addAbsence(h.db, { userId: head, from: new Date(started - 60_000).toISOString(), to: new Date(started + 3 * DAY).toISOString(), standInUserId: staff, reason: '外出' });
    await ticket.signal(refreshAssigneesSignal, { reason: `${head} absent: 外出` });
    await waitForState(ticket, (x) => x.tasks[0].assignees.some((a) => a.onBehalfOf === head));
    // The approval of that absence, refused by the chief.
    const input: LeaveApprovalInput = { jurisdiction: LX, absenceId: absence.id, userId: head, unitId: 'lx.education', from: absence.from, to: absence.to, reason: absence.reason, recordedBy: head };
    const approval = await h.env.client.workflow.start('leaveApproval', { taskQueue: h.taskQueue, workflowId: processId('leaveApproval', LX, absence.id), args: [input] });
    const s = await waitForState(approval, (x) => x.tasks.length > 0);
    await act(approval, { taskId: openTask(s, 'leave.approval').id, action: 'refuse', actor: { userId: 'lx.chief', roles: ['chief'] }, data: { reason: '区里近期有重要检查' } });
    await waitForState(approval, (x) => x.status === 'refused');
    const back = await waitForState(ticket, (x) => x.tasks[0].assignees.some((a) => a.userId === head && !a.onBehalfOf));
    expect(back.tasks[0].assignees.some((a) => a.onBehalfOf === head)).toBe(false);
    await ticket.terminate('test done');
  });

  it('002:73 — the chief alone consents (经区长同意); 000, 003, 004 ask no approval of a department head', async () => {
    expect(rulebookFor(LX).leave.departmentHeadApproval).toEqual({ value: ['chief'], source: '002:73' });
    expect(rulebookFor('jinan-shizhong-2023').leave.departmentHeadApproval).toEqual({ value: null, source: 'none:000' });
    expect(rulebookFor('zibo-zhangdian-2022').leave.departmentHeadApproval).toEqual({ value: null, source: 'none:003' });
    expect(rulebookFor('rizhao-2017').leave.departmentHeadApproval).toEqual({ value: null, source: 'none:004' });
    expect(leaveApproversFor(rulebookFor('zibo-zhangdian-2022'), ['department-head'])).toEqual([]);
    expect(leaveApproversFor(rulebookFor(CS), ['vice-chief'])).toEqual([]);
    const { handle, absenceId } = await askLeave(LX, 'lx.finance.head', 'lx.finance');
    const s = await waitForState(handle, (x) => x.tasks.length > 0);
    const approval = openTask(s, 'leave.approval');
    expect(approval.assignees).toEqual([{ userId: 'lx.chief' }]);
    expect(approval.rule).toBe('002:73');
    await act(handle, { taskId: approval.id, action: 'approve', actor: { userId: 'lx.chief', roles: ['chief'] } });
    await waitForState(handle, (x) => x.status === 'completed');
    expect((await getAbsence(h.db, absenceId))?.approval).toMatchObject({ status: 'approved', rule: '002:73', decidedBy: 'lx.chief' });
    expect((await stateOf(handle)).details.decisions).toHaveLength(1);
  });
});
