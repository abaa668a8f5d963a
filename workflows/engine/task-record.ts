import type { TaskActionInput } from '../messages';
import type { TaskOutcome, TaskSpec, TaskView } from './types';

/** Process-specific behaviour a task can carry beside its spec. */
export interface TaskHooks {
  /** Extra, synchronous checks (e.g. "acknowledged already"); throw with `reject`. */
  validate?: (input: TaskActionInput, task: TaskRecord) => void;
  /** Runs for a non-final action (progress report, objection), after it is audited. */
  onAction?: (input: TaskActionInput, task: TaskRecord, onBehalfOf?: string) => Promise<void> | void;
  /** Runs once when the task passes its due time undecided. */
  onOverdue?: (task: TaskRecord) => Promise<void> | void;
}

/** A task as the engine keeps it: the public view plus what drives it. */
export interface TaskRecord {
  view: TaskView;
  spec: TaskSpec;
  hooks: TaskHooks;
  /** Bumped on every change, so the waiting loop wakes and re-plans its timers. */
  version: number;
  /** Start of the current reminder window (creation, last extension or resume). */
  windowStart: number;
  /** Time left when paused, so resuming restores it. */
  remainingMs?: number;
  /** Assignments added by delegation survive a directory refresh. */
  delegated: { userId: string; onBehalfOf: string }[];
}

export function isOpen(task: TaskRecord): boolean {
  return task.view.status === 'open' || task.view.status === 'paused';
}

export function decide(task: TaskRecord, outcome: TaskOutcome): void {
  task.view.outcome = outcome;
  task.view.status = 'done';
  task.version++;
}
