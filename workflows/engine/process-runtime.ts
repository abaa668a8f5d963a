import {
  allHandlersFinished,
  condition,
  patched,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { Mutex } from 'async-mutex';
import type { Source } from '../../domain/citation';
import type { AssigneeSelector, Assignment } from '../../domain/directory';
import { ENGINE_POLICY } from '../../domain/engine-policy';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { ProcessSnapshot } from '../../domain/read-model';
import { describeLimit, type Limit } from '../../domain/limit';
import { ENGINE_ACTIONS_STEP } from '../../domain/engine-actions';
import { parseAction } from '../../domain/steps';
import { formatShanghai, formatShanghaiChinese } from '../../domain/calendar/shanghai-date';
import {
  auditQuery,
  recomputeDeadlinesSignal,
  refreshAssigneesSignal,
  stateQuery,
  taskActionSignal,
  taskActionUpdate,
  type TaskActionInput,
} from '../messages';
import { SA } from '../search-attributes';
import { checkSignalEnvelope, describeSignal, isEngineAction, validateTaskAction } from './action-validator';
import { activities } from './activities-proxy';
import { ActivityTrouble } from './activity-trouble';
import { AuditTrail, type AuditInput } from './audit-trail';
import { snapshotOf } from './read-model';
import { ReadModelProjector } from './read-model-projector';
import { replayDeadline, RESUMED_REASON } from './deadline-replay';
import { decide, isOpen, type TaskHooks, type TaskRecord } from './task-record';
import type { Deadline, Link, ProcessState, ProcessStatus, TaskOutcome, TaskSpec } from './types';

export interface ProcessInit {
  type: string;
  jurisdiction: JurisdictionId;
  title: string;
  /**
   * The title in Temporal's search attributes, which stay in the clear (docs/operators.md): set
   * when the title names a person, so that Temporal's database holds no name. Default: the title.
   */
  searchTitle?: string;
  leadUnit?: string;
  startedBy: string;
}

type DeadlineRequest =
  | { id: string; label: string; rule: Source; startAt: string; limit: Limit }
  | { id: string; label: string; rule: Source; startAt: string; dueAt: string };

const SETTLE_WAIT = '10 seconds';

/**
 * The human-task engine and the state every process shares: tasks, the deadline ledger, the
 * audit trail, links and search attributes. A process workflow creates one, installs its
 * handlers, and then runs its steps with `runTask`.
 */
export class ProcessRuntime {
  readonly trail = new AuditTrail();
  readonly tasks: TaskRecord[] = [];
  readonly deadlines: Deadline[] = [];
  readonly links: Link[] = [];
  readonly details: Record<string, unknown> = {};
  /** Activities that failed for good: recorded, flagged for operators (GovStuck), retried on their signal. */
  private readonly trouble = new ActivityTrouble(this);
  status: ProcessStatus = 'running';
  step = 'started';
  private readonly startedAt = new Date().toISOString();
  /** Bumped whenever the flow comes to rest (waits for people, or ends): updates answer then. */
  private settledEpoch = 0;
  private lastSearchAttributes = '';
  /**
   * Actions apply one at a time: a handler awaits activities between its check and its change,
   * so without the lock two extensions could both pass the once-only rule (supervision2020:17).
   * Promises only: the lock issues no commands, so recorded histories replay unchanged.
   */
  private readonly actionLock = new Mutex();
  private readonly projector = new ReadModelProjector();
  /** Whether the read model keeps this process's whole state (set in `install`). */
  private keepsState = false;
  /** When the process ended: its closing projections all say the same time. */
  private endedAt: string | undefined;

  constructor(readonly init: ProcessInit) {}

  get id(): string {
    return workflowInfo().workflowId;
  }

  now(): string {
    return new Date().toISOString();
  }

  /** Registers the update, signals and queries every process answers. Call first thing. */
  install(): void {
    // Processes started since issue 12 keep their whole state in the read model, so the API reads
    // them there without loading them into a worker's cache: every change of it is projected (more
    // projections than the lists need), so histories recorded before replay without.
    this.keepsState = patched('read-model-state');
    // A projection takes the state once the moment that changed it is over, so a read never shows
    // half a change (ReadModelProjector.watch); processes started before keep the old path.
    if (this.keepsState) this.projector.watch(() => this.snapshot(), patched('projection-at-rest'));
    this.trouble.install();
    setHandler(
      taskActionUpdate,
      (input) =>
        this.actionLock.runExclusive(async () => {
          // The validator ran before the lock: check again against the state the previous action left.
          validateTaskAction(input, this.findTask(input.taskId), { shape: false, jurisdiction: this.init.jurisdiction });
          const epoch = this.settledEpoch;
          const final = await this.applyAction(input);
          if (final) await condition(() => this.settledEpoch !== epoch || this.status !== 'running', SETTLE_WAIT);
          // The answer's readModelVersion is then the version of exactly this state: the API writes it through.
          if (this.keepsState) this.projector.offer(this.snapshot(), true);
          return this.state();
        }),
      { validator: (input) => validateTaskAction(input, this.findTask(input.taskId), { jurisdiction: this.init.jurisdiction }) },
    );

    setHandler(taskActionSignal, (input) =>
      this.actionLock.runExclusive(async () => {
        try {
          checkSignalEnvelope(input); // typed by hand in the Temporal UI: anything may come
          validateTaskAction(input, this.findTask(input.taskId), { jurisdiction: this.init.jurisdiction });
        } catch (err) {
          const { actorId, taskId, action } = describeSignal(input);
          this.audit({ actorId, action: 'rejected-signal', taskId, detail: `${action}: ${(err as Error).message}` });
          return;
        }
        await this.applyAction(input);
      }),
    );

    setHandler(recomputeDeadlinesSignal, ({ reason }) => this.actionLock.runExclusive(() => this.recomputeProvisionalDeadlines(reason)));
    setHandler(refreshAssigneesSignal, ({ reason }) => this.actionLock.runExclusive(() => this.refreshAssignees(reason)));
    setHandler(stateQuery, () => this.state());
    setHandler(auditQuery, () => this.trail.entries);
  }

  audit(input: AuditInput): void {
    this.trail.append(input, this.now());
  }

  setStep(step: string): void {
    this.step = step;
    this.syncVisibility();
  }

  addLink(link: Link): void {
    this.links.push(link);
  }

  findTask(taskId: string): TaskRecord | undefined {
    return this.tasks.find((t) => t.view.id === taskId);
  }

  findDeadline(id: string): Deadline | undefined {
    return this.deadlines.find((d) => d.id === id);
  }

  /** Computes a deadline (in an activity: calendars change, replays must not) and puts it in the ledger. */
  async setDeadline(request: DeadlineRequest, by = 'system'): Promise<Deadline> {
    let dueAt: string;
    let provisional = false;
    let limit: Limit | null = null;
    if ('limit' in request) {
      limit = request.limit;
      const due = await activities(`${request.label}: ${describeLimit(request.limit)} (${request.rule})`).computeDeadline({
        startAt: request.startAt,
        limit: request.limit,
      });
      dueAt = due.dueAt;
      provisional = due.provisional;
    } else {
      dueAt = request.dueAt;
    }
    const existing = this.findDeadline(request.id);
    const reason = existing ? `reset: ${request.label}` : `set: ${request.label}`;
    const deadline: Deadline = existing ?? { id: request.id, label: request.label, startAt: request.startAt, limit, dueAt, provisional, rule: request.rule, changes: [] };
    Object.assign(deadline, { label: request.label, startAt: request.startAt, limit, dueAt, provisional, rule: request.rule });
    deadline.changes.push({ at: this.now(), dueAt, reason, by });
    if (!existing) this.deadlines.push(deadline);
    this.touchTasksOf(deadline.id, true);
    return deadline;
  }

  /** User ids the selectors name now (stand-ins included). */
  async resolve(selectors: AssigneeSelector[]): Promise<string[]> {
    const found = await activities('resolve recipients').resolveAssignees({ jurisdiction: this.init.jurisdiction, selectors, at: this.now() });
    return found.map((a) => a.userId);
  }

  /** Opens a task: resolves its holders, tells them, and makes it visible in the inbox. */
  async openTask(spec: TaskSpec, hooks: TaskHooks = {}): Promise<TaskRecord> {
    const at = this.now();
    const resolve = (selectors: AssigneeSelector[]) =>
      selectors.length ? activities(`who holds ${spec.step}`).resolveAssignees({ jurisdiction: this.init.jurisdiction, selectors, at }) : Promise.resolve([]);
    const assignees = await resolve(spec.assignees);
    const controllers = (await resolve(spec.controllers ?? [])).map((a) => a.userId);
    const deadline = spec.deadlineId ? this.findDeadline(spec.deadlineId) : undefined;
    const task: TaskRecord = {
      spec,
      hooks,
      version: 0,
      windowStart: Date.now(),
      delegated: [],
      view: {
        id: `t${this.tasks.length + 1}`,
        step: spec.step,
        title: spec.title,
        status: 'open',
        assignees,
        controllers,
        actions: spec.actions,
        rule: spec.rule,
        createdAt: at,
        deadlineId: spec.deadlineId,
        dueAt: deadline?.dueAt,
        provisional: deadline?.provisional,
        overdue: false,
        remindersSent: 0,
        escalated: false,
        extensions: 0,
        fixedExtension: spec.extension,
      },
    };
    this.tasks.push(task);
    this.audit({ actorId: 'system', action: 'task-opened', step: spec.step, taskId: task.view.id, rule: spec.rule, detail: assignees.map(describeAssignment).join(', ') });
    await this.notifyTask(task, 'task-assigned', `新待办：${spec.title}`, task.view.dueAt ? `办理时限：${formatShanghaiChinese(task.view.dueAt)}（${deadline?.rule ?? spec.rule}）` : `未设办理时限（${spec.rule}）`);
    this.syncVisibility();
    return task;
  }

  /** Waits for a task's decision, running its reminder and escalation ladder on the way. */
  async awaitTask(task: TaskRecord): Promise<TaskOutcome> {
    while (isOpen(task)) {
      const version = task.version;
      this.settle();
      if (task.view.status === 'paused') {
        await condition(() => task.version !== version);
        continue;
      }
      const point = this.nextLadderPoint(task);
      if (!point) {
        await condition(() => task.version !== version);
        continue;
      }
      const changed = await condition(() => task.version !== version, Math.max(point.at - Date.now(), 1));
      if (!changed) await this.fireLadderPoint(task, point.kind);
    }
    this.syncVisibility();
    return task.view.outcome ?? { action: 'cancelled', actorId: 'system', at: this.now(), byRule: true };
  }

  /**
   * Waits for tasks that run side by side (countersigning units, every vice chief's opinion). A
   * decision that leaves others open brings the flow to rest, so its update returns at once.
   */
  async awaitAll(tasks: TaskRecord[]): Promise<TaskOutcome[]> {
    return Promise.all(
      tasks.map(async (task) => {
        const outcome = await this.awaitTask(task);
        if (tasks.some(isOpen)) this.settle();
        return outcome;
      }),
    );
  }

  async runTask(spec: TaskSpec, hooks: TaskHooks = {}): Promise<TaskOutcome> {
    return this.awaitTask(await this.openTask(spec, hooks));
  }

  cancelTask(task: TaskRecord, reason: string): void {
    if (!isOpen(task)) return;
    task.view.status = 'cancelled';
    task.version++;
    this.audit({ actorId: 'system', action: 'task-cancelled', step: task.view.step, taskId: task.view.id, detail: reason });
    this.syncVisibility();
  }

  /** Stops a task's clock: the time left is kept, and actions wait until it resumes. */
  pauseTask(task: TaskRecord, by: string, reason?: string, rule?: Source): void {
    task.view.status = 'paused';
    task.remainingMs = task.view.dueAt ? Math.max(Date.parse(task.view.dueAt) - Date.now(), 0) : undefined;
    task.version++;
    this.audit({ actorId: by, action: 'paused', step: task.view.step, taskId: task.view.id, rule, detail: reason });
    this.syncVisibility();
  }

  /** Restarts a paused task's clock with the time it had left when paused. */
  resumeTask(task: TaskRecord, by: string, reason?: string, rule?: Source): void {
    task.view.status = 'open';
    if (task.view.deadlineId && task.remainingMs !== undefined) {
      const deadline = this.findDeadline(task.view.deadlineId)!;
      deadline.dueAt = new Date(Date.now() + task.remainingMs).toISOString();
      deadline.changes.push({ at: this.now(), dueAt: deadline.dueAt, reason: RESUMED_REASON, by });
      this.touchTasksOf(deadline.id, false);
    }
    task.windowStart = Date.now();
    task.view.remindersSent = 0;
    task.version++;
    const due = task.view.dueAt ? `due ${task.view.dueAt}` : undefined;
    this.audit({ actorId: by, action: 'resumed', step: task.view.step, taskId: task.view.id, rule, detail: [reason, due].filter(Boolean).join('; ') || undefined });
    this.syncVisibility();
  }

  /** Marks the flow as at rest, so a waiting update returns the state people will see. */
  settle(): void {
    this.settledEpoch++;
  }

  /** Ends the process: waits for running handlers, archives the trail, clears the inbox. */
  async finish(status: Exclude<ProcessStatus, 'running'>, rule?: Source): Promise<ProcessState> {
    for (const task of this.tasks) this.cancelTask(task, `process ${status}`);
    this.audit({ actorId: 'system', action: `process-${status}`, rule });
    this.status = status;
    this.step = status;
    this.endedAt = this.now();
    this.syncVisibility();
    this.settle();
    await condition(allHandlersFinished);
    await activities('archive the audit trail').archiveAudit({
      processId: this.id,
      processType: this.init.type,
      jurisdiction: this.init.jurisdiction,
      closedAt: this.now(),
      entries: this.trail.entries,
      headHash: this.trail.headHash,
    });
    if (this.keepsState) this.projector.offer(this.snapshot(), true); // whatever the handlers changed on the way out
    await this.projector.flushed();
    return this.state();
  }

  state(): ProcessState {
    return {
      id: this.id,
      type: this.init.type,
      jurisdiction: this.init.jurisdiction,
      title: this.init.title,
      leadUnit: this.init.leadUnit,
      status: this.status,
      step: this.step,
      startedAt: this.startedAt,
      startedBy: this.init.startedBy,
      tasks: this.tasks.map((t) => t.view),
      deadlines: this.deadlines,
      links: this.links,
      details: this.details,
      readModelVersion: this.projector.version,
      ...(this.keepsState ? { readModelKeepsState: true } : {}),
    };
  }

  /** Tells a task's holders something; deduplicated per task, kind and occasion. */
  async notifyTask(task: TaskRecord, kind: string, subject: string, body: string, extraRecipients: string[] = []): Promise<void> {
    const recipientIds = [...new Set([...task.view.assignees.map((a) => a.userId), ...extraRecipients])];
    if (!recipientIds.length) return;
    await activities(`notify: ${kind}`).notify({
      recipientIds,
      processId: this.id,
      kind,
      subject: `[${this.init.title}] ${subject}`,
      body,
      dedupeKey: `${this.id}/${task.view.id}/${kind}/${task.version}/${task.view.remindersSent}`,
    });
  }

  // ---- actions ----------------------------------------------------------------------------

  /** Applies a validated action; returns whether it decided the task. */
  private async applyAction(input: TaskActionInput): Promise<boolean> {
    const task = this.findTask(input.taskId)!;
    const onBehalfOf = task.view.assignees.find((a) => a.userId === input.actor.userId)?.onBehalfOf;
    const base = { actorId: input.actor.userId, onBehalfOf, step: task.view.step, taskId: task.view.id };
    if (isEngineAction(input.action)) {
      await this.applyEngineAction(input, task);
      return false;
    }
    const spec = task.view.actions.find((a) => a.name === input.action)!;
    this.audit({ ...base, action: input.action, rule: task.spec.rule, detail: input.comment });
    if (spec.final) {
      decide(task, { action: input.action, actorId: input.actor.userId, onBehalfOf, at: this.now(), comment: input.comment, data: input.data });
      this.syncVisibility();
      return true;
    }
    await task.hooks.onAction?.(input, task, onBehalfOf);
    task.version++;
    this.syncVisibility();
    return false;
  }

  private async applyEngineAction(input: TaskActionInput, task: TaskRecord): Promise<void> {
    const by = input.actor.userId;
    const base = { actorId: by, step: task.view.step, taskId: task.view.id, detail: input.comment };
    const action = parseAction(ENGINE_ACTIONS_STEP, input);
    switch (action.action) {
      case 'delegate': {
        const { toUserId } = action.data;
        const exists = await activities('check the delegate').userExists({ jurisdiction: this.init.jurisdiction, userId: toUserId });
        if (!exists) {
          this.audit({ ...base, action: 'rejected-delegation', detail: `${toUserId} is not in this jurisdiction's directory` });
          return;
        }
        const onBehalfOf = task.view.assignees.find((a) => a.userId === by)?.onBehalfOf ?? by;
        task.delegated.push({ userId: toUserId, onBehalfOf });
        task.view.assignees = [...task.view.assignees, { userId: toUserId, onBehalfOf }];
        this.audit({ ...base, action: 'delegated', detail: `${toUserId} on behalf of ${onBehalfOf}${input.comment ? `: ${input.comment}` : ''}` });
        break;
      }
      case 'extend': {
        const deadline = this.findDeadline(task.view.deadlineId!)!;
        const fixed = task.spec.extension;
        const { workingDays, dueAt } = action.data;
        const limit: Limit | undefined = fixed?.limit ?? (workingDays ? { unit: 'workingDays', n: workingDays } : undefined);
        const due = limit
          ? await activities(`extension: ${describeLimit(limit)}`).extendDeadline({ previousDueAt: deadline.dueAt, limit })
          : { dueAt: new Date(dueAt!).toISOString(), provisional: false };
        deadline.dueAt = due.dueAt;
        deadline.provisional = due.provisional;
        deadline.changes.push({ at: this.now(), dueAt: due.dueAt, reason: `extended: ${input.comment}`, by, extension: limit ?? null });
        task.view.extensions++;
        task.view.overdue = false;
        task.view.escalated = false;
        task.view.remindersSent = 0;
        task.windowStart = Date.now();
        this.audit({ ...base, action: 'extended', rule: fixed?.rule, detail: `to ${due.dueAt}: ${input.comment}` });
        this.touchTasksOf(deadline.id, false);
        break;
      }
      case 'pause':
        this.pauseTask(task, by, input.comment);
        return;
      case 'resume':
        this.resumeTask(task, by, input.comment);
        return;
    }
    task.version++;
    this.syncVisibility();
  }

  // ---- deadlines and the ladder -----------------------------------------------------------

  /** Copies a deadline's due time to the tasks that run on it and wakes them. */
  private touchTasksOf(deadlineId: string, resetLadder: boolean): void {
    const deadline = this.findDeadline(deadlineId)!;
    for (const task of this.tasks) {
      if (task.view.deadlineId !== deadlineId || !isOpen(task)) continue;
      task.view.dueAt = deadline.dueAt;
      task.view.provisional = deadline.provisional;
      if (resetLadder) {
        task.view.overdue = false;
        task.view.escalated = false;
        task.view.remindersSent = 0;
        task.windowStart = Date.now();
      }
      task.version++;
    }
  }

  private nextLadderPoint(task: TaskRecord): { at: number; kind: 'reminder' | 'due' } | undefined {
    if (!task.view.dueAt || task.view.overdue) return undefined;
    const due = Date.parse(task.view.dueAt);
    const fractions = ENGINE_POLICY.reminderFractions.value;
    const sent = task.view.remindersSent;
    if (sent < fractions.length) {
      const at = task.windowStart + (due - task.windowStart) * fractions[sent];
      if (at < due) return { at, kind: 'reminder' };
    }
    return { at: due, kind: 'due' };
  }

  private async fireLadderPoint(task: TaskRecord, kind: 'reminder' | 'due'): Promise<void> {
    const { view, spec } = task;
    // A 催办 reminder whose moment passed with the deadline (a worker stopped or swamped past it,
    // seen in the deadline-storm bench) would reach the holder after the limit, just before the
    // overdue notice: the deadline's own rule acts instead. Histories recorded before sent it.
    if (kind === 'reminder' && Date.now() >= Date.parse(view.dueAt!) && patched('late-reminder-skipped')) kind = 'due';
    if (kind === 'reminder') {
      await this.notifyTask(task, 'reminder', `催办：${view.title}`, `办理时限：${formatShanghaiChinese(view.dueAt!)}`);
      view.remindersSent++;
      this.audit({ actorId: 'system', action: 'reminder-sent', step: view.step, taskId: view.id, rule: ENGINE_POLICY.reminderFractions.source });
      return;
    }
    const rule = view.deadlineId ? this.findDeadline(view.deadlineId)!.rule : spec.rule;
    switch (spec.timeoutRule) {
      case 'deemed-consent':
      case 'return': {
        const action = spec.timeoutRule === 'deemed-consent' ? 'deemed-consent' : 'returned';
        this.audit({ actorId: 'system', action, step: view.step, taskId: view.id, rule, detail: 'no decision by the due time' });
        decide(task, { action, actorId: 'system', at: this.now(), byRule: true });
        break;
      }
      case 'escalate':
      case 'none': {
        view.overdue = true;
        task.version++;
        this.audit({ actorId: 'system', action: 'overdue', step: view.step, taskId: view.id, rule });
        let escalationIds: string[] = [];
        if (spec.timeoutRule === 'escalate' && spec.escalateTo?.length) {
          const at = this.now();
          escalationIds = (await activities('who receives the escalation').resolveAssignees({ jurisdiction: this.init.jurisdiction, selectors: spec.escalateTo, at })).map((a) => a.userId);
          view.escalated = true;
          this.audit({ actorId: 'system', action: 'escalated', step: view.step, taskId: view.id, rule, detail: escalationIds.join(', ') });
        }
        await this.notifyTask(task, 'overdue', `已逾期：${view.title}`, `办理时限为${formatShanghaiChinese(view.dueAt!)}（${rule}）`, escalationIds);
        await task.hooks.onOverdue?.(task);
        break;
      }
    }
    this.syncVisibility();
  }

  private async recomputeProvisionalDeadlines(reason: string): Promise<void> {
    // Histories recorded before it recomputed the base only, dropping extensions and pauses.
    const keepsExtensions = this.deadlines.some((d) => d.provisional) && patched('recompute-keeps-extensions');
    for (const deadline of this.deadlines) {
      if (!deadline.provisional || (!deadline.limit && !keepsExtensions)) continue;
      const due = keepsExtensions
        ? await replayDeadline(deadline, {
            compute: (startAt, limit) => activities(`recompute ${deadline.label}`).computeDeadline({ startAt, limit }),
            extend: (previousDueAt, limit) => activities(`recompute ${deadline.label}: extension ${describeLimit(limit)}`).extendDeadline({ previousDueAt, limit }),
          })
        : await activities(`recompute ${deadline.label}`).computeDeadline({ startAt: deadline.startAt, limit: deadline.limit! });
      deadline.provisional = due.provisional;
      if (due.dueAt !== deadline.dueAt) {
        deadline.dueAt = due.dueAt;
        deadline.changes.push({ at: this.now(), dueAt: due.dueAt, reason: `recomputed: ${reason}`, by: 'system' });
        this.audit({ actorId: 'system', action: 'deadline-recomputed', rule: deadline.rule, detail: `${deadline.label} → ${due.dueAt}` });
      }
      this.touchTasksOf(deadline.id, false);
    }
    this.syncVisibility();
  }

  private async refreshAssignees(reason: string): Promise<void> {
    for (const task of this.tasks.filter(isOpen)) {
      const at = this.now();
      const resolved = await activities(`who holds ${task.view.step}`).resolveAssignees({ jurisdiction: this.init.jurisdiction, selectors: task.spec.assignees, at });
      const next = [...resolved, ...task.delegated.filter((d) => !resolved.some((r) => r.userId === d.userId))];
      const before = task.view.assignees.map(describeAssignment).sort().join(', ');
      const after = next.map(describeAssignment).sort().join(', ');
      // A holder now known to be absent with nobody to act for them changes the task too: it is flagged.
      const flagged = (list: Assignment[]) => list.filter((a) => a.absent).map((a) => a.userId).sort().join(', ');
      if (before === after && flagged(task.view.assignees) === flagged(next)) continue;
      const added = next.filter((a) => !task.view.assignees.some((b) => b.userId === a.userId)).map((a) => a.userId);
      task.view.assignees = next;
      task.version++;
      this.audit({ actorId: 'system', action: 'reassigned', step: task.view.step, taskId: task.view.id, detail: `${after} (${reason})` });
      if (added.length) await this.notifyTask(task, 'task-assigned', `新待办：${task.view.title}`, `由您代为办理：${reason}`, added);
    }
    this.syncVisibility();
  }

  // ---- visibility ---------------------------------------------------------------------------

  /** Search attributes for the inbox and UI lists; upserted only when they change. */
  private syncVisibility(): void {
    const open = this.tasks.filter(isOpen);
    const assignees = [...new Set(open.flatMap((t) => t.view.assignees.map((a) => a.userId)))].sort();
    const dues = open.map((t) => t.view.dueAt).filter((d): d is string => !!d).sort();
    const pairs: SearchAttributeUpdatePair[] = [
      { key: SA.processType, value: this.init.type },
      { key: SA.jurisdiction, value: this.init.jurisdiction },
      { key: SA.title, value: this.init.searchTitle ?? this.init.title },
      { key: SA.step, value: this.step },
      { key: SA.status, value: this.status },
      { key: SA.assignees, value: assignees },
      { key: SA.overdue, value: open.some((t) => t.view.overdue) },
      { key: SA.provisional, value: this.deadlines.some((d) => d.provisional) },
      { key: SA.dueAt, value: dues.length ? new Date(dues[0]) : null },
    ];
    if (this.init.leadUnit) pairs.push({ key: SA.leadUnit, value: this.init.leadUnit });
    const fingerprint = JSON.stringify(pairs.map((p) => p.value));
    if (fingerprint !== this.lastSearchAttributes) {
      this.lastSearchAttributes = fingerprint;
      upsertSearchAttributes(pairs);
    }
    setCurrentDetails(this.describeForOperators(open));
    // The inbox and lists read PostgreSQL (db/read-model-repository.ts); histories recorded before it replay without.
    this.projector.offer(this.snapshot(), patched('read-model-projection'));
  }

  /** What the read model is offered (its version is the projector's to set). */
  private snapshot(): ProcessSnapshot {
    // An ended process keeps the time it ended: otherwise each later moment would be a change to project.
    return snapshotOf(this.state(), 0, (this.keepsState && this.endedAt) || this.now());
  }

  private describeForOperators(open: TaskRecord[]): string {
    const lines = [`**${this.init.title}** — ${this.status}, step \`${this.step}\``];
    for (const t of open) {
      const due = t.view.dueAt ? `due ${formatShanghai(t.view.dueAt)}${t.view.overdue ? ' (OVERDUE)' : ''}` : 'no time limit';
      lines.push(`- ${t.view.title}: ${t.view.assignees.map(describeAssignment).join(', ')}; ${due} (${t.view.rule})`);
    }
    return lines.join('\n');
  }
}

export function describeAssignment(a: { userId: string; onBehalfOf?: string }): string {
  return a.onBehalfOf ? `${a.userId} on behalf of ${a.onBehalfOf}` : a.userId;
}
