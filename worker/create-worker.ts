import { bundleWorkflowCode, NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { createActivities } from '../activities';
import { payloadDataConverter } from './payload-codec';
import type { Database } from '../db/database';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Bundles the workflow code once (webpack); tests reuse the bundle across workers. */
export async function bundleWorkflows(): Promise<WorkflowBundleOption> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string, meta?: unknown) => console.warn(message, meta ?? ''),
  error: (message: string, meta?: unknown) => console.error(message, meta ?? ''),
};

export interface GovWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Database;
  /** A prebuilt bundle; without it the worker bundles `workflows/` itself. */
  workflowBundle?: WorkflowBundleOption;
  /** How payloads are encrypted (worker/payload-codec.ts); default the dev key ring. Clients must use the same keys. */
  dataConverter?: DataConverter;
}

/** A worker running every govflow workflow with the real activities over `db`. */
export async function createGovWorker(options: GovWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: createActivities({ db: options.db }),
    dataConverter: options.dataConverter ?? payloadDataConverter(),
    // After a worker dies without saying so (kill -9, OOM), its processes' tasks wait this long on
    // its sticky queue before another worker takes them: 10 s by default, so 10 s of no answer.
    stickyQueueScheduleToStartTimeout: '1s',
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
  });
}
