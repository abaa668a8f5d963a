/**
 * The API on its own: `tsx api/server.ts` (the compose `api` service). `npm start` runs it
 * in-process through `startApi` instead, with the database it already opened.
 */
import { Client } from '@temporalio/client';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { openDatabase } from '../db/connect';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { seed } from '../db/seed';
import { createApp, type AppDeps } from './app';
import { loadConfig, type Config } from './config';
import { processModule } from './processes';
import { AesGcmPayloadCodec, isDevPayloadKey, payloadDataConverter } from '../worker/payload-codec';
import { codecRoutes } from './routes/codec-routes';
import { temporalConnection, watchTemporal } from './temporal-availability';
import { watchAbsenceStarts } from './processes/absence-start-sweep';
import { watchEndedProcesses } from './processes/ended-process-sweep';

export interface StartApiOptions extends Omit<AppDeps, 'config' | 'temporal' | 'log'> {
  config: Config;
  /**
   * The Temporal client the caller already holds. With it the API serves the process routes
   * (api/processes) on config.TEMPORAL_TASK_QUEUE, wires the calendar and absence hooks to them
   * (unless given explicitly), and /readyz checks Temporal.
   */
  client?: Client;
  /** Base URL of the Temporal UI, for links from a process to its workflow page. */
  temporalUiUrl?: string;
  log?: Logger;
}

export interface RunningApi {
  server: Server;
  /** e.g. http://127.0.0.1:3000 (the real port when config.PORT is 0). */
  url: string;
  /** Stops accepting requests and waits for those in flight; the database stays open (the caller owns it). */
  close(): Promise<void>;
}

/**
 * Creates the app on an open database and listens on config.HOST:config.PORT.
 *
 * @throws {Error} when the port is taken, or when `routes` repeat a route the app already has.
 * @example
 * const api = await startApi({ config, db, client }); // + process routes on the client
 * const more = await startApi({ config, db, routes: [myRoute] });
 * // … later
 * await api.close();
 */
export async function startApi(options: StartApiOptions): Promise<RunningApi> {
  const { config, client, temporalUiUrl, ...deps } = options;
  const log = options.log ?? pino({ level: config.LOG_LEVEL });
  // Deadlines on Temporal calls and a probe: an outage is a prompt 503 and /readyz says so.
  const temporalAvailability = client ? watchTemporal(client.connection) : undefined;
  const endedSweep = client ? watchEndedProcesses({ client, db: deps.db, taskQueue: config.TEMPORAL_TASK_QUEUE, intervalMs: config.GOVFLOW_ENDED_SWEEP_SECONDS * 1000, log }) : undefined;
  const processes = client ? processModule({ db: deps.db, client, taskQueue: config.TEMPORAL_TASK_QUEUE, uiBaseUrl: temporalUiUrl && `${temporalUiUrl}/namespaces/${encodeURIComponent(config.TEMPORAL_NAMESPACE)}` }) : undefined;
  const onAbsenceRecorded = deps.onAbsenceRecorded ?? processes?.onAbsenceRecorded;
  const absenceStarts = onAbsenceRecorded ? watchAbsenceStarts({ db: deps.db, intervalMs: config.GOVFLOW_ABSENCE_SWEEP_SECONDS * 1000, log, onAbsenceStarted: onAbsenceRecorded }) : undefined;
  const app = createApp({
    ...deps,
    config,
    temporal: client,
    temporalAvailability,
    log,
    routes: [...(processes?.routes ?? []), ...codecRoutes({ codec: new AesGcmPayloadCodec(config.GOVFLOW_PAYLOAD_KEYS), public: config.GOVFLOW_PAYLOAD_KEYS.every(isDevPayloadKey) }), ...(deps.routes ?? [])],
    onCalendarYearLoaded: deps.onCalendarYearLoaded ?? processes?.onCalendarYearLoaded,
    onAbsenceRecorded,
    onAbsenceChanged: deps.onAbsenceChanged ?? processes?.onAbsenceChanged,
    onLeaveApprovalNeeded: deps.onLeaveApprovalNeeded ?? processes?.onLeaveApprovalNeeded,
    onLeaveApprovalWithdrawn: deps.onLeaveApprovalWithdrawn ?? processes?.onLeaveApprovalWithdrawn,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.PORT, config.HOST, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
  return {
    server,
    url,
    close: async () => {
      // A probe still retrying when the caller closes the connection would throw from a timer.
      await temporalAvailability?.stop();
      await endedSweep?.stop();
      await absenceStarts?.stop();
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets would hold close() open until they time out.
        server.closeIdleConnections();
      });
    },
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.LOG_LEVEL });
  if (!config.DATABASE_URL) mkdirSync(config.DATA_DIR, { recursive: true });
  const db: Database = await openDatabase({ url: config.DATABASE_URL, dataDir: `${config.DATA_DIR}/pglite` });
  await migrate(db);
  await seed(db);
  // Lazy: the API comes up (and /readyz says why it is not ready) even while Temporal is starting.
  const connection = temporalConnection(config.TEMPORAL_ADDRESS);
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: payloadDataConverter(config.GOVFLOW_PAYLOAD_KEYS) });
  // As the browser sees it: the dev server's UI, or compose's published port (both TEMPORAL_UI_PORT).
  const api = await startApi({ config, db, client, log, temporalUiUrl: `http://localhost:${config.TEMPORAL_UI_PORT}` });
  log.info({ url: api.url, docs: `${api.url}/docs` }, `govflow API listening on ${api.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await api.close();
    await connection.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

// Run only as the entry point, so importing startApi has no side effects.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolvePath(process.argv[1])) {
  main().catch((err) => {
    pino().fatal({ err }, err instanceof Error ? err.message : 'the API failed to start');
    process.exit(1);
  });
}
