import type { ProcessSnapshot, SnapshotTask } from '../domain/read-model';
import type { Database, Queryable } from './database';

/** Sorts after every real due time: tasks and processes without one come last, in a total order. */
export const NO_DUE_TIME = '9999-12-31T00:00:00.000Z';

/** What the inbox and the lists may be narrowed by; every field is optional. */
export interface ReadModelFilter {
  type?: string;
  jurisdiction?: string;
  /** The lead unit of the process. */
  unit?: string;
  overdue?: boolean;
  /** Due strictly before this instant (ISO). */
  dueBefore?: string;
  /** A piece of the process title, matched anywhere (Chinese text has no word boundaries to index). */
  titleContains?: string;
  /** Running processes only (true), ended ones only (false). */
  running?: boolean;
  /** Processes in which this user holds an open task. */
  assignee?: string;
  /** Processes in which this user holds an open task or someone holds one on their behalf (an absence re-routed it). */
  heldByOrFor?: string;
  provisional?: boolean;
}

export interface InboxRow<Task = SnapshotTask> {
  processId: string;
  processType: string;
  title: string;
  task: Task;
}

export interface SummaryRow {
  processId: string;
  version: number;
  type: string;
  jurisdiction: string;
  leadUnit: string | undefined;
  title: string;
  status: string;
  step: string;
  overdue: boolean;
  provisional: boolean;
  dueAt: string | undefined;
  assignees: string[];
  startedAt: string;
  closedAt: string | undefined;
}

/** Per-type counts of everything the filter matches (all pages), with how many are overdue. */
export interface Counts {
  total: number;
  overdue: number;
  byType: Record<string, number>;
}

export interface Page<T> {
  items: T[];
  /** Pass it back as `cursor` for the next page; absent on the last one. */
  nextCursor?: string;
}

/** One multi-row INSERT (nothing for no rows). */
async function insertRows(tx: Queryable, into: string, rows: unknown[][]): Promise<void> {
  if (!rows.length) return;
  const width = rows[0].length;
  const values = rows.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
  await tx.query(`INSERT INTO ${into} VALUES ${values}`, rows.flat());
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * JSON the database can hold: text and jsonb refuse NUL (SQLSTATE 22021, 22P05) and jsonb lone
 * surrogates, which the API and the workflows' validators refuse but a workflow started without
 * the API may carry. Left in, they would fail the whole projection at every change; here they
 * become U+FFFD (the lists and the GET then show �), and the process stays current in the read model.
 */
function storableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? v.replace(LONE_SURROGATE, '\ufffd').replaceAll('\u0000', '\ufffd') : v));
}

/** One summary row, as `projectSnapshot` and `recordStarted` insert it: its columns, values and placeholders. */
const SUMMARY_COLUMNS = 'process_id, version, process_type, jurisdiction, lead_unit, title, status, step, overdue, provisional, due_at, due_sort, assignees, started_at, closed_at';
const SUMMARY_PLACEHOLDERS = '$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15';
function summaryValues(s: Omit<ProcessSnapshot, 'tasks' | 'acted' | 'state'>): unknown[] {
  return [s.processId, s.version, s.type, s.jurisdiction, s.leadUnit ?? null, s.title, s.status, s.step, s.overdue, s.provisional, s.dueAt ?? null, s.dueAt ?? NO_DUE_TIME, s.assignees, s.startedAt, s.closedAt ?? null];
}

/**
 * Writes a snapshot if it is newer than what the table holds (`force`: or as new, for a rebuild
 * after a schema change). The summary upsert locks the process's row, so two projections of one
 * process never interleave; its tasks, and its state when it carries one, are written in the same
 * transaction.
 * @returns whether the snapshot (its summary or its state) was written.
 */
export function projectSnapshot(db: Database, snapshot: ProcessSnapshot, opts: { force?: boolean } = {}): Promise<boolean> {
  // A copy the database can hold, whatever junk a workflow started without the API carries.
  const s: typeof snapshot = JSON.parse(storableJson(snapshot));
  return db.transaction(async (tx) => {
    const written = await tx.query(
      `INSERT INTO process_summaries AS cur (${SUMMARY_COLUMNS})
       VALUES (${SUMMARY_PLACEHOLDERS})
       ON CONFLICT (process_id) DO UPDATE SET
         version = excluded.version, process_type = excluded.process_type, jurisdiction = excluded.jurisdiction,
         lead_unit = excluded.lead_unit, title = excluded.title, status = excluded.status, step = excluded.step,
         overdue = excluded.overdue, provisional = excluded.provisional, due_at = excluded.due_at, due_sort = excluded.due_sort,
         assignees = excluded.assignees, started_at = excluded.started_at, closed_at = excluded.closed_at, projected_at = clock_timestamp()
       WHERE excluded.version > cur.version ${opts.force ? 'OR excluded.version = cur.version' : ''}
       RETURNING process_id`,
      summaryValues(s),
    );
    // The state has its own version: it only moves forward, and a snapshot without one keeps it.
    const stateWritten = s.state !== undefined && (await writeState(tx, s.processId, s.version, s.state, opts.force));
    if (!written.rows.length) return stateWritten;
    await tx.query('DELETE FROM inbox_tasks WHERE process_id = $1', [s.processId]);
    const rows = s.tasks.flatMap((task) =>
      [...new Set(task.assignees.map((a) => a.userId))].map((assigneeId) => [assigneeId, task.dueAt ?? NO_DUE_TIME, s.processId, task.id, s.type, s.jurisdiction, s.leadUnit ?? null, s.title, task.overdue, JSON.stringify(task)]),
    );
    await insertRows(tx, 'inbox_tasks (assignee_id, due_sort, process_id, task_id, process_type, jurisdiction, lead_unit, title, overdue, task)', rows);
    if (s.acted) {
      await tx.query('DELETE FROM acted_tasks WHERE process_id = $1', [s.processId]);
      const acted = s.acted.flatMap((a) =>
        [...new Set([a.actorId, a.onBehalfOf].filter((p): p is string => !!p))].map((personId) => [personId, a.at, s.processId, a.taskId, a.step, a.action, a.actorId, a.onBehalfOf ?? null]),
      );
      await insertRows(tx, 'acted_tasks (person_id, acted_at, process_id, task_id, step, action, actor_id, on_behalf_of)', acted);
    }
    return true;
  });
}

/** Upserts a process's whole state if newer than the stored one (`force`: or as new). */
async function writeState(tx: Queryable, processId: string, version: number, state: unknown, force = false): Promise<boolean> {
  const { rows } = await tx.query(
    `INSERT INTO process_states AS cur (process_id, version, state) VALUES ($1, $2, $3)
     ON CONFLICT (process_id) DO UPDATE SET version = excluded.version, state = excluded.state
     WHERE excluded.version > cur.version ${force ? 'OR excluded.version = cur.version' : ''}
     RETURNING process_id`,
    [processId, version, JSON.stringify(state)],
  );
  return rows.length > 0;
}

/** A process's whole state as last projected, with its version; undefined when the read model keeps none. */
export async function storedState<State = unknown>(db: Queryable, processId: string): Promise<{ state: State; version: number } | undefined> {
  const { rows } = await db.query<{ state: State; version: string }>('SELECT state, version FROM process_states WHERE process_id = $1', [processId]);
  return rows[0] ? { state: rows[0].state, version: Number(rows[0].version) } : undefined;
}

/**
 * The summary row of a process just started, before its workflow projects itself (read-your-writes
 * for the API's create): version 0, no tasks, one statement. A projection that got there first
 * (any version) is kept: a new process has no older row to replace and no tasks to remove.
 */
export async function recordStarted(db: Queryable, s: Omit<ProcessSnapshot, 'version' | 'tasks' | 'acted' | 'state'>): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO process_summaries (${SUMMARY_COLUMNS}) VALUES (${SUMMARY_PLACEHOLDERS})
     ON CONFLICT (process_id) DO NOTHING
     RETURNING process_id`,
    summaryValues({ ...s, version: 0 }),
  );
  return rows.length > 0;
}

/** The version the table holds for a process, if any. */
export async function projectedVersion(db: Queryable, processId: string): Promise<number | undefined> {
  const { rows } = await db.query<{ version: string }>('SELECT version FROM process_summaries WHERE process_id = $1', [processId]);
  return rows[0] ? Number(rows[0].version) : undefined;
}

function encodeCursor(key: string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The position a cursor names. @throws RangeError for a cursor this API did not hand out.
 */
export function decodeCursor(cursor: string, parts: number): string[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new RangeError('not a cursor this API handed out');
  }
  if (!Array.isArray(key) || key.length !== parts || !key.every((k) => typeof k === 'string') || Number.isNaN(Date.parse(key[0])))
    throw new RangeError('not a cursor this API handed out');
  return key;
}

/** `%` and `_` in a search are the characters themselves, not patterns. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** WHERE clauses for a filter over a table with the read model's column names. */
function whereOf(filter: ReadModelFilter, params: unknown[], table: 'inbox' | 'summary'): string[] {
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const clauses: string[] = [];
  if (filter.type) clauses.push(`process_type = ${p(filter.type)}`);
  if (filter.jurisdiction) clauses.push(`jurisdiction = ${p(filter.jurisdiction)}`);
  if (filter.unit) clauses.push(`lead_unit = ${p(filter.unit)}`);
  if (filter.overdue !== undefined) clauses.push(`overdue = ${p(filter.overdue)}`);
  if (filter.dueBefore) clauses.push(`due_sort < ${p(filter.dueBefore)}`);
  if (filter.titleContains) clauses.push(`title ILIKE ${p(likePattern(filter.titleContains))}`);
  if (table === 'summary') {
    if (filter.running !== undefined) clauses.push(filter.running ? `status = 'running'` : `status <> 'running'`);
    if (filter.assignee) clauses.push(`assignees @> ARRAY[${p(filter.assignee)}]::text[]`);
    if (filter.heldByOrFor) {
      const user = p(filter.heldByOrFor);
      clauses.push(
        `(assignees @> ARRAY[${user}]::text[] OR process_id IN (SELECT process_id FROM inbox_tasks WHERE task->'assignees' @> jsonb_build_array(jsonb_build_object('onBehalfOf', ${user}::text))))`,
      );
    }
    if (filter.provisional !== undefined) clauses.push(`provisional = ${p(filter.provisional)}`);
  }
  return clauses;
}

async function countBy(db: Queryable, from: string, clauses: string[], params: unknown[]): Promise<Counts> {
  const { rows } = await db.query<{ process_type: string; n: string; overdue: string }>(
    `SELECT process_type, count(*) AS n, count(*) FILTER (WHERE overdue) AS overdue FROM ${from}
     ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} GROUP BY process_type ORDER BY process_type`,
    params,
  );
  return {
    total: rows.reduce((sum, r) => sum + Number(r.n), 0),
    overdue: rows.reduce((sum, r) => sum + Number(r.overdue), 0),
    byType: Object.fromEntries(rows.map((r) => [r.process_type, Number(r.n)])),
  };
}

/**
 * One page of a user's open tasks, soonest due first (those without a due time last), after
 * `cursor`. One range of the inbox index: the cost grows with the page, not with the inbox.
 * @throws RangeError for a bad cursor.
 */
export async function listInbox<Task = SnapshotTask>(
  db: Queryable,
  input: { assigneeId: string; filter?: ReadModelFilter; cursor?: string; limit: number },
): Promise<Page<InboxRow<Task>>> {
  const params: unknown[] = [input.assigneeId];
  const clauses = ['assignee_id = $1', ...whereOf(input.filter ?? {}, params, 'inbox')];
  if (input.cursor) {
    const [due, processId, taskId] = decodeCursor(input.cursor, 3);
    params.push(due, processId, taskId);
    clauses.push(`(due_sort, process_id, task_id) > ($${params.length - 2}::timestamptz, $${params.length - 1}, $${params.length})`);
  }
  params.push(input.limit + 1);
  const { rows } = await db.query<{ due_sort: string; process_id: string; task_id: string; process_type: string; title: string; task: Task }>(
    `SELECT due_sort, process_id, task_id, process_type, title, task FROM inbox_tasks
     WHERE ${clauses.join(' AND ')} ORDER BY due_sort, process_id, task_id LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({ processId: r.process_id, processType: r.process_type, title: r.title, task: r.task })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.due_sort, last.process_id, last.task_id]) : undefined,
  };
}

/** A task a person decided (已办), with its process as it stands now. */
export interface ActedRow {
  processId: string;
  processType: string;
  title: string;
  /** The process's own status now: running, closed, refused … */
  processStatus: string;
  taskId: string;
  step: string;
  action: string;
  actorId: string;
  onBehalfOf: string | undefined;
  at: string;
}

/**
 * One page of the tasks a person decided — themselves or through a delegate acting for them —
 * newest first, after `cursor`: one range of the acted_tasks key, whatever the person's history.
 * @throws RangeError for a bad cursor.
 */
export async function listActed(db: Queryable, input: { personId: string; type?: string; cursor?: string; limit: number }): Promise<Page<ActedRow>> {
  const params: unknown[] = [input.personId];
  const clauses = ['a.person_id = $1'];
  if (input.type) {
    params.push(input.type);
    clauses.push(`s.process_type = $${params.length}`);
  }
  if (input.cursor) {
    const [at, processId, taskId] = decodeCursor(input.cursor, 3);
    params.push(at, processId, taskId);
    clauses.push(`(a.acted_at, a.process_id, a.task_id) < ($${params.length - 2}::timestamptz, $${params.length - 1}, $${params.length})`);
  }
  params.push(input.limit + 1);
  const { rows } = await db.query<{ acted_at: string | Date; process_id: string; task_id: string; step: string; action: string; actor_id: string; on_behalf_of: string | null; process_type: string; title: string; status: string }>(
    `SELECT a.acted_at, a.process_id, a.task_id, a.step, a.action, a.actor_id, a.on_behalf_of, s.process_type, s.title, s.status
     FROM acted_tasks a JOIN process_summaries s USING (process_id)
     WHERE ${clauses.join(' AND ')} ORDER BY a.acted_at DESC, a.process_id DESC, a.task_id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const iso = (t: string | Date) => new Date(t).toISOString();
  return {
    items: page.map((r) => ({
      processId: r.process_id,
      processType: r.process_type,
      title: r.title,
      processStatus: r.status,
      taskId: r.task_id,
      step: r.step,
      action: r.action,
      actorId: r.actor_id,
      onBehalfOf: r.on_behalf_of ?? undefined,
      at: iso(r.acted_at),
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([iso(last.acted_at), last.process_id, last.task_id]) : undefined,
  };
}

/** Counts of a user's open tasks under the filter (all pages). */
export function countInbox(db: Queryable, assigneeId: string, filter: ReadModelFilter = {}): Promise<Counts> {
  const params: unknown[] = [assigneeId];
  return countBy(db, 'inbox_tasks', ['assignee_id = $1', ...whereOf(filter, params, 'inbox')], params);
}

interface SummaryDbRow {
  process_id: string;
  version: string;
  process_type: string;
  jurisdiction: string;
  lead_unit: string | null;
  title: string;
  status: string;
  step: string;
  overdue: boolean;
  provisional: boolean;
  due_at: string | null;
  due_sort: string;
  assignees: string[];
  started_at: string;
  closed_at: string | null;
  projected_at: string;
}

const toSummary = (r: SummaryDbRow): SummaryRow => ({
  processId: r.process_id,
  version: Number(r.version),
  type: r.process_type,
  jurisdiction: r.jurisdiction,
  leadUnit: r.lead_unit ?? undefined,
  title: r.title,
  status: r.status,
  step: r.step,
  overdue: r.overdue,
  provisional: r.provisional,
  dueAt: r.due_at ?? undefined,
  assignees: r.assignees,
  startedAt: r.started_at,
  closedAt: r.closed_at ?? undefined,
});

/**
 * One page of process summaries after `cursor`: soonest due first (ended processes, without a due
 * time, last), or with `order: 'recent'` the last changed first (what was just acted on).
 * @throws RangeError for a bad cursor.
 */
export async function listSummaries(db: Queryable, input: { filter?: ReadModelFilter; cursor?: string; limit: number; order?: 'due' | 'recent' }): Promise<Page<SummaryRow>> {
  const params: unknown[] = [];
  const clauses = whereOf(input.filter ?? {}, params, 'summary');
  const recent = input.order === 'recent';
  const key = recent ? 'projected_at' : 'due_sort';
  if (input.cursor) {
    const [at, processId] = decodeCursor(input.cursor, 2);
    params.push(at, processId);
    clauses.push(`(${key}, process_id) ${recent ? '<' : '>'} ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  params.push(input.limit + 1);
  // The cursor keeps projected_at to the microsecond: a JavaScript date would round it to the millisecond.
  const { rows } = await db.query<SummaryDbRow & { projected_key: string }>(
    `SELECT *, to_char(projected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS projected_key FROM process_summaries ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}
     ORDER BY ${recent ? 'projected_at DESC, process_id DESC' : 'due_sort, process_id'} LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
    nextCursor: rows.length > input.limit && last ? encodeCursor([recent ? last.projected_key : last.due_sort, last.process_id]) : undefined,
  };
}

/** Counts of the processes the filter matches (all pages). */
export function countSummaries(db: Queryable, filter: ReadModelFilter = {}): Promise<Counts> {
  const params: unknown[] = [];
  return countBy(db, 'process_summaries', whereOf(filter, params, 'summary'), params);
}

/** Every process id the filter matches, for operations over all of them (signals to running processes). */
export async function summaryIds(db: Queryable, filter: ReadModelFilter): Promise<string[]> {
  const params: unknown[] = [];
  const clauses = whereOf(filter, params, 'summary');
  const { rows } = await db.query<{ process_id: string }>(
    `SELECT process_id FROM process_summaries ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} ORDER BY process_id`,
    params,
  );
  return rows.map((r) => r.process_id);
}

/** Drops the processes not in `keep` last written before `before` (a rebuild's leftovers); returns how many. */
export async function dropSummariesExcept(db: Queryable, keep: string[], before: string): Promise<number> {
  const { rows } = await db.query<{ process_id: string }>(
    'DELETE FROM process_summaries WHERE NOT (process_id = ANY($1::text[])) AND projected_at < $2 RETURNING process_id',
    [keep, before],
  );
  return rows.length;
}
