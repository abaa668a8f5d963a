import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/dev-server-stack';

const J = 'chaoyang-shuangta-2022' as const;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

describe('a task served through HTTP carries the declaration of its actions', () => {
  it('GET /v1/processes/:id and the inbox give each open task its step labels and every action with labels, final and input JSON Schema', async () => {
    const office = await stack.user(J, 'supervision-office');
    const head = await stack.user(J, 'department-head', 'cs.finance');
    const body = { jurisdiction: J, title: '背街小巷整治督办', source: 'other', responsibleUnit: 'cs.finance', complexity: 'ordinary' };
    const created = await stack.call('POST', '/v1/supervision-tickets', office.token, body, { 'Idempotency-Key': `e2e-${randomUUID()}` });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const process = await stack.eventually(() => stack.call('GET', `/v1/processes/${encodeURIComponent(id)}`, office.token), (r) => r.body.openTasks?.length > 0);
    const [task] = process.body.openTasks;
    expect(task).toMatchObject({ step: 'ticket.execution', stepLabel: '承办落实', stepLabelEn: 'Carrying out', title: '办理：背街小巷整治督办' });
    expect(task.actions.map((a: { name: string }) => a.name)).toEqual(['acknowledge', 'report-progress', 'object', 'refer-to-discipline', 'submit-completion']);
    const completion = task.actions.find((a: { name: string }) => a.name === 'submit-completion');
    expect(completion).toEqual({
      name: 'submit-completion',
      label: '报送办结报告',
      labelEn: 'Submit the completion report',
      final: true,
      by: 'assignee',
      inputSchema: {
        type: 'object',
        properties: { summary: { type: 'string', minLength: 1, maxLength: 5000, description: 'what was done' } },
        required: ['summary'],
        additionalProperties: false,
      },
    });
    expect(task.engineActions.map((a: { name: string }) => a.name)).toEqual(['delegate', 'extend', 'pause']);
    expect(task.engineActions[0].inputSchema.required).toEqual(['toUserId']);

    const inbox = await stack.eventually(() => stack.call('GET', '/v1/tasks', head.token), (r) => r.body.items.some((i: { processId: string }) => i.processId === id));
    const item = inbox.body.items.find((i: { processId: string }) => i.processId === id);
    expect(item.task.stepLabel).toBe('承办落实');
    expect(item.task.actions).toEqual(task.actions);

    // What the schema says is what the engine enforces: an undeclared key is refused, naming it.
    const refused = await stack.call('POST', `/v1/processes/${encodeURIComponent(id)}/tasks/${task.id}/actions`, head.token, {
      action: 'submit-completion',
      data: { summary: '已完成', attachments: 'x' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toContainEqual({ field: 'data.attachments', reason: 'unknown field', message: '此操作不接受这一项' });

    // The holder is told in Chinese, with the due time as a Chinese office writes it.
    const told = await stack.eventually(() => stack.call('GET', '/v1/notifications', head.token), (r) => r.body.notifications?.some((n: { processId: string }) => n.processId === id));
    const assigned = told.body.notifications.find((n: { processId: string; kind: string }) => n.processId === id && n.kind === 'task-assigned');
    expect(assigned.subject).toBe('[背街小巷整治督办] 新待办：办理：背街小巷整治督办');
    expect(assigned.body).toMatch(/^办理时限：20\d\d年\d{1,2}月\d{1,2}日 \d\d:\d\d（001:63）$/);
    await stack.client.workflow.getHandle(id).terminate('test done');
  });
});
