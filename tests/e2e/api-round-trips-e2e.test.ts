import { Client, type Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig } from '../../api/config';
import { createProcessGateway } from '../../api/processes/process-gateway';
import { payloadDataConverter } from '../../worker/payload-codec';
import type { SupervisionTicketInput } from '../../workflows/supervision-ticket';
import { countingConnection } from '../support/counting-connection';
import { startStack } from '../support/dev-server-stack';

/**
 * Issue 12: a start and an action each cost one call to Temporal (the start, the update); the
 * look-ups that used to go first (a describe before every start and every action) happen only
 * when an answer needs them — a retried key, a process that is missing or has ended — and every
 * answer stays what it was: 200 for a retry, 422 for a key re-used with another body, 404 for a
 * missing process or another jurisdiction's, 409 for an ended one.
 */
const J = 'chaoyang-shuangta-2022' as const;
const OTHER = 'jinan-shizhong-2023' as const;
let stack: Awaited<ReturnType<typeof startStack>>;
let connection: Connection;
/** The Temporal RPCs the counted gateway made, by method name. */
const calls: string[] = [];

beforeAll(async () => {
  stack = await startStack();
  connection = await countingConnection(inject('devServerAddress'), calls);
});
afterAll(async () => {
  await connection?.close();
  await stack?.stop();
});

const ticketBody = { jurisdiction: J, title: '往返次数测试', source: 'leader-instruction', responsibleUnit: 'cs.finance', complexity: 'ordinary' };

async function openTicket(officeToken: string, key = `trips-${randomUUID()}`) {
  const created = await stack.call('POST', '/v1/supervision-tickets', officeToken, ticketBody, { 'Idempotency-Key': key });
  expect(created.status).toBe(201);
  const path = `/v1/processes/${encodeURIComponent(created.body.id)}`;
  const state = await stack.eventually(() => stack.call('GET', path, officeToken), (r) => r.body?.openTasks?.length > 0);
  return { id: created.body.id as string, key, path, task: state.body.openTasks[0] as { id: string; actionsUrl: string } };
}

/** Drives a ticket to its end: the head reports completion, the office closes it. */
async function closeTicket(ticket: Awaited<ReturnType<typeof openTicket>>, officeToken: string, headToken: string) {
  const submitted = await stack.call('POST', ticket.task.actionsUrl, headToken, { action: 'submit-completion', data: { summary: '已办结' } });
  expect(submitted.status).toBe(200);
  const verify = submitted.body.openTasks.find((t: { step: string }) => t.step === 'ticket.verification');
  expect((await stack.call('POST', verify.actionsUrl, officeToken, { action: 'close', data: {} })).status).toBe(200);
  await stack.eventually(() => stack.call('GET', ticket.path, officeToken), (r) => r.body.status === 'closed');
  return verify as { id: string; actionsUrl: string };
}

describe('one Temporal call per start and per action', () => {
  it('a new start is one StartWorkflowExecution; an action is the update alone, with no describe or query first', async () => {
    const gateway = createProcessGateway({ client: new Client({ connection, dataConverter: payloadDataConverter(loadConfig({}).GOVFLOW_PAYLOAD_KEYS) }), taskQueue: stack.taskQueue, db: stack.db });
    const input: SupervisionTicketInput = { jurisdiction: J, title: '往返次数测试', source: 'leader-instruction', responsibleUnitId: 'cs.finance', complexity: 'ordinary', issuedBy: 'cs.supervision.director' };
    calls.length = 0;
    const started = await gateway.start({ type: 'supervisionTicket', workflowType: 'supervisionTicket', jurisdiction: J, key: `trips-${randomUUID()}`, input, title: input.title, leadUnit: 'cs.finance', summary: '督办', details: '往返次数测试' });
    expect(started.created).toBe(true);
    expect(calls).toEqual(['StartWorkflowExecution']);

    const head = await stack.user(J, 'department-head', 'cs.finance');
    const office = await stack.user(J, 'supervision-office');
    const state = await stack.eventually(() => stack.call('GET', `/v1/processes/${encodeURIComponent(started.id)}`, office.token), (r) => r.body?.openTasks?.length > 0);
    calls.length = 0;
    const after = await gateway.act(started.id, { taskId: state.body.openTasks[0].id, action: 'report-progress', data: { summary: '已完成摸底' }, actor: { userId: head.id, roles: head.roles, jurisdiction: J } }, `trips-${randomUUID()}`);
    expect(after.details.progressReports).toHaveLength(1);
    expect(calls.filter((c) => c !== 'PollWorkflowExecutionUpdate')).toEqual(['UpdateWorkflowExecution']);
  });
});

describe('the answers the look-ups used to give', () => {
  it('a create retried after its process closed gets that process (200); the same key with another body still gets 422', async () => {
    const office = await stack.user(J, 'supervision-office');
    const head = await stack.user(J, 'department-head', 'cs.finance');
    const ticket = await openTicket(office.token);
    await closeTicket(ticket, office.token, head.token);

    const retried = await stack.call('POST', '/v1/supervision-tickets', office.token, ticketBody, { 'Idempotency-Key': ticket.key });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ id: ticket.id, created: false });
    const other = await stack.call('POST', '/v1/supervision-tickets', office.token, { ...ticketBody, title: '另一件事' }, { 'Idempotency-Key': ticket.key });
    expect(other.status).toBe(422);
    expect(other.body.errors).toContainEqual(expect.objectContaining({ field: 'Idempotency-Key' }));
    expect((await stack.call('GET', ticket.path, office.token)).body.status).toBe('closed');
  });

  it('acting on a missing process is 404; on an ended one 409 for its own people and 404 for another jurisdiction; a foreign actor on a running one 404, nothing changed', async () => {
    const office = await stack.user(J, 'supervision-office');
    const head = await stack.user(J, 'department-head', 'cs.finance');
    const foreign = await stack.user(OTHER, 'department-head');
    const report = { action: 'report-progress', data: { summary: '进展' } };

    const missing = await stack.call('POST', `/v1/processes/${encodeURIComponent(`supervisionTicket/${J}/nope-${randomUUID()}`)}/tasks/t1/actions`, head.token, report);
    expect(missing.status).toBe(404);

    const running = await openTicket(office.token);
    const refused = await stack.call('POST', running.task.actionsUrl, foreign.token, report, { 'Idempotency-Key': `foreign-${randomUUID()}` });
    expect(refused.status).toBe(404);
    expect(refused.body.detail).not.toMatch(/task|t1/); // learns nothing about its tasks
    expect((await stack.call('GET', running.path, head.token)).body.details.progressReports).toHaveLength(0);

    const ended = await openTicket(office.token);
    const verify = await closeTicket(ended, office.token, head.token);
    const late = await stack.call('POST', verify.actionsUrl, office.token, { action: 'close', data: {} });
    expect(late.status).toBe(409);
    const lateForeign = await stack.call('POST', verify.actionsUrl, foreign.token, { action: 'close', data: {} });
    expect(lateForeign.status).toBe(404);
  });
});
