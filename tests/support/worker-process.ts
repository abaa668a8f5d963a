/**
 * A govflow worker in a process of its own, for tests that kill it with SIGKILL (a crash: no
 * graceful shutdown, its sticky queue left behind). Env: TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE,
 * WORKFLOW_BUNDLE (a prebuilt bundle). Prints `worker running` once it polls.
 */
import { NativeConnection } from '@temporalio/worker';
import { openDatabase } from '../../db/connect';
import { migrate } from '../../db/migrate';
import { seed } from '../../db/seed';
import { createGovWorker } from '../../worker/create-worker';

const db = await openDatabase({ dataDir: 'memory://' });
await migrate(db);
await seed(db);
const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
const worker = await createGovWorker({ connection, namespace: 'default', taskQueue: process.env.TEMPORAL_TASK_QUEUE!, db, workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE! } });
const running = worker.run();
process.stdout.write('worker running\n');
await running;
