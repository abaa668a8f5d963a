import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Database } from '../../db/database';
import { projectSnapshot } from '../../db/read-model-repository';
import { closedSnapshot } from './reproject';
import { everyInterval, type Sweeper } from './every-interval';
import { visibilityQuery } from './visibility-query';

/** How Temporal ends a process without the process itself saying so. */
const ENDED_FROM_OUTSIDE = ['Terminated', 'Canceled', 'TimedOut', 'Failed'];

/** Visibility is eventually consistent: each sweep looks this far behind its previous start. */
const VISIBILITY_LAG_MS = 5 * 60_000;

/**
 * A process ended from outside — terminated or cancelled by an operator in the Temporal UI, or
 * ended by Temporal itself (a history over its limits, a run timeout) — never projects its end:
 * its summary would stay `running` and its tasks in people's inboxes for ever. One sweep writes
 * each such process, ended since `since`, from visibility (status `terminated` …, no open tasks).
 * The row's version is above anything the workflow wrote, so a sweep never loses to the workflow.
 * @returns how many summaries changed.
 */
export async function sweepEndedProcesses({ client, db, taskQueue, since }: { client: Client; db: Database; taskQueue: string; since?: Date }): Promise<number> {
  const statuses = ENDED_FROM_OUTSIDE.map((s) => `ExecutionStatus = '${s}'`).join(' OR ');
  const clauses = [visibilityQuery({}), `TaskQueue = '${taskQueue.replace(/'/g, "\\'")}'`, `(${statuses})`];
  if (since) clauses.push(`CloseTime > '${since.toISOString()}'`);
  let changed = 0;
  for await (const info of client.workflow.list({ query: clauses.join(' AND ') })) {
    if (await projectSnapshot(db, closedSnapshot(info))) changed++;
  }
  return changed;
}

/**
 * Runs {@link sweepEndedProcesses} every `intervalMs` in the API process: the first sweep covers
 * the whole retention period, later ones what ended since the previous sweep (minus the lag).
 */
export function watchEndedProcesses(options: { client: Client; db: Database; taskQueue: string; intervalMs: number; log: Logger }): Sweeper {
  let since: Date | undefined;
  return everyInterval(options.intervalMs, async () => {
    const startedAt = Date.now();
    try {
      const changed = await sweepEndedProcesses({ ...options, since });
      since = new Date(startedAt - VISIBILITY_LAG_MS);
      if (changed) options.log.info({ changed }, 'read model: processes ended from outside marked ended');
    } catch (err) {
      // Temporal down: the next sweep tries again from the same point.
      options.log.warn({ err: (err as Error).message }, 'read model: sweep of ended processes failed');
    }
  });
}
