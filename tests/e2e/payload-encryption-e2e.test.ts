import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { issueToken } from '../../api/auth';
import { loadConfig, type Config } from '../../api/config';
import { startApi, type RunningApi } from '../../api/server';
import { openDatabase } from '../../db/connect';
import type { Database } from '../../db/database';
import { migrate } from '../../db/migrate';
import { seed } from '../../db/seed';
import { startDevServer, type DevServer } from '../../scripts/dev-server';
import { freePort } from '../../scripts/free-port';
import { createGovWorker } from '../../worker/create-worker';
import { runWorker } from '../../worker/run-worker';
import { ENCRYPTED_ENCODING, payloadDataConverter } from '../../worker/payload-codec';
import { recordFigure } from '../support/figures';

/**
 * Personal data never reaches Temporal's database in the clear: a 请示's contact person and phone
 * are searched for, byte for byte, in the dev server's SQLite files. A control process run
 * without the codec on the same server proves the search finds plaintext when it is there.
 */
const J = 'jinan-shizhong-2023' as const;
const dir = resolve('.data/test', `encryption-${randomUUID()}`);
let server: DevServer;
let db: Database;
const stops: (() => Promise<void>)[] = [];

interface Lane {
  api: RunningApi;
  config: Config;
  client: Client;
}

/** A worker, a client and an API on their own task queue, with or without the payload codec. */
async function lane(encrypted: boolean): Promise<Lane> {
  const taskQueue = `encryption-${encrypted}-${randomUUID()}`;
  const config = loadConfig({ PORT: '0', TEMPORAL_ADDRESS: server.address, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'silent' });
  const dataConverter = encrypted ? payloadDataConverter(config.GOVFLOW_PAYLOAD_KEYS) : {};
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, dataConverter });
  const workerConnection = await NativeConnection.connect({ address: server.address });
  const stopWorker = runWorker(await createGovWorker({ connection: workerConnection, namespace: 'default', taskQueue, db, workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter }));
  const api = await startApi({ config, db, client, log: pino({ level: 'silent' }) });
  stops.push(async () => {
    await api.close();
    await stopWorker();
    await workerConnection.close();
    await connection.close();
  });
  return { api, config, client };
}

async function submitRequest(l: Lane, contactPerson: string, contactPhone: string): Promise<string> {
  const token = await issueToken({ userId: 'js.housing.head', jurisdiction: J, secret: l.config.GOVFLOW_JWT_SECRET, issuer: l.config.GOVFLOW_JWT_ISSUER });
  const res = await fetch(`${l.api.url}/v1/incoming-requests`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ jurisdiction: J, fromUnit: 'js.housing', signedBy: 'js.housing.head', subject: '关于加装电梯补助资金的请示', matters: ['拨付补助资金'], contactPerson, contactPhone, addressees: ['government'] }),
  });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  // The first workflow task has run (activities took their inputs) once the state answers.
  for (let i = 0; i < 100; i++) {
    const state = await fetch(`${l.api.url}/v1/processes/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${token}` } });
    if (state.status === 200 && ((await state.json()) as { tasks: unknown[] }).tasks.length > 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return id;
}

/** Every file of the dev server's database (the SQLite file, its WAL and journal), concatenated. */
function databaseBytes(): Buffer {
  return Buffer.concat(readdirSync(dir).filter((f) => f.startsWith('temporal.db')).map((f) => readFileSync(join(dir, f))));
}

let encrypted: Lane;
let plain: Lane;
const secretPhone = `139${Math.floor(Math.random() * 1e8).toString().padStart(8, '0')}`;
const controlPhone = `138${Math.floor(Math.random() * 1e8).toString().padStart(8, '0')}`;
let encryptedId: string;

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  server = await startDevServer({ port: await freePort(), dbFile: join(dir, 'temporal.db') });
  db = await openDatabase({ dataDir: 'memory://' });
  await migrate(db);
  await seed(db);
  encrypted = await lane(true);
  plain = await lane(false);
  encryptedId = await submitRequest(encrypted, '欧阳保密', secretPhone);
  await submitRequest(plain, '公开对照', controlPhone);
});

afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await db?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('payload encryption on the Temporal dev server', () => {
  it('the database holds the control process’s phone in the clear — and never the encrypted one’s, nor its contact person', async () => {
    // Stopping the server checkpoints SQLite's WAL into the file: nothing is left in memory only.
    for (const stop of stops.splice(0).reverse()) await stop();
    await server.stop();
    const bytes = databaseBytes();
    expect(bytes.includes(Buffer.from(controlPhone)), 'the search finds plaintext when it is there').toBe(true);
    expect(bytes.includes(Buffer.from('公开对照'))).toBe(true);
    expect(bytes.includes(Buffer.from(secretPhone))).toBe(false);
    expect(bytes.includes(Buffer.from('欧阳保密'))).toBe(false);
    recordFigure('encryption', 'Temporal database bytes searched', bytes.length);
    recordFigure('encryption', 'plaintext of the encrypted process found', 0);
    // Restart on the same file for the next test.
    server = await startDevServer({ port: Number(server.address.split(':')[1]), dbFile: join(dir, 'temporal.db') });
    encrypted = await lane(true);
  });

  it('the codec endpoint decrypts what the history holds, for the Temporal UI’s origin (CORS)', async () => {
    // Read the history as the Temporal UI does: raw payloads, no codec.
    const raw = new Client({ connection: await Connection.connect({ address: server.address }) });
    const history = await raw.workflow.getHandle(encryptedId).fetchHistory();
    await raw.connection.close();
    const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    expect(Buffer.from(input!.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
    const asJson = { metadata: Object.fromEntries(Object.entries(input!.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')])), data: Buffer.from(input!.data!).toString('base64') };

    const ui = 'http://127.0.0.1:8233';
    const preflight = await fetch(`${encrypted.api.url}/codec/decode`, { method: 'OPTIONS', headers: { origin: ui, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ui);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/X-Namespace/i);

    const decoded = await fetch(`${encrypted.api.url}/codec/decode`, { method: 'POST', headers: { origin: ui, 'content-type': 'application/json', 'x-namespace': 'default' }, body: JSON.stringify({ payloads: [asJson] }) });
    expect(decoded.status).toBe(200);
    expect(decoded.headers.get('access-control-allow-origin')).toBe(ui);
    const [payload] = ((await decoded.json()) as { payloads: { metadata: Record<string, string>; data: string }[] }).payloads;
    expect(Buffer.from(payload.metadata.encoding, 'base64').toString()).toBe('json/plain');
    expect(Buffer.from(payload.data, 'base64').toString()).toContain(secretPhone);

    const other = await fetch(`${encrypted.api.url}/codec/decode`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
