import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { inject, it } from 'vitest';
import { openDatabase } from '../../db/connect';
import type { Database } from '../../db/database';
import { migrate } from '../../db/migrate';
import { seed } from '../../db/seed';
import { createGovWorker } from '../../worker/create-worker';
import { runWorker } from '../../worker/run-worker';
import { payloadDataConverter } from '../../worker/payload-codec';
import { registerSearchAttributes } from '../../worker/register-search-attributes';

export interface TimeSkippingHarness {
  env: TestWorkflowEnvironment;
  db: Database;
  worker: Worker;
  taskQueue: string;
  teardown(): Promise<void>;
}

/** A time-skipping Temporal test server, a seeded in-memory database and a running worker with the real activities. */
export async function startTimeSkipping(taskQueue = 'govflow-test'): Promise<TimeSkippingHarness> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('testServerPath') } },
    // The workers encrypt payloads with the dev key ring (createGovWorker's default): so does the client.
    client: { dataConverter: payloadDataConverter() },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  const db = await openDatabase({ dataDir: 'memory://' });
  await migrate(db);
  await seed(db);
  const worker = await createGovWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    db,
    workflowBundle: { codePath: inject('workflowBundlePath') },
  });
  const stopWorker = runWorker(worker);
  return {
    env,
    db,
    worker,
    taskQueue,
    teardown: async () => {
      await stopWorker();
      await env.teardown();
      await db.close();
    },
  };
}

/** A server of its own starts and stops inside the test: on a loaded machine that alone can take half a minute. */
export const OWN_SERVER_TEST_TIMEOUT_MS = 150_000;

/**
 * A test that skips time gets a test server of its own: a shared one sometimes stops skipping
 * time after earlier tests terminated workflows mid-task, and every later sleep then hangs.
 */
export function itOnOwnServer(name: string, fn: (h: TimeSkippingHarness) => Promise<void>, timeoutMs = OWN_SERVER_TEST_TIMEOUT_MS): void {
  it(name, async () => {
    const own = await startTimeSkipping();
    try {
      await fn(own);
    } finally {
      await own.teardown();
    }
  }, timeoutMs);
}

/**
 * Skips the test server's clock to just past `iso` (a due time the process reported), counted
 * from the server's own clock: after earlier skips it is ahead of the wall clock.
 */
export async function skipPast(h: Pick<TimeSkippingHarness, 'env'>, iso: string, marginMs = 60_000): Promise<void> {
  const ms = Date.parse(iso) - (await h.env.currentTimeMs()) + marginMs;
  if (ms > 0) await h.env.sleep(ms);
}
