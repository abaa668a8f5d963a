import { Client, Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { payloadDataConverter } from '../../worker/payload-codec';

export interface ReplayReport {
  replayed: number;
  failures: { workflowId: string; error: string }[];
}

/**
 * Replays the history of every workflow the run left on the dev server (closed and still open)
 * against the workflow bundle under test. The recorded histories in tests/histories cover chosen
 * paths; this covers every path the e2e suites drove for real — with concurrent updates, retries
 * and read-model projections interleaved as a live server orders them — so a replay bug that only
 * shows when a worker rebuilds a process from its history (a query after eviction, a restart)
 * fails the run instead of a process in production.
 */
export async function replayEveryWorkflow(address: string, workflowBundlePath: string): Promise<ReplayReport> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, dataConverter: payloadDataConverter() });
    const histories = client.workflow.list().intoHistories({ concurrency: 4 });
    const report: ReplayReport = { replayed: 0, failures: [] };
    const results = Worker.runReplayHistories({ workflowBundle: { codePath: workflowBundlePath }, dataConverter: payloadDataConverter() }, histories);
    for await (const result of results) {
      report.replayed += 1;
      if (result.error) report.failures.push({ workflowId: result.workflowId, error: String(result.error) });
    }
    return report;
  } finally {
    await connection.close();
  }
}
