import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/dev-server-stack';

const J = 'chaoyang-shuangta-2022' as const;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

describe('a supervision ticket through HTTP → Temporal dev server → worker', () => {
  it('is issued, found in the inbox, acted on, verified and closed out, with audit, listing and notifications', async () => {
    const office = await stack.user(J, 'supervision-office');
    const head = await stack.user(J, 'department-head', 'cs.finance');
    const key = `e2e-${randomUUID()}`;
    const body = { jurisdiction: J, title: '营商环境投诉办理督办', source: 'platform-message', responsibleUnit: 'cs.finance', complexity: 'ordinary' };

    expect((await stack.call('POST', '/v1/supervision-tickets', undefined, body)).status).toBe(401);
    const created = await stack.call('POST', '/v1/supervision-tickets', office.token, body, { 'Idempotency-Key': key });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.headers.get('location')).toBe(`/v1/processes/${encodeURIComponent(id)}`);
    const retried = await stack.call('POST', '/v1/supervision-tickets', office.token, body, { 'Idempotency-Key': key });
    expect(retried.status).toBe(200);
    expect(retried.body.id).toBe(id);

    const inbox = await stack.eventually(() => stack.call('GET', '/v1/tasks', head.token), (r) => r.body.items.some((i: { processId: string }) => i.processId === id));
    const item = inbox.body.items.find((i: { processId: string }) => i.processId === id);
    expect(item.task.step).toBe('ticket.execution');
    expect(item.task.dueAt).toBeTruthy();
    const actions = `/v1/processes/${encodeURIComponent(id)}/tasks/${item.task.id}/actions`;

    const notMine = await stack.call('POST', actions, office.token, { action: 'acknowledge' });
    expect(notMine.status).toBe(403);
    expect(notMine.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const bad = await stack.call('POST', actions, head.token, { action: 'submit-completion', data: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ field: 'data.summary' }));

    expect((await stack.call('POST', actions, head.token, { action: 'acknowledge' })).status).toBe(200);
    const submitted = await stack.call('POST', actions, head.token, { action: 'submit-completion', data: { summary: '已办结' } });
    expect(submitted.status).toBe(200);
    expect(submitted.body.step).toBe('verification');
    expect((await stack.call('POST', actions, head.token, { action: 'report-progress', data: { summary: 'late' } })).status).toBe(409);

    const verify = submitted.body.openTasks.find((t: { step: string }) => t.step === 'ticket.verification');
    const closed = await stack.call('POST', verify.actionsUrl, office.token, { action: 'close', data: { praise: true } });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');

    const audit = await stack.call('GET', `/v1/processes/${encodeURIComponent(id)}/audit`, office.token);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['notice-issued', 'acknowledge', 'submit-completion', 'close', 'closed-out']));
    const listed = await stack.eventually(
      () => stack.call('GET', `/v1/processes?type=supervisionTicket&jurisdiction=${J}`, office.token),
      (r) => r.body.items.some((p: { id: string; status: string }) => p.id === id && p.status === 'COMPLETED'),
    );
    expect(listed.body.items.find((p: { id: string }) => p.id === id)).toMatchObject({ type: 'supervisionTicket', jurisdiction: J, status: 'COMPLETED' });
    const notifications = await stack.call('GET', '/v1/notifications', head.token);
    expect(notifications.body.notifications.some((n: { processId: string }) => n.processId === id)).toBe(true);
  });

  it('refuses a ticket without a limit where the rulebook has none (000), naming dueAt', async () => {
    const office = await stack.user('jinan-shizhong-2023', 'supervision-office');
    const r = await stack.call('POST', '/v1/supervision-tickets', office.token, {
      jurisdiction: 'jinan-shizhong-2023', title: 't', source: 'other', responsibleUnit: 'js.finance', complexity: 'ordinary',
    });
    expect(r.status).toBe(400);
    expect(r.body.errors).toContainEqual(expect.objectContaining({ field: 'dueAt' }));
  });

  it('lists a ticket whose notice deadline has passed under ?overdue=true, and an unknown process is 404', async () => {
    const office = await stack.user(J, 'supervision-office');
    expect((await stack.call('GET', '/v1/processes/ticket.nope.nope', office.token)).status).toBe(404);
    const dueAt = new Date(Date.now() + 3000).toISOString(); // real time on the dev server
    const created = await stack.call('POST', '/v1/supervision-tickets', office.token, {
      jurisdiction: J, title: '即将逾期的督办', source: 'other', responsibleUnit: 'cs.housing', dueAt,
    });
    expect(created.status).toBe(201);
    const overdue = await stack.eventually(
      () => stack.call('GET', '/v1/processes?overdue=true', office.token),
      (r) => r.body.items.some((p: { id: string }) => p.id === created.body.id),
    );
    expect(overdue.body.items.find((p: { id: string }) => p.id === created.body.id)).toMatchObject({ overdue: true, step: 'execution' });
    const notOverdue = await stack.call('GET', '/v1/processes?overdue=false', office.token);
    expect(notOverdue.body.items.some((p: { id: string }) => p.id === created.body.id)).toBe(false);
    await stack.client.workflow.getHandle(created.body.id).terminate('test done');
  });
  it('an absence recorded through the API — re-routes the absent head\'s open task to the stand-in, "on behalf of" (003:9)', async () => {
    const ZD = 'zibo-zhangdian-2022' as const; // 003:9 has the stand-in (补位) system
    const office = await stack.user(ZD, 'supervision-office');
    const head = await stack.user(ZD, 'department-head', 'zd.education');
    const staff = await stack.user(ZD, 'department-staff', 'zd.education');
    const dueAt = new Date(Date.now() + 20 * 86_400_000).toISOString();
    const created = await stack.call('POST', '/v1/supervision-tickets', office.token, { jurisdiction: ZD, title: '校舍安全督办', source: 'media-report', responsibleUnit: 'zd.education', dueAt });
    expect(created.status).toBe(201);
    await stack.waitFor('the head’s inbox to show the ticket', () => stack.call('GET', '/v1/tasks', head.token), (r) => r.body.items.some((i: { processId: string }) => i.processId === created.body.id));
    const absence = await stack.call('POST', '/v1/directory/absences', head.token, {
      userId: head.id, from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 7 * 86_400_000).toISOString(), standInUserId: staff.id, reason: '出差',
      schedule: '赴省住建厅培训：通知、方案及日程见附件', // 003:77: away more than 3 days
    });
    expect(absence.status).toBe(201);
    expect(absence.body.tasksRerouted).toBeGreaterThanOrEqual(1);
    const state = await stack.eventually(
      () => stack.call('GET', `/v1/processes/${encodeURIComponent(created.body.id)}`, office.token),
      (r) => r.body.openTasks[0].assignees.some((a: { onBehalfOf?: string }) => a.onBehalfOf === head.id),
    );
    expect(state.body.openTasks[0].assignees).toContainEqual({ userId: staff.id, onBehalfOf: head.id });
    await stack.client.workflow.getHandle(created.body.id).terminate('test done');
  });

  it('an operator loading a calendar year through the API — makes open processes recompute their provisional deadlines', async () => {
    const office = await stack.user(J, 'supervision-office');
    const operator = await stack.user(J, 'operator');
    const created = await stack.call('POST', '/v1/supervision-tickets', office.token, { jurisdiction: J, title: '跨年督办', source: 'key-project', responsibleUnit: 'cs.housing', complexity: 'ordinary' });
    const url = `/v1/processes/${encodeURIComponent(created.body.id)}`;
    const opened = await stack.eventually(() => stack.call('GET', url, office.token), (r) => r.body.openTasks?.length > 0);
    // 250 working days always end in a year the seeded calendar does not know yet.
    const extended = await stack.call('POST', `${url}/tasks/${opened.body.openTasks[0].id}/actions`, office.token, { action: 'extend', comment: '跨年度任务', data: { workingDays: 250 } });
    expect(extended.status).toBe(200);
    expect(extended.body.deadlines[0].provisional).toBe(true);
    await stack.waitFor('the process list to show the ticket', () => stack.call('GET', '/v1/processes?jurisdiction=' + J, office.token), (r) => r.body.items.some((p: { id: string }) => p.id === created.body.id));
    let notified = 0;
    const dueYear = Number(extended.body.deadlines[0].dueAt.slice(0, 4));
    for (let year = new Date().getFullYear(); year <= dueYear + 1; year++) {
      if ((await stack.call('GET', `/v1/calendar/${year}`, operator.token)).status === 200) continue;
      const loaded = await stack.call('PUT', `/v1/calendar/${year}`, operator.token, { daysOff: [], workingWeekendDays: [], source: 'test notice' });
      expect(loaded.status).toBe(200);
      notified += loaded.body.processesNotified ?? 0;
    }
    expect(notified).toBeGreaterThanOrEqual(1);
    const after = await stack.eventually(() => stack.call('GET', url, office.token), (r) => r.body.deadlines[0].provisional === false);
    expect(after.body.deadlines[0].provisional).toBe(false);
    await stack.client.workflow.getHandle(created.body.id).terminate('test done');
  });
});
