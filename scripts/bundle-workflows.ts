/**
 * Builds the workflow bundle into .data/ (worker/create-worker.ts `cachedWorkflowBundle`), so the
 * worker does not run webpack when it starts: the Docker image runs this at build time.
 */
import { cachedWorkflowBundle } from '../worker/create-worker';

const bundle = await cachedWorkflowBundle();
console.log(`workflow bundle: ${(bundle as { codePath: string }).codePath}`);
