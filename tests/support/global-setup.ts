import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDevServer, type DevServer } from '../../scripts/dev-server';
import { freePort } from '../../scripts/free-port';
import { temporalCliPath, temporalTestServerPath } from '../../scripts/temporal-tools';
import { bundleWorkflows } from '../../worker/create-worker';

let devServer: DevServer | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    devServerAddress: string;
    workflowBundlePath: string;
    testServerPath: string;
  }
}

/** Once per run: bundle the workflows, install the binaries, start one dev server for e2e and inbox tests. */
export async function setup(project: TestProject): Promise<void> {
  const outDir = resolve('.data/test');
  mkdirSync(outDir, { recursive: true });
  const bundle = await bundleWorkflows();
  const workflowBundlePath = join(outDir, 'workflow-bundle.js');
  writeFileSync(workflowBundlePath, (bundle as { code: string }).code);
  project.provide('workflowBundlePath', workflowBundlePath);
  project.provide('testServerPath', temporalTestServerPath());
  temporalCliPath();
  devServer = await startDevServer({ port: await freePort() });
  project.provide('devServerAddress', devServer.address);
}

export async function teardown(): Promise<void> {
  await devServer?.stop();
}
