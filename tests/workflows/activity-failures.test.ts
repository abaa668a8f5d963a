import { bundleWorkflowCode } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getArchivedAuditTrail } from '../../db/audit-archive-repository';
import { listUnits } from '../../db/directory-repository';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { createGovWorker } from '../../worker/create-worker';
import { runWorker } from '../../worker/run-worker';
import type { Actor, ProcessState } from '../../workflows/engine/types';
import { retryActivitiesSignal, taskActionSignal } from '../../workflows/messages';
import { SA } from '../../workflows/search-attributes';
import { act, actorWith, auditOf, openTask, startTicket, stateOf, waitForState } from '../support/process-helpers';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * Issue 11, defect 2: text PostgreSQL cannot store made an activity fail on every retry, and the
 * process never moved again. Now an input error is not retried; the process goes on without a
 * notification, completes without its archive, or waits flagged (GovStuck) for an operator.
 */
const CS: JurisdictionId = 'chaoyang-shuangta-2022';
const FIXTURES = fileURLToPath(new URL('./fixtures/engine-probe-workflows.ts', import.meta.url));
const PROBE_QUEUE = 'activity-failure-probe';
let h: TimeSkippingHarness;
let stopProbeWorker: () => Promise<void>;
let unitId: string;
let head: Actor;
let office: Actor;

beforeAll(async () => {
  h = await startTimeSkipping();
  unitId = (await listUnits(h.db, CS)).find((u) => u.kind === 'department' && u.name.includes('财政'))!.id;
  head = await actorWith(h.db, CS, 'department-head', unitId);
  office = await actorWith(h.db, CS, 'supervision-office');
  const bundle = await bundleWorkflowCode({ workflowsPath: FIXTURES, logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error } });
  stopProbeWorker = runWorker(await createGovWorker({ connection: h.env.nativeConnection, namespace: 'default', taskQueue: PROBE_QUEUE, db: h.db, workflowBundle: bundle }));
});
afterAll(async () => {
  await stopProbeWorker?.();
  await h?.teardown();
});

const ticket = (overrides: Record<string, unknown>) => ({
  jurisdiction: CS,
  title: '活动失败测试',
  source: 'leader-instruction' as const,
  responsibleUnitId: unitId,
  complexity: 'ordinary' as const,
  issuedBy: office.userId,
  ...overrides,
});

/** Completed within the bound, or the test fails: an endless retry never completes. */
async function completes(handle: WorkflowHandle, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { status } = await handle.describe();
    if (status.name === 'COMPLETED') return;
    if (Date.now() > until) throw new Error(`still ${status.name} after ${timeoutMs} ms; pending: ${JSON.stringify((await handle.describe()).raw.pendingActivities?.map((a) => [a.activityType?.name, a.attempt, a.lastFailure?.message]))}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function flagged(handle: WorkflowHandle): Promise<boolean | undefined> {
  return (await handle.describe()).typedSearchAttributes.get(SA.stuck);
}

describe('activities that fail on their input', () => {
  it('a ticket titled with NUL (started without the API): the notification is skipped and recorded, the ticket is flagged and still runs to the end', async () => {
    const handle = await startTicket(h.env.client, h.taskQueue, ticket({ title: '标题\u0000督办' }));
    let s: ProcessState = await waitForState(handle, (x) => ((x.details.activityFailures as unknown[]) ?? []).length > 0 && x.tasks.length > 0);
    expect(s.details.activityFailures).toContainEqual(expect.objectContaining({ activity: 'notify', retryable: false, outcome: 'skipped' }));
    expect(await flagged(handle)).toBe(true);
    const exec = openTask(s, 'ticket.execution');
    await act(handle, { taskId: exec.id, action: 'submit-completion', actor: head, data: { summary: '完成' } });
    s = await waitForState(handle, (x) => x.tasks.some((t) => t.step === 'ticket.verification'));
    await act(handle, { taskId: openTask(s, 'ticket.verification').id, action: 'close', actor: office, data: {} });
    await completes(handle);
    expect((await auditOf(handle)).filter((e) => e.action === 'activity-skipped').length).toBeGreaterThan(0);
    expect(await getArchivedAuditTrail(h.db, handle.workflowId)).toBeDefined();
  });

  it('a comment with a lone surrogate sent as a signal is refused; the ticket completes and its trail is archived', async () => {
    const handle = await startTicket(h.env.client, h.taskQueue, ticket({}));
    let s = await waitForState(handle, (x) => x.tasks.length > 0);
    const exec = openTask(s, 'ticket.execution');
    await handle.signal(taskActionSignal, { taskId: exec.id, action: 'report-progress', actor: head, comment: '坏\ud800字', data: { summary: '进展' } });
    await handle.signal(taskActionSignal, { taskId: exec.id, action: 'report\u0000progress', actor: head });
    await act(handle, { taskId: exec.id, action: 'submit-completion', actor: head, data: { summary: '完成' } });
    s = await waitForState(handle, (x) => x.tasks.some((t) => t.step === 'ticket.verification'));
    await act(handle, { taskId: openTask(s, 'ticket.verification').id, action: 'close', actor: office, data: {} });
    await completes(handle);
    const archived = await getArchivedAuditTrail(h.db, handle.workflowId);
    expect(archived?.entries.filter((e) => (e as { action: string }).action === 'rejected-signal')).toHaveLength(2);
    expect(await flagged(handle)).toBeFalsy();
  });

  it('a malformed signal (no actor) is audited as rejected instead of failing the workflow task', async () => {
    const handle = await startTicket(h.env.client, h.taskQueue, ticket({}));
    await waitForState(handle, (x) => x.tasks.length > 0);
    await handle.signal(taskActionSignal, { taskId: 't1', action: 'acknowledge' } as never);
    const trail = await waitForTrail(handle, (t) => t.some((e) => e.action === 'rejected-signal'));
    expect(trail.find((e) => e.action === 'rejected-signal')).toMatchObject({ actorId: 'unknown', taskId: 't1' });
    await handle.terminate('test done');
  });

  it('the audit archive failing at close does not hold the process: it completes, flagged, the failure recorded', async () => {
    const handle = await h.env.client.workflow.start('unarchivableTrailProbe', { taskQueue: PROBE_QUEUE, workflowId: `probe-${randomUUID()}`, args: [{ jurisdiction: CS }] });
    await completes(handle);
    const final = (await handle.result()) as ProcessState;
    expect(final.details.activityFailures).toEqual([expect.objectContaining({ activity: 'archiveAudit', retryable: false, outcome: 'skipped' })]);
    expect(await flagged(handle)).toBe(true);
    expect(await getArchivedAuditTrail(h.db, handle.workflowId)).toBeUndefined();
  });

  it('an activity the flow needs, failing on its input, leaves the ticket flagged as stuck — not retrying — until an operator retries it', async () => {
    const handle = await startTicket(h.env.client, h.taskQueue, ticket({ responsibleUnitId: `${unitId}\u0000` }));
    const s = await waitForState(handle, (x) => !!x.details.stuck);
    expect(s.details.stuck).toMatchObject({ activity: 'resolveAssignees', retryable: false, outcome: 'stuck' });
    expect(await flagged(handle)).toBe(true);
    expect((await handle.describe()).raw.pendingActivities ?? []).toEqual([]); // waiting, not retrying
    await handle.signal(retryActivitiesSignal, { reason: 'unit id checked' });
    const trail = await waitForTrail(handle, (t) => t.filter((e) => e.action === 'activity-stuck').length === 2);
    expect(trail.map((e) => e.action)).toContain('activities-retried');
    expect((await stateOf(handle)).details.stuck).toMatchObject({ activity: 'resolveAssignees' });
    await handle.terminate('test done');
  });
});

async function waitForTrail(handle: WorkflowHandle, ok: (trail: { action: string; actorId: string; taskId?: string }[]) => boolean) {
  const until = Date.now() + 20_000;
  for (;;) {
    const trail = await auditOf(handle);
    if (ok(trail)) return trail;
    if (Date.now() > until) throw new Error(`audit never matched: ${trail.map((e) => e.action).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
