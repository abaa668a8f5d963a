import { bundleWorkflowCode } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHolidayTable } from '../../db/calendar-repository';
import { computeDue } from '../../domain/calendar/working-days';
import { createGovWorker } from '../../worker/create-worker';
import { runWorker } from '../../worker/run-worker';
import { stateQuery } from '../../workflows/messages';
import { auditOf, waitForState } from '../support/process-helpers';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

const FIXTURES = fileURLToPath(new URL('./fixtures/engine-probe-workflows.ts', import.meta.url));
const QUEUE = 'engine-probe';
let h: TimeSkippingHarness;
let stopProbeWorker: () => Promise<void>;

beforeAll(async () => {
  h = await startTimeSkipping();
  const bundle = await bundleWorkflowCode({ workflowsPath: FIXTURES, logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error } });
  stopProbeWorker = runWorker(await createGovWorker({ connection: h.env.nativeConnection, namespace: 'default', taskQueue: QUEUE, db: h.db, workflowBundle: bundle }));
});
afterAll(async () => {
  await stopProbeWorker?.();
  await h?.teardown();
});

describe('human-task engine timeout rules', () => {
  it('deemed consent — 5 working days of silence (000:62) — is recorded as deemed-consent by rule, not as a reply', async () => {
    const outcome = await h.env.client.workflow.execute('engineProbe', {
      taskQueue: QUEUE,
      workflowId: `probe-${randomUUID()}`,
      args: [{ jurisdiction: 'jinan-shizhong-2023', limit: { unit: 'workingDays', n: 5 }, rule: '000:62', timeoutRule: 'deemed-consent', unitId: 'js.finance' }],
    });
    expect(outcome).toMatchObject({ action: 'deemed-consent', actorId: 'system', byRule: true });
  });

  it('deemed consent — happens at the computed due time (24:00 of the 5th working day), not before', async () => {
    const handle = await h.env.client.workflow.start('engineProbe', {
      taskQueue: QUEUE,
      workflowId: `probe-${randomUUID()}`,
      args: [{ jurisdiction: 'jinan-shizhong-2023', limit: { unit: 'workingDays', n: 5 }, rule: '000:62', timeoutRule: 'deemed-consent', unitId: 'js.finance' }],
    });
    const s = await waitForState(handle, (x) => x.tasks.length > 0);
    const d = s.deadlines[0];
    expect(d.dueAt).toBe(computeDue(d.startAt, { unit: 'workingDays', n: 5 }, await loadHolidayTable(h.db)).dueAt);
    await handle.result();
    const trail = await auditOf(handle);
    const deemed = trail.find((e) => e.action === 'deemed-consent')!;
    expect(deemed.rule).toBe('000:62');
    // At the due time: the timer fires there, and the workflow task that records it runs within the minute.
    expect(Date.parse(deemed.at)).toBeGreaterThanOrEqual(Date.parse(d.dueAt));
    expect(Date.parse(deemed.at)).toBeLessThan(Date.parse(d.dueAt) + 60_000);
    expect(trail.filter((e) => e.action === 'reminder-sent')).toHaveLength(2);
  });

  it('return on timeout — closes the task as returned by rule', async () => {
    const outcome = await h.env.client.workflow.execute('engineProbe', {
      taskQueue: QUEUE,
      workflowId: `probe-${randomUUID()}`,
      args: [{ jurisdiction: 'zibo-zhangdian-2022', limit: { unit: 'workingDays', n: 3 }, rule: '003:63', timeoutRule: 'return', unitId: 'zd.finance' }],
    });
    expect(outcome).toMatchObject({ action: 'returned', byRule: true });
  });
});

describe('a process that spawns a supervision ticket', () => {
  it('starts the ticket as a child that outlives it, linked both ways', async () => {
    const key = randomUUID();
    const parent = await h.env.client.workflow.start('spawningProbe', { taskQueue: QUEUE, workflowId: `parent-${key}`, args: [{ jurisdiction: 'chaoyang-shuangta-2022', unitId: 'cs.finance', key }] });
    const ticketId = await parent.result();
    const parentState = await parent.query(stateQuery);
    expect(parentState.links).toContainEqual({ relation: 'spawned', processId: ticketId, type: 'supervisionTicket' });
    const ticket = h.env.client.workflow.getHandle(ticketId);
    const ticketState = await waitForState(ticket, (x) => x.tasks.length > 0);
    expect(ticketState.status).toBe('running'); // the parent has completed; the ticket lives on
    expect(ticketState.links).toContainEqual({ relation: 'spawned-by', processId: parent.workflowId, type: 'spawningProbe' });
    expect(ticketState.startedBy).toBe(`process:${parent.workflowId}`);
    await ticket.terminate('test done');
  });
});
