import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDevServer, type DevServer } from '../../scripts/dev-server';
import { freePort } from '../../scripts/free-port';
import { temporalCliPath, temporalTestServerPath } from '../../scripts/temporal-tools';
import { bundleWorkflows } from '../../worker/create-worker';
import { startPostgresServer, type PostgresServer } from './postgres-server';
import { replayEveryWorkflow } from './replay-dev-server';

declare module 'vitest' {
  export interface ProvidedContext {
    devServerAddress: string;
    workflowBundlePath: string;
    testServerPath: string;
    /** The run's PostgreSQL server (the `postgres` project's suites create a database each on it). */
    postgresAdminUrl: string;
  }
}

interface Shared {
  devServer: DevServer;
  postgres: PostgresServer;
  workflowBundlePath: string;
  testServerPath: string;
}

/**
 * Every project (PGlite, PostgreSQL server) runs this setup; the servers and the bundle are made
 * once per run and shared, and stopped when the last project tears down.
 */
const state = globalThis as typeof globalThis & { govflowTestSetup?: Promise<Shared>; govflowTestUsers?: number };

async function startShared(): Promise<Shared> {
  const outDir = resolve('.data/test');
  mkdirSync(outDir, { recursive: true });
  const bundle = await bundleWorkflows();
  const workflowBundlePath = join(outDir, 'workflow-bundle.js');
  writeFileSync(workflowBundlePath, (bundle as { code: string }).code);
  temporalCliPath();
  const [devServer, postgres] = await Promise.all([startDevServer({ port: await freePort() }), startPostgresServer(await freePort())]);
  return { devServer, postgres, workflowBundlePath, testServerPath: temporalTestServerPath() };
}

/** Once per run: bundle the workflows, install the binaries, start one dev server and one PostgreSQL server. */
export async function setup(project: TestProject): Promise<void> {
  state.govflowTestUsers = (state.govflowTestUsers ?? 0) + 1;
  const shared = await (state.govflowTestSetup ??= startShared());
  project.provide('workflowBundlePath', shared.workflowBundlePath);
  project.provide('testServerPath', shared.testServerPath);
  project.provide('devServerAddress', shared.devServer.address);
  project.provide('postgresAdminUrl', shared.postgres.adminUrl);
}

export async function teardown(): Promise<void> {
  state.govflowTestUsers = (state.govflowTestUsers ?? 1) - 1;
  if (state.govflowTestUsers > 0 || !state.govflowTestSetup) return;
  const shared = await state.govflowTestSetup;
  state.govflowTestSetup = undefined;
  let report;
  try {
    report = await replayEveryWorkflow(shared.devServer.address, shared.workflowBundlePath, resolve('.data/test/not-replaying'));
  } finally {
    await Promise.all([shared.devServer.stop(), shared.postgres.stop()]);
  }
  const failed = report.failures.map((f) => `  ${f.workflowId} (history in ${f.savedTo}): ${f.error.slice(0, 400)}`).join('\n');
  console.log(`replayed every workflow the run left on the dev server: ${report.replayed}, failures ${report.failures.length}`);
  // A thrown teardown error fails the run (vitest exits non-zero).
  if (report.failures.length > 0) throw new Error(`${report.failures.length} workflow histories from this run do not replay:\n${failed}`);
}
