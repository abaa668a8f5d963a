import type { Source } from '../../domain/citation';
import type { AssigneeSelector, Assignment, Role } from '../../domain/directory';
import type { JurisdictionId } from '../../domain/jurisdictions';
import type { Limit } from '../../domain/limit';
import type { StepDeclaration } from '../../domain/steps';

/** The authenticated person acting; the API fills it from the token, never from the request body. */
export interface Actor {
  userId: string;
  roles: Role[];
  /**
   * The jurisdiction of the token. A process answers only its own jurisdiction's people, and an
   * operator's powers (pause, resume, extend) hold in the operator's own jurisdiction only.
   * Optional for signals recorded before it was sent; without it no operator powers apply.
   */
  jurisdiction?: string;
}

/** What happens when a task's due time passes without a decision. */
export type TimeoutRule =
  | 'deemed-consent' // countersign silence = no objection (视为无不同意见), recorded as such
  | 'escalate' // marked overdue, the escalation targets are told, the task stays open
  | 'return' // the task closes with outcome `returned`
  | 'none'; // marked overdue, assignees reminded, task stays open

/** An action a person can take on a task, as the API and the UI show it. */
export interface ActionView {
  name: string;
  /** zh-CN, as people read it. */
  label: string;
  labelEn?: string;
  /** A final action decides the task; others (e.g. a progress report) are recorded and it stays open. */
  final: boolean;
}

/** Everything the engine needs to open a human task. Process workflows build these. */
export interface TaskSpec {
  step: string; // e.g. 'ticket.execution'
  /** The step's declaration (domain/<process>/steps.ts): the engine validates each action's data by it. */
  declaration?: StepDeclaration;
  title: string;
  assignees: AssigneeSelector[];
  /** Who may extend, pause and resume the task (besides operators). */
  controllers?: AssigneeSelector[];
  /** Whom the escalation reaches when the task is overdue. */
  escalateTo?: AssigneeSelector[];
  actions: ActionView[];
  /** The task's deadline in the ledger; none means the rules set no limit for this step. */
  deadlineId?: string;
  timeoutRule: TimeoutRule;
  rule: Source; // the article that makes this step
  /** At most this many extensions (e.g. once by 30 days, supervision2020:17). */
  maxExtensions?: number;
  /** A fixed extension the rules give; else the extender states the new limit. */
  extension?: { limit: Limit; rule: Source };
}

export interface TaskOutcome {
  action: string;
  actorId: string; // 'system' for deemed consent and timeouts
  onBehalfOf?: string;
  at: string;
  comment?: string;
  data?: Record<string, unknown>;
  /** True when the outcome was applied by the rules, not by a person (deemed consent, return on timeout). */
  byRule?: boolean;
}

export interface TaskView {
  id: string;
  step: string;
  title: string;
  status: 'open' | 'paused' | 'done' | 'cancelled';
  assignees: Assignment[];
  controllers: string[];
  actions: ActionView[];
  rule: Source;
  createdAt: string;
  deadlineId?: string;
  dueAt?: string;
  provisional?: boolean;
  overdue: boolean;
  remindersSent: number;
  escalated: boolean;
  extensions: number;
  /** The extension the rules fix for this step (e.g. once by 30 days, supervision2020:17): `extend` then takes no data. */
  fixedExtension?: { limit: Limit; rule: Source };
  outcome?: TaskOutcome;
}

/** One entry of the deadline ledger: how a due time came about and every change to it. */
export interface Deadline {
  id: string;
  label: string;
  startAt: string;
  /** The limit as the rules state it; null for an explicit due time given by a person. */
  limit: Limit | null;
  dueAt: string;
  provisional: boolean;
  rule: Source;
  changes: DeadlineChange[];
}

/** One line of a deadline's ledger. */
export interface DeadlineChange {
  at: string;
  dueAt: string;
  reason: string;
  by: string;
  /**
   * On an extension: the limit it added, or null for a due time a person gave; kept so that a
   * recompute of the deadline can count it again (deadline-replay.ts). Absent on older entries.
   */
  extension?: Limit | null;
}

export interface Link {
  /** 'agenda-item': a meeting's item (议题); 'meeting': the standing meeting an item went to. */
  relation: 'parent' | 'child' | 'spawned-by' | 'spawned' | 'agenda-item' | 'meeting';
  processId: string;
  type: string;
}

/** refused: the office declined to issue (000:68); returned: sent back to its sender as non-conforming (000:63). */
export type ProcessStatus = 'running' | 'completed' | 'closed' | 'cancelled' | 'refused' | 'returned';

export interface ProcessState {
  id: string;
  type: string;
  jurisdiction: JurisdictionId;
  title: string;
  leadUnit?: string;
  status: ProcessStatus;
  step: string;
  startedAt: string;
  startedBy: string;
  tasks: TaskView[];
  deadlines: Deadline[];
  links: Link[];
  /** Process-specific facts (the ticket's notes, findings, ...). */
  details: Record<string, unknown>;
  /** The read model version of this state (db/read-model-repository.ts): the API writes it through. */
  readModelVersion?: number;
  /**
   * The read model keeps this whole state with each projection (processes started since issue 12
   * item 2), so reading the process asks the read model; absent, reading it queries the workflow.
   */
  readModelKeepsState?: boolean;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string;
  onBehalfOf?: string;
  action: string;
  step?: string;
  taskId?: string;
  rule?: Source;
  detail?: string;
  prevHash: string;
  hash: string;
}
