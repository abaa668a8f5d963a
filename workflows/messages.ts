/**
 * Message definitions shared by the workflows and the API: types travel, names are not retyped.
 * One object argument per message, so fields can be added without breaking recorded histories.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, AuditEntry, ProcessState } from './engine/types';

export interface TaskActionInput {
  taskId: string;
  action: string;
  actor: Actor;
  comment?: string;
  data?: Record<string, unknown>;
}

/** A person acts on a task; answers with the process state once the workflow has moved on. */
export const taskActionUpdate = defineUpdate<ProcessState, [TaskActionInput]>('taskAction');
/** The same action as a signal (operators in the UI/CLI); an invalid one is audited as rejected. */
export const taskActionSignal = defineSignal<[TaskActionInput]>('taskActionSignal');
/** The calendar learned a year: recompute provisional deadlines. */
export const recomputeDeadlinesSignal = defineSignal<[{ reason: string }]>('recomputeDeadlines');
/** The directory changed (e.g. an absence): re-resolve who holds the open tasks. */
export const refreshAssigneesSignal = defineSignal<[{ reason: string }]>('refreshAssignees');

/** The absence a leave approval is about was withdrawn or corrected: the approval ends (its approvers' tasks are cancelled). */
export const leaveWithdrawnSignal = defineSignal<[{ reason: string }]>('leaveWithdrawn');

/** An operator fixed what made an activity fail (see `details.stuck`): try it again now. */
export const retryActivitiesSignal = defineSignal<[{ reason: string }]>('retryActivities');

export const stateQuery = defineQuery<ProcessState>('state');
export const auditQuery = defineQuery<AuditEntry[]>('audit');

/** ApplicationFailure types the update validator throws; the API maps them to HTTP statuses. */
export const FAILURE = {
  badRequest: 'BadRequest', // 400, details: [{ field, reason }]
  forbidden: 'Forbidden', // 403
  notFound: 'NotFound', // 404
  conflict: 'Conflict', // 409
} as const;
