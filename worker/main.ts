/**
 * A standalone worker: `tsx worker/main.ts`. Scale out by running more of these against the same
 * Temporal cluster and PostgreSQL (DATABASE_URL). `npm start` runs one in-process instead.
 */
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../api/config';
import { openDatabase } from '../db/connect';
import { migrate } from '../db/migrate';
import { Connection } from '@temporalio/client';
import { createGovWorker } from './create-worker';
import { payloadDataConverter } from './payload-codec';
import { registerSearchAttributes } from './register-search-attributes';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: `${config.DATA_DIR}/pglite` });
  await migrate(db);
  // A fresh cluster learns govflow's search attributes before the first workflow upserts them.
  const operator = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  await registerSearchAttributes(operator, config.TEMPORAL_NAMESPACE);
  await operator.close();
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createGovWorker({ connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, db, dataConverter: payloadDataConverter(config.GOVFLOW_PAYLOAD_KEYS) });
  await worker.run(); // returns after SIGINT/SIGTERM, which the SDK handles
  await connection.close();
  await db.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
