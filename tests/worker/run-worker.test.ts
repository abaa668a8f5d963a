import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runWorker } from '../../worker/run-worker';

/**
 * runWorker (worker/run-worker.ts): every test and bench that runs a worker stops it through this,
 * so a stop must wait for the run to end and must not hide a run that failed.
 */
const FIXTURE = fileURLToPath(new URL('./fixtures/hanging-activity-workflow.ts', import.meta.url));
let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: inject('testServerPath') } } });
  bundle = await bundleWorkflowCode({ workflowsPath: FIXTURE, logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error } });
});
afterAll(async () => {
  await env?.teardown();
});

describe('runWorker', () => {
  it('runs the worker; stop shuts it down and returns once the run has ended', async () => {
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: `run-worker-${randomUUID()}`, workflowBundle: bundle, activities: { hang: async () => undefined } });
    const stop = runWorker(worker);
    expect(worker.getState()).toBe('RUNNING');
    await stop();
    expect(worker.getState()).toBe('STOPPED');
    await stop(); // a second stop is harmless
  });

  it('a run that failed is thrown by stop, and again by a second stop — not hidden behind the SDK’s "Not running"', async () => {
    let activityStarted!: () => void;
    const started = new Promise<void>((resolve) => (activityStarted = resolve));
    const taskQueue = `run-worker-${randomUUID()}`;
    // An activity that ignores the shutdown: the worker's run fails when the force time runs out.
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: { hang: () => (activityStarted(), new Promise<void>(() => undefined)) },
      shutdownGraceTime: '10ms',
      shutdownForceTime: '500ms',
    });
    const stop = runWorker(worker);
    const handle = await env.client.workflow.start('hangingActivityProbe', { taskQueue, workflowId: `hang-${randomUUID()}` });
    await started;
    const failure = await stop().then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(worker.getState()).toBe('FAILED');
    // The old stop (shutdown, then await) threw IllegalStateError "Not running. Current state: FAILED" here.
    expect(await stop().then(() => undefined, (error: unknown) => error)).toBe(failure);
    await handle.terminate('test done');
  });
});
