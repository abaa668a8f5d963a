import { Client, Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToPlainObject } from './histories';
import { payloadDataConverter } from '../../worker/payload-codec';

export interface ReplayReport {
  replayed: number;
  failures: { workflowId: string; error: string; savedTo?: string }[];
}

/**
 * Replays the history of every workflow the run left on the dev server (closed and still open)
 * against the workflow bundle under test. The recorded histories in tests/histories cover chosen
 * paths; this covers every path the e2e suites drove for real — with concurrent updates, retries
 * and read-model projections interleaved as a live server orders them — so a replay bug that only
 * shows when a worker rebuilds a process from its history (a query after eviction, a restart)
 * fails the run instead of a process in production.
 */
export async function replayEveryWorkflow(address: string, workflowBundlePath: string, saveFailuresIn: string): Promise<ReplayReport> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, dataConverter: payloadDataConverter() });
    const histories = client.workflow.list().intoHistories({ concurrency: 4 });
    const report: ReplayReport = { replayed: 0, failures: [] };
    const results = Worker.runReplayHistories({ workflowBundle: { codePath: workflowBundlePath }, dataConverter: payloadDataConverter() }, histories);
    for await (const result of results) {
      report.replayed += 1;
      if (!result.error) continue;
      // Kept for study: `Worker.runReplayHistory` on the saved file reproduces the failure.
      mkdirSync(saveFailuresIn, { recursive: true });
      const savedTo = join(saveFailuresIn, `${result.workflowId.replace(/[^\w.-]/g, '_')}.json`);
      const history = await client.workflow.getHandle(result.workflowId).fetchHistory();
      writeFileSync(savedTo, JSON.stringify({ workflowId: result.workflowId, history: historyToPlainObject(history) }));
      report.failures.push({ workflowId: result.workflowId, error: String(result.error), savedTo });
    }
    return report;
  } finally {
    await connection.close();
  }
}
