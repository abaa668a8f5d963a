import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import type { ProcessRuntime } from './engine/process-runtime';
import { processId } from './ids';
import { WORKFLOW_TASK_TIMEOUT } from './workflow-task-timeout';
import type { SupervisionTicketInput } from './supervision-ticket';

/**
 * Another process (a meeting decision, a leader's instruction) hands a matter to the supervision
 * office: the ticket starts as a child that outlives its parent (ABANDON), and both link to
 * each other so the chain 议题 → decision → 督办 reads both ways.
 */
export async function spawnSupervisionTicket(
  rt: ProcessRuntime,
  input: Omit<SupervisionTicketInput, 'issuedBy' | 'parent'>,
  key: string,
): Promise<string> {
  const workflowId = processId('supervisionTicket', input.jurisdiction, key);
  await startChild('supervisionTicket', {
    workflowId,
    args: [{ ...input, issuedBy: `process:${rt.id}`, parent: { processId: rt.id, type: rt.init.type } }],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    workflowTaskTimeout: WORKFLOW_TASK_TIMEOUT,
    staticSummary: `督办 (from ${rt.init.type}): ${input.title}`,
  });
  rt.addLink({ relation: 'spawned', processId: workflowId, type: 'supervisionTicket' });
  rt.audit({ actorId: 'system', action: 'supervision-ticket-spawned', detail: workflowId });
  return workflowId;
}
