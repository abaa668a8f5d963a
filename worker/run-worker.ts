import type { Worker } from '@temporalio/worker';

/**
 * Runs `worker` and returns its stop: shut the worker down and wait until its run has ended, so
 * nothing it was doing (a workflow task, an activity writing to the database) outlives the stop.
 *
 * A run that failed is not swallowed: the failure is logged at once (a dead worker otherwise shows
 * only as queries and results that never come) and thrown again by stop. Stop calls shutdown only
 * on a running worker: on a failed one the SDK's shutdown would throw "Not running" and hide what
 * failed it. Stopping twice is harmless.
 */
export function runWorker(worker: Worker): () => Promise<void> {
  const running = worker.run();
  running.catch((error: unknown) => console.error(`the worker on task queue ${worker.options.taskQueue} failed`, error));
  return async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
  };
}
