import { ENGINE_POLICY } from '../../domain/engine-policy';
import type { TaskActionInput } from '../messages';
import { reject, type FieldError } from './failures';
import { isOpen, type TaskRecord } from './task-record';

/** Actions every task understands besides its own: the engine's, not the process's. */
export const ENGINE_ACTIONS = ['delegate', 'extend', 'pause', 'resume'] as const;
export type EngineAction = (typeof ENGINE_ACTIONS)[number];

export function isEngineAction(action: string): action is EngineAction {
  return (ENGINE_ACTIONS as readonly string[]).includes(action);
}

function isAssignee(task: TaskRecord, userId: string): boolean {
  return task.view.assignees.some((a) => a.userId === userId);
}

function isController(task: TaskRecord, input: TaskActionInput): boolean {
  return task.view.controllers.includes(input.actor.userId) || input.actor.roles.includes('operator');
}

function requireComment(input: TaskActionInput, why: string): void {
  if (!input.comment?.trim()) reject.badRequest(`${input.action} needs a reason`, [{ field: 'comment', reason: why }]);
}

function validateEngineAction(input: TaskActionInput, action: EngineAction, task: TaskRecord): void {
  const { view, spec } = task;
  switch (action) {
    case 'delegate':
      if (!isAssignee(task, input.actor.userId)) reject.forbidden('only a holder of the task can delegate it');
      if (typeof input.data?.toUserId !== 'string' || !input.data.toUserId)
        reject.badRequest('delegate needs a user', [{ field: 'data.toUserId', reason: 'required: the user id to hand the task to' }]);
      if (isAssignee(task, input.data.toUserId as string)) reject.conflict(`${input.data.toUserId} already holds this task`);
      return;
    case 'extend': {
      if (!isController(task, input)) reject.forbidden('only the office supervising this step can extend it');
      if (!view.deadlineId) reject.conflict('this step has no time limit to extend');
      if (spec.maxExtensions !== undefined && view.extensions >= spec.maxExtensions)
        reject.conflict(`the limit can be extended ${spec.maxExtensions} time(s) only (${spec.extension?.rule ?? spec.rule})`);
      requireComment(input, 'an extension records its reason in the deadline ledger');
      if (spec.extension) return;
      const { workingDays, dueAt } = input.data ?? {};
      const errors: FieldError[] = [];
      if (workingDays === undefined && dueAt === undefined) errors.push({ field: 'data.workingDays', reason: 'give workingDays or dueAt' });
      if (workingDays !== undefined && !(Number.isInteger(workingDays) && (workingDays as number) > 0 && (workingDays as number) <= 250))
        errors.push({ field: 'data.workingDays', reason: 'a whole number of working days from 1 to 250' });
      if (dueAt !== undefined) {
        const t = typeof dueAt === 'string' ? Date.parse(dueAt) : NaN;
        if (Number.isNaN(t)) errors.push({ field: 'data.dueAt', reason: 'an ISO date-time' });
        else if (view.dueAt && t <= Date.parse(view.dueAt)) errors.push({ field: 'data.dueAt', reason: 'must be later than the current due time' });
      }
      if (errors.length) reject.badRequest('invalid extension', errors);
      return;
    }
    case 'pause':
      if (!isController(task, input)) reject.forbidden('only the office supervising this step can pause it');
      if (view.status === 'paused') reject.conflict('the task is paused already');
      requireComment(input, 'a pause records why the clock stops');
      return;
    case 'resume':
      if (!isController(task, input)) reject.forbidden('only the office supervising this step can resume it');
      if (view.status !== 'paused') reject.conflict('the task is not paused');
      return;
  }
}

/**
 * The synchronous check an update runs before anything changes: a rejected action changes
 * nothing. Throws NotFound, Conflict, Forbidden or BadRequest failures.
 */
export function validateTaskAction(input: TaskActionInput, task: TaskRecord | undefined): void {
  if (!task) reject.notFound(`no task ${input.taskId} in this process`);
  if (!isOpen(task)) reject.conflict(`task ${task.view.id} (${task.view.step}) is ${task.view.status === 'done' ? 'already decided' : task.view.status}`);
  if (input.comment !== undefined && input.comment.length > ENGINE_POLICY.maxCommentLength.value)
    reject.badRequest('comment too long', [{ field: 'comment', reason: `at most ${ENGINE_POLICY.maxCommentLength.value} characters` }]);
  if (isEngineAction(input.action)) return validateEngineAction(input, input.action, task);

  const allowed = task.view.actions.map((a) => a.name);
  if (!allowed.includes(input.action))
    reject.badRequest(`action ${input.action} is not possible on this task`, [
      { field: 'action', reason: `one of: ${[...allowed, ...ENGINE_ACTIONS].join(', ')}` },
    ]);
  const declared = task.spec.declaration?.actions[input.action];
  if (declared?.by === 'controller') {
    if (!isController(task, input)) reject.forbidden(`only the office supervising ${task.view.step} can ${input.action}`);
  } else if (!isAssignee(task, input.actor.userId)) reject.forbidden(`task ${task.view.id} is not assigned to ${input.actor.userId}`);
  if (task.view.status === 'paused') reject.conflict('the task is paused; resume it first');
  const schema = declared?.schema ?? task.hooks.schemas?.[input.action];
  if (schema) {
    const parsed = schema.safeParse(input.data ?? {});
    if (!parsed.success)
      reject.badRequest(
        `invalid input for ${input.action}`,
        parsed.error.issues.map((issue) => ({ field: ['data', ...issue.path.map(String)].join('.'), reason: issue.message })),
      );
  }
  task.hooks.validate?.(input, task);
}
