import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { inject } from 'vitest';
import { issueToken } from '../../api/auth';
import { loadConfig } from '../../api/config';
import { startApi } from '../../api/server';
import { findUsers, getUser } from '../../db/directory-repository';
import { migrate } from '../../db/migrate';
import { seed } from '../../db/seed';
import type { Role, User } from '../../domain/directory';
import type { JurisdictionId } from '../../domain/jurisdictions';
import { createGovWorker } from '../../worker/create-worker';
import { runWorker } from '../../worker/run-worker';
import { payloadDataConverter } from '../../worker/payload-codec';
import { registerSearchAttributes } from '../../worker/register-search-attributes';
import { NO_RATE_LIMITS } from './no-rate-limits';
import { openTestDatabase } from './test-database';


/**
 * Everything a user meets, for real: the API on a socket, the Temporal dev server (started once
 * per run by the global setup), a worker with the real activities, a seeded database.
 */
/**
 * `env`: configuration for this stack's API beyond the test defaults (api/config.ts).
 *
 * `timeSkipping`: the same stack on a Temporal time-skipping test server of its own instead of the
 * dev server, so that a process waiting a month (a comment period, an evaluation) is driven
 * through the API like any other while the test skips the server's clock to the due time the
 * process reports (`skipPast`). Nothing in the product changes: same API, worker, workflows and
 * rulebooks; only the server's clock moves.
 */
export async function startStack(env: Record<string, string> = {}, options: { timeSkipping?: boolean } = {}) {
  const testEnv = options.timeSkipping
    ? await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: inject('testServerPath') } }, client: { dataConverter: payloadDataConverter() } })
    : undefined;
  if (testEnv) await registerSearchAttributes(testEnv.connection, testEnv.namespace ?? 'default');
  const address = testEnv ? undefined : inject('devServerAddress');
  const taskQueue = `govflow-e2e-${randomUUID()}`; // each file its own queue on the shared server
  const config = loadConfig({ PORT: '0', ...(address ? { TEMPORAL_ADDRESS: address } : {}), TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'silent', ...NO_RATE_LIMITS, ...env });
  const db = await openTestDatabase();
  await migrate(db);
  await seed(db);
  // A plain client on the test server too: the environment's own lets time run on while it awaits a result.
  const connection = testEnv ? testEnv.connection : await Connection.connect({ address });
  const client = new Client({ connection, namespace: testEnv?.namespace ?? 'default', dataConverter: payloadDataConverter(config.GOVFLOW_PAYLOAD_KEYS) });
  const workerConnection = testEnv ? testEnv.nativeConnection : await NativeConnection.connect({ address });
  const runNewWorker = async () => runWorker(await createGovWorker({ connection: workerConnection, namespace: 'default', taskQueue, db, workflowBundle: { codePath: inject('workflowBundlePath') } }));
  let stopRunningWorker: (() => Promise<void>) | undefined = await runNewWorker();
  const api = await startApi({ config, db, client, log: pino({ level: 'silent' }) });

  async function user(jurisdiction: JurisdictionId, role: Role, unitId?: string): Promise<User & { token: string }> {
    const [found] = await findUsers(db, { jurisdiction, role, unitId });
    if (!found) throw new Error(`no ${role} in ${jurisdiction}`);
    const token = await issueToken({ userId: found.id, jurisdiction, secret: config.GOVFLOW_JWT_SECRET, issuer: config.GOVFLOW_JWT_ISSUER });
    return { ...found, token };
  }

  /** A directory user by id, with a token: for acting as whoever holds a task. */
  async function userById(id: string): Promise<User & { token: string }> {
    const found = await getUser(db, id);
    if (!found) throw new Error(`no user ${id}`);
    const token = await issueToken({ userId: found.id, jurisdiction: found.jurisdiction, secret: config.GOVFLOW_JWT_SECRET, issuer: config.GOVFLOW_JWT_ISSUER });
    return { ...found, token };
  }

  async function call(method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  /** Visibility is eventually consistent: poll until the listing shows what we wait for. */
  async function eventually<T>(fn: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await fn();
      if (ok(value) || Date.now() > until) return value;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /**
   * Like `eventually`, but a wait that runs out fails here, saying what it last saw — not at a later
   * assertion that then makes no sense (seen in CI: a re-route that never came surfaced as a short audit trail).
   */
  async function waitFor<T>(what: string, fn: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
    const value = await eventually(fn, ok, timeoutMs);
    if (!ok(value)) throw new Error(`waited ${timeoutMs / 1000} s for ${what}; the last answer was ${JSON.stringify(value).slice(0, 2000)}`);
    return value;
  }

  /** The Temporal server's clock (ahead of the wall clock once skipped). */
  async function serverNow(): Promise<number> {
    return testEnv ? testEnv.currentTimeMs() : Date.now();
  }

  /** Skips the time-skipping server's clock to just past `iso`, a due time the process reported. */
  async function skipPast(iso: string, marginMs = 60_000): Promise<void> {
    if (!testEnv) throw new Error('skipPast needs startStack({}, { timeSkipping: true })');
    const ms = Date.parse(iso) - (await testEnv.currentTimeMs()) + marginMs;
    if (ms > 0) await testEnv.sleep(ms);
  }

  /** Stops the worker (a worker down or swamped): the processes wait in Temporal until `startWorker`. */
  async function stopWorker(): Promise<void> {
    await stopRunningWorker?.();
    stopRunningWorker = undefined;
  }
  async function startWorker(): Promise<void> {
    stopRunningWorker ??= await runNewWorker();
  }

  /** Processes a test started and leaves running: terminated when the stack stops, even after a failed step. */
  const tracked: string[] = [];
  function track(id: string): void {
    tracked.push(id);
  }

  return {
    db,
    client,
    taskQueue,
    api,
    user,
    userById,
    call,
    eventually,
    waitFor,
    serverNow,
    skipPast,
    track,
    stopWorker,
    startWorker,
    async stop() {
      for (const id of tracked) await client.workflow.getHandle(id).terminate('test done').catch(() => undefined);
      await api.close();
      await stopWorker();
      if (testEnv) await testEnv.teardown();
      else {
        await workerConnection.close();
        await connection.close();
      }
      await db.close();
    },
  };
}
