import { describe, expect } from 'vitest';
import { listUnits } from '../../db/directory-repository';
import { storedState } from '../../db/read-model-repository';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { ProcessState } from '../../workflows/engine/types';
import { act, actorWith, openTask, startTicket, stateOf, waitForState } from '../support/process-helpers';
import { recordHistory } from '../support/histories';
import { itOnOwnServer, skipPast } from '../support/time-skipping';

const CS: JurisdictionId = 'chaoyang-shuangta-2022';

/**
 * Issue 12, item 2: a process started now keeps its whole state in the read model (behind
 * patched('read-model-state')), so GET /v1/processes/:id needs no query. Each moment the state
 * is at rest, the read model holds exactly what the workflow's state query answers — also after
 * changes nobody made through an action (reminders, going overdue) and after the process ended.
 * The run is recorded (supervisionTicket-state-projected): the patched path replays from then on.
 */
describe('the whole state in the read model', () => {
  itOnOwnServer('every change of the state reaches the read model: reminders, overdue, an action, the end', async (h) => {
    const unitId = (await listUnits(h.db, CS)).find((u) => u.kind === 'department' && u.name.includes('财政'))!.id;
    const head = await actorWith(h.db, CS, 'department-head', unitId);
    const office = await actorWith(h.db, CS, 'supervision-office');
    const handle = await startTicket(h.env.client, h.taskQueue, { jurisdiction: CS, title: '状态投影督办', source: 'leader-instruction', responsibleUnitId: unitId, complexity: 'ordinary', issuedBy: office.userId });
    /** The read model holds exactly the state the workflow answers now (a query answers after its projections ran). */
    const inStep = async (expected?: (s: ProcessState) => void) => {
      const queried = await stateOf(handle);
      const stored = await storedState<ProcessState>(h.db, handle.workflowId);
      expect(stored && { ...stored.state, readModelVersion: stored.version }).toEqual(queried);
      expected?.(queried);
      return queried;
    };

    const started = await waitForState(handle, (x) => x.tasks.length > 0);
    expect(started.readModelKeepsState).toBe(true);
    await inStep();
    const dueAt = openTask(started, 'ticket.execution').dueAt!;

    // The 催办 reminders at 50 % and 75 % of the limit: no field of the lists changes.
    await skipPast(h, dueAt, -60_000);
    await inStep((s) => expect(openTask(s, 'ticket.execution')).toMatchObject({ overdue: false, remindersSent: 2 }));
    await skipPast(h, dueAt);
    await waitForState(handle, (x) => x.tasks.some((t) => t.overdue && t.escalated) && (x.details.findings as unknown[]).length > 0);
    await inStep((s) => expect(openTask(s, 'ticket.execution')).toMatchObject({ overdue: true, escalated: true }));

    const exec = openTask(await stateOf(handle), 'ticket.execution');
    const reported = await act(handle, { taskId: exec.id, action: 'report-progress', actor: head, data: { summary: '逾期说明' } });
    // The answer names the version of exactly its own state: what the API writes through.
    expect((await storedState<ProcessState>(h.db, handle.workflowId))?.version).toBe(reported.readModelVersion);
    let done = await act(handle, { taskId: exec.id, action: 'submit-completion', actor: head, data: { summary: '逾期完成' } });
    done = await act(handle, { taskId: openTask(done, 'ticket.verification').id, action: 'close', actor: office });
    expect(done.status).toBe('closed');
    await handle.result();
    await inStep((s) => expect(s).toMatchObject({ status: 'closed', step: 'closed' }));
    await recordHistory(handle, 'supervisionTicket-state-projected');
  });
});
