import type { Assignment } from './directory';

/** The least the read model needs of a task; the whole task as the workflow shows it is stored with it. */
export interface SnapshotTask {
  id: string;
  status: string;
  assignees: Assignment[];
  dueAt?: string;
  overdue: boolean;
  provisional?: boolean;
}

/** A task a person decided (not the rules): the 已办 of whoever acted and of whom they acted for. */
export interface ActedTask {
  taskId: string;
  step: string;
  action: string;
  actorId: string;
  onBehalfOf?: string;
  at: string;
}

/**
 * A process as the inbox, the lists and the dashboards see it: its summary and its open tasks.
 * `version` only grows for one process (the workflow's clock in µs, or higher), so a retried or
 * replayed projection of an older snapshot never overwrites a newer one.
 */
export interface ProcessSnapshot<Task extends SnapshotTask = SnapshotTask, State = unknown> {
  processId: string;
  version: number;
  type: string;
  jurisdiction: string;
  leadUnit?: string;
  title: string;
  /** The process's own status: running, completed, closed, refused, returned, cancelled. */
  status: string;
  step: string;
  overdue: boolean;
  provisional: boolean;
  /** The soonest due time of the open tasks. */
  dueAt?: string;
  /** Everyone holding an open task. */
  assignees: string[];
  startedAt: string;
  closedAt?: string;
  /** Open and paused tasks only. */
  tasks: Task[];
  /** Every task a person decided, oldest first; absent, the read model's 已办 rows are left as they are. */
  acted?: ActedTask[];
  /**
   * The whole state of the process, as its workflow's state query answers it (without its
   * readModelVersion: that is `version`), when the process keeps it in the read model; absent,
   * the stored state is left as it is.
   */
  state?: State;
}
