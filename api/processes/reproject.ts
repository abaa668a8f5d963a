import { WorkflowNotFoundError, type Client, type WorkflowExecutionInfo } from '@temporalio/client';
import type { Database } from '../../db/database';
import { dropSummariesExcept, projectSnapshot } from '../../db/read-model-repository';
import type { ProcessSnapshot } from '../../domain/read-model';
import { snapshotOf } from '../../workflows/engine/read-model';
import { stateQuery } from '../../workflows/messages';
import { SA } from '../../workflows/search-attributes';
import { visibilityQuery } from './visibility-query';

/** What Temporal's visibility still knows of an ended process: enough for the lists. */
export function closedSnapshot(info: WorkflowExecutionInfo): ProcessSnapshot {
  const sa = info.typedSearchAttributes;
  const closedAt = (info.closeTime ?? new Date()).toISOString();
  const recorded = sa.get(SA.status);
  return {
    processId: info.workflowId,
    // Above anything the workflow could have written: its clock never passed its close time.
    version: Date.parse(closedAt) * 1000 + 999,
    type: sa.get(SA.processType) ?? info.type,
    jurisdiction: sa.get(SA.jurisdiction) ?? '',
    leadUnit: sa.get(SA.leadUnit),
    title: sa.get(SA.title) ?? info.workflowId,
    // Terminated by an operator: the workflow never said how it ended.
    status: recorded && recorded !== 'running' ? recorded : info.status.name.toLowerCase(),
    step: sa.get(SA.step) ?? 'ended',
    overdue: false,
    provisional: false,
    assignees: [],
    startedAt: info.startTime.toISOString(),
    closedAt,
    tasks: [],
  };
}

/**
 * Rebuilds the read model from Temporal (after a restore, a schema change, or for processes started
 * before it existed): each running process of the task queue is asked for its state (a worker must
 * be running) and written with it (its whole state too, when the process keeps it in the read
 * model), each ended one is written from visibility (its stored state, if any, is kept), and rows
 * of processes Temporal no longer knows (deleted after the retention) are dropped.
 * @returns how many processes were written, and how many rows dropped.
 */
export async function reproject({ client, db, taskQueue, onProgress }: { client: Client; db: Database; taskQueue: string; onProgress?: (done: number) => void }): Promise<{ running: number; ended: number; dropped: number }> {
  const seen: string[] = [];
  // Rows written since are newer than the listing (a process started meanwhile): keep them.
  const startedAt = new Date(Date.now() - 60_000).toISOString();
  const counts = { running: 0, ended: 0, dropped: 0 };
  const query = `${visibilityQuery({})} AND TaskQueue = '${taskQueue.replace(/'/g, "\\'")}'`;
  for await (const info of client.workflow.list({ query })) {
    seen.push(info.workflowId);
    if (info.status.name === 'RUNNING') {
      try {
        const state = await client.workflow.getHandle(info.workflowId).query(stateQuery);
        await projectSnapshot(db, snapshotOf(state, state.readModelVersion ?? 0), { force: true });
        counts.running++;
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err; // ended meanwhile: its own projection said so
      }
    } else {
      await projectSnapshot(db, closedSnapshot(info), { force: true });
      counts.ended++;
    }
    onProgress?.(counts.running + counts.ended);
  }
  counts.dropped = await dropSummariesExcept(db, seen, startedAt);
  return counts;
}
