import { ServiceError, WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { status } from '@grpc/grpc-js';
import proto from '@temporalio/proto';
import { processId } from '../../workflows/ids';
import { randomUUID } from 'node:crypto';
import { findUsers } from '../../db/directory-repository';
import type { Queryable } from '../../db/database';
import type { Role } from '../../domain/directory';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { Actor, AuditEntry, ProcessState, TaskView } from '../../workflows/engine/types';
import { auditQuery, stateQuery, taskActionUpdate, type TaskActionInput } from '../../workflows/messages';
import type { SupervisionTicketInput } from '../../workflows/supervision-ticket';

// A CommonJS module: named ESM imports of it fail under plain Node.
const { EventType } = proto.temporal.api.enums.v1;

export async function startTicket(client: Client, taskQueue: string, input: SupervisionTicketInput): Promise<WorkflowHandle> {
  return client.workflow.start('supervisionTicket', {
    taskQueue,
    workflowId: processId('supervisionTicket', input.jurisdiction, randomUUID()),
    args: [input],
  });
}

/** The first directory user holding a role (in a unit), as an Actor. */
export async function actorWith(db: Queryable, jurisdiction: JurisdictionId, role: Role, unitId?: string): Promise<Actor> {
  const [user] = await findUsers(db, { jurisdiction, role, unitId });
  if (!user) throw new Error(`no ${role} in ${jurisdiction}${unitId ? `/${unitId}` : ''}`);
  return { userId: user.id, roles: user.roles };
}

/**
 * Test calls to a workflow are bounded: a query or update that no worker answers (a worker that
 * died, a process stuck in a failing task) would otherwise wait forever, and the test would end
 * as a bare timeout with no word of where it stood.
 */
const QUERY_DEADLINE_MS = 15_000;
const ACTION_DEADLINE_MS = 90_000;
const bounded = <T>(handle: WorkflowHandle, ms: number, call: () => Promise<T>) => handle.client.connection.withDeadline(Date.now() + ms, call);

export async function act(handle: WorkflowHandle, input: Omit<TaskActionInput, 'data'> & { data?: Record<string, unknown> }, deadlineMs = ACTION_DEADLINE_MS): Promise<ProcessState> {
  return bounded(handle, deadlineMs, () => handle.executeUpdate(taskActionUpdate, { args: [input] }));
}

export const stateOf = (handle: WorkflowHandle, deadlineMs = QUERY_DEADLINE_MS) => bounded(handle, deadlineMs, () => handle.query(stateQuery));
export const auditOf = (handle: WorkflowHandle) => handle.query(auditQuery);

/** The open task at a step, failing loudly when there is none. */
export function openTask(state: ProcessState, step: string): TaskView {
  const task = state.tasks.find((t) => t.step === step && (t.status === 'open' || t.status === 'paused'));
  if (!task) throw new Error(`no open ${step} task; tasks: ${state.tasks.map((t) => `${t.id}:${t.step}:${t.status}`).join(', ')}`);
  return task;
}

/** Waits (in real time, bounded) until the audit trail holds an entry with this action; returns the trail. */
export async function waitForAudit(handle: WorkflowHandle, action: string, timeoutMs = 20_000): Promise<AuditEntry[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const trail = await auditOf(handle);
    if (trail.some((e) => e.action === action)) return trail;
    if (Date.now() > until) throw new Error(`no ${action} in the audit trail; last: ${trail.slice(-5).map((e) => e.action).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits (in real time, bounded) until the workflow has handled the last signal of this name and
 * the activity its handler ran: the history shows the signal, then an activity completed, then a
 * workflow task completed (the one that applied the activity's result). For a signal whose effect
 * may be "nothing changes", where no state predicate can tell done from not yet.
 */
export async function waitForSignalHandled(handle: WorkflowHandle, signalName: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const events = (await handle.fetchHistory()).events ?? [];
    const signalled = events.map((e) => e.workflowExecutionSignaledEventAttributes?.signalName).lastIndexOf(signalName);
    const after = (from: number, type: number) => (from < 0 ? -1 : events.findIndex((e, i) => i > from && e.eventType === type));
    const activityDone = after(signalled, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
    const applied = after(activityDone, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    if (applied >= 0) return;
    if (Date.now() > until) throw new Error(`signal ${signalName} not handled (signalled at event ${signalled}, activity completed at ${activityDone})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Whether a call ended because it ran out of time: the server's deadline (DEADLINE_EXCEEDED) or
 * the test's own (`bounded`), which gRPC reports as DEADLINE_EXCEEDED or, when it cancels the call
 * itself, CANCELLED (both seen).
 */
export function isTimeout(err: unknown): boolean {
  const code = err instanceof ServiceError ? (err.cause as { code?: number } | undefined)?.code : undefined;
  return code === status.DEADLINE_EXCEEDED || code === status.CANCELLED;
}

const BUSY_GRACE_MS = 60_000;

/**
 * The state, or undefined when the query timed out because the process's workflow task was busy
 * (under load a worker can hold one for seconds, e.g. while its projection waits for a database
 * connection): a poll asks again then, a query that fails for any other reason fails the test.
 */
async function stateOrBusy(handle: WorkflowHandle, until: number): Promise<ProcessState | undefined> {
  try {
    return await stateOf(handle);
  } catch (err) {
    if (!isTimeout(err)) throw err;
    // A busy process is not one whose state failed to match: it gets a minute beyond the wait.
    if (Date.now() > until + BUSY_GRACE_MS) throw new Error(`${handle.workflowId} did not answer its state query before the wait ran out (its workflow task stayed busy): ${(err as Error).message}`);
    return undefined;
  }
}

/** Waits (in real time) until the workflow's state satisfies the predicate. */
export async function waitForState(handle: WorkflowHandle, predicate: (s: ProcessState) => boolean, timeoutMs = 20_000): Promise<ProcessState> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await stateOrBusy(handle, until);
    if (s && predicate(s)) return s;
    if (!s) continue;
    if (Date.now() > until) throw new Error(`state never matched; last: step ${s.step}, tasks ${JSON.stringify(s.tasks.map((t) => [t.id, t.step, t.status]))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Rejection {
  type?: string;
  message: string;
  /** The field errors of a BadRequest, as the API shows them. */
  fields: { field: string; reason: string }[];
}

/**
 * The failure an action was rejected with: its type (BadRequest, Forbidden, NotFound, Conflict —
 * the API's 400/403/404/409) and its field errors. Fails when the action was applied instead.
 */
export async function rejectionOf(action: Promise<unknown>): Promise<Rejection> {
  const err = await action.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof WorkflowUpdateFailedError)) throw new Error(`expected the action to be rejected, got ${err === undefined ? 'it applied' : String(err)}`);
  const cause = err.cause as { type?: string; message: string; details?: unknown[] };
  return { type: cause.type, message: cause.message, fields: (cause.details?.[0] as Rejection['fields'] | undefined) ?? [] };
}
