import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure, type QueryDefinition } from '@temporalio/common';
import type { Database } from '../../db/database';
import { countInbox, countSummaries, listActed, listInbox, listSummaries, projectSnapshot, recordStarted, storedState, summaryIds, type ReadModelFilter, type SummaryRow } from '../../db/read-model-repository';
import { snapshotOf } from '../../workflows/engine/read-model';
import type { AuditEntry, ProcessState, TaskView } from '../../workflows/engine/types';
import { processId, type ProcessType } from '../../workflows/ids';
import { auditQuery, FAILURE, stateQuery, taskActionUpdate, type TaskActionInput } from '../../workflows/messages';
import { SA } from '../../workflows/search-attributes';
import { WORKFLOW_TASK_TIMEOUT } from '../../workflows/workflow-task-timeout';
import { requestFingerprint } from './request-fingerprint';
import { storeActionText, withStoredTexts } from './stored-texts';
import { BadRequest, Conflict, Forbidden, NotFound, UnprocessableContent } from '../errors';

/** A process in a list: from the read model, never a query to its workflow. */
export interface ProcessSummary {
  id: string;
  type: string;
  jurisdiction: string;
  leadUnit: string | undefined;
  title: string;
  /** As Temporal names it: RUNNING, or COMPLETED once the process has ended. */
  status: string;
  /** The process's own status: running, closed, completed, refused, returned, cancelled. */
  processStatus: string;
  step: string;
  overdue: boolean;
  provisional: boolean;
  dueAt: string | undefined;
  assignees: string[];
  startedAt: string;
  closedAt: string | undefined;
}

export interface StartRequest<I> {
  type: ProcessType;
  workflowType: string;
  jurisdiction: string;
  /** Client-supplied idempotency key; a retry with the same key returns the same process. */
  key: string;
  input: I;
  title: string;
  /** The title in Temporal's search attributes (in the clear) when the title names a person. */
  searchTitle?: string;
  leadUnit?: string;
  summary: string;
  details: string;
}

/** One person's key on one task: another person's (or task's) use of the same key is a different action. */
export function actionUpdateId(input: Pick<TaskActionInput, 'actor' | 'taskId'>, idempotencyKey: string): string {
  return `action/${input.actor.userId}/${input.taskId}/${idempotencyKey}`;
}

/** Turns the workflow's validator failures into the API's HTTP errors. */
function mapUpdateFailure(err: unknown): never {
  const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
  if (cause instanceof ApplicationFailure) {
    switch (cause.type) {
      case FAILURE.badRequest:
        throw new BadRequest(cause.message, (cause.details?.[0] as { field: string; reason: string }[] | undefined) ?? []);
      case FAILURE.forbidden:
        throw new Forbidden(cause.message);
      case FAILURE.notFound:
        throw new NotFound(cause.message);
      case FAILURE.conflict:
        throw new Conflict(cause.message);
    }
  }
  if (err instanceof WorkflowNotFoundError) throw new Conflict('the process has ended; it takes no more actions');
  throw err;
}

function summarise(row: SummaryRow): ProcessSummary {
  return {
    id: row.processId,
    type: row.type,
    jurisdiction: row.jurisdiction,
    leadUnit: row.leadUnit,
    title: row.title,
    status: row.status === 'running' ? 'RUNNING' : 'COMPLETED',
    processStatus: row.status,
    step: row.step,
    overdue: row.overdue,
    provisional: row.provisional,
    dueAt: row.dueAt,
    assignees: row.assignees,
    startedAt: row.startedAt,
    closedAt: row.closedAt,
  };
}

/**
 * Everything the API asks of Temporal (start, read, act) and of the read model (lists, inbox).
 * Handlers hold no business rules.
 */
export function createProcessGateway({ client, taskQueue, db }: { client: Client; taskQueue: string; db: Database }) {
  const handle = (id: string) => client.workflow.getHandle(id);

  async function queryOrNotFound<T>(id: string, query: QueryDefinition<T>): Promise<T> {
    try {
      return await handle(id).query(query);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new NotFound(`no process ${id}`);
      throw err;
    }
  }

  /**
   * The whole state the read model keeps of a process, as its workflow last projected it (or the
   * API wrote an action's answer through); undefined for a process that keeps none there (started
   * before issue 12, or not projected yet).
   */
  async function projectedState(id: string): Promise<ProcessState | undefined> {
    const stored = await storedState<ProcessState>(db, id);
    return stored && { ...stored.state, readModelVersion: stored.version };
  }

  /** Whether the process exists, and its jurisdiction as its search attributes say. */
  async function jurisdictionOf(id: string): Promise<{ exists: boolean; jurisdiction?: string }> {
    try {
      const info = await handle(id).describe();
      return { exists: true, jurisdiction: info.typedSearchAttributes.get(SA.jurisdiction) };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { exists: false };
      throw err;
    }
  }

  /** The fingerprint of the request that started a process (its memo), or undefined when there is no such process. */
  async function startedWith(id: string): Promise<{ requestSha256?: string } | undefined> {
    try {
      const described = await handle(id).describe();
      return { requestSha256: (described.memo as { requestSha256?: unknown } | undefined)?.requestSha256 as string | undefined };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    }
  }

  /**
   * A retry with the same key must be the same request: the same key with another body is refused
   * (422) instead of silently answering with the earlier process. Processes started before the
   * fingerprint was kept carry none and are taken as the same.
   */
  async function sameRequestOr422(id: string, key: string, requestSha256: string): Promise<{ id: string; created: false }> {
    const existing = await startedWith(id);
    if (existing?.requestSha256 && existing.requestSha256 !== requestSha256)
      throw new UnprocessableContent(`the Idempotency-Key ${key} was used before with a different request; use a new key for a new request`, [
        { field: 'Idempotency-Key', reason: `already used for ${id} with a different body` },
      ]);
    return { id, created: false };
  }

  return {
    /**
     * Starts a process, or finds the one a previous request with the same key started. One call to
     * Temporal when the key is new: REJECT_DUPLICATE refuses a second start of the id, running or
     * closed, so only a retried key pays for the look-up of the earlier request (issue 12).
     */
    async start<I>(request: StartRequest<I>): Promise<{ id: string; created: boolean }> {
      const id = processId(request.type, request.jurisdiction, request.key);
      const requestSha256 = requestFingerprint(request.input);
      try {
        await client.workflow.start(request.workflowType, {
          taskQueue,
          workflowId: id,
          args: [request.input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          workflowTaskTimeout: WORKFLOW_TASK_TIMEOUT,
          staticSummary: request.summary,
          staticDetails: request.details,
          memo: { requestSha256 },
          typedSearchAttributes: [
            { key: SA.processType, value: request.workflowType },
            { key: SA.jurisdiction, value: request.jurisdiction },
            { key: SA.title, value: request.searchTitle ?? request.title },
            { key: SA.step, value: 'started' },
            { key: SA.status, value: 'running' },
            ...(request.leadUnit ? [{ key: SA.leadUnit, value: request.leadUnit }] : []),
          ],
        });
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return sameRequestOr422(id, request.key, requestSha256);
        throw err;
      }
      // Read-your-writes: the process is in the lists at once; its first projection replaces this row.
      const now = new Date().toISOString();
      await recordStarted(db, {
        processId: id, type: request.workflowType, jurisdiction: request.jurisdiction, leadUnit: request.leadUnit, title: request.title,
        status: 'running', step: 'started', overdue: false, provisional: false, assignees: [], startedAt: now,
      });
      return { id, created: true };
    },

    /**
     * A process with its stored draft texts read back: from the read model, so no worker has to load
     * it into its cache (issue 12) — running or ended; from its workflow when the read model keeps
     * no state of it. Never older than an action's answer: `act` writes that state through.
     */
    state: async (id: string): Promise<ProcessState> => withStoredTexts(db, (await projectedState(id)) ?? (await queryOrNotFound(id, stateQuery))),
    /** The trail stays with the workflow (the read model keeps no copy of it). */
    audit: (id: string): Promise<AuditEntry[]> => queryOrNotFound(id, auditQuery),

    /**
     * Acts on a task. With the client's idempotency key the action becomes a Workflow Update of a
     * fixed id (per person, task and key): Temporal applies an update id once, so a retry after a
     * lost response gets the first result instead of acting twice.
     */
    async act(id: string, input: TaskActionInput, idempotencyKey?: string): Promise<ProcessState> {
      // Another jurisdiction's process is as unknown as a missing one. The update's validator refuses
      // such an actor (404) before anything changes, so no look-up goes first (issue 12).
      const foreign = (jurisdiction: string | undefined) => !!jurisdiction && !!input.actor.jurisdiction && jurisdiction !== input.actor.jurisdiction;
      const updateId = idempotencyKey ? actionUpdateId(input, idempotencyKey) : undefined;
      // A draft text goes to the database; the workflow (and so its history) gets its hash and count.
      const sent = await storeActionText(db, input, async () => {
        // A task's step never changes; one opened since the last projection is not in the read model yet.
        const projected = await projectedState(id);
        const current = projected?.tasks.some((t) => t.id === input.taskId) ? projected : await queryOrNotFound(id, stateQuery);
        if (foreign(current.jurisdiction)) throw new NotFound(`no process ${id}`); // store nothing for them
        return current.tasks.find((t) => t.id === input.taskId)?.step;
      });
      let state: ProcessState;
      try {
        state = await handle(id).executeUpdate(taskActionUpdate, { args: [sent], updateId });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) {
          // Missing, or ended: only now is it worth asking which (and whose).
          const found = await jurisdictionOf(id);
          if (!found.exists || foreign(found.jurisdiction)) throw new NotFound(`no process ${id}`);
        }
        return mapUpdateFailure(err);
      }
      // Read-your-writes: the state the caller is told is in the inbox, the lists and (when the process
      // keeps it there) the GET before the answer leaves; the workflow's own projection of the same
      // version is then a no-op.
      await projectSnapshot(db, snapshotOf(state, state.readModelVersion ?? 0, new Date().toISOString()));
      return withStoredTexts(db, state);
    },

    /** Process summaries from the read model, soonest due first. @throws RangeError for a bad cursor. */
    async list(filter: ReadModelFilter, page: { cursor?: string; limit: number; order?: 'due' | 'recent' }) {
      const [found, counts] = await Promise.all([listSummaries(db, { filter, ...page }), countSummaries(db, filter)]);
      return { items: found.items.map(summarise), nextCursor: found.nextCursor, counts };
    },

    /** A user's open tasks from the read model, soonest due first. @throws RangeError for a bad cursor. */
    async inbox(assigneeId: string, filter: ReadModelFilter, page: { cursor?: string; limit: number }) {
      const [found, counts] = await Promise.all([listInbox<TaskView>(db, { assigneeId, filter, ...page }), countInbox(db, assigneeId, filter)]);
      return { ...found, counts };
    },

    /** The tasks a person decided (已办), newest first. @throws RangeError for a bad cursor. */
    acted: (personId: string, page: { type?: string; cursor?: string; limit: number }) => listActed(db, { personId, ...page }),

    /** Sends a signal to every running process the filter finds in the read model; returns how many. */
    async signalAll(filter: ReadModelFilter, send: (id: string) => Promise<void>): Promise<number> {
      let count = 0;
      for (const id of await summaryIds(db, { ...filter, running: true })) {
        try {
          await send(id);
          count++;
        } catch (err) {
          // Ended without telling the read model (terminated by an operator): nothing to re-route.
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        }
      }
      return count;
    },

    handle,
  };
}

export type ProcessGateway = ReturnType<typeof createProcessGateway>;
