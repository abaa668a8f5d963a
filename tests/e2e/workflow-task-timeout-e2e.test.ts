import { msToNumber, tsToMs } from '@temporalio/common/lib/time';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateQuery } from '../../workflows/messages';
import { WORKFLOW_TASK_TIMEOUT } from '../../workflows/workflow-task-timeout';
import { startStack } from '../support/dev-server-stack';

/**
 * After a Temporal server crash a workflow task that was in flight is handed out again only when
 * its workflow task timeout runs out: at Temporal's default of 10 s the process answered nobody for
 * that long. Every process we start carries our shorter timeout: those the API starts and the
 * children processes start.
 */
const TEMPORAL_DEFAULT_MS = 10_000;
let stack: Awaited<ReturnType<typeof startStack>>;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

async function workflowTaskTimeoutMs(id: string): Promise<number> {
  const described = await stack.client.workflow.getHandle(id).describe();
  return tsToMs(described.raw.executionConfig?.defaultWorkflowTaskTimeout);
}

interface InboxItem {
  processId: string;
  task: { step: string };
  actionsUrl: string;
}

describe('processes start with a workflow task timeout shorter than Temporal’s default', () => {
  it('a supervision ticket the API starts', async () => {
    const office = await stack.user('chaoyang-shuangta-2022', 'supervision-office');
    const body = { jurisdiction: 'chaoyang-shuangta-2022', title: '任务超时设置督办', source: 'platform-message', responsibleUnit: 'cs.finance', complexity: 'ordinary' };
    const created = await stack.call('POST', '/v1/supervision-tickets', office.token, body, { 'Idempotency-Key': `e2e-${randomUUID()}` });
    expect(created.status).toBe(201);
    const ms = await workflowTaskTimeoutMs(created.body.id);
    expect(ms).toBe(msToNumber(WORKFLOW_TASK_TIMEOUT));
    expect(ms).toBeLessThan(TEMPORAL_DEFAULT_MS);
    await stack.client.workflow.getHandle(created.body.id).terminate('test done');
  });

  it('a supervision ticket a leader’s instruction on a request (请示) starts as a child process', async () => {
    const J = 'jinan-shizhong-2023' as const;
    const head = await stack.user(J, 'department-head', 'js.housing');
    const office = await stack.user(J, 'office-staff');
    const leader = await stack.user(J, 'vice-chief');
    const body = {
      jurisdiction: J, fromUnit: 'js.housing', signedBy: 'js.housing.head', subject: '关于老旧小区加装电梯补助资金的请示',
      matters: ['拨付2026年老旧小区加装电梯补助资金'], contactPerson: '王敏', contactPhone: '0531-86080000', addressees: ['government'],
    };
    const created = await stack.call('POST', '/v1/incoming-requests', head.token, body, { 'Idempotency-Key': `e2e-${randomUUID()}` });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(await workflowTaskTimeoutMs(id)).toBe(msToNumber(WORKFLOW_TASK_TIMEOUT));

    const actFromInbox = async (token: string, step: string, action: string, data: Record<string, unknown>) => {
      const inbox = await stack.eventually(
        () => stack.call('GET', '/v1/tasks', token),
        (r) => r.body.items.some((i: InboxItem) => i.processId === id && i.task.step === step),
      );
      const item = inbox.body.items.find((i: InboxItem) => i.processId === id && i.task.step === step) as InboxItem;
      expect(item, `${step} in the inbox`).toBeDefined();
      const done = await stack.call('POST', item.actionsUrl, token, { action, data });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
    };
    await actFromInbox(office.token, 'request.registration', 'accept', {});
    await actFromInbox(office.token, 'request.proposal', 'propose', { proposal: '拟请王建国副区长阅示', handlingUnit: 'js.housing', handlingLimitWorkingDays: 10 });
    await actFromInbox(leader.token, 'request.instruction', 'instruct', { opinion: '同意，请督查室跟踪督办', startSupervision: true });

    const request = stack.client.workflow.getHandle(id);
    const ticketId = (await request.query(stateQuery)).links.find((l) => l.relation === 'spawned' && l.type === 'supervisionTicket')?.processId;
    expect(ticketId, 'the instruction spawned a supervision ticket').toBeDefined();
    const ms = await workflowTaskTimeoutMs(ticketId!);
    expect(ms).toBe(msToNumber(WORKFLOW_TASK_TIMEOUT));
    expect(ms).toBeLessThan(TEMPORAL_DEFAULT_MS);
    await stack.client.workflow.getHandle(ticketId!).terminate('test done');
    await request.terminate('test done');
  });
});
