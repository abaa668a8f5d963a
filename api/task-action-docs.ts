import { ENGINE_ACTIONS_STEP } from '../domain/engine-actions';
import { DECLARED_STEPS } from '../domain/step-catalog';
import type { StepDeclaration } from '../domain/steps';
import { inputJsonSchema, type JsonSchema } from './json-schema';

const comment: JsonSchema = { type: 'string', maxLength: 2000, description: 'a remark for the audit trail; the reason for extend and pause' };

/** The body of one action: its name as a constant, and its `data` as declared. */
function actionBody(name: string, label: string, labelEn: string, data: JsonSchema): JsonSchema {
  const needsData = Array.isArray(data.required) && data.required.length > 0;
  return {
    type: 'object',
    title: `${label} (${labelEn})`,
    properties: { action: { const: name }, comment, data },
    required: needsData ? ['action', 'data'] : ['action'],
    additionalProperties: false,
  };
}

function stepBody(step: StepDeclaration): JsonSchema {
  return {
    title: `${step.label} (${step.labelEn})`,
    description: `the actions of a task whose step is \`${step.id}\``,
    oneOf: Object.entries(step.actions).map(([name, action]) => actionBody(name, action.label, action.labelEn, inputJsonSchema(action.schema))),
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const componentName = (step: StepDeclaration) => `TaskAction.${step.id}`;

/**
 * OpenAPI components for the action route, from the step declarations: one schema per step (one
 * alternative per action, told apart by `action`), and `TaskAction` for any of them.
 */
export function taskActionComponents(): Record<string, JsonSchema> {
  const steps = [...DECLARED_STEPS, ENGINE_ACTIONS_STEP];
  const components: Record<string, JsonSchema> = {};
  for (const step of steps) components[componentName(step)] = stepBody(step);
  components.TaskAction = {
    description:
      'An action on a task. Which actions a task allows depends on its step (`task.step`); each open task lists them with their input schema (`actions[].inputSchema`). The engine actions (delegate, extend, pause, resume) apply to any task.',
    anyOf: steps.map((step) => ref(componentName(step))),
  };
  return components;
}

export const TASK_ACTION_DOCS = ref('TaskAction');
