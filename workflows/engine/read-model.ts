import type { ProcessSnapshot } from '../../domain/read-model';
import type { ProcessState, TaskView } from './types';

/**
 * What the read model keeps of a process: its summary and its open tasks, and its whole state when
 * the process keeps it there (`readModelKeepsState`: started since issue 12; the GET reads it). A
 * pure function of the state, used by the workflow (projection), the API (write-through after an
 * action) and `npm run reproject`, so all three write the same rows for the same state.
 */
export function snapshotOf(state: ProcessState, version: number, closedAt?: string): ProcessSnapshot<TaskView, ProcessState> {
  const open = state.tasks.filter((t) => t.status === 'open' || t.status === 'paused');
  const dues = open.map((t) => t.dueAt).filter((d): d is string => !!d).sort();
  return {
    processId: state.id,
    version,
    type: state.type,
    jurisdiction: state.jurisdiction,
    leadUnit: state.leadUnit,
    title: state.title,
    status: state.status,
    step: state.step,
    overdue: open.some((t) => t.overdue),
    provisional: state.deadlines.some((d) => d.provisional),
    dueAt: dues[0],
    assignees: [...new Set(open.flatMap((t) => t.assignees.map((a) => a.userId)))].sort(),
    startedAt: state.startedAt,
    closedAt: state.status === 'running' ? undefined : closedAt,
    tasks: open,
    // A decided task never changes again, so this list changes only when the open tasks do: the
    // snapshot's fingerprint, and so the projections a history records, stay as they were.
    acted: state.tasks.flatMap((t) =>
      t.status === 'done' && t.outcome && !t.outcome.byRule && t.outcome.actorId !== 'system'
        ? [{ taskId: t.id, step: t.step, action: t.outcome.action, actorId: t.outcome.actorId, ...(t.outcome.onBehalfOf ? { onBehalfOf: t.outcome.onBehalfOf } : {}), at: t.outcome.at }]
        : [],
    ),
    // Without its version: that is the snapshot's own, and it must not change what the snapshot says.
    ...(state.readModelKeepsState ? { state: { ...state, readModelVersion: undefined } } : {}),
  };
}
