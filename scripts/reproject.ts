/**
 * `npm run reproject`: rebuilds the read model (the inbox and lists) from Temporal — after a
 * restore, a schema change, or for processes started before it existed. Like `npm start` it
 * starts the dev server unless TEMPORAL_ADDRESS is set, and runs a worker of its own to answer
 * the state queries, so with the embedded PGlite stop `npm start` first (PGlite has one user at a
 * time); with DATABASE_URL it may run beside the API and workers.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../api/config';
import { reproject } from '../api/processes/reproject';
import { openDatabase } from '../db/connect';
import { migrate } from '../db/migrate';
import { createGovWorker } from '../worker/create-worker';
import { startDevServer, type DevServer } from './dev-server';

async function main(): Promise<void> {
  const config = loadConfig();
  const dataDir = resolve(config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  let devServer: DevServer | undefined;
  if (!process.env.TEMPORAL_ADDRESS) {
    const port = Number(config.TEMPORAL_ADDRESS.split(':').pop());
    devServer = await startDevServer({ port, uiPort: config.TEMPORAL_UI_PORT, dbFile: `${dataDir}/temporal.db`, namespace: config.TEMPORAL_NAMESPACE });
  }
  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: `${dataDir}/pglite` });
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const workerConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    await migrate(db);
    const worker = await createGovWorker({ connection: workerConnection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, db });
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    const result = await worker.runUntil(
      reproject({ client, db, taskQueue: config.TEMPORAL_TASK_QUEUE, onProgress: (n) => n % 500 === 0 && process.stderr.write(`reproject: ${n} processes …\n`) }),
    );
    console.log(`read model rebuilt: ${result.running} running and ${result.ended} ended processes written, ${result.dropped} stale rows dropped`);
  } finally {
    await workerConnection.close();
    await connection.close();
    await db.close();
    await devServer?.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
