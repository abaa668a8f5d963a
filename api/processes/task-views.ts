import { z } from 'zod';
import { ENGINE_ACTIONS_STEP } from '../../domain/engine-actions';
import { findStep } from '../../domain/step-catalog';
import type { ActionDeclaration } from '../../domain/steps';
import type { ActionView, TaskView } from '../../workflows/engine/types';
import { inputJsonSchema, type JsonSchema } from '../json-schema';

/** A fixed extension (the rules set its length) takes no data. */
const NO_DATA = z.strictObject({});

/** An action as clients receive it: labels from the declaration and the JSON Schema of its `data`. */
export interface ActionDescription {
  name: string;
  label: string;
  labelEn?: string;
  final: boolean;
  by?: ActionDeclaration['by'];
  inputSchema?: JsonSchema;
}

function describeAction(view: ActionView, declared: ActionDeclaration | undefined, withSchema: boolean): ActionDescription {
  if (!declared) return { ...view };
  return {
    name: view.name,
    label: declared.label,
    labelEn: declared.labelEn,
    final: declared.final,
    by: declared.by,
    ...(withSchema ? { inputSchema: inputJsonSchema(declared.schema) } : {}),
  };
}

/** The engine's actions that apply to a task as it stands. */
type EngineAction = keyof typeof ENGINE_ACTIONS_STEP.actions;

function engineActionsFor(task: TaskView): EngineAction[] {
  const names: EngineAction[] = ['delegate'];
  if (task.deadlineId && task.status === 'open') names.push('extend');
  names.push(task.status === 'paused' ? 'resume' : 'pause');
  return names;
}

/**
 * A task as the API serves it, looked up by its step in the declarations (replay-safe: workflow
 * state carries only names). Labels come from the declaration, so a running process recorded with
 * older labels shows today's; an open task also carries each action's input schema and the
 * engine's actions that apply to it.
 */
export function describeTask(task: TaskView) {
  const step = findStep(task.step);
  const open = task.status === 'open' || task.status === 'paused';
  return {
    ...task,
    stepLabel: step?.label ?? task.step,
    stepLabelEn: step?.labelEn ?? task.step,
    actions: task.actions.map((a) => describeAction(a, step?.actions[a.name], open)),
    ...(open
      ? {
          engineActions: engineActionsFor(task).map((name) => {
            const declared = ENGINE_ACTIONS_STEP.actions[name];
            const fixed = name === 'extend' && task.fixedExtension ? { ...declared, schema: NO_DATA } : declared;
            return describeAction({ name, label: declared.label, final: false }, fixed, true);
          }),
        }
      : {}),
  };
}

/** A decided task (已办) as clients receive it: the step's and the action's labels from the declarations. */
export function describeActed<T extends { step: string; action: string }>(row: T) {
  const step = findStep(row.step);
  const action = step?.actions[row.action] ?? (ENGINE_ACTIONS_STEP.actions as Record<string, ActionDeclaration | undefined>)[row.action];
  return {
    ...row,
    stepLabel: step?.label ?? row.step,
    stepLabelEn: step?.labelEn ?? row.step,
    actionLabel: action?.label ?? row.action,
    actionLabelEn: action?.labelEn ?? row.action,
  };
}
