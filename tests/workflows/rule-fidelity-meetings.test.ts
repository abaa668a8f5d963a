import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPublishedDecisions } from '../../db/published-decision-repository';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { ProcessState } from '../../workflows/engine/types';
import { agendaOutcomeSignal, agendaScheduledSignal, type AgendaOutcome } from '../../workflows/meeting-messages';
import { agendaItemInput, awaitingMeeting, driveAgendaItem, startAgendaItem } from '../support/agenda-helpers';
import { act, openTask, waitForState } from '../support/process-helpers';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

/** Issue 10: meeting rules as each seed states them, run through the agendaItem workflow. */
const JS: JurisdictionId = 'jinan-shizhong-2023'; // 000
const CS: JurisdictionId = 'chaoyang-shuangta-2022'; // 001
const ZD: JurisdictionId = 'zibo-zhangdian-2022'; // 003
const RZ: JurisdictionId = 'rizhao-2017'; // 004

let h: TimeSkippingHarness;
beforeAll(async () => {
  h = await startTimeSkipping();
});
afterAll(async () => h?.teardown());

const user = (userId: string) => ({ userId, roles: [] });
const atStep = (step: string) => (s: ProcessState) => s.tasks.some((t) => t.step === step && t.status === 'open') || s.status !== 'running';

async function decide(handle: WorkflowHandle, meetingId: string, outcome: Partial<AgendaOutcome> = {}): Promise<void> {
  await handle.signal(agendaScheduledSignal, { meetingId, startsAt: new Date(Date.now() + 86_400_000).toISOString() });
  await waitForState(handle, (s) => s.step === 'scheduled');
  await handle.signal(agendaOutcomeSignal, { meetingId, outcome: 'approved', decision: '原则通过', viceChiefOpinion: '建议通过', minutesSignedAt: new Date().toISOString(), minutesSignedBy: 'chief', ...outcome });
}

describe('rules of the agenda item, per seed', () => {
  it('003:53–54: the office may give only the reasons 003 states; "unit-own-duty" (not in the text) is refused', async () => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(ZD));
    const task = openTask(await waitForState(handle, atStep('agenda.admissibility')), 'agenda.admissibility');
    await expect(act(handle, { taskId: task.id, action: 'reject', data: { reason: 'unit-own-duty', explanation: '属部门职责' }, actor: user('zd.office.staff') })).rejects.toThrow(WorkflowUpdateFailedError);
    // 003:54: 除特殊情况外，会前一般不临时受理议题。
    const state = await act(handle, { taskId: task.id, action: 'reject', data: { reason: 'ad-hoc-item', explanation: '会前临时提交' }, actor: user('zd.office.staff') });
    expect(state.details.rejection).toMatchObject({ reason: 'ad-hoc-item', rule: '003:54' });
  });

  it('001:41: "not reported to the chair and consented to" is a reason; "unit-own-duty" is not', async () => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(CS));
    const task = openTask(await waitForState(handle, atStep('agenda.admissibility')), 'agenda.admissibility');
    await expect(act(handle, { taskId: task.id, action: 'reject', data: { reason: 'unit-own-duty', explanation: 'x' }, actor: user('cs.office.staff') })).rejects.toThrow(WorkflowUpdateFailedError);
    const state = await act(handle, { taskId: task.id, action: 'reject', data: { reason: 'not-reported-to-chair', explanation: '会前未向主持会议的领导汇报' }, actor: user('cs.office.staff') });
    expect(state.details.rejection).toMatchObject({ reason: 'not-reported-to-chair', rule: '001:41' });
  });

  it('000:31: a normative-document draft goes to the justice bureau’s legality review before the review chain', async () => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(JS, { normativeDocument: true }));
    const state = await driveAgendaItem(handle, atStep('agenda.legality-review')).then((r) => r.state);
    const legality = openTask(state, 'agenda.legality-review');
    expect(legality.rule).toBe('000:31');
    expect(state.tasks.some((t) => t.step === 'agenda.review')).toBe(false);
    await handle.terminate('test done');
  });

  it('001:61: a decided matter becomes a supervision notice to the lead unit', async () => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(CS));
    await driveAgendaItem(handle, awaitingMeeting);
    const dueAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    await decide(handle, `meeting.${CS}.${randomUUID()}`, { supervisionDueAt: dueAt });
    const state = await waitForState(handle, (s) => s.status !== 'running');
    const ticket = state.links.find((l) => l.type === 'supervisionTicket');
    expect(ticket).toMatchObject({ relation: 'spawned' });
    const ticketState = await waitForState(h.env.client.workflow.getHandle(ticket!.processId), (s) => s.deadlines.length > 0);
    expect(ticketState.details).toMatchObject({ source: 'meeting-decision' });
    expect(ticketState.deadlines[0].dueAt).toBe(dueAt);
    await h.env.client.workflow.getHandle(ticket!.processId).terminate('test done');
  });

  // 000:53 / 001:27 / 003:36 / 004:21: 常务会议讨论决定的事项,除依法需要保密的外,应当及时公布 — on the public list.
  it.each([
    [JS, '000:53'],
    [CS, '001:27'],
    [ZD, '003:36'],
    [RZ, '004:21'],
  ] as const)('%s: a decided matter goes onto the public list of decisions (%s); a confidential one does not', async (j, rule) => {
    const open = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(j, { title: `公开议题 ${rule}` }));
    const secret = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(j, { title: `保密议题 ${rule}`, confidential: true }));
    for (const handle of [open, secret]) {
      await driveAgendaItem(handle, awaitingMeeting);
      await decide(handle, `meeting.${j}.${randomUUID()}`, { supervisionDueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), decision: '原则通过，由区住建局组织实施' });
    }
    for (const handle of [open, secret]) {
      const s = await waitForState(handle, (x) => x.status !== 'running');
      for (const l of s.links.filter((x) => x.relation === 'spawned')) await h.env.client.workflow.getHandle(l.processId).terminate('test done');
    }
    const listed = await listPublishedDecisions(h.db, { jurisdiction: j, limit: 50, offset: 0 });
    expect(listed.filter((d) => d.itemId === open.workflowId)).toEqual([expect.objectContaining({ title: `公开议题 ${rule}`, decision: '原则通过，由区住建局组织实施', outcome: 'approved', rule })]);
    expect(listed.some((d) => d.itemId === secret.workflowId)).toBe(false);
  });

  it('000:51 — pre-coordination is signed by the unit’s head: 参与协调的部门主要负责人要在会签意见上签字同意; its staff cannot answer', async () => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(JS, { countersignUnitIds: ['js.finance'] }));
    const state = await driveAgendaItem(handle, atStep('agenda.countersign')).then((r) => r.state);
    const task = openTask(state, 'agenda.countersign');
    expect(task.assignees.map((a) => a.userId)).toEqual(['js.finance.head']);
    await expect(act(handle, { taskId: task.id, action: 'agree', actor: user('js.finance.staff') })).rejects.toThrow(WorkflowUpdateFailedError);
    await act(handle, { taskId: task.id, action: 'agree', actor: user('js.finance.head') });
    await waitForState(handle, atStep('agenda.review'));
    await handle.terminate('test done');
  });

  it('001 sets no such rule (none:001): the unit’s staff may answer the pre-coordination', async () => {
    const handle = await startAgendaItem(h.env.client, h.taskQueue, agendaItemInput(CS, { countersignUnitIds: ['cs.finance'] }));
    const state = await driveAgendaItem(handle, atStep('agenda.countersign')).then((r) => r.state);
    expect(openTask(state, 'agenda.countersign').assignees.map((a) => a.userId)).toContain('cs.finance.staff');
    await handle.terminate('test done');
  });
});
