import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUnits } from '../../db/directory-repository';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { Actor } from '../../workflows/engine/types';
import { taskActionSignal, type TaskActionInput } from '../../workflows/messages';
import { act, actorWith, auditOf, openTask, startTicket, stateOf, waitForState } from '../support/process-helpers';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping';

/**
 * The workflow's own validator holds every action to its declared shape — the Temporal UI's
 * signals and any other client reach it without the API (issue 11, defect 1).
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

async function newTicket() {
  const handle = await startTicket(h.env.client, h.taskQueue, {
    jurisdiction: CS,
    title: '输入校验测试',
    source: 'leader-instruction',
    responsibleUnitId: unitId,
    complexity: 'ordinary',
    issuedBy: office.userId,
  });
  const state = await waitForState(handle, (s) => s.tasks.length > 0);
  return { handle, exec: openTask(state, 'ticket.execution') };
}

async function refusal(handle: WorkflowHandle, input: TaskActionInput) {
  const err = await act(handle, input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause as { type?: string; details?: unknown[] };
  return { type: cause.type, fields: ((cause.details?.[0] ?? []) as { field: string }[]).map((e) => e.field) };
}

describe('action data is exactly its declared shape', () => {
  it('an unknown field beside the declared ones is refused, naming it; nothing is recorded', async () => {
    const { handle, exec } = await newTicket();
    const before = (await auditOf(handle)).length;
    expect(await refusal(handle, { taskId: exec.id, action: 'report-progress', actor: head, data: { summary: '进展', pad: 'x'.repeat(1000) } })).toEqual({ type: 'BadRequest', fields: ['data.pad'] });
    expect(await refusal(handle, { taskId: exec.id, action: 'acknowledge', actor: head, data: { note: 'x' } })).toEqual({ type: 'BadRequest', fields: ['data.note'] });
    const s = await stateOf(handle);
    expect(s.details.progressReports).toEqual([]);
    expect((await auditOf(handle)).length).toBe(before);
    await handle.terminate('test done');
  });

  it('the engine’s own actions take exactly their fields: delegate { toUserId }, pause and resume nothing', async () => {
    const { handle, exec } = await newTicket();
    expect(await refusal(handle, { taskId: exec.id, action: 'delegate', actor: head, data: { toUserId: director.userId, also: 'x' } })).toEqual({ type: 'BadRequest', fields: ['data.also'] });
    expect(await refusal(handle, { taskId: exec.id, action: 'pause', actor: office, comment: '暂停', data: { until: 'x' } })).toEqual({ type: 'BadRequest', fields: ['data.until'] });
    expect(await refusal(handle, { taskId: exec.id, action: 'extend', actor: office, comment: '延期', data: { workingDays: 3, extra: 1 } })).toEqual({ type: 'BadRequest', fields: ['data.extra'] });
    expect(openTask(await stateOf(handle), 'ticket.execution')).toMatchObject({ status: 'open', extensions: 0 });
    expect(openTask(await stateOf(handle), 'ticket.execution').assignees.map((a) => a.userId)).not.toContain(director.userId);
    await handle.terminate('test done');
  });

  it('NUL and other control characters anywhere in data, and lone surrogates in a comment, are refused naming the field', async () => {
    const { handle, exec } = await newTicket();
    expect(await refusal(handle, { taskId: exec.id, action: 'report-progress', actor: head, data: { summary: '进展\u0000' } })).toEqual({ type: 'BadRequest', fields: ['data.summary'] });
    expect(await refusal(handle, { taskId: exec.id, action: 'report-progress', actor: head, data: { summary: '进展' }, comment: '\ud800' })).toEqual({ type: 'BadRequest', fields: ['comment'] });
    expect(await refusal(handle, { taskId: exec.id, action: 'acknowledge', actor: head, comment: 'esc\u001b' })).toEqual({ type: 'BadRequest', fields: ['comment'] });
    // Tabs and line breaks are text.
    const s = await act(handle, { taskId: exec.id, action: 'report-progress', actor: head, data: { summary: '第一项\t完成\r\n第二项 👍' } });
    expect(s.details.progressReports).toHaveLength(1);
    await handle.terminate('test done');
  });

  it('a signal (as from the Temporal UI) with an unknown field or NUL is audited as rejected and changes nothing', async () => {
    const { handle, exec } = await newTicket();
    await handle.signal(taskActionSignal, { taskId: exec.id, action: 'report-progress', actor: head, data: { summary: 'x', pad: 'y' } });
    await handle.signal(taskActionSignal, { taskId: exec.id, action: 'report-progress', actor: head, data: { summary: 'x\u0000' } });
    const trail = await waitUntil(handle, (t) => t.filter((e) => e.action === 'rejected-signal').length === 2);
    expect(trail.filter((e) => e.action === 'rejected-signal').map((e) => e.detail)).toEqual([expect.stringContaining('report-progress'), expect.stringContaining('report-progress')]);
    expect((await stateOf(handle)).details.progressReports).toEqual([]);
    await handle.terminate('test done');
  });
});

async function waitUntil(handle: WorkflowHandle, ok: (trail: { action: string; detail?: string }[]) => boolean) {
  const until = Date.now() + 20_000;
  for (;;) {
    const trail = await auditOf(handle);
    if (ok(trail)) return trail;
    if (Date.now() > until) throw new Error(`audit never matched: ${trail.map((e) => e.action).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
