/**
 * `npm start`: the whole of govflow on one machine. Starts the Temporal dev server (UI, file
 * database under .data/ so processes survive a restart) unless TEMPORAL_ADDRESS points elsewhere,
 * migrates and seeds the database (embedded PGlite under .data/, or DATABASE_URL), then runs the
 * worker and the API in this process and prints the URLs. Ctrl-C stops everything cleanly.
 */
import { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../api/config';
import { startApi } from '../api/server';
import { temporalConnection } from '../api/temporal-availability';
import { openDatabase } from '../db/connect';
import { migrate } from '../db/migrate';
import { seed } from '../db/seed';
import { createGovWorker } from '../worker/create-worker';
import { payloadDataConverter } from '../worker/payload-codec';
import { registerSearchAttributes } from '../worker/register-search-attributes';
import { startDevServer, type DevServer } from './dev-server';

async function main(): Promise<void> {
  const config = loadConfig();
  const dataDir = resolve(config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });

  let devServer: DevServer | undefined;
  if (!process.env.TEMPORAL_ADDRESS) {
    const port = Number(config.TEMPORAL_ADDRESS.split(':').pop());
    console.log(`starting the Temporal dev server on ${config.TEMPORAL_ADDRESS} (state in ${dataDir}/temporal.db) …`);
    // The UI decrypts payloads through the API's codec endpoint (open while the key ring is the dev key).
    const apiHost = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
    devServer = await startDevServer({ port, uiPort: config.TEMPORAL_UI_PORT, dbFile: `${dataDir}/temporal.db`, namespace: config.TEMPORAL_NAMESPACE, uiCodecEndpoint: `http://${apiHost}:${config.PORT}/codec` });
  }

  const db = await openDatabase({ url: config.DATABASE_URL, dataDir: `${dataDir}/pglite` });
  await migrate(db);
  await seed(db);

  const connection = temporalConnection(config.TEMPORAL_ADDRESS);
  await registerSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
  // Payloads are encrypted (GOVFLOW_PAYLOAD_KEYS); the UI decrypts through the API's /codec endpoint.
  const dataConverter = payloadDataConverter(config.GOVFLOW_PAYLOAD_KEYS);
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
  const workerConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createGovWorker({ connection: workerConnection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, db, dataConverter });
  const workerRun = worker.run();
  const api = await startApi({ config, db, client, temporalUiUrl: devServer?.uiUrl });

  const uiUrl = devServer?.uiUrl ?? `(your cluster's UI)`;
  console.log(`
govflow is running
  API        http://${config.HOST}:${config.PORT}   (docs: /docs, OpenAPI: /openapi.json)
  Temporal   ${config.TEMPORAL_ADDRESS}   UI: ${uiUrl}
  Database   ${config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${dataDir}/pglite`}
  Token      npm run --silent token -- --jurisdiction jinan-shizhong-2023 --role supervision-office
Ctrl-C stops everything.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping …');
    await api.close();
    // The SDK stops the worker on SIGINT by itself; shutting down twice is harmless but throws.
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await workerRun;
    await workerConnection.close();
    await connection.close();
    await db.close();
    await devServer?.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
