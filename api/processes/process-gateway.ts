import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowExecutionInfo,
} from '@temporalio/client';
import { ApplicationFailure, type QueryDefinition } from '@temporalio/common';
import type { AuditEntry, ProcessState } from '../../workflows/engine/types';
import { processId, type ProcessType } from '../../workflows/ids';
import { auditQuery, FAILURE, stateQuery, taskActionUpdate, type TaskActionInput } from '../../workflows/messages';
import { SA } from '../../workflows/search-attributes';
import { sha256Hex } from '../../domain/hash/sha256';
import { BadRequest, Conflict, Forbidden, NotFound, UnprocessableContent } from '../errors';
import { visibilityQuery, type ProcessFilter } from './visibility-query';

export interface ProcessSummary {
  id: string;
  type: string | undefined;
  jurisdiction: string | undefined;
  title: string | undefined;
  status: string;
  step: string | undefined;
  overdue: boolean;
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

function summarise(info: WorkflowExecutionInfo): ProcessSummary {
  const sa = info.typedSearchAttributes;
  return {
    id: info.workflowId,
    type: sa.get(SA.processType),
    jurisdiction: sa.get(SA.jurisdiction),
    title: sa.get(SA.title),
    status: info.status.name,
    step: sa.get(SA.step),
    overdue: sa.get(SA.overdue) ?? false,
    dueAt: sa.get(SA.dueAt)?.toISOString(),
    assignees: sa.get(SA.assignees) ?? [],
    startedAt: info.startTime.toISOString(),
    closedAt: info.closeTime?.toISOString(),
  };
}

/** Everything the API asks of Temporal: start, read, list, act. Handlers hold no business rules. */
export function createProcessGateway({ client, taskQueue }: { client: Client; taskQueue: string }) {
  const handle = (id: string) => client.workflow.getHandle(id);

  async function queryOrNotFound<T>(id: string, query: QueryDefinition<T>): Promise<T> {
    try {
      return await handle(id).query(query);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new NotFound(`no process ${id}`);
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
    /** Starts a process, or finds the one a previous request with the same key started. */
    async start<I>(request: StartRequest<I>): Promise<{ id: string; created: boolean }> {
      const id = processId(request.type, request.jurisdiction, request.key);
      const requestSha256 = sha256Hex(JSON.stringify(request.input));
      if (await startedWith(id)) return sameRequestOr422(id, request.key, requestSha256);
      try {
        await client.workflow.start(request.workflowType, {
          taskQueue,
          workflowId: id,
          args: [request.input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          staticSummary: request.summary,
          staticDetails: request.details,
          memo: { requestSha256 },
          typedSearchAttributes: [
            { key: SA.processType, value: request.workflowType },
            { key: SA.jurisdiction, value: request.jurisdiction },
            { key: SA.title, value: request.title },
            { key: SA.step, value: 'started' },
            { key: SA.status, value: 'running' },
            ...(request.leadUnit ? [{ key: SA.leadUnit, value: request.leadUnit }] : []),
          ],
        });
        return { id, created: true };
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return sameRequestOr422(id, request.key, requestSha256);
        throw err;
      }
    },

    state: (id: string): Promise<ProcessState> => queryOrNotFound(id, stateQuery),
    audit: (id: string): Promise<AuditEntry[]> => queryOrNotFound(id, auditQuery),

    /**
     * Acts on a task. With the client's idempotency key the action becomes a Workflow Update of a
     * fixed id (per person, task and key): Temporal applies an update id once, so a retry after a
     * lost response gets the first result instead of acting twice.
     */
    async act(id: string, input: TaskActionInput, idempotencyKey?: string): Promise<ProcessState> {
      if (!(await startedWith(id))) throw new NotFound(`no process ${id}`);
      const updateId = idempotencyKey ? actionUpdateId(input, idempotencyKey) : undefined;
      try {
        return await handle(id).executeUpdate(taskActionUpdate, { args: [input], updateId });
      } catch (err) {
        return mapUpdateFailure(err);
      }
    },

    async list(filter: ProcessFilter, limit: number): Promise<ProcessSummary[]> {
      const found: ProcessSummary[] = [];
      for await (const info of client.workflow.list({ query: visibilityQuery(filter), pageSize: Math.min(limit, 100) })) {
        found.push(summarise(info));
        if (found.length >= limit) break;
      }
      return found;
    },

    /** Sends a signal to every running process the filter finds; returns how many. */
    async signalAll(filter: ProcessFilter, send: (id: string) => Promise<void>): Promise<number> {
      let count = 0;
      for await (const info of client.workflow.list({ query: visibilityQuery({ ...filter, running: true }) })) {
        await send(info.workflowId);
        count++;
      }
      return count;
    },

    handle,
  };
}

export type ProcessGateway = ReturnType<typeof createProcessGateway>;
