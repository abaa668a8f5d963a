import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/dev-server-stack';

/**
 * Leave through the whole stack (API, worker, dev server): 001:71 a department head's absence approved by the vice chief
 * in charge and the chief, reported back to the approver; 003:55 a standing meeting's attendees (列席人员) named at convening.
 */
const CS = 'chaoyang-shuangta-2022' as const;
const ZD = 'zibo-zhangdian-2022' as const;
const DAY = 86_400_000;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

type Task = { processId: string; task: { id: string; step: string } };

describe('leave over HTTP', () => {
  it('001:71 — recorded, consented by the vice chief in charge, approved by the chief, each from their inbox; back, reported to the chief', async () => {
    const head = await stack.userById('cs.housing.head');
    const yang = await stack.userById('cs.vice-chief-yang');
    const chief = await stack.userById('cs.chief');
    const recorded = await stack.call('POST', '/v1/directory/absences', head.token, { userId: head.id, from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 3 * DAY).toISOString(), reason: '赴省住建厅参加培训' });
    expect(recorded.status).toBe(201);
    expect(recorded.body.approval).toMatchObject({ status: 'pending', rule: '001:71' });
    const processId: string = recorded.body.approval.processId;
    stack.track(processId);

    const taskOf = async (token: string) => {
      const inbox = await stack.eventually(() => stack.call('GET', '/v1/tasks', token), (r) => r.body.items.some((t: Task) => t.processId === processId));
      return inbox.body.items.find((t: Task) => t.processId === processId) as Task;
    };
    const consent = await taskOf(yang.token);
    expect(consent.task.step).toBe('leave.approval');
    const consented = await stack.call('POST', `/v1/processes/${encodeURIComponent(processId)}/tasks/${consent.task.id}/actions`, yang.token, { action: 'approve' });
    expect(consented.status).toBe(200);
    const approval = await taskOf(chief.token);
    const approved = await stack.call('POST', `/v1/processes/${encodeURIComponent(processId)}/tasks/${approval.task.id}/actions`, chief.token, { action: 'approve', data: { note: '同意' } });
    expect(approved.status).toBe(200);

    const absences = await stack.eventually(
      () => stack.call('GET', `/v1/directory/absences?jurisdiction=${CS}`, head.token),
      (r) => r.body.absences.some((a: { id: string; approval?: { status: string } }) => a.id === recorded.body.id && a.approval?.status === 'approved'),
    );
    expect(absences.body.absences.find((a: { id: string }) => a.id === recorded.body.id).approval).toEqual({ processId, status: 'approved', rule: '001:71', decidedBy: 'cs.chief' });
    const back = await stack.call('POST', `/v1/directory/absences/${recorded.body.id}/report-back`, head.token);
    expect(back.status).toBe(200);
    expect(back.body.reportedBackTo).toBe('cs.chief');
  });

  it('001:71 — withdrawn before anyone approved: the vice chief in charge’s task leaves the inbox, the approval ends cancelled', async () => {
    const head = await stack.userById('cs.education.head');
    const huang = await stack.userById('cs.vice-chief-huang');
    const recorded = await stack.call('POST', '/v1/directory/absences', head.token, { userId: head.id, from: new Date(Date.now() + 5 * DAY).toISOString(), to: new Date(Date.now() + 6 * DAY).toISOString(), reason: '休假' });
    const processId: string = recorded.body.approval.processId;
    stack.track(processId);
    await stack.waitFor('the approver’s inbox to show the leave approval', () => stack.call('GET', '/v1/tasks', huang.token), (r) => r.body.items.some((t: Task) => t.processId === processId));
    expect((await stack.call('DELETE', `/v1/directory/absences/${recorded.body.id}`, head.token)).status).toBe(200);
    const inbox = await stack.eventually(() => stack.call('GET', '/v1/tasks', huang.token), (r) => !r.body.items.some((t: Task) => t.processId === processId));
    expect(inbox.body.items.some((t: Task) => t.processId === processId)).toBe(false);
    const state = await stack.eventually(() => stack.call('GET', `/v1/processes/${encodeURIComponent(processId)}`, huang.token), (r) => r.body.status === 'cancelled');
    expect(state.body.status).toBe('cancelled');
  });

  it('003:55 — attendees are named when the meeting is convened: a member or an unknown person is 400 naming attendees.N; an attendee finds the invitation in the inbox', async () => {
    const office = await stack.user(ZD, 'office-director');
    const startsAt = new Date(Date.now() + 20 * DAY).toISOString();
    const bad = await stack.call('POST', '/v1/meetings', office.token, { jurisdiction: ZD, startsAt, attendees: ['zd.housing.head', 'zd.vice-chief-guo', 'zd.nobody', 'zd.housing.head'] }, { 'Idempotency-Key': `e2e-${randomUUID()}` });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'attendees.1', reason: expect.stringContaining('sits on the standing meeting'), message: expect.any(String) },
      { field: 'attendees.2', reason: 'no user zd.nobody in zibo-zhangdian-2022', message: expect.any(String) },
      { field: 'attendees.3', reason: 'listed twice', message: expect.any(String) },
    ]);
    const ok = await stack.call('POST', '/v1/meetings', office.token, { jurisdiction: ZD, startsAt, attendees: ['zd.housing.head'] }, { 'Idempotency-Key': `e2e-${randomUUID()}` });
    expect(ok.status).toBe(201);
    stack.track(ok.body.id);
    const head = await stack.userById('zd.housing.head');
    const inbox = await stack.eventually(() => stack.call('GET', '/v1/tasks', head.token), (r) => r.body.items.some((t: Task) => t.processId === ok.body.id));
    expect(inbox.body.items.find((t: Task) => t.processId === ok.body.id)).toMatchObject({ task: { step: 'meeting.attendance' } });
  });
});
