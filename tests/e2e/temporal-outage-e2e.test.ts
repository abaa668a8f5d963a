import { Client } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { issueToken } from '../../api/auth';
import { loadConfig, type Config } from '../../api/config';
import { startApi, type RunningApi } from '../../api/server';
import { temporalConnection } from '../../api/temporal-availability';
import { openDatabase } from '../../db/connect';
import type { Database } from '../../db/database';
import { migrate } from '../../db/migrate';
import { storedState } from '../../db/read-model-repository';
import { seed } from '../../db/seed';
import { startDevServer, type DevServer } from '../../scripts/dev-server';
import { freePort } from '../../scripts/free-port';
import type { ProcessState } from '../../workflows/engine/types';
import { stateQuery } from '../../workflows/messages';
import { createGovWorker } from '../../worker/create-worker';
import { recordFigure } from '../support/figures';
import { payloadDataConverter } from '../../worker/payload-codec';

/**
 * Issue 11, defects 6 and 7, on a Temporal dev server of this file's own (it is stopped and
 * restarted on the same database file): during an outage a start or an action is a prompt 503
 * with Retry-After and /readyz says so, while reads served by the read model go on; after it,
 * readiness and the processes come back; after a worker crash (SIGKILL) a new worker serves the
 * processes after 3 s at most, not after the 10 s sticky-queue timeout.
 */
const J = 'chaoyang-shuangta-2022' as const;
const dir = resolve('.data/test', `outage-${randomUUID()}`);
const bundle = () => ({ codePath: inject('workflowBundlePath') });
let server: DevServer;
let stopped = false;
let port: number;
let db: Database;
let client: Client;
const stops: (() => Promise<void>)[] = [];

async function worker(taskQueue: string): Promise<Worker> {
  const connection = await NativeConnection.connect({ address: server.address });
  const w = await createGovWorker({ connection, namespace: 'default', taskQueue, db, workflowBundle: bundle() });
  const running = w.run();
  stops.push(async () => {
    if (w.getState() === 'RUNNING') w.shutdown();
    await running.catch(() => undefined);
    await connection.close();
  });
  return w;
}

async function api(taskQueue: string): Promise<{ api: RunningApi; config: Config }> {
  const config = loadConfig({ PORT: '0', TEMPORAL_ADDRESS: server.address, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'silent', GOVFLOW_RATE_LIMIT_PUBLIC: '1000000' });
  const running = await startApi({ config, db, client, log: pino({ level: 'silent' }) });
  stops.push(() => running.close());
  return { api: running, config };
}

async function call(url: string, token: string | undefined, method = 'GET', body?: unknown) {
  const res = await fetch(url, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** Polls until `ok` (bounded by `tries`); returns the last reply. */
async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, tries = 120, everyMs = 250): Promise<T> {
  let last = await fn();
  for (let i = 0; i < tries && !ok(last); i++) {
    await new Promise((r) => setTimeout(r, everyMs));
    last = await fn();
  }
  return last;
}

const tokenFor = (config: Config, userId: string) => issueToken({ userId, jurisdiction: J, secret: config.GOVFLOW_JWT_SECRET, issuer: config.GOVFLOW_JWT_ISSUER });
const ticket = { jurisdiction: J, title: '可用性督办', source: 'other', responsibleUnit: 'cs.housing', complexity: 'ordinary' };

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  port = await freePort();
  server = await startDevServer({ port, dbFile: join(dir, 'temporal.db') });
  db = await openDatabase({ dataDir: 'memory://' });
  await migrate(db);
  await seed(db);
  client = new Client({ connection: temporalConnection(server.address), dataConverter: payloadDataConverter() });
});

afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  await client?.connection.close();
  await db?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a Temporal outage', () => {
  it('a start or an action is a prompt 503 with Retry-After (not a hang, not a 500), /readyz says so, the process is still read; after a restart readiness and starts come back', async () => {
    const queue = `outage-${randomUUID()}`;
    await worker(queue);
    const { api: running, config } = await api(queue);
    const office = await tokenFor(config, 'cs.supervision.director');
    const created = await call(`${running.url}/v1/supervision-tickets`, office, 'POST', ticket);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const processUrl = `${running.url}/v1/processes/${encodeURIComponent(created.body.id)}`;
    expect((await until(() => call(processUrl, office), (r) => r.status === 200)).status).toBe(200);
    // Its projection has stored its state with t1 open (the ticket at rest): from now on reading it
    // needs no Temporal (issue 12).
    const atRest = await until(() => storedState<ProcessState>(db, created.body.id), (s) => !!s?.state.tasks.some((t) => t.id === 't1' && t.status === 'open'));
    expect(atRest?.state.step).toBe('execution');
    const before = await call(processUrl, office);

    await server.stop();
    stopped = true;
    const stoppedAt = Date.now();
    const notReady = await until(() => call(`${running.url}/readyz`, undefined), (r) => r.status === 503);
    expect(notReady.status).toBe(503);
    expect(notReady.body.checks.temporal).toBe('failing');
    recordFigure('outage', '/readyz 503 after Temporal stopped (ms)', Date.now() - stoppedAt);
    let slowest503 = 0;

    for (const [method, url, body] of [
      ['POST', `${running.url}/v1/supervision-tickets`, ticket],
      ['POST', `${processUrl}/tasks/t1/actions`, { action: 'acknowledge' }],
    ] as const) {
      const asked = Date.now();
      const reply = await call(url, office, method, body);
      slowest503 = Math.max(slowest503, Date.now() - asked);
      expect(reply.status, `${method} ${url}: ${JSON.stringify(reply.body)}`).toBe(503);
      expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    recordFigure('outage', 'slowest 503 during the outage (ms)', slowest503);
    // What does not need Temporal goes on: the directory, the lists and a process's state, all
    // served by the read model — the process as it was before the outage.
    expect((await call(`${running.url}/v1/directory/units`, office)).status).toBe(200);
    expect((await call(`${running.url}/v1/processes`, office)).status).toBe(200);
    const during = await call(processUrl, office);
    expect(during.status, JSON.stringify(during.body)).toBe(200);
    expect(during.body).toEqual(before.body);

    server = await startDevServer({ port, dbFile: join(dir, 'temporal.db') });
    stopped = false;
    const restartedAt = Date.now();
    const ready = await until(() => call(`${running.url}/readyz`, undefined), (r) => r.status === 200);
    expect(ready.status).toBe(200);
    recordFigure('outage', '/readyz 200 after Temporal answered again (ms)', Date.now() - restartedAt);
    const again = { ...ticket, title: '可用性督办（恢复后）' };
    const back = await until(() => call(`${running.url}/v1/supervision-tickets`, office, 'POST', again), (r) => r.status === 201);
    expect(back.status, JSON.stringify(back.body)).toBe(201);
    recordFigure('outage', 'a start succeeds again after Temporal answered (ms)', Date.now() - restartedAt);
    expect((await call(processUrl, office)).body.id).toBe(created.body.id);
  });
});

describe('a worker crash', () => {
  it('after SIGKILL of the worker, a new worker answers for its processes at once (no 10 s sticky-queue wait)', async () => {
    // Independent of the outage test: if it failed while Temporal was down, bring Temporal back.
    if (stopped) server = await startDevServer({ port, dbFile: join(dir, 'temporal.db') });
    stopped = false;
    const queue = `crash-${randomUUID()}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/worker-process.ts'], {
      env: { ...process.env, TEMPORAL_ADDRESS: server.address, TEMPORAL_TASK_QUEUE: queue, WORKFLOW_BUNDLE: inject('workflowBundlePath') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    stops.push(async () => void child.kill('SIGKILL'));
    await new Promise<void>((resolveRunning, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('worker running') && resolveRunning());
      child.once('exit', (code) => reject(new Error(`the worker process exited early (${code})`)));
    });
    const { api: running, config } = await api(queue);
    const office = await tokenFor(config, 'cs.supervision.director');
    const created = await call(`${running.url}/v1/supervision-tickets`, office, 'POST', ticket);
    expect(created.status).toBe(201);
    const processUrl = `${running.url}/v1/processes/${encodeURIComponent(created.body.id)}`;
    // Answered by the child: the process now sits in its cache, its tasks routed to its sticky queue.
    expect((await until(() => call(processUrl, office), (r) => r.status === 200)).status).toBe(200);

    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const replacement = await worker(queue);
    await until(async () => replacement.getState(), (s) => s === 'RUNNING', 40);
    // What createGovWorker asks of the server: a crashed worker's tasks move on after 3 s, not 10
    // (not 1 s: see worker/create-worker.ts).
    expect(replacement.options.stickyQueueScheduleToStartTimeoutMs).toBe(3_000);

    // It answers; how soon is a figure (docs/reliability.md), not an assertion: on a loaded machine
    // the replay on the new worker varies, and the timeout asked for is checked above.
    const askedAt = Date.now();
    const state = await client.withDeadline(Date.now() + 30_000, () => client.workflow.getHandle(created.body.id).query(stateQuery));
    expect(state.id).toBe(created.body.id);
    recordFigure('outage', 'process answers after its worker was SIGKILLed (ms)', Date.now() - askedAt);
  });
});
