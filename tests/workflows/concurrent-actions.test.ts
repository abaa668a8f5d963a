import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUnits } from '../../db/directory-repository';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { Actor, ProcessState } from '../../workflows/engine/types';
import { taskActionSignal, type TaskActionInput } from '../../workflows/messages';
import { act, actorWith, auditOf, openTask, startTicket, stateOf, waitForState } from '../support/process-helpers';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * Many people (or one impatient client) acting on the same task at once: each action must be
 * validated against the state the previous one left, so the rules hold however they interleave.
 */
const CS: JurisdictionId = 'chaoyang-shuangta-2022';
let h: TimeSkippingHarness;
let unitId: string;
let head: Actor;
let office: Actor;
let director: Actor;

beforeAll(async () => {
  h = await startTimeSkipping();
  unitId = (await listUnits(h.db, CS)).find((u) => u.kind === 'department' && u.name.includes('财政'))!.id;
  head = await actorWith(h.db, CS, 'department-head', unitId);
  office = await actorWith(h.db, CS, 'supervision-office');
  director = await actorWith(h.db, CS, 'office-director');
});
afterAll(async () => h?.teardown());

async function newTicket(): Promise<{ handle: WorkflowHandle; state: ProcessState }> {
  const handle = await startTicket(h.env.client, h.taskQueue, {
    jurisdiction: CS,
    title: '并发办理测试',
    source: 'leader-instruction',
    responsibleUnitId: unitId,
    complexity: 'ordinary',
    issuedBy: office.userId,
  });
  return { handle, state: await waitForState(handle, (s) => s.tasks.length > 0) };
}

/** Sends every action at once; answers how many were applied and the failures' types. */
async function allAtOnce(handle: WorkflowHandle, inputs: TaskActionInput[]): Promise<{ applied: number; failures: string[] }> {
  const results = await Promise.allSettled(inputs.map((input) => act(handle, input)));
  const failures = results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r) => {
      if (!(r.reason instanceof WorkflowUpdateFailedError)) throw r.reason;
      return (r.reason.cause as { type?: string }).type ?? 'unknown';
    });
  return { applied: results.length - failures.length, failures };
}

const count = (trail: { action: string }[], action: string) => trail.filter((e) => e.action === action).length;

describe('concurrent actions on one task apply one at a time', () => {
  it('20 concurrent extensions of an objection re-check: once only (supervision2020:17)', async () => {
    const { handle, state } = await newTicket();
    const exec = openTask(state, 'ticket.execution');
    await act(handle, { taskId: exec.id, action: 'submit-completion', actor: head, data: { summary: '完成' } });
    let s = await act(handle, { taskId: (await stateOf(handle)).tasks.find((t) => t.step === 'ticket.verification')!.id, action: 'return-for-rework', actor: office, data: { reason: '材料不全', workingDays: 5 } });
    s = await act(handle, { taskId: openTask(s, 'ticket.execution').id, action: 'object', actor: head, data: { findingId: 'f1', grounds: '材料已齐全' } });
    const recheck = openTask(s, 'ticket.recheck');
    const dueBefore = recheck.dueAt;

    const { applied, failures } = await allAtOnce(
      handle,
      Array.from({ length: 20 }, (_, i) => ({ taskId: recheck.id, action: 'extend', actor: office, comment: `需现场核查 ${i}` })),
    );
    expect(applied).toBe(1);
    expect(failures).toEqual(Array(19).fill('Conflict'));
    s = await stateOf(handle);
    expect(openTask(s, 'ticket.recheck').extensions).toBe(1);
    expect(s.deadlines.find((d) => d.id === 'recheck-f1')!.changes.filter((c) => c.reason.startsWith('extended'))).toHaveLength(1);
    expect(openTask(s, 'ticket.recheck').dueAt).not.toBe(dueBefore);
    expect(count(await auditOf(handle), 'extended')).toBe(1);
    await handle.terminate('test done');
  });

  it('10 concurrent delegations to the same person: one assignment', async () => {
    const { handle, state } = await newTicket();
    const exec = openTask(state, 'ticket.execution');
    expect(exec.assignees.map((a) => a.userId)).not.toContain(director.userId);
    const { applied, failures } = await allAtOnce(
      handle,
      Array.from({ length: 10 }, () => ({ taskId: exec.id, action: 'delegate', actor: head, data: { toUserId: director.userId }, comment: '请代办' })),
    );
    expect(applied).toBe(1);
    expect(failures).toEqual(Array(9).fill('Conflict'));
    const s = await stateOf(handle);
    expect(openTask(s, 'ticket.execution').assignees.filter((a) => a.userId === director.userId)).toHaveLength(1);
    expect(count(await auditOf(handle), 'delegated')).toBe(1);
    await handle.terminate('test done');
  });

  it('10 identical acknowledgements: one applies, the rest are told it was done already', async () => {
    const { handle, state } = await newTicket();
    const exec = openTask(state, 'ticket.execution');
    const { applied, failures } = await allAtOnce(handle, Array.from({ length: 10 }, () => ({ taskId: exec.id, action: 'acknowledge', actor: head })));
    expect(applied).toBe(1);
    expect(failures).toEqual(Array(9).fill('Conflict'));
    expect(count(await auditOf(handle), 'acknowledge')).toBe(1);
    await handle.terminate('test done');
  });

  it('10 identical final actions: one decides the task, one audit entry', async () => {
    const { handle, state } = await newTicket();
    const exec = openTask(state, 'ticket.execution');
    const { applied, failures } = await allAtOnce(
      handle,
      Array.from({ length: 10 }, (_, i) => ({ taskId: exec.id, action: 'submit-completion', actor: head, data: { summary: `全部完成 ${i}` } })),
    );
    expect(applied).toBe(1);
    expect(failures).toEqual(Array(9).fill('Conflict'));
    const s = await stateOf(handle);
    expect(s.tasks.filter((t) => t.step === 'ticket.execution' && t.status === 'done')).toHaveLength(1);
    expect(s.tasks.filter((t) => t.step === 'ticket.verification')).toHaveLength(1);
    expect(count(await auditOf(handle), 'submit-completion')).toBe(1);
    await handle.terminate('test done');
  });

  it('conflicting final actions (close against return for rework): exactly one wins', async () => {
    const { handle, state } = await newTicket();
    let s = await act(handle, { taskId: openTask(state, 'ticket.execution').id, action: 'submit-completion', actor: head, data: { summary: '完成' } });
    const verify = openTask(s, 'ticket.verification');
    const inputs: TaskActionInput[] = Array.from({ length: 10 }, (_, i) =>
      i % 2 ? { taskId: verify.id, action: 'close', actor: office, data: {} } : { taskId: verify.id, action: 'return-for-rework', actor: office, data: { reason: `返工 ${i}`, workingDays: 3 } },
    );
    const { applied, failures } = await allAtOnce(handle, inputs);
    expect(applied).toBe(1);
    expect(failures).toEqual(Array(9).fill('Conflict'));
    const trail = await auditOf(handle);
    expect(count(trail, 'close') + count(trail, 'return-for-rework')).toBe(1);
    s = await stateOf(handle);
    expect(s.tasks.filter((t) => t.step === 'ticket.verification' && t.status === 'done')).toHaveLength(1);
    if (s.status === 'running') await handle.terminate('test done');
  });

  it('signals and updates share the queue: 10 extensions as signals and 10 as updates still extend once', async () => {
    const { handle, state } = await newTicket();
    const exec = openTask(state, 'ticket.execution');
    await act(handle, { taskId: exec.id, action: 'submit-completion', actor: head, data: { summary: '完成' } });
    let s = await act(handle, { taskId: (await stateOf(handle)).tasks.find((t) => t.step === 'ticket.verification')!.id, action: 'return-for-rework', actor: office, data: { reason: '材料不全', workingDays: 5 } });
    s = await act(handle, { taskId: openTask(s, 'ticket.execution').id, action: 'object', actor: head, data: { findingId: 'f1', grounds: '材料已齐全' } });
    const recheck = openTask(s, 'ticket.recheck');
    const extend = (i: number): TaskActionInput => ({ taskId: recheck.id, action: 'extend', actor: office, comment: `延期 ${i}` });
    await Promise.allSettled([
      ...Array.from({ length: 10 }, (_, i) => handle.signal(taskActionSignal, extend(i))),
      ...Array.from({ length: 10 }, (_, i) => act(handle, extend(10 + i))),
    ]);
    // Signals are not awaited by the workflow: wait until all ten are accounted for.
    const trail = await waitForAudit(handle, (t) => count(t, 'extended') + count(t, 'rejected-signal') >= 10);
    expect(count(trail, 'extended')).toBe(1);
    expect(openTask(await stateOf(handle), 'ticket.recheck').extensions).toBe(1);
    await handle.terminate('test done');
  });
});

async function waitForAudit(handle: WorkflowHandle, ok: (trail: { action: string }[]) => boolean) {
  const until = Date.now() + 20_000;
  for (;;) {
    const trail = await auditOf(handle);
    if (ok(trail) || Date.now() > until) return trail;
    await new Promise((r) => setTimeout(r, 100));
  }
}
