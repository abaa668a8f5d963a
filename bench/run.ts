/**
 * `npm run bench`: govflow's performance, printed as one table (nothing is written to disk).
 *
 * 1. domain   — computeDue over the seeded holiday table; the audit trail's SHA-256 hash chain.
 * 2. database — PGlite in memory, migrated and seeded: resolveAssignees, enqueueNotification.
 * 3. e2e      — a headless Temporal dev server, a worker with the real activities and the API on a
 *               socket, wired as tests/support/dev-server-stack.ts does: ticket starts and a task
 *               action over HTTP, sequential and 10 at a time; 50 official documents signed at
 *               once (each signature numbers and records its document).
 *
 * Every iteration count is fixed; every server started here is stopped in a finally. The e2e
 * section runs first so its memory reading is not inflated by the other sections; the table is
 * printed in the order above. Progress goes to stderr, the table to stdout.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { issueToken } from '../api/auth';
import { openDatabase } from '../db/connect';
import { findUsers, resolveAssignees } from '../db/directory-repository';
import { migrate } from '../db/migrate';
import { enqueueNotification } from '../db/notification-repository';
import { seed } from '../db/seed';
import type { HolidayTable, HolidayYear } from '../domain/calendar/holiday-table';
import { computeDue } from '../domain/calendar/working-days';
import { sha256Hex } from '../domain/hash/sha256';
import { AuditTrail, hashAuditEntry, type AuditInput } from '../workflows/engine/audit-trail';
import type { ProcessState } from '../workflows/engine/types';
import { documentInput, driveDocument, startDocument } from '../tests/support/document-helpers';
import { act, waitForState } from '../tests/support/process-helpers';
import { startBenchStack, type BenchStack } from './bench-stack';
import { collectGarbage } from './memory';
import { formatTable, latencyConcurrent, latencyRow, latencySequential, mib, throughputSync, type Row } from './stats';

const J = 'chaoyang-shuangta-2022' as const;
const UNIT = 'cs.finance';
const E2E_N = 50;
const E2E_CONCURRENCY = 10;
const E2E_WARMUP = 3;
const DOC_N = 50;

const rows: Row[] = [];
const atIssue = (s: ProcessState) => s.tasks.some((t) => t.step === 'document.issue' && t.status === 'open');
const notes: string[] = [];
const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

// ─── 1. domain ────────────────────────────────────────────────────────────────────────────────
function benchDomain(): void {
  const years = JSON.parse(readFileSync(new URL('../db/seed-data/holidays.json', import.meta.url), 'utf8')) as HolidayYear[];
  const table: HolidayTable = Object.fromEntries(years.map((y) => [y.year, y]));
  // Start instants spread over the seeded years, including ones that cross Spring Festival and National Day.
  const starts = Array.from({ length: 64 }, (_, i) => {
    const d = new Date(Date.UTC(2025, 0, 1, 2) + i * 11 * 86_400_000); // every 11 days from 2025-01-01 10:00 Shanghai
    return d.toISOString();
  });
  const N = 100_000;
  for (const [name, limit] of [
    ['computeDue 5 working days', { unit: 'workingDays', n: 5 }],
    ['computeDue 1 month', { unit: 'months', n: 1 }],
  ] as const) {
    const { opsPerSec } = throughputSync((i) => computeDue(starts[i & 63], limit, table), N, 10_000);
    rows.push({ group: 'domain', name, n: N, opsPerSec, note: `${(1e6 / opsPerSec).toFixed(2)} µs/op; 64 starts over ${Object.keys(table).join('+')}` });
  }

  const entry: AuditInput = {
    actorId: 'cs.finance.head',
    action: 'acknowledge',
    step: 'ticket.execution',
    taskId: 't1',
    rule: '001:63',
    detail: 'leader-instruction → cs.finance: 老旧小区改造进度督办，已签收',
  };
  const at = '2026-09-24T02:00:00.000Z';
  const sample = JSON.stringify([1, at, entry.actorId, null, entry.action, entry.step, entry.taskId, entry.rule, entry.detail, '0'.repeat(64)]);
  const bytes = new TextEncoder().encode(sample).length;
  const NH = 20_000;
  let trail = new AuditTrail();
  const append = throughputSync((i) => {
    if (i % 1000 === 0) trail = new AuditTrail(); // a long process, not an unbounded array
    return trail.append(entry, at);
  }, NH, 2_000);
  rows.push({ group: 'domain', name: 'AuditTrail.append (hash-chained)', n: NH, opsPerSec: append.opsPerSec, note: `${(1e6 / append.opsPerSec).toFixed(2)} µs/op; entry ${bytes} B as hashed` });
  const raw = throughputSync(() => sha256Hex(sample), NH, 2_000);
  rows.push({ group: 'domain', name: 'sha256Hex (same entry)', n: NH, opsPerSec: raw.opsPerSec, note: `${((raw.opsPerSec * bytes) / 1e6).toFixed(1)} MB/s` });
  // The chain is only worth benchmarking if it verifies.
  const last = trail.entries.at(-1)!;
  const { hash, ...rest } = last;
  if (hashAuditEntry(rest) !== hash) throw new Error('audit hash does not verify');
}

// ─── 2. database ──────────────────────────────────────────────────────────────────────────────
async function benchDatabase(): Promise<void> {
  const db = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrate(db);
    await seed(db);
    const at = new Date().toISOString();
    const selector = { kind: 'role', role: 'department-head', unitId: UNIT } as const;
    const first = await resolveAssignees(db, { jurisdiction: J, selector, at });
    if (first.length === 0) throw new Error('resolveAssignees found nobody');
    const N = 500;
    const resolved = await latencySequential(() => resolveAssignees(db, { jurisdiction: J, selector, at }), N, 50);
    rows.push(latencyRow('database', 'resolveAssignees (role selector)', resolved, `department-head of ${UNIT} → ${first.map((a) => a.userId).join(', ')}`));

    const run = randomUUID();
    const enqueue = (i: number) =>
      enqueueNotification(db, {
        recipientId: first[0].userId,
        processId: `ticket.${J}.bench-${run}`,
        kind: 'task-assigned',
        subject: '新的督办任务：老旧小区改造进度督办',
        body: '请于 7 个工作日内办结（001:63）。',
        dedupeKey: `bench-${run}-${i}`,
      });
    const enqueued = await latencySequential(enqueue, N, 50);
    rows.push(latencyRow('database', 'enqueueNotification (new row)', enqueued, 'unique dedupeKey each call'));
  } finally {
    await db.close();
  }
}

// ─── 3. end to end ────────────────────────────────────────────────────────────────────────────
async function benchEndToEnd(): Promise<void> {
  // The worker's native runtime logs at INFO by default; only warnings belong in a bench run.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  let stack: BenchStack | undefined;
  try {
    progress('bundling workflows, starting the Temporal dev server, the worker and the API');
    // PGlite in memory and webpack in this process, as these figures were first measured.
    stack = await startBenchStack({ name: 'bench', database: 'memory', bundle: 'fresh' });
    const { db, client, taskQueue, config } = stack;
    const api = { url: stack.apiUrl };

    collectGarbage();
    const mem = process.memoryUsage();
    notes.push(
      `worker + API memory after start (this process, before the load; the Temporal dev server is a separate process): ` +
        `RSS ${mib(mem.rss)}, heap used ${mib(mem.heapUsed)} of ${mib(mem.heapTotal)}, external ${mib(mem.external)}, array buffers ${mib(mem.arrayBuffers)}`,
    );

    const token = async (role: 'supervision-office' | 'department-head', unitId?: string) => {
      const [u] = await findUsers(db!, { jurisdiction: J, role, unitId });
      if (!u) throw new Error(`no ${role} in ${J}`);
      return issueToken({ userId: u.id, jurisdiction: J, secret: config.GOVFLOW_JWT_SECRET, issuer: config.GOVFLOW_JWT_ISSUER });
    };
    const office = await token('supervision-office');
    const head = await token('department-head', UNIT);
    const base = api.url;

    const post = async (path: string, bearer: string, body: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    const ticketBody = { jurisdiction: J, title: '老旧小区改造进度督办', source: 'leader-instruction', responsibleUnit: UNIT, complexity: 'ordinary' };
    const run = randomUUID().slice(0, 8);
    const failures = { start: 0, action: 0 };
    const startTicket = async (key: string): Promise<string | undefined> => {
      const r = await post('/v1/supervision-tickets', office, ticketBody, { 'Idempotency-Key': key });
      if (r.status !== 201) {
        failures.start++;
        return undefined;
      }
      return r.body.id as string;
    };
    /** Untimed: the ticket's first task is open (the workflow has run its first activities). */
    const taskOpen = async (id: string) => {
      const until = Date.now() + 15_000;
      for (;;) {
        const res = await fetch(`${base}/v1/processes/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${office}` } });
        const state = (await res.json()) as { openTasks?: { id: string }[] };
        if (state.openTasks?.some((t) => t.id === 't1') || Date.now() > until) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const acknowledge = async (id: string) => {
      const r = await post(`/v1/processes/${encodeURIComponent(id)}/tasks/t1/actions`, head, { action: 'acknowledge' });
      if (r.status !== 200) failures.action++;
    };

    progress(`e2e: warm-up (${E2E_WARMUP} tickets), then ${E2E_N} sequential starts`);
    for (let i = 0; i < E2E_WARMUP; i++) {
      const id = await startTicket(`bench-${run}-warm-${i}`);
      if (!id) throw new Error('warm-up ticket start failed');
      await taskOpen(id);
      await acknowledge(id);
    }
    failures.action = 0;

    const ids: string[] = [];
    const seq = await latencySequential(async (i) => {
      const id = await startTicket(`bench-${run}-seq-${i}`);
      if (id) ids.push(id);
    }, E2E_N);
    rows.push(latencyRow('e2e', 'POST /v1/supervision-tickets, sequential', seq, `ordinary (001:63) → ${UNIT}; ${failures.start} non-201`));

    progress(`e2e: ${ids.length} sequential acknowledge actions`);
    const actionSamples: number[] = [];
    let actionWall = 0;
    for (const id of ids) {
      await taskOpen(id);
      const one = await latencySequential(() => acknowledge(id), 1);
      actionSamples.push(...one.samples);
      actionWall += one.wallMs;
    }
    rows.push(latencyRow('e2e', 'POST …/tasks/t1/actions acknowledge, sequential', { samples: actionSamples, wallMs: actionWall }, `by the ${UNIT} head (workflow update); ${failures.action} non-200`));

    progress(`e2e: ${E2E_N} starts, ${E2E_CONCURRENCY} concurrent`);
    const startFailuresBefore = failures.start;
    const conc = await latencyConcurrent((i) => startTicket(`bench-${run}-conc-${i}`), E2E_N, E2E_CONCURRENCY);
    rows.push(
      latencyRow('e2e', `POST /v1/supervision-tickets, ${E2E_CONCURRENCY} concurrent`, conc, `wall ${(conc.wallMs / 1000).toFixed(2)} s for ${E2E_N}; ${failures.start - startFailuresBefore} non-201`),
    );

    // Official documents: drafts driven to the last signature, then every signature at once —
    // each update allocates a 发文字号 and records the document in one transaction (issue 4).
    progress(`e2e: ${DOC_N} documents to the last signature, then ${DOC_N} signatures at once`);
    const draft = documentInput('rizhao-2017', { issuer: 'office', kind: 'opinion', disclosure: 'not-public', disclosureReason: '内部工作安排', addressees: [] });
    const docs: WorkflowHandle[] = [];
    for (let i = 0; i < DOC_N; i++) docs.push(await startDocument(client, taskQueue, draft));
    for (const d of docs) await driveDocument(d, atIssue);
    const issueTasks = await Promise.all(docs.map(async (d) => (await waitForState(d, atIssue)).tasks.find((t) => t.step === 'document.issue' && t.status === 'open')!));
    const signed = await latencyConcurrent(
      (i) => act(docs[i], { taskId: issueTasks[i].id, action: 'sign-and-issue', data: { opinion: '签发' }, actor: { userId: issueTasks[i].assignees[0].userId, roles: [] } }),
      DOC_N,
      DOC_N,
    );
    const numbers = new Set((await Promise.all(docs.map((d) => waitForState(d, (s) => s.status === 'completed', 60_000)))).map((s) => s.details.number));
    rows.push(latencyRow('e2e', `sign-and-issue (numbering), ${DOC_N} at once`, signed, `wall ${(signed.wallMs / 1000).toFixed(2)} s; ${numbers.size} distinct numbers`));
  } finally {
    progress('stopping the API, worker and dev server');
    await stack?.stop();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const baseline = process.memoryUsage();
  notes.push(`this process after its imports (node + tsx + the Temporal, PGlite, Express modules; nothing started): RSS ${mib(baseline.rss)}, heap used ${mib(baseline.heapUsed)}`);
  // End to end first, so its memory reading carries nothing left over from the other sections.
  await benchEndToEnd();
  progress('domain');
  benchDomain();
  progress('database (PGlite in memory)');
  await benchDatabase();
  const order = ['domain', 'database', 'e2e'];
  rows.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
  console.log(formatTable(rows));
  console.log('');
  for (const note of notes) console.log(`- ${note}`);
  console.log(`- node ${process.version}, ${new Date().toISOString()}, whole run ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
