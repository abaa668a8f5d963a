/**
 * `npm run bench:histories`: how long govflow's histories get and how fast they replay (issue 12).
 *
 * 1. Events per process: every recorded history in tests/histories (one per tested path), its
 *    event count and size on disk, by process type.
 * 2. A one-year supervision ticket: a real ticket on a Temporal time-skipping server with a real
 *    worker, due one year ahead (000 sets no limit, so the office gives the date, supervision2020:10),
 *    acknowledged, with a progress report every month for twelve months (000:54), then completed
 *    and closed: its event count is what a year of a long matter costs the history.
 * 3. Replays per second: the whole recorded set replayed by one replay worker
 *    (`Worker.runReplayHistories`), three rounds after one warm-up round.
 *
 * Writes bench/RESULTS-histories.json; the table goes to stdout.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { listUnits } from '../db/directory-repository';
import { openDatabase } from '../db/connect';
import { migrate } from '../db/migrate';
import { seed } from '../db/seed';
import { temporalTestServerPath } from '../scripts/temporal-tools';
import { HISTORIES_DIR, historyFiles, historyFromPlainObject, readHistory } from '../tests/support/histories';
import { bundleWorkflows, createGovWorker } from '../worker/create-worker';
import { payloadDataConverter } from '../worker/payload-codec';
import { processId } from '../workflows/ids';
import type { Actor, ProcessState } from '../workflows/engine/types';
import { stateQuery, taskActionUpdate } from '../workflows/messages';
import { registerSearchAttributes } from '../worker/register-search-attributes';
import { formatTable, type Row } from './stats';

const progress = (m: string) => process.stderr.write(`bench:histories: ${m}\n`);
const DAY = 86_400_000;
Runtime.install({ logger: new DefaultLogger('WARN') });

const rows: Row[] = [];
const results: Record<string, unknown> = {};

// 1. Events per recorded history.
const files = historyFiles();
const perFile = files.map((file) => {
  const { history } = readHistory(file);
  return { file, type: file.split('-')[0], events: history.events.length, kib: Math.round(statSync(resolve(HISTORIES_DIR, file)).size / 102.4) / 10 };
});
const byType = new Map<string, number[]>();
for (const f of perFile) byType.set(f.type, [...(byType.get(f.type) ?? []), f.events]);
for (const [type, counts] of [...byType].sort()) {
  const sorted = [...counts].sort((a, b) => a - b);
  rows.push({ group: 'events', name: `${type}: events per recorded history`, n: counts.length, note: `min ${sorted[0]}, median ${sorted[Math.floor(sorted.length / 2)]}, max ${sorted.at(-1)}` });
}
results.perFile = perFile;

// 2. A one-year ticket on a time-skipping server.
progress('one-year ticket on a time-skipping server');
const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: temporalTestServerPath() } }, client: { dataConverter: payloadDataConverter() } });
await registerSearchAttributes(env.connection, env.namespace ?? 'default');
const db = await openDatabase({ dataDir: 'memory://' });
await migrate(db);
await seed(db);
const bundle = await bundleWorkflows();
const worker = await createGovWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue: 'bench-histories', db, workflowBundle: bundle });
const running = worker.run();
try {
  const J = 'jinan-shizhong-2023' as const;
  const unit = (await listUnits(db, J)).find((u) => u.kind === 'department')!;
  const head: Actor = { userId: `${unit.id}.head`, roles: ['department-head'] };
  const office: Actor = { userId: 'js.supervision.staff', roles: ['supervision-office'] };
  const now = await env.currentTimeMs();
  const handle = await env.client.workflow.start('supervisionTicket', {
    taskQueue: 'bench-histories',
    workflowId: processId('supervisionTicket', J, randomUUID()),
    args: [{ jurisdiction: J, title: '全年重点项目推进督办', source: 'work-report-target', responsibleUnitId: unit.id, issuedBy: office.userId, dueAt: new Date(now + 365 * DAY).toISOString() }],
  });
  const state = async () => (await handle.query(stateQuery)) as ProcessState;
  let s = await state();
  for (let i = 0; i < 50 && !s.tasks.some((t) => t.status === 'open'); i++) {
    await new Promise((r) => setTimeout(r, 100));
    s = await state();
  }
  const execution = s.tasks.find((t) => t.step === 'ticket.execution' && t.status === 'open')!;
  const act = (taskId: string, action: string, actor: Actor, data?: Record<string, unknown>) => handle.executeUpdate(taskActionUpdate, { args: [{ taskId, action, actor, data }] });
  await act(execution.id, 'acknowledge', head);
  for (let month = 1; month <= 12; month++) {
    await env.sleep(30 * DAY);
    await act(execution.id, 'report-progress', head, { summary: `第${month}个月进展：按计划推进` });
  }
  s = (await act(execution.id, 'submit-completion', head, { summary: '全年任务完成' })) as ProcessState;
  const verification = s.tasks.find((t) => t.step === 'ticket.verification' && t.status === 'open')!;
  await act(verification.id, 'close', office);
  await handle.result();
  const events = (await handle.fetchHistory()).events?.length ?? 0;
  rows.push({ group: 'events', name: 'supervisionTicket: one year, 12 monthly reports', n: 1, note: `${events} events (acknowledge, 12 reports, completion, close, with every reminder and escalation timer of the year)` });
  results.oneYearTicketEvents = events;
} finally {
  worker.shutdown();
  await running;
  await env.teardown();
  await db.close();
}

// 3. Replays per second of the whole set.
progress(`replaying ${files.length} histories, 1 warm-up + 3 rounds`);
const histories = files.map((file) => {
  const { workflowId, history } = readHistory(file);
  return { workflowId, history: historyFromPlainObject(history) };
});
const totalEvents = perFile.reduce((sum, f) => sum + f.events, 0);
const round = async () => {
  const start = performance.now();
  let failed = 0;
  for await (const result of Worker.runReplayHistories({ workflowBundle: bundle, dataConverter: payloadDataConverter() }, histories)) if (result.error) failed++;
  if (failed) throw new Error(`${failed} histories did not replay`);
  return performance.now() - start;
};
await round();
const rounds = [await round(), await round(), await round()].sort((a, b) => a - b);
const median = rounds[1];
rows.push({ group: 'replay', name: `whole recorded set (${files.length} histories, ${totalEvents} events)`, n: 3, opsPerSec: (files.length / median) * 1000, p50: median, note: `${Math.round((totalEvents / median) * 1000)} events/s; rounds ${rounds.map((r) => Math.round(r)).join(' / ')} ms` });
results.replay = { histories: files.length, events: totalEvents, roundsMs: rounds, historiesPerSec: (files.length / median) * 1000 };

results.machine = { cpus: cpus().length, loadavg: loadavg(), node: process.version, at: new Date().toISOString() };
writeFileSync('bench/RESULTS-histories.json', `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${formatTable(rows)}\n`);
process.exit(0);
