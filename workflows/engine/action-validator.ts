import type { ZodType } from 'zod';
import { actionInputProblems } from '../../domain/action-input';
import { zhIssue } from '../../domain/field-messages';
import { acceptedSchema } from '../../domain/steps';
import type { TaskActionInput } from '../messages';
import { engineActionSchema } from './engine-action-schemas';
import { reject, type FieldError } from './failures';
import { isOpen, type TaskRecord } from './task-record';

/** Actions every task understands besides its own: the engine's, not the process's. */
export const ENGINE_ACTIONS = ['delegate', 'extend', 'pause', 'resume'] as const;
export type EngineAction = (typeof ENGINE_ACTIONS)[number];

export function isEngineAction(action: string): action is EngineAction {
  return ENGINE_ACTIONS.some((engineAction) => engineAction === action);
}

function isAssignee(task: TaskRecord, userId: string): boolean {
  return task.view.assignees.some((a) => a.userId === userId);
}

/** The step's supervising office, or an operator of the process's own jurisdiction (docs/operators.md). */
function isController(task: TaskRecord, input: TaskActionInput, jurisdiction: string | undefined): boolean {
  const ownOperator = input.actor.roles.includes('operator') && jurisdiction !== undefined && input.actor.jurisdiction === jurisdiction;
  return task.view.controllers.includes(input.actor.userId) || ownOperator;
}

function requireComment(input: TaskActionInput, why: string): void {
  if (!input.comment?.trim()) reject.badRequest(`${input.action} needs a reason`, [{ field: 'comment', reason: why }]);
}

function validateEngineAction(input: TaskActionInput, action: EngineAction, task: TaskRecord, shape: boolean, jurisdiction: string | undefined): void {
  const { view, spec } = task;
  switch (action) {
    case 'delegate':
      if (!isAssignee(task, input.actor.userId)) reject.forbidden('only a holder of the task can delegate it');
      const toUserId = input.data?.toUserId;
      if (typeof toUserId !== 'string' || !toUserId)
        reject.badRequest('delegate needs a user', [{ field: 'data.toUserId', reason: 'required: the user id to hand the task to' }]);
      if (shape) checkData(input, engineActionSchema(action, task));
      if (isAssignee(task, toUserId)) reject.conflict(`${toUserId} already holds this task`);
      return;
    case 'extend': {
      if (!isController(task, input, jurisdiction)) reject.forbidden('only the office supervising this step can extend it');
      if (!view.deadlineId) reject.conflict('this step has no time limit to extend');
      if (spec.maxExtensions !== undefined && view.extensions >= spec.maxExtensions)
        reject.conflict(`the limit can be extended ${spec.maxExtensions} time(s) only (${spec.extension?.rule ?? spec.rule})`);
      requireComment(input, 'an extension records its reason in the deadline ledger');
      if (shape) checkData(input, engineActionSchema(action, task));
      if (spec.extension) return;
      const { workingDays, dueAt } = input.data ?? {};
      const errors: FieldError[] = [];
      if (workingDays === undefined && dueAt === undefined) errors.push({ field: 'data.workingDays', reason: 'give workingDays or dueAt' });
      if (workingDays !== undefined && !(typeof workingDays === 'number' && Number.isInteger(workingDays) && workingDays > 0 && workingDays <= 250))
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
      if (!isController(task, input, jurisdiction)) reject.forbidden('only the office supervising this step can pause it');
      if (view.status === 'paused') reject.conflict('the task is paused already');
      requireComment(input, 'a pause records why the clock stops');
      if (shape) checkData(input, engineActionSchema(action, task));
      return;
    case 'resume':
      if (!isController(task, input, jurisdiction)) reject.forbidden('only the office supervising this step can resume it');
      if (view.status !== 'paused') reject.conflict('the task is not paused');
      if (shape) checkData(input, engineActionSchema(action, task));
      return;
  }
}

function checkInputBounds(input: TaskActionInput): void {
  const errors = actionInputProblems(input);
  if (errors.length) reject.badRequest(errors[0].field === 'comment' ? 'invalid comment' : `invalid input for ${input.action}`, errors);
}

/**
 * `data` must be exactly the action's declared shape: whatever the schema does not name is
 * refused (a schema that strips unknown keys would otherwise let them into the history).
 * Actions that declare no schema take no data.
 */
function checkData(input: TaskActionInput, schema: ZodType | undefined): void {
  const data = input.data ?? {};
  if (!schema) {
    const extra = Object.keys(data).filter((k) => data[k] !== undefined);
    if (extra.length) reject.badRequest(`${input.action} takes no data`, extra.map((k) => ({ field: `data.${k}`, reason: 'unknown field' })));
    return;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    reject.badRequest(
      `invalid input for ${input.action}`,
      parsed.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((k) => ({ field: ['data', ...issue.path.map(String), k].join('.'), reason: 'unknown field' }))
          : [{ field: ['data', ...issue.path.map(String)].join('.'), reason: issue.message, message: zhIssue(issue) }],
      ),
    );
  const known: object = parsed.data !== null && typeof parsed.data === 'object' ? parsed.data : {};
  const unknown = Object.keys(data).filter((k) => data[k] !== undefined && !(k in known));
  if (unknown.length) reject.badRequest(`invalid input for ${input.action}`, unknown.map((k) => ({ field: `data.${k}`, reason: 'unknown field' })));
}

/**
 * The synchronous check an update runs before anything changes: a rejected action changes
 * nothing. Throws NotFound, Conflict, Forbidden or BadRequest failures.
 *
 * With `shape: false` only what depends on the process's state is checked again — the update
 * handler does so inside the action lock, since an earlier action may have changed it after the
 * validator ran. The input's shape cannot change in between, so it is not checked twice (and a
 * later tightening of a schema cannot make a recorded history replay differently).
 */
export function validateTaskAction(
  input: TaskActionInput,
  task: TaskRecord | undefined,
  { shape = true, jurisdiction }: { shape?: boolean; jurisdiction?: string } = {},
): void {
  // Someone of another jurisdiction learns nothing, not even that the process exists (404).
  if (input.actor.jurisdiction !== undefined && jurisdiction !== undefined && input.actor.jurisdiction !== jurisdiction) reject.notFound('no such process');
  if (!task) reject.notFound(`no task ${input.taskId} in this process`);
  if (!isOpen(task)) reject.conflict(`task ${task.view.id} (${task.view.step}) is ${task.view.status === 'done' ? 'already decided' : task.view.status}`);
  if (shape) checkInputBounds(input);
  if (isEngineAction(input.action)) return validateEngineAction(input, input.action, task, shape, jurisdiction);

  const allowed = task.view.actions.map((a) => a.name);
  if (!allowed.includes(input.action))
    reject.badRequest(`action ${input.action} is not possible on this task`, [
      { field: 'action', reason: `one of: ${[...allowed, ...ENGINE_ACTIONS].join(', ')}` },
    ]);
  const declared = task.spec.declaration?.actions[input.action];
  if (declared?.by === 'controller') {
    if (!isController(task, input, jurisdiction)) reject.forbidden(`only the office supervising ${task.view.step} can ${input.action}`);
  } else if (!isAssignee(task, input.actor.userId)) reject.forbidden(`task ${task.view.id} is not assigned to ${input.actor.userId}`);
  if (task.view.status === 'paused') reject.conflict('the task is paused; resume it first');
  if (shape) checkData(input, declared && acceptedSchema(declared, input.data));
  task.hooks.validate?.(input, task);
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A signal's argument is whatever its sender typed: the fields the engine reads must be there. */
export function checkSignalEnvelope(input: unknown): asserts input is TaskActionInput {
  const errors: FieldError[] = [];
  if (!isRecord(input)) reject.badRequest('the signal needs { taskId, action, actor: { userId, roles } }', [{ field: '(body)', reason: 'an object' }]);
  if (typeof input.taskId !== 'string') errors.push({ field: 'taskId', reason: 'a task id such as t1' });
  if (typeof input.action !== 'string') errors.push({ field: 'action', reason: 'an action name' });
  const actor = input.actor;
  if (
    !isRecord(actor) ||
    typeof actor.userId !== 'string' ||
    !Array.isArray(actor.roles) ||
    !actor.roles.every((r) => typeof r === 'string') ||
    (actor.jurisdiction !== undefined && typeof actor.jurisdiction !== 'string')
  )
    errors.push({ field: 'actor', reason: '{ userId, roles: [...], jurisdiction }' });
  if (errors.length) reject.badRequest('malformed signal', errors);
}

/** Who and what a (possibly malformed) signal names, short, for the audit entry that rejects it. */
export function describeSignal(input: unknown): { actorId: string; taskId?: string; action: string } {
  const text = (v: unknown, fallback: string) => (typeof v === 'string' ? v.slice(0, 100) : fallback);
  const record = isRecord(input) ? input : {};
  const actor = isRecord(record.actor) ? record.actor : {};
  return { actorId: text(actor.userId, 'unknown'), taskId: typeof record.taskId === 'string' ? record.taskId.slice(0, 100) : undefined, action: text(record.action, '(no action)') };
}
