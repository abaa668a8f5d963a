import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { issueToken } from '../../api/auth';
import { loadConfig } from '../../api/config';
import { openDatabase } from '../../db/connect';
import { listIssuedNumbers } from '../../db/document-number-repository';
import { shanghaiDateOf, yearOf } from '../../domain/calendar/shanghai-date';
import { startDevServer, type DevServer } from '../../scripts/dev-server';
import { freePort } from '../../scripts/free-port';
import { findBrokenLink } from '../../workflows/engine/audit-trail';
import type { AuditEntry } from '../../workflows/engine/types';
import { FIGURES_DIR, recordFigure as recordAnyFigure } from '../support/figures';
import { startGovflow, type GovflowProcess } from '../support/govflow-process';
import { createTestDatabase } from '../support/postgres-server';
import { TEST_DATABASE } from '../support/test-database';

/**
 * Issue 11, "crash" suite: the real govflow (`scripts/dev.ts`: API, worker and PGlite on disk, one
 * process) and a Temporal dev server on a database file. Concurrent actions, each with its own
 * Idempotency-Key, go to supervision tickets (report-progress) and to documents at their signing
 * (sign-and-issue, which allocates a 发文字号). Mid-way govflow is killed with SIGKILL and started
 * again on the same data; later the Temporal server is, and started again on the same file. Every
 * action whose answer was lost is retried with its key until answered. Then: each action is in
 * the process exactly once, every process goes on to its next step, and the numbers have no gap.
 * In the `pglite` project govflow keeps its data in PGlite on disk (what `npm start` does); in the
 * `postgres` project in a database of the run's PostgreSQL server (DATABASE_URL), where the
 * numbering transactions really run at the same time.
 */
const TICKETS_J = 'chaoyang-shuangta-2022' as const;
const DOCS_J = 'rizhao-2017' as const;
const TICKETS = 3;
const REPORTS_PER_TICKET_PER_WAVE = 8;
const DOCS_PER_WAVE = 3;
/** The crash comes when this many actions of a wave were answered: mid-way, others in flight. */
const KILL_AFTER_ANSWERS = 1;

const dir = resolve('.data/test', `crash-${randomUUID()}`);
const config = loadConfig({});
const limits = { GOVFLOW_RATE_LIMIT_PUBLIC: '1000000', GOVFLOW_RATE_LIMIT_AUTH_FAILURES: '1000000', GOVFLOW_RATE_LIMIT_COMMENTS: '1000000' };
let temporalPort: number;
let apiPort: number;
let temporal: DevServer;
let govflow: GovflowProcess | undefined;
/** The PostgreSQL server's database in the `postgres` project; PGlite under `dir` otherwise. */
let database: { url: string; drop(): Promise<void> } | undefined;
const taskQueue = `crash-${randomUUID()}`;

/** The figures are those of `npm start`'s set-up (PGlite), as `npm run reliability` runs it. */
const recordFigure = (suite: string, name: string, value: number | string) => TEST_DATABASE === 'pglite' && recordAnyFigure(suite, name, value);

/** Every process this file started, so that none outlives it whatever fails. */
const started: { kill(): Promise<void> }[] = [];
async function startTemporal(): Promise<DevServer> {
  const server = await startDevServer({ port: temporalPort, dbFile: join(dir, 'temporal.db') });
  started.push({ kill: async () => void server.process.kill('SIGKILL') });
  return server;
}
async function startApp(): Promise<GovflowProcess> {
  const env = { TEMPORAL_TASK_QUEUE: taskQueue, ...limits, ...(database ? { DATABASE_URL: database.url } : {}) };
  const app = await startGovflow({ port: apiPort, temporalAddress: temporal.address, dataDir: dir, env });
  started.push(app);
  return app;
}

beforeAll(async () => {
  if (TEST_DATABASE === 'pglite') rmSync(join(FIGURES_DIR, 'crash.json'), { force: true }); // this run's figures only
  mkdirSync(dir, { recursive: true });
  if (TEST_DATABASE === 'postgres') database = await createTestDatabase(inject('postgresAdminUrl'));
  [temporalPort, apiPort] = [await freePort(), await freePort()];
  temporal = await startTemporal();
  govflow = await startApp();
});

afterAll(async () => {
  for (const p of started.reverse()) await p.kill();
  await temporal?.stop();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const tokens = new Map<string, Promise<string>>();
function tokenOf(userId: string, jurisdiction: string): Promise<string> {
  if (!tokens.has(userId)) tokens.set(userId, issueToken({ userId, jurisdiction, secret: config.GOVFLOW_JWT_SECRET, issuer: config.GOVFLOW_JWT_ISSUER }));
  return tokens.get(userId)!;
}

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of the API
}

/** One HTTP call to govflow; rejects when the connection breaks (the answer is lost). */
async function call(method: string, path: string, token: string, body?: unknown, key?: string): Promise<Reply> {
  const res = await fetch(`${govflow!.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...(key ? { 'idempotency-key': key } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, tries = 150): Promise<T> {
  let last = await fn();
  for (let i = 0; i < tries && !ok(last); i++) {
    await new Promise((r) => setTimeout(r, 200));
    last = await fn();
  }
  return last;
}

interface OpenTask {
  id: string;
  step: string;
  actionsUrl: string;
  assignees: { userId: string }[];
}

const processPath = (id: string) => `/v1/processes/${encodeURIComponent(id)}`;

/** An action a client means to take once: its key stays the same across retries. */
interface Action {
  processId: string;
  url: string;
  userId: string;
  jurisdiction: string;
  body: { action: string; data?: Record<string, unknown> };
  key: string;
  /** 'answered' once a 200 came back; the statuses and lost answers seen on the way. */
  answered: boolean;
  /** When the 200 came (Date.now()). */
  answeredAt?: number;
  seen: string[];
}

/** Actions whose request is on its way: those a crash catches. */
const inFlight = new Set<Action>();

async function attempt(a: Action): Promise<boolean> {
  inFlight.add(a);
  try {
    const reply = await call('POST', a.url, await tokenOf(a.userId, a.jurisdiction), a.body, a.key);
    a.seen.push(String(reply.status));
    if (reply.status === 200) Object.assign(a, { answered: true, answeredAt: Date.now() });
    else if (reply.status !== 503) throw new Error(`${a.body.action} on ${a.processId} (key ${a.key}): ${reply.status} ${JSON.stringify(reply.body)}`);
  } catch (err) {
    if (!(err instanceof TypeError) && (err as Error).name !== 'TimeoutError') throw err;
    a.seen.push(`lost (${(err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message})`);
  } finally {
    inFlight.delete(a);
  }
  return a.answered;
}

/**
 * Sends the streams at once, each stream's actions one after another (a client waiting for each
 * answer); `crash` runs (once) as soon as `KILL_AFTER_ANSWERS` actions were answered. An action
 * not answered (lost, or 503 while a server was down) is left for {@link retryLost}.
 * Returns how many requests were on their way when the crash came.
 */
async function wave(streams: Action[][], crash: () => Promise<void>): Promise<number> {
  let answers = 0;
  let caught = -1;
  let crashed: Promise<void> | undefined;
  await Promise.all(
    streams.map(async (stream) => {
      for (const a of stream) {
        if ((await attempt(a)) && ++answers === KILL_AFTER_ANSWERS) {
          caught = inFlight.size;
          crashed = crash();
        }
      }
    }),
  );
  await crashed;
  return caught;
}

/** Retries every unanswered action with its own key until answered. */
async function retryLost(actions: Action[]): Promise<void> {
  await Promise.all(
    actions
      .filter((a) => !a.answered)
      .map(async (a) => {
        for (let i = 0; i < 120 && !(await attempt(a)); i++) await new Promise((r) => setTimeout(r, 250));
      }),
  );
}

/** Milliseconds from `since` to the first answer after it (a request retried by the API itself, or by the client). */
const firstAnswerAfter = (actions: Action[], since: number) => Math.min(...actions.map((a) => a.answeredAt ?? Infinity).filter((at) => at >= since)) - since;

async function openTicket(n: number): Promise<{ id: string; task: OpenTask }> {
  const office = await tokenOf('cs.supervision.director', TICKETS_J);
  const created = await call('POST', '/v1/supervision-tickets', office, { jurisdiction: TICKETS_J, title: `崩溃恢复督办${n}`, source: 'other', responsibleUnit: 'cs.finance', complexity: 'ordinary' }, `crash-ticket-${n}-${randomUUID()}`);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const state = await until(() => call('GET', processPath(created.body.id), office), (r) => r.body?.openTasks?.length > 0);
  return { id: created.body.id, task: state.body.openTasks[0] };
}

/** The action that moves each document step before signing forward (rizhao office opinions: no countersign, no publication). */
const FORWARD: Record<string, { action: string; data?: Record<string, unknown> }> = {
  'document.head-sign-off': { action: 'sign-off', data: { opinion: '同意报送' } },
  'document.countersign': { action: 'agree' },
  'document.office-review': { action: 'approve' },
  'document.review': { action: 'approve-signature', data: { opinion: '同意' } },
  'document.sign-off': { action: 'approve-signature', data: { opinion: '同意' } },
  'document.seal-review': { action: 'approve-seal' },
  'document.seal-consent': { action: 'approve-seal' },
};

/** A document of the office of 日照, driven through HTTP up to its signing (document.issue). */
async function documentAtSigning(n: number): Promise<{ id: string; task: OpenTask }> {
  const drafter = 'rz.finance.staff';
  const draft = {
    jurisdiction: DOCS_J, issuer: 'office', kind: 'opinion', title: `关于崩溃恢复演练的意见（${n}）`, body: '各部门：现就崩溃恢复演练提出如下意见。',
    scope: 'specific-task', leadUnit: 'rz.finance', urgency: 'ordinary', disclosure: 'not-public', disclosureReason: '内部工作安排', addressees: [],
  };
  const created = await call('POST', '/v1/documents', await tokenOf(drafter, DOCS_J), draft, `crash-doc-${n}-${randomUUID()}`);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const token = await tokenOf(drafter, DOCS_J);
  for (let i = 0; i < 12; i++) {
    const state = await until(() => call('GET', processPath(created.body.id), token), (r) => r.body?.openTasks?.length > 0);
    const task: OpenTask = state.body.openTasks[0];
    if (task.step === 'document.issue') return { id: created.body.id, task };
    const forward = FORWARD[task.step];
    expect(forward, `no forward action for ${task.step}`).toBeDefined();
    const acted = await call('POST', task.actionsUrl, await tokenOf(task.assignees[0].userId, DOCS_J), forward, `crash-fwd-${randomUUID()}`);
    expect(acted.status, `${task.step}: ${JSON.stringify(acted.body)}`).toBe(200);
  }
  throw new Error(`document ${created.body.id} did not reach its signing`);
}

function reportsFor(tickets: { id: string; task: OpenTask }[], wave: string): Action[] {
  return tickets.flatMap((t, i) =>
    Array.from({ length: REPORTS_PER_TICKET_PER_WAVE }, (_, k) => ({
      processId: t.id, url: t.task.actionsUrl, userId: t.task.assignees[0].userId, jurisdiction: TICKETS_J,
      body: { action: 'report-progress', data: { summary: `第${wave}轮·督办${i}·进展${k}` } }, key: `crash-report-${i}-${k}-${randomUUID()}`, answered: false, seen: [],
    })),
  );
}

function signings(docs: { id: string; task: OpenTask }[], wave: string): Action[] {
  return docs.map((d) => ({
    processId: d.id, url: d.task.actionsUrl, userId: d.task.assignees[0].userId, jurisdiction: DOCS_J,
    body: { action: 'sign-and-issue', data: { opinion: `签发（第${wave}轮）` } }, key: `crash-sign-${randomUUID()}`, answered: false, seen: [],
  }));
}

const shuffled = <T>(items: T[]) => items.map((item) => ({ item, r: Math.random() })).sort((a, b) => a.r - b.r).map(({ item }) => item);
const countOf = (entries: AuditEntry[], action: string) => entries.filter((e) => e.action === action).length;

describe(`crash recovery on ${TEST_DATABASE} (kill -9 of govflow, then of the Temporal server, during concurrent actions)`, () => {
  it('every acknowledged action is applied exactly once, every process goes on, document numbers have no gap', async () => {
    const tickets = await Promise.all(Array.from({ length: TICKETS }, (_, n) => openTicket(n)));
    const docs = await Promise.all(Array.from({ length: 2 * DOCS_PER_WAVE }, (_, n) => documentAtSigning(n)));

    // Wave 1: every action at once; govflow (API + worker + PGlite) is killed mid-way and restarted on the same data.
    const first = shuffled([...reportsFor(tickets, '一'), ...signings(docs.slice(0, DOCS_PER_WAVE), '一')]);
    let restartedAt = 0;
    let runningMs = 0;
    const caughtByGovflowCrash = await wave(
      first.map((a) => [a]),
      async () => {
        await govflow!.kill();
        restartedAt = Date.now();
        govflow = await startApp();
        runningMs = Date.now() - restartedAt;
      },
    );
    await retryLost(first);
    recordFigure('crash', 'govflow SIGKILL: restart → running (ms)', runningMs);
    recordFigure('crash', 'govflow SIGKILL: running → first action answered (ms)', firstAnswerAfter(first, restartedAt + runningMs));
    recordFigure('crash', 'govflow SIGKILL: restart → first action answered (ms)', firstAnswerAfter(first, restartedAt));

    // Wave 2: two clients per ticket and one per document, each sending its actions one after
    // another (the answers of a burst come back together, too late to crash in between); the
    // Temporal server is killed mid-way and restarted on the same database file.
    const second = [...reportsFor(tickets, '二'), ...signings(docs.slice(DOCS_PER_WAVE), '二')];
    const streams = [...tickets.flatMap((t) => [0, 1].map((odd) => second.filter((a, i) => a.processId === t.id && i % 2 === odd))), ...second.filter((a) => a.body.action === 'sign-and-issue').map((a) => [a])];
    let temporalBackAt = 0;
    let temporalUpMs = 0;
    const caughtByTemporalCrash = await wave(streams, async () => {
      temporal.process.kill('SIGKILL');
      await temporal.stop();
      temporalBackAt = Date.now();
      temporal = await startTemporal();
      temporalUpMs = Date.now() - temporalBackAt;
    });
    await retryLost(second);
    recordFigure('crash', 'Temporal SIGKILL: restart → server answers (ms)', temporalUpMs);
    recordFigure('crash', 'Temporal SIGKILL: server answers → first action answered (ms)', firstAnswerAfter(second, temporalBackAt + temporalUpMs));
    recordFigure('crash', 'actions sent (govflow crash + Temporal crash)', `${first.length} + ${second.length}`);
    recordFigure('crash', 'requests on their way at the crash (govflow, Temporal)', `${caughtByGovflowCrash}, ${caughtByTemporalCrash}`);
    recordFigure('crash', 'load average (1 min) at the end', loadavg()[0].toFixed(1));

    const unanswered = [...first, ...second].filter((a) => !a.answered).map((a) => `${a.body.action} ${a.processId}: ${[...new Set(a.seen)].join(', ')}`);
    expect(unanswered).toEqual([]);

    // Each ticket: every report exactly once, in its state and its audit trail; then it goes on to verification.
    for (const [i, t] of tickets.entries()) {
      const token = await tokenOf(t.task.assignees[0].userId, TICKETS_J);
      const sent = [...first, ...second].filter((a) => a.processId === t.id).map((a) => a.body.data!.summary as string);
      const state = (await call('GET', processPath(t.id), token)).body;
      expect((state.details.progressReports as { summary: string }[]).map((r) => r.summary).sort(), `ticket ${i}`).toEqual(sent.sort());
      const audit: AuditEntry[] = (await call('GET', `${processPath(t.id)}/audit`, token)).body.entries;
      expect(countOf(audit, 'report-progress'), `ticket ${i} audit`).toBe(sent.length);
      expect(findBrokenLink(audit)).toBe(-1);
      const doneKey = `crash-done-${i}-${randomUUID()}`;
      const done = await until(() => call('POST', t.task.actionsUrl, token, { action: 'submit-completion', data: { summary: '已全部完成' } }, doneKey), (r) => r.status === 200, 40);
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body.openTasks.map((task: OpenTask) => task.step)).toContain('ticket.verification');
    }

    // Each document: signed once, numbered once, completed.
    const office = await tokenOf('rz.finance.staff', DOCS_J);
    const numbers: string[] = [];
    let issuedAt = '';
    for (const d of docs) {
      // A numbering activity the crash interrupted runs again after its start-to-close timeout (30 s): wait past it.
      const state = await until(() => call('GET', processPath(d.id), office), (r) => r.body?.status === 'completed', 450);
      expect(state.body.status, d.id).toBe('completed');
      numbers.push(state.body.details.number);
      issuedAt = state.body.details.issuedAt;
      const audit: AuditEntry[] = (await call('GET', `${processPath(d.id)}/audit`, office)).body.entries;
      expect([countOf(audit, 'sign-and-issue'), countOf(audit, 'numbered')], d.id).toEqual([1, 1]);
      expect(findBrokenLink(audit)).toBe(-1);
    }
    expect(new Set(numbers).size).toBe(docs.length);

    // The numbering table, read after a clean stop (PGlite serves one process): 1…n, no gap, one per document.
    await govflow!.stop();
    govflow = undefined;
    const db = await openDatabase(database ? { url: database.url } : { dataDir: join(dir, 'pglite') });
    try {
      const issued = await listIssuedNumbers(db, { issuerCode: '日政办发', kind: 'opinion', year: yearOf(shanghaiDateOf(issuedAt)) });
      expect(issued.map((n) => n.seq)).toEqual(docs.map((_, i) => i + 1));
      expect(new Set(issued.map((n) => n.processId))).toEqual(new Set(docs.map((d) => d.id)));
      expect(issued.map((n) => n.number).sort()).toEqual(numbers.sort());
    } finally {
      await db.close();
    }
    // Both crashes came mid-way, requests on their way (else this proved nothing).
    expect(caughtByGovflowCrash, 'requests on their way when govflow was killed').toBeGreaterThan(0);
    expect(caughtByTemporalCrash, 'requests on their way when Temporal was killed').toBeGreaterThan(0);
  }, 240_000);
});
