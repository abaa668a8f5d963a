import { Client, type Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../api/config';
import { createProcessGateway, type ProcessGateway } from '../../api/processes/process-gateway';
import { reproject } from '../../api/processes/reproject';
import { storedState } from '../../db/read-model-repository';
import { payloadDataConverter } from '../../worker/payload-codec';
import type { ProcessState } from '../../workflows/engine/types';
import { stateQuery } from '../../workflows/messages';
import { countingConnection } from '../support/counting-connection';
import { startStack } from '../support/dev-server-stack';

/**
 * Issue 12, item 2: reading one process (GET /v1/processes/:id) answers from the read model, where
 * every projection keeps the process's whole state, instead of a query that makes a worker load
 * (replay) the process into its cache. Counted on the wire: the gateway's Temporal calls go through
 * a gRPC interceptor. A process the read model keeps no state of is still read from its workflow.
 */
const J = 'chaoyang-shuangta-2022' as const;
const OTHER = 'jinan-shizhong-2023' as const;
let stack: Awaited<ReturnType<typeof startStack>>;
let connection: Connection;
let gateway: ProcessGateway;
/** The Temporal RPCs the counted gateway made, by method name. */
const calls: string[] = [];

beforeAll(async () => {
  stack = await startStack();
  connection = await countingConnection(inject('devServerAddress'), calls);
  const client = new Client({ connection, dataConverter: payloadDataConverter(loadConfig({}).GOVFLOW_PAYLOAD_KEYS) });
  gateway = createProcessGateway({ client, taskQueue: stack.taskQueue, db: stack.db });
});
afterAll(async () => {
  await connection?.close();
  await stack?.stop();
});

/** Reads a process through the counted gateway; returns the state and the Temporal calls it cost. */
async function readCounted(id: string): Promise<{ state: ProcessState; calls: string[] }> {
  calls.length = 0;
  const state = await gateway.state(id);
  return { state, calls: [...calls] };
}

/** Waits until the read model holds a state of the process that `ok` accepts. */
async function storedUntil(what: string, id: string, ok: (s: ProcessState) => boolean, timeoutMs = 15_000): Promise<ProcessState> {
  const found = await stack.waitFor(what, () => storedState<ProcessState>(stack.db, id), (s) => !!s && ok(s.state), timeoutMs);
  return found!.state;
}

async function createTicket(title: string, extra: Record<string, unknown> = {}) {
  const office = await stack.user(J, 'supervision-office');
  const created = await stack.call('POST', '/v1/supervision-tickets', office.token, { jurisdiction: J, title, source: 'other', responsibleUnit: 'cs.finance', complexity: 'ordinary', ...extra });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  stack.track(id);
  return { id, path: `/v1/processes/${encodeURIComponent(id)}`, office };
}

describe('GET /v1/processes/:id from the read model', () => {
  it('a projected process is read with no call to Temporal, the very state its workflow answers; another jurisdiction still gets 404', async () => {
    const { id, path, office } = await createTicket(`读模型读取-${randomUUID().slice(0, 8)}`);
    const projected = await storedUntil('the first task in the stored state', id, (s) => s.tasks.length > 0);
    expect(projected.readModelKeepsState).toBe(true);

    const read = await readCounted(id);
    expect(read.calls).toEqual([]);
    expect(read.state).toEqual(await stack.client.workflow.getHandle(id).query(stateQuery));
    expect(read.state.tasks[0]).toMatchObject({ step: 'ticket.execution', status: 'open' });

    const got = await stack.call('GET', path, office.token);
    expect(got.status).toBe(200);
    expect(got.body.openTasks.map((t: { step: string }) => t.step)).toEqual(['ticket.execution']);
    const foreign = await stack.user(OTHER, 'supervision-office');
    expect((await stack.call('GET', path, foreign.token)).status).toBe(404);
  });

  it('read-your-writes: right after a start (not projected yet: from the workflow) and right after an action that changes only the state (a progress report), from the read model', async () => {
    const { id, path, office } = await createTicket(`读写一致-${randomUUID().slice(0, 8)}`);
    // Straight after the create: whatever the read model holds yet, the GET knows the process.
    const first = await stack.call('GET', path, office.token);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id, status: 'running' });

    const opened = await stack.waitFor('the first task', () => stack.call('GET', path, office.token), (r) => r.body.openTasks?.length > 0);
    const head = await stack.user(J, 'department-head', 'cs.finance');
    const reported = await stack.call('POST', opened.body.openTasks[0].actionsUrl, head.token, { action: 'report-progress', data: { summary: '已完成摸底' } });
    expect(reported.status).toBe(200);
    expect(reported.body.details.progressReports).toHaveLength(1);
    // The lists see no change (same step, same holders, same task open); the GET must still show the report.
    const read = await readCounted(id);
    expect(read.calls).toEqual([]);
    expect(read.state.details.progressReports).toHaveLength(1);
    expect((await stack.call('GET', path, office.token)).body).toEqual(reported.body);
  });

  it('changes the clock makes reach the GET without anyone acting: a 催办 reminder (which the lists do not show), then the task going overdue', async () => {
    // Reminders at 50 % and 75 % of the limit (policy:reminder-ladder), overdue at the due time.
    const dueAt = new Date(Date.now() + 30_000).toISOString();
    const { id, path, office } = await createTicket(`到期督办-${randomUUID().slice(0, 8)}`, { dueAt, complexity: undefined });
    const opened = await storedUntil('the first task', id, (s) => s.tasks.length > 0);
    expect(opened.tasks[0]).toMatchObject({ overdue: false, remindersSent: 0 });

    // The reminder changes no summary field: only a projection of every state change stores it before the due time.
    await storedUntil('a reminder in the stored state before the task is overdue', id, (s) => s.tasks[0].remindersSent > 0 && !s.tasks[0].overdue, 60_000);
    await storedUntil('the task to go overdue in the stored state', id, (s) => s.tasks.some((t) => t.overdue), 60_000);
    const read = await readCounted(id);
    expect(read.calls).toEqual([]);
    expect(read.state.tasks[0]).toMatchObject({ overdue: true });
    expect(read.state.tasks[0].remindersSent).toBeGreaterThan(0);
    expect((await stack.call('GET', path, office.token)).body.openTasks[0]).toMatchObject({ overdue: true });

    // The history this new path wrote (the projections of every change) replays.
    const history = await stack.client.workflow.getHandle(id).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: payloadDataConverter() }, history, id);
  }, 120_000);

  it('an ended process is still read from the read model, as it ended', async () => {
    const { id, path, office } = await createTicket(`办结后读取-${randomUUID().slice(0, 8)}`);
    const head = await stack.user(J, 'department-head', 'cs.finance');
    const opened = await stack.waitFor('the first task', () => stack.call('GET', path, office.token), (r) => r.body.openTasks?.length > 0);
    const submitted = await stack.call('POST', opened.body.openTasks[0].actionsUrl, head.token, { action: 'submit-completion', data: { summary: '已办结' } });
    const verify = submitted.body.openTasks.find((t: { step: string }) => t.step === 'ticket.verification');
    const closed = await stack.call('POST', verify.actionsUrl, office.token, { action: 'close', data: {} });
    expect(closed.status).toBe(200);
    await stack.waitFor('the workflow to complete', () => stack.client.workflow.getHandle(id).describe(), (d) => d.status.name === 'COMPLETED');

    const read = await readCounted(id);
    expect(read.calls).toEqual([]);
    expect(read.state).toMatchObject({ status: 'closed', step: 'closed' });
    expect(read.state.tasks.every((t) => t.status !== 'open')).toBe(true);
    expect((await stack.call('GET', path, office.token)).body).toMatchObject({ status: 'closed', openTasks: [] });

    const history = await stack.client.workflow.getHandle(id).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: payloadDataConverter() }, history, id);
  });

  it('a process the read model keeps no state of (started before this change) is read from its workflow, until its next projection stores one; a missing one is 404', async () => {
    const { id, path, office } = await createTicket(`无状态回退-${randomUUID().slice(0, 8)}`);
    await storedUntil('the first task', id, (s) => s.tasks.length > 0);
    await stack.db.query('DELETE FROM process_states WHERE process_id = $1', [id]);

    const fallback = await readCounted(id);
    expect(fallback.calls).toEqual(['QueryWorkflow']);
    expect(fallback.state).toMatchObject({ id, status: 'running', step: 'execution' });
    expect((await stack.call('GET', path, office.token)).status).toBe(200);

    const head = await stack.user(J, 'department-head', 'cs.finance');
    const reported = await stack.call('POST', `${path}/tasks/${fallback.state.tasks[0].id}/actions`, head.token, { action: 'report-progress', data: { summary: '再次报告' } });
    expect(reported.status).toBe(200);
    const read = await readCounted(id);
    expect(read.calls).toEqual([]);
    expect(read.state.details.progressReports).toHaveLength(1);

    const missing = await stack.call('GET', `/v1/processes/${encodeURIComponent(`supervisionTicket/${J}/nope-${randomUUID()}`)}`, office.token);
    expect(missing.status).toBe(404);
  });

  it('npm run reproject writes the states of running processes back (after a restore lost them)', async () => {
    const { id } = await createTicket(`重建状态-${randomUUID().slice(0, 8)}`);
    await storedUntil('the first task', id, (s) => s.tasks.length > 0);
    await stack.db.query('DELETE FROM process_summaries WHERE process_id = $1', [id]);
    expect(await storedState(stack.db, id)).toBeUndefined();

    await reproject({ client: stack.client, db: stack.db, taskQueue: stack.taskQueue });
    const rebuilt = await storedState<ProcessState>(stack.db, id);
    expect(rebuilt?.state).toMatchObject({ id, step: 'execution', readModelKeepsState: true });
    const read = await readCounted(id);
    expect(read.calls).toEqual([]);
    expect(read.state).toEqual(await stack.client.workflow.getHandle(id).query(stateQuery));
  });
});
